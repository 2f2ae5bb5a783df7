// Runs axe-core in the application's page and returns its serious and
// critical findings.
import { createRequire } from "node:module";
import fs from "node:fs";

const require = createRequire(import.meta.url);
const source = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

export async function seriousFindings(): Promise<string[]> {
  await browser.execute(source);
  const found = await browser.executeAsync((done: (r: string[]) => void) => {
    const axe = (window as unknown as { axe: { run: (c: Document, o: object) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    axe
      .run(document, { resultTypes: ["violations"] })
      .then((r) =>
        done(
          r.violations
            .filter((v) => v.impact === "serious" || v.impact === "critical")
            .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
        ),
      )
      .catch((e: unknown) => done([`axe failed: ${String(e)}`]));
  });
  return found;
}
