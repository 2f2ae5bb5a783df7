// The authoring flow by keyboard alone (each spec has a fresh store): create
// a roadmap, add two objectives, move the second up, undo and redo.

/** Presses Tab until the focused element matches `selector` (at most 80 times). */
async function tabTo(selector: string) {
  for (let i = 0; i < 80; i++) {
    const hit = await browser.execute((s) => document.activeElement?.matches(s) ?? false, selector);
    if (hit) return;
    await browser.keys(["Tab"]);
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

describe("an animator using only the keyboard", () => {
  it("creates a roadmap, adds and reorders objectives, undoes and redoes", async () => {
    await $("h1=Feuilles de route thématiques").waitForDisplayed({ timeout: 30000 });
    await tabTo('button[title="Créer la feuille de route du thème 3"]');
    await browser.keys(["Enter"]);
    await $("h2=Fiche").waitForDisplayed();
    await tabTo('a[href="#objectifs"]');
    await browser.keys(["Enter"]);
    await $("h2=2. Objectifs et priorités").waitForDisplayed();
    await tabTo("#new-objective");
    await $("#new-objective").addValue("Premier objectif");
    await committed(() => browser.keys(["Enter"]));
    await tabTo("#new-objective");
    await $("#new-objective").addValue("Objectif au clavier");
    await committed(() => browser.keys(["Enter"]));
    await expect($("#objective-1-title")).toHaveValue("Objectif au clavier");
    await tabTo('button[title="Monter l’objectif O2"]');
    await committed(() => browser.keys(["Enter"]));
    await expect($("#objective-0-title")).toHaveValue("Objectif au clavier");
    // Undo (Ctrl+Z) puts it back, redo (Ctrl+Shift+Z) moves it again.
    await browser.execute(() => (document.activeElement as HTMLElement | null)?.blur());
    await committed(() => browser.keys(["Control", "z"]));
    await expect($("#objective-1-title")).toHaveValue("Objectif au clavier");
    await committed(() => browser.keys(["Control", "Shift", "z"]));
    await expect($("#objective-0-title")).toHaveValue("Objectif au clavier");
  });
});
