// The start screen, for animators and for the secretariat: the region's 15
// themes with their roadmaps (where each stands), files to import by drop
// or dialog, the filter by département, and the consolidated outputs.
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { useCallback, useEffect, useState } from "react";
import { api, ApiError, type ConsolidationKind, type ConsolidationSaved, type FileImport, type Overview, type RoadmapCard } from "../api";
import { Backups } from "../components/Backups";
import { dateLong, decisionLabel, euros, roadmapStatusLabel, timestamp } from "../french";

/** A file's result in words. */
export function importSummary(f: FileImport): string {
  if (f.refused) return `refusé : ${f.refused}`;
  const parts = f.reports.map((r) => {
      switch (r.outcome.kind) {
        case "added":
          return `thème ${r.theme_number} importé (révision ${r.revision})`;
        case "updated":
          return `thème ${r.theme_number} mis à jour (révision ${r.revision}, la ${r.outcome.previous} reste dans l’historique)`;
        case "already_imported":
          return `thème ${r.theme_number} déjà présent (révision ${r.revision})`;
        case "history_only":
          return `thème ${r.theme_number} : révision ${r.revision} plus ancienne que la ${r.outcome.current}, gardée dans l’historique`;
      }
    });
  if (f.avis) {
    const a = f.avis;
    parts.push(
      `${a.outcome === "added" ? "avis importé" : "avis déjà présent"} sur le thème ${a.theme_number} : ${decisionLabel[a.decision]}, ${a.remarks} remarque${a.remarks > 1 ? "s" : ""}${a.blocking ? ` dont ${a.blocking} bloquante${a.blocking > 1 ? "s" : ""}` : ""}${a.current_revision > a.revision ? ` ; porte sur la révision ${a.revision}, la feuille de route en est à la révision ${a.current_revision}` : ""}`,
    );
  }
  if (f.answers) {
    const r = f.answers;
    parts.push(
      `${r.outcome === "added" ? "réponses reçues" : "réponses déjà présentes"} (${r.answers}) avec la révision ${r.revision}${r.warnings.length ? ` ; ${r.warnings.join(" ; ")}` : ""}`,
    );
  }
  return parts.join(" ; ");
}

/** Whether a roadmap concerns a département (or the whole region). */
export function concerns(card: RoadmapCard, departement: string, regionCode: string): boolean {
  return departement === "" || card.territories.includes(departement) || card.territories.includes(regionCode);
}

async function readAll(files: FileList | File[]): Promise<FileImport[]> {
  const out: FileImport[] = [];
  // Roadmaps first, then answers sent beside them (NAME.fdr-reponses.json)
  // and avis, which need the revision they are about.
  const rank = (name: string) => (/\.fdr-reponses\.json$/i.test(name) ? 2 : /avis/i.test(name) ? 1 : 0);
  const sorted = Array.from(files).sort((a, b) => rank(a.name) - rank(b.name));
  for (const file of sorted) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    out.push(await api.importFile(file.name, bytes));
  }
  return out;
}

/** Whether this page has told the shell its first table is shown (once: the startup trace, bench/app/). */
let tableReported = false;

