// The authoring flow by keyboard alone (each spec has a fresh store): create
// a roadmap, add objectives, move one, delete one and undo the deletion from
// its notice, add an action (its editor opens under its row), a funding line
// with an invalid then a valid amount, delete the line, undo and redo, and
// export: at each step, where focus lands, what is said in the live region,
// and that the toolbar and the sections menu stay in view. Screenshots in
// e2e/out/screens/clavier-*.png.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { moderateFindings } from "./axe";

const here = path.dirname(fileURLToPath(import.meta.url));
const shots = path.join(here, "../out/screens");
fs.mkdirSync(shots, { recursive: true });

/** Presses Tab (or Shift+Tab) until the focused element matches `selector` (at most 120 times). */
async function tabTo(selector: string, backwards = false) {
  for (let i = 0; i < 120; i++) {
    const hit = await browser.execute((s) => document.activeElement?.matches(s) ?? false, selector);
    if (hit) return;
    await browser.keys(backwards ? ["Shift", "Tab"] : ["Tab"]);
  }
  throw new Error(`Tab never reached ${selector}`);
}

async function saves(): Promise<number> {
  return Number((await $("#save-status").getAttribute("data-saves")) ?? "0");
}

async function committed(act: () => Promise<unknown>) {
  const before = await saves();
  await act();
  await browser.waitUntil(async () => (await saves()) > before, { timeoutMsg: "not shown saved" });
}

/** The focused element's id, once it has one matching `id` (focus is moved after the render). */
async function focusLandsOn(id: string, why: string) {
  await browser.waitUntil(async () => (await browser.execute(() => document.activeElement?.id ?? "")) === id, {
    timeoutMsg: `${why}: focus on ${await browser.execute(() => document.activeElement?.outerHTML.slice(0, 120) ?? "nothing")}, not #${id}`,
  });
}

/** Whether the element is wholly inside the window, below the sticky toolbar. */
async function inView(selector: string): Promise<boolean> {
  return browser.execute((s) => {
    const el = document.querySelector(s);
    if (!el) return false;
    const r = el.getBoundingClientRect();
    const bar = document.getElementById("editor-bar")?.getBoundingClientRect().bottom ?? 0;
    return r.top >= bar - 1 && r.bottom <= window.innerHeight + 1;
  }, selector);
}

/** Whether the element is wholly inside the window (for what sits in the sticky toolbar). */
async function onScreen(selector: string): Promise<boolean> {
  return browser.execute((s) => {
    const r = document.querySelector(s)?.getBoundingClientRect();
    return !!r && r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight + 1;
  }, selector);
}

/** What the app-wide live region says. */
const said = () => browser.execute(() => document.getElementById("annonces")?.textContent ?? "");

async function shot(name: string) {
  await browser.saveScreenshot(path.join(shots, `clavier-${name}.png`));
}

