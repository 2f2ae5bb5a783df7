// The desktop shell on the real application, what only Linux shows here:
// the page speaks French whatever the locale, the window's native title
// names the open roadmap (read from X), and a
// crash report left by an earlier run is told at start. The
// platform-independent part is smoke.e2e.ts.
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../../..");
const cli = process.env.FDR_CLI ?? path.join(root, "target/debug/fdr");
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
