// Turns the outputs of cargo-about (Rust) and license-checker-rseidelsohn
// (npm) into the two lists À propos shows (src/generated/licences-*.json):
// each licence text once, with the components under it. Run by
// scripts/licences.sh; the project's own crates and package are left out.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.join(here, "../src/generated");
const own = (name) => name === "feuilles-de-route" || name === "feuilles-de-route-ui" || name.startsWith("fdr-");

/** Groups (licence id, text, package) triples by identical text. */
function group(entries) {
  const byText = new Map();
  for (const { id, name, text, pkg } of entries) {
    const key = `${id}\u0000${text.trim()}`;
    if (!byText.has(key)) byText.set(key, { id, name, text: text.trim(), packages: [] });
    const g = byText.get(key);
    if (!g.packages.includes(pkg)) g.packages.push(pkg);
  }
  const list = [...byText.values()];
  for (const g of list) g.packages.sort((a, b) => a.localeCompare(b));
  return list.sort((a, b) => a.id.localeCompare(b.id) || b.packages.length - a.packages.length);
}

// Rust: cargo about generate --format json.
const about = JSON.parse(fs.readFileSync(path.join(out, "cargo-about.json"), "utf8"));
const rust = [];
for (const l of about.licenses) {
  for (const u of l.used_by) {
    if (!own(u.crate.name)) rust.push({ id: l.id, name: l.name, text: l.text, pkg: `${u.crate.name} ${u.crate.version}` });
  }
}
const rustList = { tool: `cargo-about ${process.env.CARGO_ABOUT_VERSION ?? ""}`.trim(), licences: group(rust) };

// npm: license-checker-rseidelsohn --production --json.
const checker = JSON.parse(fs.readFileSync(path.join(out, "license-checker.json"), "utf8"));
const npm = [];
for (const [key, info] of Object.entries(checker)) {
  const at = key.lastIndexOf("@");
  const name = key.slice(0, at);
  if (own(name)) continue;
  const id = Array.isArray(info.licenses) ? info.licenses.join(" OR ") : String(info.licenses ?? "inconnue");
  let text = "";
  if (info.licenseFile && !/readme/i.test(path.basename(info.licenseFile))) {
    text = fs.readFileSync(info.licenseFile, "utf8");
  }
  if (!text) text = `Licence déclarée : ${id} (le paquet ne fournit pas de fichier de licence).`;
  npm.push({ id, name: id, text, pkg: `${name} ${key.slice(at + 1)}` });
}
const npmList = { tool: `license-checker-rseidelsohn ${process.env.LICENSE_CHECKER_VERSION ?? ""}`.trim(), licences: group(npm) };

for (const [file, list] of [["licences-rust.json", rustList], ["licences-npm.json", npmList]]) {
  if (list.licences.length === 0) throw new Error(`${file}: aucune licence trouvée`);
  fs.writeFileSync(path.join(out, file), JSON.stringify(list));
  const count = list.licences.reduce((n, l) => n + l.packages.length, 0);
  console.log(`licences: ${file}: ${count} composants, ${list.licences.length} textes`);
}
fs.rmSync(path.join(out, "cargo-about.json"));
fs.rmSync(path.join(out, "license-checker.json"));
