// 200 script-injection payloads in every kind of text field of a roadmap
// (titles, Markdown texts, names, lists, comments), received as a file and
// shown on every screen: none may run (a sentinel stays unset), none may
// make an element; and the PDF export carries them as plain text.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../../..");
const cli = process.env.FDR_CLI ?? path.join(root, "target/debug/fdr");
const work = process.env.FDR_E2E_WORK ?? "";

/** 200 payloads from the classic families, each setting `window.fdrXss` if it ever runs. */
function payloads(): string[] {
  const js = "window.fdrXss=1";
  const tags = ["img src=x", "svg", "body", "video src=x", "audio src=x", "iframe", "input autofocus", "details open", "marquee", "object data=x"];
  const events = ["onerror", "onload", "onfocus", "ontoggle", "onstart", "onmouseover", "onanimationstart", "onbegin"];
  const out: string[] = [];
  for (const t of tags) for (const e of events) out.push(`<${t} ${e}="${js}">`);
  out.push(`<script>${js}</script>`, `<scr<script>ipt>${js}</script>`, `"><script>${js}</script>`, `'><img src=x onerror=${js}>`);
  out.push(`<a href="javascript:${js}">lien</a>`, `[lien](javascript:${js})`, `<iframe srcdoc="<script>${js}</script>">`);
  out.push(`<svg><script>${js}</script></svg>`, `<math><mtext><img src=x onerror=${js}>`, `<style>@import 'x'</style>`);
  out.push(`&lt;img src=x onerror=${js}&gt;`, `\\u003cimg src=x onerror=${js}\\u003e`, `%3Cimg%20src%3Dx%20onerror%3D${js}%3E`);
  out.push(`<img src="x" onerror="&#119;indow.fdrXss=1">`, `<IMG SRC=x ONERROR=${js}>`, `<img/src=x/onerror=${js}>`);
  out.push(`**<img src=x onerror=${js}>**`, `*<svg onload=${js}>*`, `- <img src=x onerror=${js}>`);
  out.push("{{constructor.constructor('window.fdrXss=1')()}}", "${alert(1)}", `<base href="javascript:${js}//">`);
  out.push(`<form action="javascript:${js}"><button>x</button></form>`, `<meta http-equiv="refresh" content="0;url=javascript:${js}">`);
  out.push(`<link rel=import href="data:text/html,<script>${js}</script>">`, `<embed src="data:text/html,<script>${js}</script>">`);
  while (out.length < 200) out.push(`<img src=x${out.length} onerror="${js}">`);
  return out.slice(0, 200);
}

function hostileRoadmap(list: string[]): string {
  const v = JSON.parse(fs.readFileSync(path.join(root, "docs/format/example-theme-09.json"), "utf8"));
  v.id = "3f8b1c2d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
  v.theme = { number: 5, title: list[0] };
  let i = 1;
  const next = () => list[i++ % list.length];
  v.animators = [{ name: next(), organisation: next(), role: next() }];
  v.diagnosis.text = list.slice(0, 60).join("\n\n");
  v.diagnosis.key_figures = [{ label: next(), value: 1, unit: next(), source: next() }];
  v.objectives = Array.from({ length: 12 }, (_, k) => ({ id: `O${k + 1}`, priority: k + 1, title: next(), text: next() }));
  v.actions = Array.from({ length: 12 }, (_, k) => ({
    id: `A${k + 1}`,
    objectives: [`O${k + 1}`],
    title: next(),
    text: `- ${next()}\n- ${next()}`,
    lead: next(),
    partners: [next(), next()],
    status: "planned",
    funding: [{ funder: next(), year: 2020, amount_cents: 100000 }],
  }));
  v.indicators = Array.from({ length: 8 }, (_, k) => ({
    id: `I${k + 1}`,
    name: next(),
    definition: next(),
    unit: next(),
    direction: "increase",
    measurements: [{ value: k, date: "2020-12-31", comment: next() }],
    source: next(),
  }));
  v.participation = {
    text: list.slice(60, 120).join("\n"),
    practices: [{ stage: "design", method: "consultation", description: next() }],
  };
  const file = path.join(work, "hostile.fdr.json");
  fs.writeFileSync(file, JSON.stringify(v, null, 2));
  return file;
}

