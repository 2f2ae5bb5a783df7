// Light-Markdown text shown read-only: the blocks the core's parser makes
// (as the PDF lays them out), rendered as React text, never as HTML.
import { useEffect, useState } from "react";
import { api, type Block } from "../api";
import { Blocks } from "./Markdown";

export function MarkdownText({ text, empty = "—" }: { text: string; empty?: string }) {
  const [blocks, setBlocks] = useState<Block[] | null>(null);
  useEffect(() => {
    let live = true;
    api
      .markdownPreview(text)
      .then((b) => live && setBlocks(b))
      .catch(() => live && setBlocks([{ kind: "paragraph", content: [{ text, bold: false, italic: false }] }]));
    return () => {
      live = false;
    };
  }, [text]);
  if (text.trim() === "") return <p className="fr-text--sm">{empty}</p>;
  if (blocks === null) return <p>{text}</p>;
  return <Blocks blocks={blocks} />;
}
