// The smoke test of an installed build, on every platform tauri-driver
// drives (Linux here; Windows in .github/workflows/bundles.yml, on the
// silently installed NSIS build): the start screen, a second launch with a
// file handing it to this window (one instance per store), À propos with
// every licence, and the guide (axe-clean, moderate findings included).
// It needs neither the fdr CLI nor X tools.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../../..");
const app = process.env.FDR_APP ?? path.join(root, "target/release/feuilles-de-route");
const work = process.env.FDR_E2E_WORK ?? "";
const db = process.env.FDR_DB ?? "";
const shots = path.join(here, "../out/screens");
// The app's log folder, and the user's home the journal must not name.
const windows = process.platform === "win32";
const logs = windows
  ? path.join(process.env.LOCALAPPDATA ?? "", "fr.feuillesderoute.desktop", "logs")
  : path.join(process.env.XDG_DATA_HOME ?? "", "fr.feuillesderoute.desktop", "logs");
const home = (windows ? process.env.USERPROFILE : process.env.HOME) ?? "/nonexistent";
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

async function look(screen: string) {
  fs.mkdirSync(shots, { recursive: true });
  await browser.saveScreenshot(path.join(shots, `${screen}.png`));
  expect(await findings()).toEqual([]);
}

describe("an installed build", () => {
  it("starts on the 15 themes", async () => {
    await $("h1=Feuilles de route thématiques").waitForDisplayed({ timeout: 30000 });
    const rows = await $$("//table[caption[starts-with(normalize-space(), 'Les 15 thèmes')]]/tbody/tr");
    expect(rows.length).toBeGreaterThanOrEqual(15);
  });

  it("takes a file from a second launch into this window, which stays the only one", async () => {
    const received = JSON.parse(fs.readFileSync(example, "utf8"));
    received.id = "3f1d2c4b-5a6e-4f70-8a9b-0c1d2e3f4a5b";
    received.theme.number = 4;
    received.theme.title = "L’accompagnement des familles, hébergement / logement, maraudes";
    const file = path.join(work, "reçue « thème 4 ».fdr.json");
    fs.writeFileSync(file, JSON.stringify(received, null, 2));
    // The second launch, from another folder, names the file relatively.
    const second = spawn(app, [path.basename(file)], { cwd: work, stdio: "ignore" });
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => {
        second.kill();
        resolve(null);
      }, 20000);
      second.on("exit", (c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
    expect(code).toBe(0); // it handed over and left; null would be a second window still open
    const results = await $("#import-results");
    await results.waitForDisplayed({ timeout: 15000 });
    expect(await results.getText()).toContain("reçue « thème 4 ».fdr.json : thème 4 importé (révision 3)");
    const row = await $("//tbody/tr[td[1][normalize-space()='4']]");
    await browser.waitUntil(async () => (await row.getText()).includes("L’accompagnement des familles"), {
      timeoutMsg: "theme 4 listed on the start screen",
    });
  });

  it("shows À propos: version, build, where the data and journal are, and every licence", async () => {
    await $("button=À propos").click();
    const heading = await $("h1=À propos de Feuilles de route");
    await heading.waitForDisplayed();
    expect(await heading.isFocused()).toBe(true);
    const text = await $("main").getText();
    expect(text).toContain("0.1.0");
    expect(text).toContain(db);
    expect(text).toContain(logs);
    await $("h2=Composants Rust").waitForDisplayed({ timeout: 10000 });
    const rust = await $("//section[h2='Composants Rust']").getText();
    expect(rust).toMatch(/\d+ composants, sous \d+ licences/);
    const crates = await browser.execute(() => document.querySelector("#licences-rust")?.parentElement?.textContent ?? "");
    for (const name of ["tauri ", "rusqlite ", "serde "]) expect(crates).toContain(name);
    const npm = await browser.execute(() => document.querySelector("#licences-npm")?.parentElement?.textContent ?? "");
    for (const name of ["react ", "@codegouvfr/react-dsfr ", "marked "]) expect(npm).toContain(name);
    await look("a-propos");
    await $("button=Retour").click();
    await $("h1=Feuilles de route thématiques").waitForDisplayed();
  });

  it("shows the guide, offline, for both roles", async () => {
    await $("button=Guide d’utilisation").click();
    await $("h1=Guide d’utilisation").waitForDisplayed();
    const text = await $("main").getText();
    for (const part of ["Écrire une feuille de route (animation)", "Importer les feuilles de route reçues (secrétariat)", "Émettre un avis (secrétariat)"]) {
      expect(text).toContain(part);
    }
    await look("guide");
    await $("button=Retour").click();
  });

  it("writes its journal without the user's home folder", () => {
    const journal = fs.readFileSync(path.join(logs, "feuilles-de-route.log"), "utf8");
    expect(journal).toContain("démarrage de Feuilles de route");
    expect(journal).toContain("fichier ouvert importé : reçue « thème 4 ».fdr.json");
    expect(journal).not.toContain(home);
  });

});
