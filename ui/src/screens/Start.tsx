// The start screen: the region's 15 themes, each with its roadmap(s).
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { useEffect, useState } from "react";
import { api, ApiError, type ThemeRow } from "../api";
import { roadmapStatusLabel, timestamp } from "../french";

export function Start({ onOpen, onCreate }: { onOpen: (id: string) => void; onCreate: (theme: number) => void }) {
  const [rows, setRows] = useState<ThemeRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api
      .themes()
      .then(setRows)
      .catch((e) => setError(e instanceof ApiError ? e.message : String(e)));
  }, []);

  if (error) return <Alert severity="error" title="Les feuilles de route ne peuvent pas être affichées" description={error} />;
  if (!rows) return <p>Chargement…</p>;
  const done = rows.filter((r) => r.roadmaps.length > 0).length;
  return (
    <>
      <h1>Feuilles de route thématiques</h1>
      <p>
        {done} thème{done > 1 ? "s" : ""} sur {rows.length} {done > 1 ? "ont" : "a"} une feuille de route dans cette
        copie.
      </p>
      <div className="fr-table fr-table--bordered">
        <table>
          <caption>Les {rows.length} thèmes de la région</caption>
          <thead>
            <tr>
              <th scope="col">N°</th>
              <th scope="col">Thème</th>
              <th scope="col">Statut</th>
              <th scope="col">Révision</th>
              <th scope="col">Dernière modification</th>
              <th scope="col">Points à revoir</th>
              <th scope="col">
                <span className="fr-sr-only">Ouvrir ou créer</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.flatMap((t) =>
              t.roadmaps.length === 0
                ? [
                    <tr key={t.number}>
                      <td>{t.number}</td>
                      <td>{t.title}</td>
                      <td colSpan={4}>Pas encore de feuille de route</td>
                      <td>
                        <Button size="small" priority="secondary" onClick={() => onCreate(t.number)} title={`Créer la feuille de route du thème ${t.number}`}>
                          Créer
                        </Button>
                      </td>
                    </tr>,
                  ]
                : t.roadmaps.map((r, k) => (
                    <tr key={r.id}>
                      <td>{t.number}</td>
                      <td>
                        {r.theme_title}
                        {t.roadmaps.length > 1 && (
                          <span className="fr-badge fr-badge--sm fr-badge--warning fr-ml-1w">copie {k + 1}</span>
                        )}
                      </td>
                      <td>
                        <span className="fr-badge fr-badge--sm fr-badge--info">{roadmapStatusLabel[r.status]}</span>
                      </td>
                      <td>
                        {r.revision}
                        {r.edited ? " (modifiée)" : ""}
                      </td>
                      <td>{timestamp(r.updated_at)}</td>
                      <td>{r.warnings}</td>
                      <td>
                        <Button size="small" onClick={() => onOpen(r.id)} title={`Ouvrir la feuille de route du thème ${t.number}`}>
                          Ouvrir
                        </Button>
                      </td>
                    </tr>
                  )),
            )}
          </tbody>
        </table>
      </div>
    </>
  );
}
