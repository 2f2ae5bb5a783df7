// Prints the benchmark's figures (the results file lib.ts `report` wrote) as a table.
import fs from "node:fs";
import type { Figure } from "./lib.ts";

const file = process.argv[2] ?? "";
const figures: Figure[] = fs
  .readFileSync(file, "utf8")
  .split("\n")
  .filter((l) => l.trim() !== "")
  .map((l) => JSON.parse(l) as Figure);
const rows = figures.map((f) => [f.what, f.value, f.target ?? ""]);
const head = ["Mesure", "Valeur", "Cible"];
const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(width[i] ?? 0)).join(" | ")} |`;
console.log(line(head));
console.log(`|${width.map((w) => "-".repeat(w + 2)).join("|")}|`);
for (const r of rows) console.log(line(r));
console.log();
for (const f of figures) if (f.detail) console.log(`- ${f.what} : ${f.detail}`);
