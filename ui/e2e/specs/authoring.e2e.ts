// The authoring flow on the real application: create a roadmap, fill every
// part, export it, import the export elsewhere with `fdr`, restart, and
// check that user text is shown as text. axe-core runs on each screen.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { moderateFindings, seriousFindings } from "./axe";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../../..");
const cli = process.env.FDR_CLI ?? path.join(root, "target/debug/fdr");
const work = process.env.FDR_E2E_WORK ?? "";
const exports = process.env.FDR_EXPORT_DIR ?? "";
const HOSTILE = "<img src=x onerror=alert(1)>";

/** Number of edits the editor has seen committed. */
async function saves(): Promise<number> {
  return Number((await $("#save-status").getAttribute("data-saves")) ?? "0");
}

/** What the page shows and where it saw the last clicks land, for the log of a failure. */
async function pageState() {
  return browser.execute(() => ({
    status: document.getElementById("save-status")?.textContent ?? "",
    focused: document.activeElement?.id || document.activeElement?.tagName,
    scrollY: window.scrollY,
    alerts: [...document.querySelectorAll(".fr-alert")].map((n) => n.textContent),
    clicks: (window as unknown as { fdrClicks?: string[] }).fdrClicks?.slice(-3) ?? [],
  }));
}

/** Records where clicks land (the last ones are in `pageState`). */
async function recordClicks() {
  await browser.execute(() => {
    const w = window as unknown as { fdrClicks?: string[] };
    if (w.fdrClicks) return;
    w.fdrClicks = [];
    document.addEventListener(
      "click",
      (e) => {
        const t = e.target as Element;
        w.fdrClicks?.push(`${t.tagName}#${t.id}${t.getAttribute("for") ? `[for=${t.getAttribute("for")}]` : ""} at ${e.clientX},${e.clientY}`);
      },
      true,
    );
  });
}

/** Runs `act`, then waits until the store has committed one more edit. */
async function committed(act: () => Promise<unknown>) {
  const before = await saves();
  await act();
  await browser
    .waitUntil(async () => (await saves()) > before, { timeoutMsg: "the edit was not shown saved" })
    .catch(async (e: unknown) => {
      const state = await pageState();
      await browser.saveScreenshot(path.join(shots, `not-saved-${Date.now()}.png`));
      throw new Error(`${String(e)}: ${JSON.stringify(state)}`);
    });
  expect(await $("#save-status").getText()).toMatch(/^Enregistré à/);
}

/**
 * Ticks a checkbox by its label at a person's pace (the button held 150 ms)
 * and waits for the change to be saved. Pressing on a label first focuses
 * the page's <main>; the editor used to scroll that to its top before the
 * button came up, so the click was lost (the flake seen in CI, every time
 * at this pace).
 */
async function tickCommitted(input: string) {
  await recordClicks();
  const label = await $(`label[for="${input}"]`);
  await label.scrollIntoView({ block: "center" });
  const scrolled = await browser.execute(() => window.scrollY);
  await committed(() => browser.action("pointer").move({ origin: label }).down().pause(150).up().perform());
  if (!(await $(`#${input}`).isSelected())) throw new Error(`the box is not ticked: ${JSON.stringify(await pageState())}`);
  const now = await browser.execute(() => window.scrollY);
  // The page stays where the user clicked.
  if (now !== scrolled) throw new Error(`the page scrolled from ${scrolled} to ${now} under the click`);
}

/** Sets a field's value as typing would (WebKitWebDriver drops newlines and cannot type into date fields). */
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

async function section(name: string) {
  await $(`//nav//a[starts-with(normalize-space(.), "${name}")]`).click();
}

/** Screenshots of every screen, to look at (e2e/out/screens/). */
const shots = path.join(here, "../out/screens");
fs.mkdirSync(shots, { recursive: true });

