// Light-Markdown text: the field, and a preview built from the core's own
// parser (the blocks the PDF lays out), rendered as text, never as HTML.
import { useEffect, useState } from "react";
import { api, type Block, type Span } from "../api";
import { TextField } from "./TextField";

function Spans({ spans }: { spans: Span[] }) {
  return (
    <>
      {spans.map((s, i) => {
        const lines = s.text.replace(/\r\n/g, "\n").split("\n");
        let node: React.ReactNode = lines.map((line, j) => (
          <span key={j}>
            {j > 0 && <br />}
            {line}
          </span>
        ));
        if (s.italic) node = <em>{node}</em>;
        if (s.bold) node = <strong>{node}</strong>;
        return <span key={i}>{node}</span>;
      })}
    </>
  );
}

export function Blocks({ blocks }: { blocks: Block[] }) {
  return (
    <>
      {blocks.map((b, i) =>
        b.kind === "paragraph" ? (
          <p key={i}>
            <Spans spans={b.content} />
          </p>
        ) : (
          <ul key={i}>
            {b.content.map((item, j) => (
              <li key={j}>
                <Spans spans={item} />
              </li>
            ))}
          </ul>
        ),
      )}
    </>
  );
}

export function MarkdownField(props: {
  id: string;
  label: string;
  /** Says whose text it is, for the preview's name (« de l’objectif O2 »): names stay unique. */
  context?: string;
  value: string;
  onCommit: (v: string) => void;
}) {
  const { value, context, ...field } = props;
  const [text, setText] = useState(value);
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    setShown(value);
    setText(value);
  }
  const [blocks, setBlocks] = useState<Block[]>([]);
  useEffect(() => {
    let live = true;
    const t = setTimeout(() => {
      api
        .markdownPreview(text)
        .then((b) => live && setBlocks(b))
        .catch(() => live && setBlocks([]));
    }, 120);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [text]);
  return (
    <div>
      <TextField
        {...field}
        value={value}
        onDraft={setText}
        textArea
        rows={8}
        hint="Paragraphes séparés par une ligne vide ; « - » en début de ligne pour une liste ; **gras**, *italique*."
      />
      {/* A group, not a landmark: one per text field would crowd the page's landmarks. */}
      <div
        className="fdr-preview fr-mb-4w"
        role="group"
        aria-label={`Aperçu : ${props.label}${context ? ` ${context}` : ""}`}
      >
        <p className="fr-text--sm fr-mb-1w">Aperçu (tel qu’il apparaîtra dans le PDF)</p>
        {blocks.length === 0 ? <p className="fr-text--sm">Texte vide.</p> : <Blocks blocks={blocks} />}
      </div>
    </div>
  );
}
