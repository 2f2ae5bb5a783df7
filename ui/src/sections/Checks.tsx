// The core's warnings, live, grouped by kind; each is a link to the field
// it concerns. Only the warning's words are shown (never its field path).
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import type { Warning, WarningCode } from "../api";
import { warningLabel } from "../french";
import { warningTarget, type Target } from "../navigation";
import { useEditor } from "../saving";

/** The warnings by kind, kinds in the order they first appear. */
export function byKind(warnings: Warning[]): [WarningCode, Warning[]][] {
  const groups = new Map<WarningCode, Warning[]>();
  for (const w of warnings) groups.set(w.code, [...(groups.get(w.code) ?? []), w]);
  return [...groups];
}

/** A message as a sentence: its first letter capitalised. */
const sentence = (m: string) => m.charAt(0).toLocaleUpperCase("fr-FR") + m.slice(1);

export function Checks({ onGo, onRemarks }: { onGo: (t: Target) => void; onRemarks: () => void }) {
  const { view } = useEditor();
  const warnings = view.warnings;
  const blocking = view.review.remarks.filter((r) => r.latest && r.remark.severity === "blocking" && !r.answer);
  return (
    <>
      <h2>Vérifications</h2>
      <p>
        Points à revoir avant de remettre la feuille de route. Ils n’empêchent ni l’enregistrement ni l’export ; ils
        figurent en annexe du PDF. Chaque point mène au champ concerné.
      </p>
      {blocking.length > 0 && (
        <div className="fr-mb-3w">
          <h3 className="fr-h6 fr-mb-1w">Remarques bloquantes du secrétariat sans réponse ({blocking.length})</h3>
          <ul>
            {blocking.map((r) => (
              <li key={`${r.avis}/${r.remark.id}`}>
                <a
                  href="#remarques"
                  onClick={(e) => {
                    e.preventDefault();
                    onRemarks();
                  }}
                >
                  {r.remark.id} — {r.label}
                </a>{" "}
                : {r.remark.text}
              </li>
            ))}
          </ul>
        </div>
      )}
      {warnings.length === 0 ? (
        <Alert severity="success" small description="Aucun point à revoir." />
      ) : (
        byKind(warnings).map(([code, list]) => (
          <div key={code} className="fr-mb-3w">
            <h3 className="fr-h6 fr-mb-1w">
              {warningLabel[code]} ({list.length})
            </h3>
            <ul>
              {list.map((w, i) => {
                const target = warningTarget(w.path);
                return (
                  <li key={i}>
                    <a
                      href={`#${target.field}`}
                      onClick={(e) => {
                        e.preventDefault();
                        onGo(target);
                      }}
                    >
                      {sentence(w.message)}
                    </a>
                  </li>
                );
              })}
            </ul>
          </div>
        ))
      )}
    </>
  );
}