/** Screenshot, no CSP violation, and no axe finding: serious ones anywhere, moderate ones too in the editor. */
async function noSeriousFindings(screen: string, least: "serious" | "moderate" = "moderate") {
  await browser.saveScreenshot(path.join(shots, `${screen.normalize("NFD").replace(/[^a-z]+/gi, "-")}.png`));
  const csp = await browser.execute(
    () => (window as unknown as { fdrCspViolations?: string[] }).fdrCspViolations ?? ["no CSP record"],
  );
  expect(csp).toEqual([]);
  const found = least === "moderate" ? await moderateFindings() : await seriousFindings();
  expect(found).toEqual([]);
  if (found.length) throw new Error(`${screen}: ${found.join("\n")}`);
}

describe("an animator writing a roadmap", () => {
  before(async () => {
    // The animators' laptops: 1366×768 (ignored where the window cannot be sized).
    await browser.setWindowSize(1366, 768).catch(() => undefined);
  });

  it("sees the 15 themes on the start screen", async () => {
    await $("h1=Feuilles de route thématiques").waitForDisplayed({ timeout: 30000 });
    const rows = await $$("//table[caption[starts-with(normalize-space(), 'Les 15 thèmes')]]/tbody/tr");
    expect(rows.length).toBe(15);
    await noSeriousFindings("accueil");
  });

  it("creates the roadmap of theme 9 and fills its card", async () => {
    await $('button[title="Créer la feuille de route du thème 9"]').click();
    await $("h2=Fiche").waitForDisplayed();
    await noSeriousFindings("fiche");
    await $("#new-animator").setValue("Camille Martin");
    await committed(() => $("button=Ajouter l’animateur").click());
    await expect($("#animator-0-name")).toHaveValue("Camille Martin");
  });

  it("writes the diagnosis with its preview", async () => {
    await section("Diagnostic");
    await committed(async () => {
      await typeInto("diagnosis-text", "Un **constat** partagé\n\n- premier point\n- second point");
      await $("#new-key-figure-label").click(); // leaving the field commits it
    });
    const preview = await $('[aria-label="Aperçu : Texte du diagnostic"]');
    await expect(preview.$("strong")).toHaveText("constat");
    await browser.waitUntil(async () => (await preview.$$("li").length) === 2, {
      timeoutMsg: "the preview shows the two list items",
    });
    await noSeriousFindings("diagnostic");
  });

  it("adds two objectives, one titled with markup that must stay text", async () => {
    await section("Objectifs et priorités");
    await $("#new-objective").setValue("Lever les freins à l’emploi");
    await committed(() => $("button=Ajouter l’objectif").click());
    await $("#new-objective").setValue(HOSTILE);
    await committed(() => $("button=Ajouter l’objectif").click());
    await expect($("#objective-1-title")).toHaveValue(HOSTILE);
    const images = await browser.execute(() => document.querySelectorAll('img[src="x"]').length);
    expect(images).toBe(0);
    const alertOpen = await browser.getAlertText().then(
      () => true,
      () => false,
    );
    expect(alertOpen).toBe(false);
    // Reorder by keyboard: focus « Monter » of the second objective and press Enter.
    await $('button[title="Monter l’objectif O2"]').click();
    await browser.waitUntil(async () => (await $("#objective-0-title").getValue()) === HOSTILE);
    await committed(() => $('button[title="Descendre l’objectif O2"]').click());
    await expect($("#objective-0-title")).toHaveValue("Lever les freins à l’emploi");
    await noSeriousFindings("objectifs");
  });

  it("adds an action linked to an objective with two funding lines", async () => {
    await section("Plan d’action");
    await $("#new-action").setValue("Faciliter la garde d’enfants");
    await committed(() => $("button=Ajouter l’action").click());
    await $("#action-0-lead").waitForDisplayed();
    await committed(async () => {
      await $("#action-0-lead").setValue("CAF du Nord");
      await $("#action-0-partners").click();
    });
    await tickCommitted("action-0-objectives-0");
    await $("#action-0-funding-new-funder").setValue("État");
    await $("#action-0-funding-new-amount").setValue("10 000");
    await committed(() => $("button=Ajouter la ligne").click());
    await $("#action-0-funding-new-funder").setValue("Département");
    await $("#action-0-funding-new-year").selectByVisibleText("2020");
    await $("#action-0-funding-new-amount").setValue("5 000,50");
    await committed(() => $("button=Ajouter la ligne").click());
    const grid = await $("caption=Budget de l’action A1 par financeur et par année").parentElement();
    expect(await grid.getText()).toContain("15\u202f000,50\u202f€");
    expect(await $("p*=Part de l’État").getText()).toContain("67");
    // A line is edited in place: the amount of the second line becomes 6 000 €.
    await committed(async () => {
      await $("#action-0-funding-1-amount").setValue("6 000");
      await $("#action-0-funding-1-funder").click();
    });
    expect(await grid.getText()).toContain("16\u202f000\u202f€");
    await noSeriousFindings("plan d’action");
  });

  it("adds an indicator with a measurement", async () => {
    await section("Indicateurs");
    await $("#new-indicator-name").setValue("Parents accompagnés vers l’emploi");
    await $("#new-indicator-unit").setValue("personnes");
    await committed(() => $("button=Ajouter l’indicateur").click());
    await $("#indicator-0-new-date").waitForDisplayed();
    await typeInto("indicator-0-new-date", "2022-06-30");
    await $("#indicator-0-new-value").setValue("42");
    await committed(() => $("button=Ajouter la mesure").click());
    await expect($("#indicator-0-measurement-0-value")).toHaveValue("42");
    await expect($('svg[role="img"]')).toBeDisplayed();
    await noSeriousFindings("indicateurs");
  });

  it("adds a participation practice", async () => {
    await section("Participation");
    await $("#new-practice-method").selectByVisibleText("Co-construction");
    await $("#new-practice-description").setValue("Ateliers avec des parents allocataires");
    await committed(() => $("button=Ajouter la pratique").click());
    await expect($("#practice-0-description")).toHaveValue("Ateliers avec des parents allocataires");
    await noSeriousFindings("participation");
  });

  it("follows a warning to its field (O2 has no action)", async () => {
    await section("Vérifications");
    await noSeriousFindings("vérifications");
    await $("a*=O2").click();
    await browser.waitUntil(async () => (await browser.execute(() => document.activeElement?.id)) === "objective-1-title", {
      timeoutMsg: "the warning did not lead to the objective's title",
    });
  });

  it("exports the PDF and the JSON; fdr imports the PDF into another store as the same roadmap", async () => {
    await section("Export");
    await noSeriousFindings("export");
    await $("button=Exporter en PDF").click();
    await $("div*=PDF enregistré").waitForDisplayed({ timeout: 20000 });
    await $("button=Exporter en JSON").click();
    await $("div*=Fichier JSON enregistré").waitForDisplayed({ timeout: 20000 });
    const files = fs.readdirSync(exports).sort();
    const pdf = files.find((f) => f.endsWith(".pdf"));
    const json = files.find((f) => f.endsWith(".fdr.json"));
    expect(pdf).toMatch(/^theme-09-.*-r1\.pdf$/);
    expect(json).toMatch(/^theme-09-.*-r1\.fdr\.json$/);
    const other = path.join(work, "other.sqlite");
    execFileSync(cli, ["--db", other, "import", path.join(exports, pdf ?? "")]);
    const again = path.join(work, "again.fdr.json");
    execFileSync(cli, ["--db", other, "export", "9", "--format", "json", "--out", again]);
    expect(fs.readFileSync(again).equals(fs.readFileSync(path.join(exports, json ?? "")))).toBe(true);
    await committed(() => $("button=Marquer la feuille de route comme remise").click());
    await expect($("strong=Remise")).toBeDisplayed();
  });

  it("finds everything again after quitting and restarting", async () => {
    await browser.reloadSession();
    await $("h1=Feuilles de route thématiques").waitForDisplayed({ timeout: 30000 });
    await $('button[title="Ouvrir la feuille de route du thème 9"]').click();
    await expect($("#animator-0-name")).toHaveValue("Camille Martin");
    await section("Objectifs et priorités");
    await expect($("#objective-1-title")).toHaveValue(HOSTILE);
    await section("Plan d’action");
    expect(await $("tbody").getText()).toContain("16\u202f000\u202f€");
    await section("Participation");
    await expect($("#practice-0-description")).toHaveValue("Ateliers avec des parents allocataires");
  });
});
