// End-to-end tests on the real application: WebdriverIO → tauri-driver
// (:4444) → WebKitWebDriver → the built binary, under Xvfb (run through
// `xvfb-run -a`; scripts/e2e.sh does it all).
//
// FDR_APP: the binary (default: target/release/feuilles-de-route, built by
// `tauri build`); FDR_CLI: the `fdr` binary for the import check.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { answerRole } from "./specs/role";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const app = process.env.FDR_APP ?? path.join(root, "target/release/feuilles-de-route");
// Fixed before HOME changes below, and kept for the workers (which load this file again).
process.env.TAURI_DRIVER ??= path.join(os.homedir(), ".cargo/bin/tauri-driver");
const driverBin = process.env.TAURI_DRIVER;

// A fresh store and export folder for this run, inherited by the app, under
// a user folder whose name is not ASCII (as a Windows user name may be): the
// app's journal, window state and caches go there too (HOME, XDG_*).
const work = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "fdr-e2e-")), "Éloïse Dûchêne");
fs.mkdirSync(work);
process.env.FDR_E2E_WORK = work;
process.env.HOME = work;
process.env.XDG_DATA_HOME = path.join(work, ".local/share");
process.env.XDG_CONFIG_HOME = path.join(work, ".config");
process.env.XDG_CACHE_HOME = path.join(work, ".cache");
process.env.FDR_DB = path.join(work, "app.sqlite");
process.env.FDR_EXPORT_DIR = path.join(work, "exports");
fs.mkdirSync(process.env.FDR_EXPORT_DIR);
// FDR_E2E_DIALOG=1 keeps the native save dialogs (to look at them).
if (process.env.FDR_E2E_DIALOG === "1") delete process.env.FDR_EXPORT_DIR;

let driver: ChildProcess | undefined;

export const config: WebdriverIO.Config = {
  runner: "local",
  specs: ["./specs/**/*.e2e.ts"],
  maxInstances: 1,
  autoXvfb: false,
  hostname: "127.0.0.1",
  port: 4444,
  logLevel: "warn",
  capabilities: [
    {
      // @ts-expect-error: tauri-driver's own capability
      "tauri:options": { application: app },
      "wdio:enforceWebDriverClassic": true,
    },
  ],
  framework: "mocha",
  reporters: ["spec"],
  mochaOpts: { ui: "bdd", timeout: 120000 },
  waitforTimeout: 10000,
  onPrepare: () => {
    if (!fs.existsSync(app)) throw new Error(`application not built: ${app}`);
  },
  beforeSession: () => {
    driver = spawn(driverBin, [], { stdio: [null, process.stdout, process.stderr] });
  },
  // A fresh store asks once what this copy is for: the specs run as the
  // secretariat (every theme in the table). A spec that fails to start is
  // left to fail on its own screen.
  before: async () => {
    await answerRole("secretariat").catch((e: unknown) => console.warn(`question du rôle : ${String(e)}`));
  },
  // A screenshot of each failing test, in e2e/out/.
  afterTest: async (test, _context, result) => {
    if (result.passed) return;
    const out = path.join(here, "out");
    fs.mkdirSync(out, { recursive: true });
    await browser.saveScreenshot(path.join(out, `${test.title.replace(/[^a-z0-9]+/gi, "-")}.png`));
  },
  afterSession: () => {
    driver?.kill();
  },
};
