// Runs axe-core in the application's page and returns its findings at or
// above an impact: `seriousFindings()` (serious and critical, every
// screen), `moderateFindings()` (moderate too: the editor's screens).
import { createRequire } from "node:module";
import fs from "node:fs";

const require = createRequire(import.meta.url);
const source = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

type Impact = "minor" | "moderate" | "serious" | "critical";
const order: Impact[] = ["minor", "moderate", "serious", "critical"];

/** axe's violations of `least` impact or worse, one line each. */
export async function findings(least: Impact): Promise<string[]> {
  await browser.execute(source);
  const levels = order.slice(order.indexOf(least));
  const found = await browser.executeAsync(
    (levels: string[], done: (r: string[]) => void) => {
      const axe = (window as unknown as { axe: { run: (c: Document, o: object) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
      axe
        .run(document, { resultTypes: ["violations"] })
        .then((r) =>
          done(
            r.violations
              .filter((v) => levels.includes(v.impact))
              .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
          ),
        )
        .catch((e: unknown) => done([`axe failed: ${String(e)}`]));
    },
    levels,
  );
  return found;
}

export async function seriousFindings(): Promise<string[]> {
  return findings("serious");
}

export async function moderateFindings(): Promise<string[]> {
  return findings("moderate");
}
