// Cold start WITHOUT WebDriver: the release binary spawned directly (under
// the Xvfb display and D-Bus session run.sh gives it), on a store of 6
// roadmaps, with its startup trace in a file; spawn → « table shown » over
// FDR_BENCH_LAUNCHES launches (5 by default), with the day's backup already
// made and with the day's first backup; then the memory at rest on the start
// screen, over the app's processes. Run by run.sh (tsx, from ui/).
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { appBin, describeMemory, dropBackups, makeStore, median, memoryOf, readTrace, report, STEPS, type Launch } from "./lib.ts";

const launches = Number(process.env.FDR_BENCH_LAUNCHES ?? 5);
const restSeconds = Number(process.env.FDR_BENCH_REST ?? 10);

const work = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "fdr-bench-cold-")), "Éloïse");
fs.mkdirSync(work);
const db = makeStore(work);
const trace = path.join(work, "startup.trace");
const env = {
  ...process.env,
  HOME: work,
  XDG_DATA_HOME: path.join(work, ".local/share"),
  XDG_CONFIG_HOME: path.join(work, ".config"),
  XDG_CACHE_HOME: path.join(work, ".cache"),
  FDR_DB: db,
  FDR_TRACE_STARTUP: trace,
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One launch: spawn → the table shown (from the trace); memory after `rest` s when asked; then the app is closed. */
async function launch(rest: number): Promise<{ launch: Launch; spawned: number; memory?: ReturnType<typeof memoryOf> }> {
  const before = readTrace(trace).length;
  const spawned = Date.now();
  const child = spawn(appBin, [], { env, stdio: "ignore" });
  const exited = new Promise<void>((r) => child.on("exit", () => r()));
  const deadline = Date.now() + 60000;
  let mine: Launch | undefined;
  for (;;) {
    mine = readTrace(trace)[before];
    // The backup runs on a thread: wait for it too, so that launches do not overlap it.
    if (mine?.["table shown"] !== undefined && mine["backup done"] !== undefined) break;
    if (Date.now() > deadline) throw new Error(`launch ${before + 1}: no « table shown » in 60 s`);
    await sleep(5);
  }
  let memory;
  if (rest > 0 && child.pid) {
    await sleep(rest * 1000);
    memory = memoryOf(child.pid);
  }
  child.kill("SIGTERM");
  await exited;
  await sleep(500); // the web processes leave with it
  return { launch: mine, spawned, memory };
}

const stepSummary = (all: Launch[]) =>
  STEPS.filter((s) => all.every((l) => l[s] !== undefined))
    .map((s) => `${s} ${median(all.map((l) => l[s] ?? NaN)).toFixed(0)}`)
    .join(" · ");

// A first launch not counted: the binary and WebKit into the page cache.
await launch(0);
for (const firstBackup of [false, true]) {
  const seen: number[] = [];
  const all: Launch[] = [];
  for (let i = 0; i < launches; i++) {
    if (firstBackup) dropBackups(db);
    const { launch: l, spawned } = await launch(0);
    // Spawn (taken here) → the table shown (the page told the shell).
    seen.push((l["@table shown"] ?? NaN) - spawned);
    all.push(l);
  }
  const backupMs = all.map((l) => (l["backup done"] ?? NaN) - (l["store opened"] ?? NaN));
  report({
    what: `Démarrage à froid sans WebDriver, ${firstBackup ? "avec la première sauvegarde du jour" : "sauvegarde du jour déjà faite"} (${launches} lancements)`,
    value: `${median(seen).toFixed(0)} ms (médiane ; ${Math.min(...seen).toFixed(0)}–${Math.max(...seen).toFixed(0)})`,
    target: "≤ 700 ms",
    detail: `ms depuis le lancement, médianes : ${stepSummary(all)}${firstBackup ? ` ; sauvegarde (fil à part, après « base ouverte ») ${median(backupMs).toFixed(0)} ms` : ""}`,
  });
}
const rest = await launch(restSeconds);
if (rest.memory)
  report({
    what: `Mémoire au repos, écran d’accueil (${restSeconds} s après l’affichage, sans WebDriver)`,
    value: `${(rest.memory.pss / 1024).toFixed(0)} Mo PSS`,
    target: "≤ 250 Mo",
    detail: describeMemory(rest.memory),
  });
fs.rmSync(path.dirname(work), { recursive: true, force: true });