describe("an animator using only the keyboard", () => {
  before(async () => {
    // The animators' laptops: 1366×768 (ignored where the window cannot be sized).
    await browser.setWindowSize(1366, 768).catch(() => undefined);
  });

  it("creates a roadmap, adds, moves and deletes objectives with feedback, undoes and redoes", async () => {
    await $("h1=Feuilles de route thématiques").waitForDisplayed({ timeout: 30000 });
    // As the app opens on a copy whose role is known (the role question,
    // answered at the session's start, leaves focus on the heading): from the top.
    await browser.refresh();
    await $("h1=Feuilles de route thématiques").waitForDisplayed({ timeout: 30000 });
    // The skip link is the first stop.
    await browser.keys(["Tab"]);
    expect(await browser.execute(() => document.activeElement?.textContent)).toBe("Contenu");
    // Scroll the start screen down: the editor must still open at its top.
    await browser.execute(() => window.scrollTo(0, document.body.scrollHeight));
    await tabTo('button[title="Créer la feuille de route du thème 3"]');
    await browser.keys(["Enter"]);
    await $("h2=Fiche").waitForDisplayed();
    await browser.waitUntil(async () => (await browser.execute(() => document.activeElement?.tagName)) === "H1", {
      timeoutMsg: "focus on the roadmap's heading",
    });
    assert.equal(await browser.execute(() => window.scrollY), 0, "the editor opens at the top");

    await tabTo('a[href="#objectifs"]');
    await browser.keys(["Enter"]);
    await $("h2=2. Objectifs et priorités").waitForDisplayed();
    assert.equal(
      await browser.execute(() => document.activeElement?.textContent),
      "2. Objectifs et priorités",
      "focus on the section's heading",
    );
    for (const title of ["Premier objectif", "Objectif au clavier", "Troisième objectif"]) {
      await tabTo("#new-objective");
      await $("#new-objective").addValue(title);
      await committed(() => browser.keys(["Enter"]));
    }
    await focusLandsOn("objective-2-text", "after adding, the new objective's description");
    expect(await said()).toContain("Objectif ajouté en priorité 3");
    await expect($("#objective-1-title")).toHaveValue("Objectif au clavier");

    // Moving keeps the moved item focused and in view.
    await tabTo('button[title="Monter l’objectif O2"]', true);
    await committed(() => browser.keys(["Enter"]));
    await expect($("#objective-0-title")).toHaveValue("Objectif au clavier");
    await focusLandsOn("objective-0-down", "at the top « Monter » is disabled: its « Descendre »");
    assert.equal(await inView("#objective-0-down"), true, "the moved objective is in view");
    expect(await said()).toContain("Objectif O2 : priorité 1 sur 3");

    // Deleting: a notice naming it, said aloud, focus on the next one; undone from the notice.
    await tabTo('button[title="Supprimer l’objectif O1"]');
    await committed(() => browser.keys(["Enter"]));
    const notice = await $(".fr-notice");
    await expect(notice).toBeDisplayed();
    expect(await notice.getText()).toContain("Objectif O1 « Premier objectif » supprimé");
    expect(await said()).toContain("Objectif O1 « Premier objectif » supprimé");
    await focusLandsOn("objective-1-title", "after deleting, the next objective");
    await expect($("#objective-1-title")).toHaveValue("Troisième objectif");
    assert.equal(await onScreen(".fr-notice"), true, "the notice is in view (in the sticky bar)");
    await shot("suppression");
    assert.deepEqual(await moderateFindings(), [], "axe: nothing moderate or worse with the notice shown");
    await tabTo("#undo-deletion", true);
    await committed(() => browser.keys(["Enter"]));
    await expect($("#objective-1-title")).toHaveValue("Premier objectif");
    await focusLandsOn("objective-1-title", "after undoing, the restored objective");
    expect(await said()).toContain("Objectif O1 rétabli");
    await expect($(".fr-notice")).not.toBeExisting();

    // Undo (Ctrl+Z) and redo (Ctrl+Shift+Z) of the move.
    await browser.execute(() => (document.activeElement as HTMLElement | null)?.blur());
    await committed(() => browser.keys(["Control", "z"]));
    await expect($("#objective-1-title")).toHaveValue("Objectif au clavier");
    await committed(() => browser.keys(["Control", "Shift", "z"]));
    await expect($("#objective-0-title")).toHaveValue("Objectif au clavier");
  });

  it("adds an action whose editor opens under its row, and funding lines checked as they are typed", async () => {
    await tabTo('a[href="#actions"]', true);
    await browser.keys(["Enter"]);
    await $("h2=3. Moyens et plan d’action").waitForDisplayed();
    await tabTo("#new-action");
    await $("#new-action").addValue("Faciliter la garde d’enfants");
    await committed(() => browser.keys(["Enter"]));
    await focusLandsOn("action-0-lead", "after adding, the new action's first empty field");
    assert.equal(await inView("#action-0-heading"), true, "the editor's heading is in view");
    const under = await browser.execute(
      () => document.getElementById("action-0-open")?.closest("tr")?.nextElementSibling?.contains(document.getElementById("action-0")) ?? false,
    );
    assert.equal(under, true, "the editor is inline, in the row under the action's");
    await shot("action-ouverte");

    // An amount that is not one says so under the field, and is not added.
    await tabTo("#action-0-funding-new-amount");
    await $("#action-0-funding-new-amount").addValue("douze");
    await expect($("#action-0-funding-new-amount")).toHaveAttribute("aria-invalid", "true");
    expect(await $("p*=Montant en euros attendu").getText()).toContain("par exemple 1 500,50");
    await shot("montant-invalide");
    assert.deepEqual(await moderateFindings(), [], "axe: nothing moderate or worse with a field in error");
    await browser.execute(() => {
      const el = document.getElementById("action-0-funding-new-amount") as HTMLInputElement;
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")?.set?.call(el, "");
      el.dispatchEvent(new Event("input", { bubbles: true }));
    });
    await $("#action-0-funding-new-amount").addValue("1 500,50");
    await committed(() => browser.keys(["Enter"]));
    await focusLandsOn("action-0-funding-new-funder", "after adding a line, the form's first field, never the body");
    expect(await said()).toContain("Ligne ajoutée à l’action A1");
    await expect($("#action-0-funding-0-amount")).toHaveValue("1\u202f500,50");

    // The toolbar and the menu stay in view while the page is scrolled.
    await browser.execute(() => window.scrollTo(0, document.body.scrollHeight));
    assert.equal(await onScreen("#save-status"), true, "the save status stays in view");
    const menuVisible = await browser.execute(() => {
      const r = document.querySelector("#sections nav")?.getBoundingClientRect();
      return !!r && r.top >= 0 && r.top < window.innerHeight;
    });
    assert.equal(menuVisible, true, "the sections menu stays in view");
    await shot("defilement");

    // Deleting the line: notice, then focus on the form (no line left).
    await tabTo('button[title^="Supprimer la ligne État"]', true);
    await committed(() => browser.keys(["Enter"]));
    expect(await $(".fr-notice").getText()).toContain("Ligne de financement État");
    await focusLandsOn("action-0-funding-new-funder", "no line left: the form");
  });

  it("exports and marks the roadmap submitted, focus kept and the outcome said", async () => {
    await tabTo('a[href="#export"]', true);
    await browser.keys(["Enter"]);
    await $("h2=Export").waitForDisplayed();
    await tabTo("#export-json");
    await browser.keys(["Enter"]);
    await $("div*=Fichier JSON enregistré").waitForDisplayed({ timeout: 20000 });
    assert.equal(
      await browser.execute(() => document.activeElement?.textContent),
      "Exporter en JSON",
      "focus stays on the button",
    );
    expect(await said()).toContain("Fichier JSON enregistré");
    await tabTo("#mark-submitted");
    await committed(() => browser.keys(["Enter"]));
    await focusLandsOn("export-status", "the status, once the button has gone");
    expect(await said()).toContain("marquée comme remise");
    await shot("export");
  });
});