async function nothingRan(where: string) {
  const state = await browser.execute(() => ({
    fired: (window as unknown as { fdrXss?: number }).fdrXss ?? 0,
    made: document.querySelectorAll(
      "[onerror],[onload],[onfocus],[ontoggle],[onmouseover],script:not([src]),iframe,object,embed,base,meta[http-equiv],a[href^='javascript']",
    ).length,
  }));
  expect({ where, ...state }).toEqual({ where, fired: 0, made: 0 });
}

describe("script injection in every text field", () => {
  const list = payloads();
  const file = hostileRoadmap(list);

  it("imports a roadmap made of 200 payloads and runs none of them anywhere", async () => {
    await $("h1=Feuilles de route thématiques").waitForDisplayed({ timeout: 30000 });
    const data = fs.readFileSync(file).toString("base64");
    await browser.execute((b64: string) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], "hostile.fdr.json", { type: "application/json" }));
      window.dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }, data);
    await $("#import-results").waitForDisplayed({ timeout: 20000 });
    expect(await $("#import-results").getText()).toContain("thème 5 importé");
    await nothingRan("overview");
    await $('button[title="Ouvrir la feuille de route du thème 5"]').click();
    await $("h2=Fiche").waitForDisplayed();
    let shown = "";
    // Received: every section read-only, as text.
    for (const name of ["Fiche", "Diagnostic", "Objectifs et priorités", "Plan d’action", "Indicateurs", "Participation", "Vérifications"]) {
      await $(`//nav//a[starts-with(normalize-space(.), "${name}")]`).click();
      await browser.pause(300); // the Markdown blocks arrive
      await nothingRan(`${name} (lecture seule)`);
      shown += await browser.execute(() => document.getElementById("section")?.innerText ?? "");
    }
    // Taken over: every editor, with the payloads in its inputs.
    await $("button=Reprendre la rédaction").click();
    await $("button=Confirmer : reprendre la rédaction").click();
    await $("button=Annuler").waitForExist({ timeout: 10000 });
    for (const name of ["Fiche", "Diagnostic", "Objectifs et priorités", "Plan d’action", "Indicateurs", "Participation", "Vérifications", "Export"]) {
      await $(`//nav//a[starts-with(normalize-space(.), "${name}")]`).click();
      await browser.pause(300); // the previews arrive
      if (name === "Plan d’action" || name === "Indicateurs") {
        const [what, prefix, count] = name === "Plan d’action" ? ["l’action", "A", 12] : ["l’indicateur", "I", 8];
        for (let k = 1; k <= count; k += 1) {
          const open = await $(`button[title="Modifier ${what} ${prefix}${k}"]`);
          // Centred: at the top it would sit under the editor's sticky toolbar.
          await open.scrollIntoView({ block: "center" });
          await open.click();
          await browser.pause(150);
          await nothingRan(`${name} ${k}`);
        }
      }
      await nothingRan(name);
      shown += await browser.execute(() => document.getElementById("section")?.innerText ?? "");
    }
    expect(shown).toContain("<script>window.fdrXss=1</script>");
    expect(shown).toContain('<img src=x onerror="window.fdrXss=1">');
  });

  it("keeps the payloads as text in the exported PDF", () => {
    const store = path.join(work, "xss.sqlite");
    const pdf = path.join(work, "hostile.pdf");
    execFileSync(cli, ["--db", store, "import", file], { stdio: "ignore" });
    execFileSync(cli, ["--db", store, "export", "5", "--format", "pdf", "--out", pdf]);
    const text = execFileSync("pdftotext", [pdf, "-"]).toString();
    expect(text).toContain("window.fdrXss=1");
  });
});
