// The first-run question (« À quoi sert ce poste ? ») that a fresh store
// asks before the start screen: answered once per store, by clicking as a
// user would. wdio.conf.ts answers « secrétariat » at the start of every
// session; a spec that opens another fresh store answers it again.

/** The role to answer: the secretariat's, or the animator of one theme. */
export type E2eRole = "secretariat" | { theme: number };

/**
 * Waits for the start screen or the role question; answers the question if
 * it is asked, and waits for the start screen. Returns whether it was asked.
 */
export async function answerRole(role: E2eRole = "secretariat"): Promise<boolean> {
  const question = () => $("#role-question");
  const startScreen = () => $("h1=Feuilles de route thématiques");
  await browser.waitUntil(async () => (await question().isExisting()) || (await startScreen().isExisting()), {
    timeout: 30000,
    timeoutMsg: "neither the start screen nor the role question",
  });
  if (!(await question().isExisting())) return false;
  const value = role === "secretariat" ? "secretariat" : "animator";
  // DSFR radios are drawn over a hidden input: click the input itself.
  await browser.execute((v: string) => {
    document.querySelector<HTMLInputElement>(`input[name="fdr-role"][value="${v}"]`)?.click();
  }, value);
  if (role !== "secretariat") await $("#role-theme").selectByAttribute("value", String(role.theme));
  await $("button=Valider ce choix").click();
  await startScreen().waitForDisplayed({ timeout: 10000 });
  return true;
}
