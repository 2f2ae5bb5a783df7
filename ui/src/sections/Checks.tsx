import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { warningLabel } from "../french";
import { warningTarget, type Target } from "../navigation";
import { useEditor } from "../saving";

export function Checks({ onGo, onRemarks }: { onGo: (t: Target) => void; onRemarks: () => void }) {
  const { view } = useEditor();
  const warnings = view.warnings;
  const blocking = view.review.remarks.filter((r) => r.latest && r.remark.severity === "blocking" && !r.answer);
  return (
    <>
      <h2>Vérifications</h2>
      <p>
        Points à revoir avant de remettre la feuille de route. Ils n’empêchent ni l’enregistrement ni l’export ; ils
        figurent en annexe du PDF.
      </p>
      {blocking.length > 0 && (
        <>
          <h3 className="fr-h5">Remarques bloquantes du secrétariat sans réponse</h3>
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
          <h3 className="fr-h5">Contrôles du format</h3>
        </>
      )}
      {warnings.length === 0 ? (
        <Alert severity="success" small description="Aucun point à revoir." />
      ) : (
        <ul>
          {warnings.map((w, i) => (
            <li key={i}>
              <a
                href={`#${warningTarget(w.path).field}`}
                onClick={(e) => {
                  e.preventDefault();
                  onGo(warningTarget(w.path));
                }}
              >
                {warningLabel[w.code]}
              </a>{" "}
              : {w.message}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
