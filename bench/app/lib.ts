// What the app benchmark's two halves share (cold.ts without WebDriver,
// app.bench.ts through it): the store they start on, the startup trace the
// shell prints (FDR_TRACE_STARTUP, src-tauri/src/startup.rs), the memory of
// the app's processes, percentiles, and the results file run.sh prints.
// Node built-ins only: it runs under tsx and WebdriverIO from ui/.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const appBin = process.env.FDR_APP ?? path.join(root, "target/release/feuilles-de-route");
export const cliBin = process.env.FDR_CLI ?? path.join(root, "target/debug/fdr");
export const example = path.join(root, "docs/format/example-theme-09.json");
/** The 400-action roadmap's theme (the start screen's button names it). */
export const BIG_THEME = 4;

function fdr(db: string, ...args: string[]) {
  execFileSync(cliBin, ["--db", db, ...args], { stdio: "ignore" });
}

/**
 * A store holding 6 roadmaps: the public example (theme 9) and five
 * generated ones of 20 actions (themes 1, 2, 3, 5, 6), all taken over
 * (imported roadmaps are read-only until then).
 */
export function makeStore(dir: string): string {
  const db = path.join(dir, "app.sqlite");
  fdr(db, "import", example);
  fdr(db, "adopt", "9");
  for (const theme of [1, 2, 3, 5, 6]) {
    const file = path.join(dir, `theme-${theme}.json`);
    execFileSync(cliBin, ["sample", "--actions", "20", "--indicators", "10", "--theme", `${theme}`, "--seed", `${theme}`, "--out", file], {
      stdio: "ignore",
    });
    fdr(db, "import", file);
  }
  return db;
}

/** Adds the generated 400-action, 120-indicator roadmap (theme 4), taken over. */
export function addBigRoadmap(db: string, dir: string) {
  const file = path.join(dir, "big.json");
  execFileSync(cliBin, ["sample", "--actions", "400", "--indicators", "120", "--theme", `${BIG_THEME}`, "--seed", "400", "--out", file], {
    stdio: "ignore",
  });
  fdr(db, "import", file);
  fdr(db, "adopt", `${BIG_THEME}`);
}

/** Removes the store's backups: the next start takes the day's first one. */
export function dropBackups(db: string) {
  fs.rmSync(path.join(path.dirname(db), "sauvegardes"), { recursive: true, force: true });
}

/** One launch's trace: each step's milliseconds since the process was spawned. */
export type Launch = Record<string, number>;

/** The launches in a trace file (each begins with `main entered`). */
export function readTrace(file: string): Launch[] {
  const launches: Launch[] = [];
  if (!fs.existsSync(file)) return launches;
  for (const line of fs.readFileSync(file, "utf8").split("\n")) {
    const [tag, step, ms, unix] = line.split("\t");
    if (tag !== "fdr-startup" || !step || ms === undefined) continue;
    if (step === "main entered") launches.push({});
    const last = launches[launches.length - 1];
    if (last) {
      last[step] = Number(ms);
      // The Unix time in ms, to compare with a spawn time taken outside.
      last[`@${step}`] = Number(unix);
    }
  }
  return launches;
}

/** The steps of a launch, in the order they happen. */
export const STEPS = [
  "main entered",
  "setup entered (window built)",
  "store opened",
  "setup done",
  "page load started",
  "page loaded",
  "themes answered",
  "table shown",
  "backup done",
];

// ----- memory -----

interface Proc {
  pid: number;
  ppid: number;
  name: string;
}

function processes(): Proc[] {
  const out: Proc[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const close = stat.lastIndexOf(")");
      const name = stat.slice(stat.indexOf("(") + 1, close);
      const ppid = Number(stat.slice(close + 2).split(" ")[1]);
      out.push({ pid: Number(entry), ppid, name });
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** The pids running the app's binary (`/proc/PID/exe`). */
export function appPids(): number[] {
  const target = fs.realpathSync(appBin);
  return processes()
    .filter((p) => {
      try {
        return fs.readlinkSync(`/proc/${p.pid}/exe`) === target;
      } catch {
        return false;
      }
    })
    .map((p) => p.pid);
}

export interface Memory {
  /** kB, summed over the app's process tree. */
  pss: number;
  rss: number;
  /** Per process name, kB of PSS. */
  parts: Record<string, number>;
}

function rollup(pid: number): { pss: number; rss: number } {
  try {
    const text = fs.readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(text)?.[1] ?? 0);
    return { pss: field("Pss"), rss: field("Rss") };
  } catch {
    return { pss: 0, rss: 0 };
  }
}

/** PSS and RSS of the app process `pid` and all its descendants (WebKitWebProcess, WebKitNetworkProcess…). */
export function memoryOf(pid: number): Memory {
  const all = processes();
  const tree = new Set([pid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const p of all)
      if (!tree.has(p.pid) && tree.has(p.ppid)) {
        tree.add(p.pid);
        grew = true;
      }
  }
  const m: Memory = { pss: 0, rss: 0, parts: {} };
  for (const p of all) {
    if (!tree.has(p.pid)) continue;
    const r = rollup(p.pid);
    m.pss += r.pss;
    m.rss += r.rss;
    const name = p.pid === pid ? "app" : p.name;
    m.parts[name] = (m.parts[name] ?? 0) + r.pss;
  }
  return m;
}

export function describeMemory(m: Memory): string {
  const parts = Object.entries(m.parts)
    .sort((a, b) => b[1] - a[1])
    .map(([n, kb]) => `${n} ${(kb / 1024).toFixed(0)}`)
    .join(", ");
  return `PSS ${(m.pss / 1024).toFixed(0)} MB, RSS ${(m.rss / 1024).toFixed(0)} MB (PSS MB: ${parts})`;
}

// ----- figures -----

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

export function median(values: number[]): number {
  return percentile(values, 50);
}

/** One figure for run.sh's table. */
export interface Figure {
  what: string;
  value: string;
  target?: string;
  detail?: string;
}

/** Appends a figure to the results file (FDR_BENCH_OUT), and prints it. */
export function report(f: Figure) {
  console.log(`[bench] ${f.what}: ${f.value}${f.target ? ` (cible ${f.target})` : ""}${f.detail ? ` — ${f.detail}` : ""}`);
  const out = process.env.FDR_BENCH_OUT;
  if (out) fs.appendFileSync(out, `${JSON.stringify(f)}\n`);
}
