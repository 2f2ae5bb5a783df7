import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { warningLabel } from "../french";
import { warningTarget, type Target } from "../navigation";
import { useEditor } from "../saving";

export function Checks({ onGo }: { onGo: (t: Target) => void }) {
  const { view } = useEditor();
  const warnings = view.warnings;
  return (
    <>
      <h2>Vérifications</h2>
      <p>
        Points à revoir avant de remettre la feuille de route. Ils n’empêchent ni l’enregistrement ni l’export ; ils
        figurent en annexe du PDF.
      </p>
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
