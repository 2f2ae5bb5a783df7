// The app benchmark through WebDriver: the e2e configuration
// (ui/e2e/wdio.conf.ts: a fresh store and home per run, tauri-driver), with
// the benchmark's spec, its store of 6 roadmaps made before the app starts,
// and the shell's startup trace in a file. Run by bench/app/run.sh.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { config as e2e } from "../../ui/e2e/wdio.conf.ts";
import { makeStore } from "./lib.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const work = process.env.FDR_E2E_WORK ?? "";
process.env.FDR_TRACE_STARTUP = path.join(work, "startup.trace");

let made = false;

export const config: WebdriverIO.Config = {
  ...e2e,
  specs: [path.join(here, "app.bench.ts")],
  reporters: ["spec"],
  mochaOpts: { ui: "bdd", timeout: 900000 },
  beforeSession: (...args) => {
    // In the worker (which loads this file again), before the app's first launch.
    if (!made) {
      makeStore(work);
      made = true;
    }
    return e2e.beforeSession?.(...(args as Parameters<NonNullable<typeof e2e.beforeSession>>));
  },
};
