// The user guide, shipped in the app: docs/guide.md, rendered as React
// elements (never as HTML) from marked's tokens; its screenshots are the
// end-to-end tests' (scripts/guide-screens.sh copies them into docs/guide/).
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Lexer, type Token, type Tokens } from "marked";
import { Fragment, useEffect, useMemo, useRef, type ReactNode } from "react";
import guide from "../../../docs/guide.md?raw";

const pictures = import.meta.glob<string>("../../../docs/guide/*.png", { eager: true, query: "?url", import: "default" });

/** The bundled URL of a picture the guide names (`guide/accueil.png`). */
function picture(href: string): string | undefined {
  const name = href.split("/").pop();
  return Object.entries(pictures).find(([path]) => path.endsWith(`/${name}`))?.[1];
}

/** A heading's anchor: « Écrire le diagnostic » → `ecrire-le-diagnostic`. */
export function slug(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

function inline(tokens: Token[] | undefined): ReactNode {
  return (tokens ?? []).map((t, i) => {
    switch (t.type) {
      case "strong":
        return <strong key={i}>{inline((t as Tokens.Strong).tokens)}</strong>;
      case "em":
        return <em key={i}>{inline((t as Tokens.Em).tokens)}</em>;
      case "codespan":
        return <code key={i}>{(t as Tokens.Codespan).text}</code>;
      case "br":
        return <br key={i} />;
      case "link": {
        const link = t as Tokens.Link;
        // Links inside the guide only (the app has no browser).
        return link.href.startsWith("#") ? (
          <a key={i} href={link.href}>
            {inline(link.tokens)}
          </a>
        ) : (
          <Fragment key={i}>{inline(link.tokens)}</Fragment>
        );
      }
      case "image": {
        const image = t as Tokens.Image;
        const src = picture(image.href);
        return src ? <img key={i} className="fdr-guide-shot" src={src} alt={image.text} /> : null;
      }
      case "text": {
        const text = t as Tokens.Text;
        return text.tokens ? <Fragment key={i}>{inline(text.tokens)}</Fragment> : <Fragment key={i}>{decode(text.text)}</Fragment>;
      }
      case "escape":
        return <Fragment key={i}>{(t as Tokens.Escape).text}</Fragment>;
      default:
        return <Fragment key={i}>{decode(t.raw)}</Fragment>;
    }
  });
}

/** marked escapes `'`, `"`, `&`, `<`, `>` in text; React escapes again, so undo marked's. */
function decode(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" })[e] ?? e);
}

function blocks(tokens: Token[]): ReactNode {
  return tokens.map((t, i) => {
    switch (t.type) {
      case "heading": {
        const h = t as Tokens.Heading;
        const Tag = `h${Math.min(h.depth, 6)}` as "h2";
        return h.depth === 1 ? null : (
          <Tag key={i} id={slug(h.text)} className={h.depth === 2 ? "fr-h3 fr-mt-4w" : "fr-h5 fr-mt-3w"}>
            {inline(h.tokens)}
          </Tag>
        );
      }
      case "paragraph":
        return <p key={i}>{inline((t as Tokens.Paragraph).tokens)}</p>;
      case "list": {
        const list = t as Tokens.List;
        const items = list.items.map((item, j) => <li key={j}>{blocks(item.tokens)}</li>);
        return list.ordered ? <ol key={i}>{items}</ol> : <ul key={i}>{items}</ul>;
      }
      case "text": {
        const text = t as Tokens.Text;
        return <Fragment key={i}>{text.tokens ? inline(text.tokens) : decode(text.text)}</Fragment>;
      }
      case "blockquote":
        return (
          <div key={i} className="fr-callout fr-mb-2w">
            {blocks((t as Tokens.Blockquote).tokens)}
          </div>
        );
      case "code":
        return (
          <pre key={i}>
            <code>{(t as Tokens.Code).text}</code>
          </pre>
        );
      case "table": {
        const table = t as Tokens.Table;
        return (
          <div key={i} className="fr-table fr-table--no-caption">
            <table>
              <thead>
                <tr>
                  {table.header.map((c, j) => (
                    <th key={j} scope="col">
                      {inline(c.tokens)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {table.rows.map((row, j) => (
                  <tr key={j}>
                    {row.map((c, k) => (
                      <td key={k}>{inline(c.tokens)}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        );
      }
      default:
        return null;
    }
  });
}

/** The guide's sections (level-2 headings), for its contents. */
export function contents(tokens: Token[]): { id: string; text: string }[] {
  return tokens
    .filter((t): t is Tokens.Heading => t.type === "heading" && (t as Tokens.Heading).depth === 2)
    .map((h) => ({ id: slug(h.text), text: h.text }));
}

export function Guide({ onClose }: { onClose: () => void }) {
  const tokens = useMemo(() => Lexer.lex(guide), []);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <>
      <Button priority="tertiary" iconId="fr-icon-arrow-left-line" onClick={onClose}>
        Retour
      </Button>
      <h1 className="fr-mt-2w" tabIndex={-1} ref={heading} id="guide-title">
        Guide d’utilisation
      </h1>
      <nav className="fr-summary fr-mb-4w" aria-labelledby="guide-contents">
        <p className="fr-summary__title" id="guide-contents">
          Sommaire
        </p>
        <ol>
          {contents(tokens).map((c) => (
            <li key={c.id}>
              <a className="fr-summary__link" href={`#${c.id}`}>
                {c.text}
              </a>
            </li>
          ))}
        </ol>
      </nav>
      <div className="fdr-guide">{blocks(tokens)}</div>
    </>
  );
}
