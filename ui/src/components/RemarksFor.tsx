// The secretariat's remarks on one item or part, shown beside it in the
// editor: severity, text, and whether it has been answered.
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import type { Part } from "../api";
import { isOpen, remarksFor } from "../review/remarks";
import { useEditor } from "../saving";
import { MarkdownText } from "./MarkdownText";

export function RemarksFor({ part, item }: { part: Part; item?: string }) {
  const { view } = useEditor();
  const list = remarksFor(view.review, part, item).filter((r) => r.latest || isOpen(r));
  if (list.length === 0) return null;
  return (
    <aside className="fdr-remarks" aria-label={`Remarques du secrétariat${item ? ` sur ${item}` : ""}`}>
      {list.map((r) => (
        <div className="fdr-remark" key={`${r.avis}/${r.remark.id}`}>
          <p className="fr-mb-1v">
            <Badge small severity={r.remark.severity === "blocking" ? "error" : "info"} noIcon>
              {r.remark.severity === "blocking" ? "Bloquante" : "Remarque"}
            </Badge>{" "}
            <strong>Secrétariat, {r.remark.id}</strong>
            {r.remark.target.field ? ` — ${r.label.split(", ").pop()}` : ""} :{" "}
            {r.answer ? (
              <Badge small severity="success" noIcon>
                {r.answer.answer.state === "addressed" ? "Traitée" : "Non retenue"}
              </Badge>
            ) : (
              <Badge small severity="warning" noIcon>
                Sans réponse
              </Badge>
            )}
          </p>
          <MarkdownText text={r.remark.text} />
        </div>
      ))}
    </aside>
  );
}

/** In a list's row: how many remarks of the latest avis concern the item, and how many are unanswered. */
export function RemarkCount({ part, item }: { part: Part; item: string }) {
  const { view } = useEditor();
  const list = remarksFor(view.review, part, item).filter((r) => r.latest);
  if (list.length === 0) return null;
  const open = list.filter(isOpen).length;
  return (
    <span className="fr-ml-1w">
      <Badge small severity={open > 0 ? "warning" : "success"} noIcon>
        {list.length} remarque{list.length > 1 ? "s" : ""}
        {open > 0 ? `, ${open} sans réponse` : ""}
      </Badge>
    </span>
  );
}
