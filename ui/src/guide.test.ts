// The guide shipped in the app (docs/guide.md): every picture it names is in
// docs/guide/ and is a screen the end-to-end tests take (copied there by
// scripts/guide-screens.sh), and its rendering keeps headings, lists and
// pictures as React elements.
import { Lexer, type Token, type Tokens } from "marked";
import { describe, expect, it } from "vitest";
import guide from "../../docs/guide.md?raw";
import { contents, slug } from "./screens/Guide";

const specs = Object.values(import.meta.glob<string>("../e2e/specs/*.ts", { eager: true, query: "?raw", import: "default" })).join("\n");
/** The pictures in docs/guide/, by file name. */
const copied = Object.keys(import.meta.glob("../../docs/guide/*.png")).map((p) => p.split("/").pop());

function images(tokens: Token[]): string[] {
  return tokens.flatMap((t) => {
    const own = t.type === "image" ? [(t as Tokens.Image).href] : [];
    const inner = "tokens" in t && Array.isArray(t.tokens) ? images(t.tokens) : [];
    const items = t.type === "list" ? (t as Tokens.List).items.flatMap((i) => images(i.tokens)) : [];
    return [...own, ...inner, ...items];
  });
}

/** The file name an e2e screen gets (authoring.e2e.ts drops accents and spaces this way). */
function shotName(screen: string): string {
  return screen.normalize("NFD").replace(/[^a-z]+/gi, "-");
}

describe("the user guide", () => {
  const tokens = Lexer.lex(guide);

  it("shows only pictures that the end-to-end tests take", () => {
    const named = images(tokens);
    expect(named.length).toBeGreaterThanOrEqual(8);
    const screens = [...specs.matchAll(/(?:noSeriousFindings|noFindings|look)\("([^"]+)"[,)]/g)].map((m) => `${shotName(m[1] ?? "")}.png`);
    for (const href of named) {
      const file = href.split("/").pop() ?? href;
      expect(screens, `${file} is a screenshot an e2e spec takes`).toContain(file);
      expect(copied, `docs/guide/${file} was copied (scripts/guide-screens.sh)`).toContain(file);
    }
  });

  it("covers both roles, the avis loop included", () => {
    const sections = contents(tokens).map((c) => c.text);
    for (const part of [
      "Écrire une feuille de route (animation)",
      "Vérifier, exporter, envoyer (animation)",
      "Recevoir un avis et y répondre (animation)",
      "Importer les feuilles de route reçues (secrétariat)",
      "Suivre les 15 thèmes (secrétariat)",
      "Comparer deux révisions (secrétariat)",
      "Émettre un avis (secrétariat)",
      "Consolider (secrétariat)",
    ]) {
      expect(sections).toContain(part);
    }
  });

  it("gives each section an anchor without accents", () => {
    expect(slug("Émettre un avis (secrétariat)")).toBe("emettre-un-avis-secretariat");
    expect(new Set(contents(tokens).map((c) => c.id)).size).toBe(contents(tokens).length);
  });
});
