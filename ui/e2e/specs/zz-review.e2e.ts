// The review loop in the real window, with two stores: as the secretariat,
// write an avis on a received roadmap and export its PDF; then, in the
// animator's store, import that PDF, see the remark beside its action and
// answer it. (Runs after the other specs: it adds a roadmap of theme 12.)
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { moderateFindings } from "./axe";
import { answerRole } from "./role";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../../..");
const cli = process.env.FDR_CLI ?? path.join(root, "target/debug/fdr");
const app = process.env.FDR_APP ?? path.join(root, "target/release/feuilles-de-route");
const work = process.env.FDR_E2E_WORK ?? "";
const exports = process.env.FDR_EXPORT_DIR ?? "";
const example = path.join(root, "docs/format/example-theme-09.json");
const shots = path.join(here, "../out/screens");
const ID = "6c1d8e2f-3b9a-4d4a-8e8f-1a4b7c21d512";
const animatorStore = path.join(work, "animatrice-theme-12.sqlite");

/** The animator's copy: the example as theme 12, authored there, exported as PDF (revision 3). */
function animatorExport(): string {
  const v = JSON.parse(fs.readFileSync(example, "utf8"));
  v.id = ID;
  v.theme = { number: 12, title: "Accompagner les personnes vers le logement" };
  const json = path.join(work, "theme-12-r3.fdr.json");
  fs.writeFileSync(json, JSON.stringify(v, null, 2));
  const pdf = path.join(work, "theme-12-r3.pdf");
  execFileSync(cli, ["--db", animatorStore, "import", json], { stdio: "ignore" });
  execFileSync(cli, ["--db", animatorStore, "adopt", "12"], { stdio: "ignore" });
  execFileSync(cli, ["--db", animatorStore, "export", "12", "--format", "pdf", "--out", pdf], { stdio: "ignore" });
  return pdf;
}

async function drop(files: string[]) {
  const payload = files.map((f) => ({ name: path.basename(f), data: fs.readFileSync(f).toString("base64") }));
  await browser.execute((items: { name: string; data: string }[]) => {
    const transfer = new DataTransfer();
    for (const item of items) {
      const bytes = Uint8Array.from(atob(item.data), (c) => c.charCodeAt(0));
      transfer.items.add(new File([bytes], item.name, { type: "application/pdf" }));
    }
    window.dispatchEvent(new DragEvent("dragover", { dataTransfer: transfer, bubbles: true, cancelable: true }));
    window.dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, payload);
}

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

async function look(screen: string) {
  fs.mkdirSync(shots, { recursive: true });
  await browser.saveScreenshot(path.join(shots, `${screen}.png`));
  expect(await moderateFindings()).toEqual([]);
}

describe("the review loop between the secretariat and an animator", () => {
  const r3 = animatorExport();
  let avisPdf = "";

  it("as the secretariat, writes an avis on the received roadmap and exports its PDF", async () => {
    await $("h1=Feuilles de route thématiques").waitForDisplayed({ timeout: 30000 });
    await drop([r3]);
    await browser.waitUntil(async () => (await $("#import-results").getText()).includes("thème 12 importé"), {
      timeoutMsg: "the received PDF is imported",
    });
    await $('button[title="Avis du secrétariat sur le thème 12"]').click();
    await $("h1*=Avis — thème 12").waitForDisplayed();
    await $("button*=Rédiger un avis sur la révision 3").click();
    await $("#draft-heading").waitForDisplayed();
    await $("#new-remark-target").selectByVisibleText("Action A2 — Réservation de logements pour les jeunes sortants");
    await $("#new-remark-field").selectByAttribute("value", "funding");
    await $("label=Bloquante (à traiter avant validation)").click();
    await typeInto("new-remark-text", "Précisez le cofinancement du Département après 2020.");
    await $("button=Ajouter la remarque").click();
    await browser.waitUntil(async () => (await $("#avis-status").getText()) === "Brouillon enregistré");
    await $("#remark-R1").waitForDisplayed();
    await $("label=Modifications demandées").click();
    await look("avis-brouillon");
    await $("button=Émettre l’avis").click();
    await $("button=Confirmer : émettre l’avis").click();
    await browser.waitUntil(async () => (await $("#avis-status").getText()) === "Avis émis");
    await $("button=Exporter l’avis en PDF").click();
    await browser.waitUntil(async () => (await $("#avis-status").getText()).startsWith("Avis exporté"));
    avisPdf = (await $("#avis-status").getText()).replace("Avis exporté : ", "");
    expect(path.dirname(avisPdf)).toBe(exports);
    await look("avis-emis");
    const detached = execFileSync("pdfdetach", ["-list", avisPdf]).toString();
    expect(detached).toContain("avis.json");
  });

  it("as the animator, in another store, imports the avis, sees the remark beside its action and answers it", async () => {
    await browser.reloadSession({
      // @ts-expect-error: tauri-driver's own capability
      "tauri:options": { application: app, args: ["--db", animatorStore] },
      "wdio:enforceWebDriverClassic": true,
    });
    // A fresh store asks once what this copy is for (axe-clean too).
    await $("#role-question").waitForDisplayed({ timeout: 30000 });
    await look("question-du-role");
    // This copy writes theme 12, its roadmap comes first.
    expect(await answerRole({ theme: 12 })).toBe(true);
    await $("h1=Feuilles de route thématiques").waitForDisplayed({ timeout: 30000 });
    // The animator's own roadmap, first.
    expect(await $("#own-roadmap").getText()).toContain("Thème 12");
    await drop([avisPdf]);
    await browser.waitUntil(async () => (await $("#import-results").getText()).includes("avis importé sur le thème 12"), {
      timeoutMsg: "the avis PDF is imported",
    });
    await $('button[title="Ouvrir la feuille de route du thème 12"]').click();
    await $("h2=Fiche").waitForDisplayed();
    expect((await $("main").getText()).toLowerCase()).toContain("avis du secrétariat : modifications demandées");
    await $('//nav//a[starts-with(normalize-space(.), "Plan d’action")]').click();
    const row = await $("//tbody/tr[td[1][normalize-space()='A2']]");
    expect((await row.getText()).toLowerCase()).toContain("1 remarque, 1 sans réponse");
    await row.$("button").click();
    const beside = await $('aside[aria-label="Remarques du secrétariat sur A2"]');
    await beside.waitForDisplayed();
    expect(await beside.getText()).toContain("Précisez le cofinancement du Département après 2020.");
    await look("remarque-a-cote-de-l-action");
    await $('//nav//a[starts-with(normalize-space(.), "Remarques du secrétariat")]').click();
    await $("h2=Remarques du secrétariat").waitForDisplayed();
    const key = (await $$("form textarea")[0].getAttribute("id")) ?? "";
    await typeInto(key, "Le Département finance 60 000 € en 2021 et en 2022.");
    await $("button=Enregistrer la réponse").click();
    await browser.waitUntil(async () => (await $("#save-status").getText()).startsWith("Enregistré à"), {
      timeoutMsg: "the answer is saved",
    });
    await browser.waitUntil(async () => (await $("main").getText()).includes("Traitées (1)"));
    await look("remarques-du-secretariat");
    const listed = JSON.parse(execFileSync(cli, ["--db", animatorStore, "avis", "list", "12", "--json"]).toString());
    expect(listed.answers).toEqual([
      expect.objectContaining({ remark: "R1", state: "addressed", text: "Le Département finance 60 000 € en 2021 et en 2022." }),
    ]);
  });
});