export function Start(props: {
  onOpen: (id: string) => void;
  onCreate: (theme: number) => void;
  onHistory: (id: string, title: string) => void;
  onAvis: (id: string) => void;
  /** Files the shell imported (opened from outside): shown as a drop's results. */
  received?: FileImport[] | null;
  /** Called once they are shown (so that they are not shown again). */
  onReceivedShown?: () => void;
}) {
  const { onOpen, onCreate, onHistory, onAvis, received, onReceivedShown } = props;
  const [overview, setOverview] = useState<Overview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [departement, setDepartement] = useState("");
  const [imports, setImports] = useState<FileImport[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [made, setMade] = useState<ConsolidationSaved | null>(null);

  const load = useCallback(() => {
    api
      .themes()
      .then(setOverview)
      .catch((e) => setError(e instanceof ApiError ? e.message : String(e)));
  }, []);
  useEffect(load, [load]);
  // The themes table is on the page: the startup trace's last step (a mark
  // for the benchmark, and the shell prints it with FDR_TRACE_STARTUP).
  useEffect(() => {
    if (!overview || tableReported) return;
    tableReported = true;
    performance.mark("fdr-table-shown");
    api.startupShown().catch(() => undefined);
  }, [overview]);
  useEffect(() => {
    if (received) {
      setImports(received);
      load();
      onReceivedShown?.();
    }
  }, [received, load, onReceivedShown]);

  const run = async (task: () => Promise<FileImport[]>) => {
    setBusy(true);
    try {
      setImports(await task());
      load();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  // Files dropped anywhere on the window.
  useEffect(() => {
    const over = (e: DragEvent) => {
      if (e.dataTransfer?.types.includes("Files")) {
        e.preventDefault();
        setDragging(true);
      }
    };
    const leave = () => setDragging(false);
    const drop = (e: DragEvent) => {
      e.preventDefault();
      setDragging(false);
      const files = e.dataTransfer?.files;
      if (files && files.length > 0) void run(() => readAll(files));
    };
    window.addEventListener("dragover", over);
    window.addEventListener("dragleave", leave);
    window.addEventListener("drop", drop);
    return () => {
      window.removeEventListener("dragover", over);
      window.removeEventListener("dragleave", leave);
      window.removeEventListener("drop", drop);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const validate = async (id: string) => {
    setBusy(true);
    try {
      // An avis of this copy: the author's roadmap itself is never touched.
      await api.validateRoadmap(id);
      load();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const consolidate = async (kind: ConsolidationKind) => {
    setBusy(true);
    setMade(null);
    try {
      setMade(await api.consolidate(kind));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  if (!overview)
    return error ? (
      <>
        <Alert severity="error" title="Les feuilles de route ne peuvent pas être affichées" description={error} />
        <div className="fr-mt-4w">
          <Backups
            onRestored={() => {
              setError(null);
              load();
            }}
          />
        </div>
      </>
    ) : (
      <p>Chargement…</p>
    );
  const rows = overview.themes;
  const done = rows.filter((r) => r.roadmaps.length > 0).length;
  const doubles = rows.filter((r) => r.roadmaps.length > 1).map((r) => r.number);
  const total = rows.flatMap((r) => r.roadmaps).reduce((s, c) => s + c.total_cents, 0);
  return (
    <>
      <h1>Feuilles de route thématiques</h1>
      <p>
        {done} thème{done > 1 ? "s" : ""} sur {rows.length} {done > 1 ? "ont" : "a"} une feuille de route dans cette
        copie ; budget total des actions : {euros(total)}.
      </p>
      {error && <Alert className="fr-mb-2w" severity="error" small description={error} closable onClose={() => setError(null)} />}
      {doubles.length > 0 && (
        <Alert
          className="fr-mb-2w"
          severity="warning"
          small
          description={`Plusieurs feuilles de route différentes pour le ou les thèmes ${doubles.join(", ")} : vérifiez laquelle est la bonne.`}
        />
      )}

      <section className={`fdr-drop fr-mb-3w${dragging ? " fdr-drop--over" : ""}`} aria-labelledby="import-title">
        <h2 className="fr-h5" id="import-title">
          Importer des feuilles de route reçues
        </h2>
        <p className="fr-mb-1w">
          Déposez ici (ou n’importe où dans la fenêtre) les PDF ou fichiers JSON reçus, plusieurs à la fois, ou
          choisissez-les. Chaque fichier est importé entier ou refusé sans rien changer.
        </p>
        <Button iconId="fr-icon-upload-line" priority="secondary" disabled={busy} onClick={() => run(api.importDialog)}>
          Choisir des fichiers…
        </Button>
        <div aria-live="polite">
          {imports && (
            <ul className="fr-mt-2w" id="import-results">
              {imports.length === 0 && <li>Aucun fichier choisi.</li>}
              {imports.map((f, i) => (
                <li key={i} className={f.refused ? "fdr-flag" : undefined}>
                  <strong>{f.name}</strong> : {importSummary(f)}
                </li>
              ))}
            </ul>
          )}
        </div>
      </section>

      <div className="fdr-toolbar">
        <div className="fr-select-group fr-mb-0">
          <label className="fr-label" htmlFor="departement">
            Département concerné
          </label>
          <select
            className="fr-select"
            id="departement"
            value={departement}
            onChange={(e) => setDepartement(e.target.value)}
          >
            <option value="">Tous</option>
            {overview.departements.map((d) => (
              <option key={d.code} value={d.code}>
                {d.name} ({d.code})
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="fr-table fr-table--bordered">
        <table>
          <caption>Les {rows.length} thèmes de la région</caption>
          <thead>
            <tr>
              <th scope="col">N°</th>
              <th scope="col">Thème</th>
              <th scope="col">Animation</th>
              <th scope="col">Statut</th>
              <th scope="col">Révision</th>
              <th scope="col">Exportée ou reçue</th>
              <th scope="col" className="fdr-num">
                Obj. / act. / ind.
              </th>
              <th scope="col" className="fdr-num">
                Budget
              </th>
              <th scope="col" className="fdr-num">
                Points à revoir
              </th>
              <th scope="col">
                <span className="fr-sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.flatMap((t) => {
              const shown = t.roadmaps.filter((r) => concerns(r, departement, overview.region_code));
              if (t.roadmaps.length === 0) {
                return departement === ""
                  ? [
                      <tr key={t.number}>
                        <td>{t.number}</td>
                        <td>{t.title}</td>
                        <td colSpan={7}>
                          <span className="fr-badge fr-badge--sm fr-badge--warning">Aucune feuille de route</span>
                        </td>
                        <td>
                          <Button
                            size="small"
                            priority="secondary"
                            onClick={() => onCreate(t.number)}
                            title={`Créer la feuille de route du thème ${t.number}`}
                          >
                            Créer
                          </Button>
                        </td>
                      </tr>,
                    ]
                  : [];
              }
              return shown.map((r, k) => (
                <tr key={r.id}>
                  <td>{t.number}</td>
                  <td>
                    {r.theme_title}
                    {t.roadmaps.length > 1 && (
                      <span className="fr-badge fr-badge--sm fr-badge--warning fr-ml-1w">copie {k + 1}</span>
                    )}
                  </td>
                  <td>{r.animators.join(", ") || "—"}</td>
                  <td>
                    <span className={`fr-badge fr-badge--sm ${r.status === "validated" ? "fr-badge--success" : "fr-badge--info"}`}>
                      {roadmapStatusLabel[r.status]}
                    </span>
                    {r.review && (
                      <span
                        className={`fr-badge fr-badge--sm fr-ml-1w ${r.review.decision === "validated" ? "fr-badge--success" : r.review.blocking_open > 0 ? "fr-badge--warning" : "fr-badge--info"}`}
                        title={`Avis du ${dateLong(r.review.issued_at.slice(0, 10))} sur la révision ${r.review.reviewed_revision}`}
                      >
                        Avis : {decisionLabel[r.review.decision]}
                      </span>
                    )}
                    {r.review && r.review.remarks > 0 && (
                      <span className="fr-text--xs fr-ml-1w">
                        {r.review.answered}/{r.review.remarks} répondues
                        {r.review.blocking_open > 0 ? `, ${r.review.blocking_open} bloquante${r.review.blocking_open > 1 ? "s" : ""} ouverte${r.review.blocking_open > 1 ? "s" : ""}` : ""}
                        {r.revision > r.review.reviewed_revision
                          ? r.review.answered_by_latest
                            ? ` — la révision ${r.revision} y répond`
                            : ` — la révision ${r.revision} n’y répond pas`
                          : ""}
                      </span>
                    )}
                  </td>
                  <td>
                    {r.revision === 0 ? "—" : r.revision}
                    {r.edited && r.revision > 0 ? " (modifiée)" : ""}
                  </td>
                  <td>{r.exported_at ? dateLong(r.exported_at.slice(0, 10)) : `modifiée le ${timestamp(r.updated_at)}`}</td>
                  <td className="fdr-num">
                    {r.objectives} / {r.actions} / {r.indicators}
                  </td>
                  <td className="fdr-num">{euros(r.total_cents)}</td>
                  <td className="fdr-num">{r.warnings}</td>
                  <td>
                    <div className="fdr-row-actions">
                      <Button size="small" onClick={() => onOpen(r.id)} title={`Ouvrir la feuille de route du thème ${t.number}`}>
                        Ouvrir
                      </Button>
                      <Button
                        size="small"
                        priority="secondary"
                        disabled={r.revision === 0}
                        onClick={() => onHistory(r.id, `Thème ${t.number} — ${r.theme_title}`)}
                        title={`Historique des révisions du thème ${t.number}`}
                      >
                        Historique
                      </Button>
                      {!r.authored && r.revision > 0 && (
                        <Button
                          size="small"
                          priority="tertiary"
                          iconId="fr-icon-chat-3-line"
                          onClick={() => onAvis(r.id)}
                          title={`Avis du secrétariat sur le thème ${t.number}`}
                        >
                          Avis
                        </Button>
                      )}
                      {!r.authored && r.revision > 0 && r.review?.decision !== "validated" && (
                        <Button
                          size="small"
                          priority="tertiary"
                          iconId="fr-icon-check-line"
                          disabled={busy}
                          onClick={() => validate(r.id)}
                          title={`Émettre un avis « validée » sur la révision ${r.revision} du thème ${t.number}`}
                        >
                          Émettre un avis : validée
                        </Button>
                      )}
                    </div>
                  </td>
                </tr>
              ));
            })}
          </tbody>
        </table>
      </div>

      <section className="fr-mt-4w" aria-labelledby="consolidation-title">
        <h2 className="fr-h5" id="consolidation-title">
          Consolidation régionale
        </h2>
        <p>
          La dernière révision exportée ou reçue de chaque feuille de route : le document régional à publier (il
          porte les données de chaque feuille et s’importe), ou les tableaux pour un tableur.
        </p>
        <div className="fdr-toolbar">
          <Button iconId="fr-icon-file-pdf-line" disabled={busy} onClick={() => consolidate("pdf")}>
            Document régional (PDF)
          </Button>
          <Button priority="secondary" iconId="fr-icon-table-line" disabled={busy} onClick={() => consolidate("xlsx")}>
            Classeur (XLSX)
          </Button>
          <Button priority="secondary" iconId="fr-icon-file-text-line" disabled={busy} onClick={() => consolidate("csv")}>
            Fichiers CSV
          </Button>
        </div>
        <div aria-live="polite" id="consolidation-result" className="fr-mb-4w">
          {made &&
            (made.paths.length === 0 ? (
              <Alert severity="info" small description="Consolidation annulée : aucun fichier écrit." />
            ) : (
              <Alert
                severity="success"
                small
                description={`${made.included} feuille${made.included > 1 ? "s" : ""} de route consolidée${made.included > 1 ? "s" : ""} : ${made.paths.join(", ")}.${made.notes.length ? ` ${made.notes.join(" ")}` : ""}`}
              />
            ))}
        </div>
      </section>
      <details className="fr-mt-2w">
        <summary>Sauvegardes de la base</summary>
        <Backups onRestored={load} />
      </details>
    </>
  );
}
