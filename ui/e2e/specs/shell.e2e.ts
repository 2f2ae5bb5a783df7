// The desktop shell on the real application, what only Linux shows here:
// the page speaks French whatever the locale, the window's native title
// names the open roadmap (read from X), a
// crash report left by an earlier run is told at start, and OpenGL (Mesa)
// is loaded by the web process only. The
// platform-independent part is smoke.e2e.ts.
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../../..");
const cli = process.env.FDR_CLI ?? path.join(root, "target/debug/fdr");
const app = process.env.FDR_APP ?? path.join(root, "target/release/feuilles-de-route");
const db = process.env.FDR_DB ?? "";
const logs = path.join(process.env.XDG_DATA_HOME ?? "", "fr.feuillesderoute.desktop", "logs");
const example = path.join(root, "docs/format/example-theme-09.json");
const axe = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** axe's findings from moderate up (the shell's own screens allow none). */
async function findings(): Promise<string[]> {
  await browser.execute(axe);
  return browser.executeAsync((done: (r: string[]) => void) => {
    const run = (window as unknown as { axe: { run: (c: Document, o: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    run
      .run(document, { resultTypes: ["violations"] })
      .then((r) =>
        done(r.violations.filter((v) => v.impact !== "minor").map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)),
      )
      .catch((e: unknown) => done([`axe failed: ${String(e)}`]));
  });
}

/** The names of the X windows (the native title, which WebDriver does not see). */
function windowNames(): string {
  return execFileSync("xwininfo", ["-root", "-tree"], { encoding: "utf8" });
}

async function titled(title: string) {
  await browser.waitUntil(() => windowNames().includes(`"${title}"`), {
    timeout: 10000,
    timeoutMsg: `a window titled « ${title} »:\n${windowNames()}`,
  });
}

/** Every process: its pid, parent and name (`/proc`). */
function processes(): { pid: number; ppid: number; name: string }[] {
  const out: { pid: number; ppid: number; name: string }[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const close = stat.lastIndexOf(")");
      out.push({ pid: Number(entry), ppid: Number(stat.slice(close + 2).split(" ")[1]), name: stat.slice(stat.indexOf("(") + 1, close) });
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** The libraries process `pid` has mapped (`/proc/PID/maps`), one per line. */
function libraries(pid: number): string[] {
  const paths = fs
    .readFileSync(`/proc/${pid}/maps`, "utf8")
    .split("\n")
    .map((l) => l.split(/\s+/).slice(5).join(" "))
    .filter((p) => p.includes(".so"));
  return [...new Set(paths)];
}

describe("the desktop shell", () => {
  before(async () => {
    // Theme 9 in the store, whatever ran before (« déjà présente » is fine),
    // and the page reloaded to show it (the window opened before the import).
    execFileSync(cli, ["--db", db, "import", example], { stdio: "ignore" });
    await browser.refresh();
  });

  it("speaks French whatever the system's locale (date fields as 30/06/2022)", async () => {
    // The e2e runs under LANG=C or en_US: WebKit would format dates as 06/30/2022.
    await $("h1=Feuilles de route thématiques").waitForDisplayed({ timeout: 30000 });
    const language = await browser.execute(() => navigator.language);
    expect(language).toBe("fr-FR");
  });

  it("names the open roadmap in the window's title", async () => {
    await $("h1=Feuilles de route thématiques").waitForDisplayed({ timeout: 30000 });
    await titled("Feuilles de route");
    const open = await $('button[title="Ouvrir la feuille de route du thème 9"]');
    await open.waitForDisplayed();
    await open.click();
    await $("h2=Fiche").waitForDisplayed();
    await titled("Thème 9 — Les sortants de l’aide sociale à l’enfance — Feuilles de route");
    await $("button=Toutes les feuilles de route").click();
    await $("h1=Feuilles de route thématiques").waitForDisplayed();
    await titled("Feuilles de route");
  });

  it("leaves OpenGL (Mesa) to the web process, out of the window process", async () => {
    await $("h1=Feuilles de route thématiques").waitForDisplayed({ timeout: 30000 });
    const all = processes();
    const target = fs.realpathSync(app);
    const window = all.find((p) => {
      try {
        return fs.readlinkSync(`/proc/${p.pid}/exe`) === target;
      } catch {
        return false;
      }
    });
    expect(window).toBeDefined();
    // The web process is a descendant of the window process (directly, or
    // under a sandbox).
    const descends = (p: { ppid: number }, depth = 0): boolean =>
      p.ppid === window?.pid || (depth < 4 && all.some((q) => q.pid === p.ppid && descends(q, depth + 1)));
    const web = all.find((p) => p.name.startsWith("WebKitWebProces") && descends(p));
    expect(web).toBeDefined();
    const mesa = (l: string) => /_dri\.so|libLLVM/.test(l);
    // Without compositing on X11 the window process draws nothing with
    // OpenGL: Mesa and its LLVM (20 MB relocated) stay out of it (window.rs).
    expect(libraries(window?.pid ?? 0).filter(mesa)).toEqual([]);
    // The web process still has its EGL (WebKit aborts without one).
    expect(libraries(web?.pid ?? 0).some(mesa)).toBe(true);
    expect(fs.readFileSync(path.join(logs, "feuilles-de-route.log"), "utf8")).toContain(
      "OpenGL laissé au seul processus de la page",
    );
  });

  it("tells at start about the crash report an earlier run left", async () => {
    fs.mkdirSync(logs, { recursive: true });
    fs.writeFileSync(path.join(logs, "panique-2026-01-05T10-00-00Z.txt"), "Arrêt inattendu (essai)\n");
    await browser.reloadSession();
    // The previous instance may still hold the store's name while it
    // exits: this launch then starts again until it is free (instance.rs).
    const notice = await $("h3=Arrêt inattendu lors d’une utilisation précédente");
    await notice.waitForDisplayed({ timeout: 30000 });
    expect(await $("main").getText()).toContain("panique-2026-01-05T10-00-00Z.signalee.txt");
    expect(await findings()).toEqual([]);
  });
});
