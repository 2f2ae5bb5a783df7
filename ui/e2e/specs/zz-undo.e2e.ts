// Undo never puts back content over a revision that arrived meanwhile:
// the app edits a roadmap; with the app still open, `fdr import` takes a
// newer revision of it from its author; Ctrl+Z in the app is refused, the
// imported text stays, and the user is told why undo is gone.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { moderateFindings } from "./axe";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../../..");
const cli = process.env.FDR_CLI ?? path.join(root, "target/debug/fdr");
const work = process.env.FDR_E2E_WORK ?? "";
const db = process.env.FDR_DB ?? "";
const example = path.join(root, "docs/format/example-theme-09.json");
const shots = path.join(here, "../out/screens");
const ID = "7e2f9a30-4cab-4e5b-9f90-2b5c8d32e623";

async function typeInto(id: string, value: string) {
  await browser.execute(
    (id, value) => {
      const el = document.getElementById(id) as HTMLInputElement | HTMLTextAreaElement;
      const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
      Object.getOwnPropertyDescriptor(proto, "value")?.set?.call(el, value);
      el.dispatchEvent(new Event("input", { bubbles: true }));
      el.focus();
    },
    id,
    value,
  );
}

describe("undo after an import", () => {
  it("keeps the imported revision and says why undo is gone", async () => {
    // The roadmap of theme 14, authored in this copy and exported (revision 3).
    const v = JSON.parse(fs.readFileSync(example, "utf8"));
    v.id = ID;
    v.theme = { number: 14, title: "Thème 14 de l’essai d’annulation" };
    const r3 = path.join(work, "theme-14-r3.fdr.json");
    fs.writeFileSync(r3, JSON.stringify(v, null, 2));
    execFileSync(cli, ["--db", db, "import", r3], { stdio: "ignore" });
    execFileSync(cli, ["--db", db, "adopt", ID], { stdio: "ignore" });
    await browser.refresh();
    await $("h1=Feuilles de route thématiques").waitForDisplayed({ timeout: 30000 });
    await $('button[title="Ouvrir la feuille de route du thème 14"]').click();
    await $("h2=Fiche").waitForDisplayed();
    await $('//nav//a[starts-with(normalize-space(.), "Participation")]').click();
    const before = Number((await $("#save-status").getAttribute("data-saves")) ?? "0");
    await typeInto("participation-text", "Texte modifié dans la fenêtre.");
    await $("h2").click();
    await browser.waitUntil(async () => Number((await $("#save-status").getAttribute("data-saves")) ?? "0") > before);
    await $('//nav//a[starts-with(normalize-space(.), "Export")]').click();
    await $("button=Exporter en JSON").click();
    await $("div*=Fichier JSON enregistré").waitForDisplayed();
    // Meanwhile the author's revision 9 arrives through the command line.
    v.revision = 9;
    v.participation.text = "Texte de la révision 9 reçue de l’autrice.";
    const r9 = path.join(work, "theme-14-r9.fdr.json");
    fs.writeFileSync(r9, JSON.stringify(v, null, 2));
    const out = execFileSync(cli, ["--db", db, "import", r9]).toString();
    expect(out).toContain("révision 9");
    await browser.keys(["Control", "z"]);
    await $("div*=La feuille de route a changé ailleurs").waitForDisplayed({ timeout: 10000 });
    fs.mkdirSync(shots, { recursive: true });
    await browser.saveScreenshot(path.join(shots, "annulation-apres-import.png"));
    expect(await $("main").getText()).toContain(
      "Annulation impossible : la feuille de route a changé depuis votre dernière modification (import, autre fenêtre ou ligne de commande) : les modifications précédentes ne peuvent plus être annulées",
    );
    await expect($("button*=Annuler")).toBeDisabled();
    expect(await moderateFindings()).toEqual([]);
    await $('//nav//a[starts-with(normalize-space(.), "Participation")]').click();
    await expect($("#participation-text")).toHaveValue("Texte de la révision 9 reçue de l’autrice.");
    const stored = execFileSync(cli, ["--db", db, "export", ID, "--format", "json", "--out", path.join(work, "after.json")]).toString();
    expect(stored).toContain("révision 9");
    expect(fs.readFileSync(path.join(work, "after.json"), "utf8")).toContain("Texte de la révision 9");
  });
});
