// A generated 400-action, 120-indicator roadmap in the real window: the
// actions list appears at once and grows in steps without blocking the
// page; an action far down opens under its row, in view; typing in its
// fields is never held up by the list. The figures are printed (they are
// measured, not asserted: the app benchmark in bench/app/ owns targets).
import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { moderateFindings } from "./axe";
import { frames, watchFrames } from "../frames";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../../..");
const cli = process.env.FDR_CLI ?? path.join(root, "target/debug/fdr");
const work = process.env.FDR_E2E_WORK ?? "";
const db = process.env.FDR_DB ?? "";

describe("a 400-action, 120-indicator roadmap", () => {
  before(async () => {
    await browser.setWindowSize(1366, 768).catch(() => undefined);
    const big = path.join(work, "big.json");
    execFileSync(cli, ["sample", "--actions", "400", "--indicators", "120", "--theme", "4", "--out", big]);
    execFileSync(cli, ["--db", db, "import", big], { stdio: "ignore" });
    // Imported, it is received (read-only): take it over, as its author would have it.
    execFileSync(cli, ["--db", db, "adopt", "4"], { stdio: "ignore" });
    await browser.reloadSession();
    await browser.setWindowSize(1366, 768).catch(() => undefined);
    await $("h1=Feuilles de route thématiques").waitForDisplayed({ timeout: 30000 });
    await $('button[title="Ouvrir la feuille de route du thème 4"]').click();
    await $("h2=Fiche").waitForDisplayed();
  });

  it("shows the actions at once, then all of them, without blocking the page", async () => {
    await watchFrames();
    // The rows are counted after each change of the page (a mutation
    // observer runs after every render React commits, painted or not): the
    // first count is what the first render showed.
    const shown = await browser.executeAsync((done: (r: { first: number; all: number; rowsFirst: number; steps: number }) => void) => {
      const t0 = performance.now();
      const rows = () => document.querySelectorAll("#section tbody tr").length;
      let first = -1;
      let rowsFirst = 0;
      let steps = 0;
      let last = 0;
      const observer = new MutationObserver(() => {
        const n = rows();
        if (n > 0 && n !== last) {
          steps++;
          last = n;
        }
        if (first < 0 && n > 0) {
          first = performance.now() - t0;
          rowsFirst = n;
        }
        if (n >= 400) {
          observer.disconnect();
          done({ first, all: performance.now() - t0, rowsFirst, steps });
        }
      });
      observer.observe(document.body, { childList: true, subtree: true });
      (document.querySelector('a[href="#actions"]') as HTMLElement).click();
    });
    const f = await frames();
    console.log(
      `[400 actions] first ${shown.rowsFirst} rows shown in ${shown.first.toFixed(0)} ms, all 400 in ${shown.all.toFixed(0)} ms over ${shown.steps} renders; longest frame gap ${f.longestGap.toFixed(0)} ms`,
    );
    // The list grows in steps (40 rows, then 120 at a time) that typing and clicks can interrupt.
    expect(shown.rowsFirst).toBeLessThan(400);
    expect(shown.steps).toBeGreaterThan(1);
    expect(await $$("#section tbody tr").length).toBe(400);
    // axe on the whole list of 400 rows: nothing moderate or worse.
    expect(await moderateFindings()).toEqual([]);
  });

  it("opens action A350 under its row, in view, and typing in it is never held up", async () => {
    await $('button[title="Modifier l’action A350"]').click();
    await browser.waitUntil(async () => (await browser.execute(() => document.activeElement?.id)) === "action-349-heading", {
      timeoutMsg: "the heading of A350 is focused",
    });
    const top = await browser.execute(() => {
      const r = document.getElementById("action-349-heading")?.getBoundingClientRect();
      return r ? { top: r.top, bottom: r.bottom, height: window.innerHeight } : null;
    });
    expect(top && top.top >= 0 && top.bottom <= top.height).toBe(true);
    await browser.saveScreenshot(path.join(here, "../out/screens/grande-feuille-action-350.png"));
    await watchFrames();
    await $("#action-349-lead").click();
    await $("#action-349-lead").addValue("Association des parents du Valenciennois, antenne de Denain");
    await browser.waitUntil(async () => (await $("#save-status").getAttribute("data-state")) === "saved", {
      timeout: 10000,
      timeoutMsg: "the typed lead is saved after the pause",
    });
    const f = await frames();
    console.log(
      `[400 actions] typing 60 characters in a field: longest key-to-frame ${f.longestKeyToFrame.toFixed(0)} ms, longest frame gap ${f.longestGap.toFixed(0)} ms`,
    );
    await expect($("#action-349-lead")).toHaveValue(expect.stringContaining("antenne de Denain"));
  });

  it("shows the 120 indicators in steps too", async () => {
    await $('a[href="#indicateurs"]').click();
    await browser.waitUntil(async () => (await $$("#section tbody tr").length) >= 120, {
      timeout: 20000,
      timeoutMsg: "every indicator row",
    });
    await browser.saveScreenshot(path.join(here, "../out/screens/grande-feuille-indicateurs.png"));
    expect(await moderateFindings()).toEqual([]);
  });
});
