// Tables whose rows open an editor inline, under the row (actions,
// indicators): the row's *Modifier* / *Fermer* button, what opening and
// closing do with focus (the editor's heading, brought to the top; back to
// the button), and the row holding the editor.
import { Button } from "@codegouvfr/react-dsfr/Button";
import { useCallback, useRef } from "react";
import { useEditor } from "../saving";

/** Opening and closing items of a table by code; `itemId(i)` is the editor's element id. */
export function useOpenable(itemId: (i: number) => string, selected: string | null, onSelect: (c: string | null) => void) {
  const { focus } = useEditor();
  // Read through a ref: the callback stays the same when the selection
  // changes, so that opening an item does not re-render every row.
  const open = useRef(selected);
  open.current = selected;
  const onToggle = useCallback(
    (code: string, i: number) => {
      if (code === open.current) {
        onSelect(null);
        focus(`${itemId(i)}-open`);
      } else {
        onSelect(code);
        // The row at the top, the editor's heading under it, focused.
        focus(`${itemId(i)}-heading`, `${itemId(i)}-open`);
      }
    },
    [itemId, onSelect, focus],
  );
  const close = useCallback(
    (i: number, focusRow = true) => {
      onSelect(null);
      if (focusRow) focus(`${itemId(i)}-open`);
    },
    [itemId, onSelect, focus],
  );
  return { onToggle, close };
}

/** The cell with the row's *Modifier* / *Fermer* button. */
export function OpenCell(props: {
  item: string;
  code: string;
  index: number;
  open: boolean;
  /** « l’action A3 » */
  what: string;
  onToggle: (code: string, index: number) => void;
}) {
  const { item, code, index, open, what, onToggle } = props;
  return (
    <td>
      <Button
        size="small"
        id={`${item}-open`}
        priority={open ? "primary" : "secondary"}
        onClick={() => onToggle(code, index)}
        aria-expanded={open}
        aria-controls={open ? item : undefined}
        title={`${open ? "Fermer" : "Modifier"} ${what}`}
        aria-label={`${open ? "Fermer" : "Modifier"} ${what}`}
      >
        {open ? "Fermer" : "Modifier"}
      </Button>
    </td>
  );
}

/** The row under an open item, holding its editor across the table's width. */
export function EditorRow({ columns, children }: { columns: number; children: React.ReactNode }) {
  return (
    <tr className="fdr-open-row">
      <td colSpan={columns}>{children}</td>
    </tr>
  );
}
