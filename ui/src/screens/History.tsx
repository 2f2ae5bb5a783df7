// The revisions of a roadmap received or sent, and what changed between any two.
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { useEffect, useState } from "react";
import { api, ApiError, type Change, type RevisionEntry } from "../api";
import { timestamp } from "../french";

const kindLabel: Record<Change["kind"], string> = {
  added: "Ajout",
  removed: "Suppression",
  changed: "Modification",
};

export function History({ id, title, onClose }: { id: string; title: string; onClose: () => void }) {
  const [revisions, setRevisions] = useState<RevisionEntry[] | null>(null);
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  const [changes, setChanges] = useState<Change[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api
      .history(id)
      .then((list) => {
        setRevisions(list);
        const last = list.at(-1)?.revision ?? null;
        const before = list.at(-2)?.revision ?? last;
        setFrom(before);
        setTo(last);
      })
      .catch((e) => setError(e instanceof ApiError ? e.message : String(e)));
  }, [id]);

  const compare = async () => {
    if (from === null || to === null) return;
    setError(null);
    try {
      setChanges(await api.diff(id, from, to));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };

  return (
    <>
      <Button priority="tertiary" iconId="fr-icon-arrow-left-line" onClick={onClose}>
        Toutes les feuilles de route
      </Button>
      <h1 className="fr-h3 fr-mt-2w">Historique — {title}</h1>
      {error && <Alert className="fr-mb-2w" severity="error" small description={error} />}
      {revisions && (
        <div className="fr-table">
          <table>
            <caption>Révisions reçues ou envoyées</caption>
            <thead>
              <tr>
                <th scope="col">Révision</th>
                <th scope="col">Exportée le</th>
                <th scope="col">Origine</th>
                <th scope="col">Fichier</th>
                <th scope="col">Enregistrée le</th>
              </tr>
            </thead>
            <tbody>
              {revisions.map((r) => (
                <tr key={r.revision}>
                  <td>{r.revision}</td>
                  <td>{timestamp(r.exported_at)}</td>
                  <td>{r.origin === "import" ? "Reçue" : "Exportée ici"}</td>
                  <td>{r.source_name ?? "—"}</td>
                  <td>{timestamp(r.recorded_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {revisions && revisions.length > 0 && (
        <form
          className="fdr-toolbar fdr-add"
          onSubmit={(e) => {
            e.preventDefault();
            void compare();
          }}
        >
          <Select
            className="fr-mb-0"
            label="De la révision"
            nativeSelectProps={{ id: "diff-from", value: from ?? "", onChange: (e) => setFrom(Number(e.target.value)) }}
          >
            {revisions.map((r) => (
              <option key={r.revision} value={r.revision}>
                {r.revision}
              </option>
            ))}
          </Select>
          <Select
            className="fr-mb-0"
            label="À la révision"
            nativeSelectProps={{ id: "diff-to", value: to ?? "", onChange: (e) => setTo(Number(e.target.value)) }}
          >
            {revisions.map((r) => (
              <option key={r.revision} value={r.revision}>
                {r.revision}
              </option>
            ))}
          </Select>
          <Button type="submit">Comparer</Button>
        </form>
      )}
      {changes && (
        <div aria-live="polite">
          {changes.length === 0 ? (
            <Alert severity="info" small description={`Aucun changement entre les révisions ${from} et ${to}.`} />
          ) : (
            <div className="fr-table" id="diff-table">
              <table>
                <caption>
                  {changes.length} changement{changes.length > 1 ? "s" : ""} de la révision {from} à la révision {to}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Type</th>
                    <th scope="col">Élément</th>
                    <th scope="col">Champ</th>
                    <th scope="col">Avant</th>
                    <th scope="col">Après</th>
                  </tr>
                </thead>
                <tbody>
                  {changes.map((c, i) => (
                    <tr key={i} data-kind={c.kind}>
                      <td>{kindLabel[c.kind]}</td>
                      <td>{c.label}</td>
                      <td>{c.field ?? "—"}</td>
                      <td>{c.old ?? "—"}</td>
                      <td>{c.new ?? "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      )}
    </>
  );
}
