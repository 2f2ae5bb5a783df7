// The store's verified backups, newest first, each restorable (the current
// store is kept aside first, never deleted).
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { useEffect, useState } from "react";
import { api, ApiError, type BackupEntry } from "../api";
import { timestamp } from "../french";

const reasonLabel = (reason: string) =>
  reason.startsWith("avant-migration")
    ? "avant une mise à jour"
    : ({ quotidienne: "quotidienne", manuelle: "manuelle", "avant-restauration": "avant une restauration" }[reason] ??
      reason);

const fileName = (path: string) => path.split(/[\\/]/).pop() ?? path;

export function Backups({ onRestored }: { onRestored: () => void }) {
  const [list, setList] = useState<BackupEntry[] | null>(null);
  const [confirm, setConfirm] = useState<BackupEntry | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    api
      .backups()
      .then(setList)
      .catch((e) => setMessage({ ok: false, text: e instanceof ApiError ? e.message : String(e) }));
  }, []);

  const restore = async (b: BackupEntry) => {
    setConfirm(null);
    try {
      await api.restoreBackup(fileName(b.path));
      setMessage({ ok: true, text: `Base restaurée depuis la sauvegarde du ${timestamp(b.taken_at)} ; la base précédente est gardée parmi les sauvegardes.` });
      setList(await api.backups());
      onRestored();
    } catch (e) {
      setMessage({ ok: false, text: e instanceof ApiError ? e.message : String(e) });
    }
  };

  return (
    <section aria-labelledby="backups-title">
      <h2 className="fr-h5" id="backups-title">
        Sauvegardes
      </h2>
      <p>
        Une copie vérifiée de la base est faite chaque jour au démarrage et avant chaque mise à jour ; les dix plus
        récentes sont gardées.
      </p>
      <div aria-live="polite">
        {message && <Alert className="fr-mb-2w" severity={message.ok ? "success" : "error"} small description={message.text} />}
      </div>
      {list && list.length === 0 && <p>Aucune sauvegarde pour l’instant.</p>}
      {list && list.length > 0 && (
        <div className="fr-table">
          <table>
            <caption>Sauvegardes de la base, la plus récente d’abord</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Type</th>
                <th scope="col" className="fdr-num">
                  Taille
                </th>
                <th scope="col">
                  <span className="fr-sr-only">Restaurer</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((b) => (
                <tr key={b.path}>
                  <td>{timestamp(b.taken_at)}</td>
                  <td>{reasonLabel(b.reason)}</td>
                  <td className="fdr-num">{Math.max(1, Math.round(b.size / 1024))}&nbsp;Kio</td>
                  <td>
                    <Button size="small" priority="secondary" onClick={() => setConfirm(b)} title={`Restaurer la sauvegarde du ${timestamp(b.taken_at)}`}>
                      Restaurer
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {confirm && (
        <Alert
          severity="warning"
          small
          description={
            <>
              <span>
                Remplacer la base actuelle par la sauvegarde du {timestamp(confirm.taken_at)} ? La base actuelle sera
                d’abord gardée parmi les sauvegardes.
              </span>
              <span className="fdr-row-actions fr-mt-1w">
                <Button size="small" onClick={() => restore(confirm)}>
                  Restaurer cette sauvegarde
                </Button>
                <Button size="small" priority="secondary" onClick={() => setConfirm(null)}>
                  Annuler
                </Button>
              </span>
            </>
          }
        />
      )}
    </section>
  );
}
