import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { useState } from "react";
import { api, ApiError, type ExportKind, type Saved } from "../api";
import { announce } from "../announce";
import { roadmapStatusLabel } from "../french";
import { useEditor } from "../saving";

/** The words saying what an export did. */
export function exportOutcome(kind: ExportKind, saved: Saved): string {
  if (!saved.path) return "Export annulé : aucun fichier écrit.";
  const what = kind === "pdf" ? "PDF" : "Fichier JSON";
  const beside = saved.companion ? ` Réponses aux avis écrites à côté : ${saved.companion} (à envoyer avec lui).` : "";
  return `${what} enregistré : ${saved.path} (révision ${saved.revision}${saved.new_revision ? ", nouvelle" : ""}).${beside}`;
}

export function Export({ onExported }: { onExported: () => void }) {
  const { view, edit, focus } = useEditor();
  const r = view.roadmap;
  const [busy, setBusy] = useState<ExportKind | null>(null);
  const [result, setResult] = useState<{ kind: ExportKind; saved: Saved } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async (kind: ExportKind) => {
    // The buttons stay enabled (focus stays on the one pressed); a second press waits.
    if (busy !== null) return;
    setBusy(kind);
    setError(null);
    setResult(null);
    try {
      const saved = await api.exportRoadmap(r.id, kind);
      setResult({ kind, saved });
      announce(exportOutcome(kind, saved));
      onExported();
    } catch (e) {
      const message = e instanceof ApiError ? e.message : String(e);
      setError(message);
      announce(`L’export a échoué : ${message}`);
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <h2>Export</h2>
      <p>
        Le PDF est le document à envoyer au secrétariat régional : il contient aussi les données de la feuille de
        route, que le secrétariat importe directement. Le fichier JSON sert aux échanges entre copies de
        l’application.
      </p>
      <p>
        {r.revision === 0
          ? "Jamais exportée : l’export créera la révision 1."
          : `Révision actuelle : ${r.revision}${view.edited ? ` — modifiée depuis : l’export créera la révision ${r.revision + 1}.` : " — sans modification depuis."}`}
      </p>
      {view.review.open_blocking > 0 && (
        <Alert
          className="fr-mb-2w"
          severity="warning"
          small
          description={`${view.review.open_blocking} remarque${view.review.open_blocking > 1 ? "s" : ""} bloquante${view.review.open_blocking > 1 ? "s" : ""} du secrétariat sans réponse (« Remarques du secrétariat ») : vous pouvez exporter, mais le secrétariat attend une réponse à chacune avant de valider.`}
        />
      )}
      {view.warnings.length > 0 && (
        <Alert
          className="fr-mb-2w"
          severity="info"
          small
          description={
            view.warnings.length === 1
              ? "Un point à revoir figure dans « Vérifications » ; il sera listé en annexe du PDF."
              : `${view.warnings.length} points à revoir figurent dans « Vérifications » ; ils seront listés en annexe du PDF.`
          }
        />
      )}
      <div className="fdr-toolbar">
        <Button
          iconId="fr-icon-file-pdf-line"
          id="export-pdf"
          aria-disabled={busy !== null}
          onClick={() => void run("pdf")}
        >
          {busy === "pdf" ? "Export en cours…" : "Exporter en PDF"}
        </Button>
        <Button
          priority="secondary"
          iconId="fr-icon-download-line"
          id="export-json"
          aria-disabled={busy !== null}
          onClick={() => void run("json")}
        >
          {busy === "json" ? "Export en cours…" : "Exporter en JSON"}
        </Button>
      </div>
      <div>
        {result && (
          <Alert severity={result.saved.path ? "success" : "info"} small description={exportOutcome(result.kind, result.saved)} />
        )}
        {error && <Alert severity="error" small description={`L’export a échoué : ${error}`} />}
      </div>
      <h3 className="fr-mt-4w">Statut</h3>
      <p id="export-status" tabIndex={-1}>
        Statut actuel : <strong>{roadmapStatusLabel[r.status]}</strong>
      </p>
      {view.authored && r.status === "draft" && (
        <Button
          priority="secondary"
          id="mark-submitted"
          onClick={async () => {
            if ((await edit({ op: "set_status", status: "submitted" })) === null) {
              announce("Feuille de route marquée comme remise.");
              focus("export-status");
            }
          }}
        >
          Marquer la feuille de route comme remise
        </Button>
      )}
    </>
  );
}
