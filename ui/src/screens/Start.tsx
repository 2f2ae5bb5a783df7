// The start screen, per role. First run: the role question. The
// secretariat's: the region's 15 themes with their roadmaps (where each
// stands), the filter by département and the consolidated outputs. An
// animator's: their theme's roadmap first (state, next step, buttons), the
// other themes folded away. Both: files to import by drop or dialog.
import { Accordion } from "@codegouvfr/react-dsfr/Accordion";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { useCallback, useEffect, useRef, useState } from "react";
import { announce } from "../announce";
import {
  api,
  ApiError,
  type FileImport,
  type Overview,
  type RoadmapCard,
  type ThemeRow,
} from "../api";
import { Backups } from "../components/Backups";
import { Consolidation } from "./Consolidation";
import { dateLong, decisionLabel, euros, roadmapStatusLabel, timestamp } from "../french";
import { avisSeverity, OwnRoadmap, statusSeverity } from "./OwnRoadmap";
import { roleLabel, RoleQuestion } from "./RoleQuestion";

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
  /** « Changer de rôle » asked; `skipped`: the first-run question was passed (say so). */
  const [changingRole, setChangingRole] = useState(false);
  const [skipped, setSkipped] = useState(false);
  /** After the role question, focus goes to the start screen's heading. */
  const [answered, setAnswered] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (answered && heading.current) {
      heading.current.tabIndex = -1;
      heading.current.focus();
      setAnswered(false);
    }
  }, [answered, overview, changingRole]);

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
  const role = overview.role;
  if (role === null || changingRole)
    return (
      <RoleQuestion
        themes={rows}
        initial={role ?? overview.suggested_role}
        firstRun={role === null}
        onCancel={() => setChangingRole(false)}
        onChosen={(chosen, skipped) => {
          setChangingRole(false);
          setSkipped(skipped);
          setAnswered(true);
          setDepartement("");
          announce(skipped ? "Question passée : l’accueil du secrétariat est affiché." : `Rôle enregistré. ${roleLabel(chosen, rows)}`);
          load();
        }}
      />
    );
  const mine = role.kind === "animator" ? rows.find((t) => t.number === role.theme) : undefined;
  const others = mine ? rows.filter((t) => t !== mine) : rows;
  // The summary and the caption follow the département filter.
  const filtered = overview.departements.find((d) => d.code === departement);
  const concerned = rows.map((r) => r.roadmaps.filter((c) => concerns(c, departement, overview.region_code)));
  const done = concerned.filter((c) => c.length > 0).length;
  const doubles = rows.filter((r) => r.roadmaps.length > 1).map((r) => r.number);
  const total = concerned.flat().reduce((s, c) => s + c.total_cents, 0);
  const filter = (
    <div className="fdr-toolbar">
      <Select
        className="fr-mb-0"
        label="Département concerné"
        nativeSelectProps={{ id: "departement", value: departement, onChange: (e) => setDepartement(e.target.value) }}
      >
        <option value="">Tous</option>
        {overview.departements.map((d) => (
          <option key={d.code} value={d.code}>
            {d.name} ({d.code})
          </option>
        ))}
      </Select>
    </div>
  );
  const table = (
    <ThemesTable
      rows={others}
      caption={
        filtered
          ? `Feuilles de route concernant le département ${filtered.name} (${filtered.code}) : ${done} thème${done > 1 ? "s" : ""} sur ${rows.length}`
          : mine
            ? `Les ${others.length} autres thèmes de la région`
            : `Les ${rows.length} thèmes de la région`
      }
      departement={departement}
      regionCode={overview.region_code}
      neutral={mine !== undefined}
      busy={busy}
      onOpen={onOpen}
      onCreate={onCreate}
      onHistory={onHistory}
      onAvis={onAvis}
      onValidate={validate}
    />
  );
  return (
    <>
      <h1 ref={heading}>Feuilles de route thématiques</h1>
      <div className="fdr-toolbar">
        <p className="fr-mb-0" id="role-label">
          {roleLabel(role, rows)}
        </p>
        <Button size="small" priority="tertiary" iconId="fr-icon-settings-5-line" onClick={() => setChangingRole(true)}>
          Changer de rôle
        </Button>
      </div>
      {skipped && (
        <Alert
          className="fr-mb-2w"
          severity="info"
          small
          closable
          onClose={() => setSkipped(false)}
          description="Question passée : ce poste est considéré comme celui du secrétariat et la question ne sera plus posée. « Changer de rôle », ci-dessus, la repose à tout moment."
        />
      )}
      {!mine && (
        <p>
          {done} thème{done > 1 ? "s" : ""} sur {rows.length} {done > 1 ? "ont" : "a"} une feuille de route
          {filtered ? ` concernant le département ${filtered.name} (${filtered.code})` : ""} dans cette copie ; budget
          total des actions : {euros(total)}.
        </p>
      )}
      {error && <Alert className="fr-mb-2w" severity="error" small description={error} closable onClose={() => setError(null)} />}
      {!mine && doubles.length > 0 && (
        <Alert
          className="fr-mb-2w"
          severity="warning"
          small
          description={`Plusieurs feuilles de route différentes pour le ou les thèmes ${doubles.join(", ")} : vérifiez laquelle est la bonne.`}
        />
      )}
      {mine && (
        <OwnRoadmap row={mine} busy={busy} onOpen={onOpen} onCreate={onCreate} onHistory={onHistory} onExported={load} />
      )}

      <section className={`fdr-drop fr-mb-3w${dragging ? " fdr-drop--over" : ""}`} aria-labelledby="import-title">
        <h2 className="fr-h5" id="import-title">
          {mine ? "Importer un avis ou des feuilles de route reçus" : "Importer des feuilles de route reçues"}
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

      {mine ? (
        <Accordion className="fr-mb-3w" titleAs="h2" label={`Les autres thèmes (${others.length})`}>
          {filter}
          {table}
        </Accordion>
      ) : (
        <>
          {filter}
          {table}
        </>
      )}
      {!mine && <Consolidation departement={departement} departements={overview.departements} />}
      <details className="fr-mt-2w">
        <summary>Sauvegardes de la base</summary>
        <Backups onRestored={load} />
      </details>
    </>
  );
}

/** The themes and their roadmaps, one row per roadmap (or per theme without one). */
function ThemesTable(props: {
  rows: ThemeRow[];
  caption: string;
  departement: string;
  regionCode: string;
  /** An animator's view of the other themes: no alarm for a missing roadmap, nothing to create. */
  neutral: boolean;
  busy: boolean;
  onOpen: (id: string) => void;
  onCreate: (theme: number) => void;
  onHistory: (id: string, title: string) => void;
  onAvis: (id: string) => void;
  onValidate: (id: string) => void;
}) {
  const { rows, caption, departement, regionCode, neutral, busy, onOpen, onCreate, onHistory, onAvis, onValidate } = props;
  return (
    <div className="fr-table fr-table--bordered fdr-themes">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">N°</th>
            <th scope="col">Thème</th>
            <th scope="col">Animation</th>
            <th scope="col">Statut</th>
            <th scope="col">Révision, exportée ou reçue le</th>
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
            const shown = t.roadmaps.filter((r) => concerns(r, departement, regionCode));
            if (t.roadmaps.length === 0) {
              return departement === ""
                ? [
                    <tr key={t.number}>
                      <td>{t.number}</td>
                      <td>{t.title}</td>
                      <td colSpan={6}>
                        {neutral ? (
                          <span className="fr-text--sm fr-mb-0">Pas de feuille de route reçue dans cette copie</span>
                        ) : (
                          <Badge small severity="warning" as="span">
                            Aucune feuille de route
                          </Badge>
                        )}
                      </td>
                      <td>
                        {!neutral && (
                          <div className="fdr-row-actions">
                            <Button
                              size="small"
                              priority="secondary"
                              onClick={() => onCreate(t.number)}
                              title={`Créer la feuille de route du thème ${t.number}`}
                            >
                              Créer
                            </Button>
                          </div>
                        )}
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
                    <Badge small severity="warning" as="span" className="fr-ml-1w">
                      {`copie ${k + 1}`}
                    </Badge>
                  )}
                </td>
                <td>{r.animators.join(", ") || "—"}</td>
                <td>
                  <Badge small as="span" severity={statusSeverity(r)}>
                    {roadmapStatusLabel[r.status]}
                  </Badge>
                  {r.review && (
                    <span title={`Avis du ${dateLong(r.review.issued_at.slice(0, 10))} sur la révision ${r.review.reviewed_revision}`}>
                      {" "}
                      <Badge small as="span" severity={avisSeverity(r.review)}>
                        {`Avis : ${decisionLabel[r.review.decision]}`}
                      </Badge>
                    </span>
                  )}
                  {r.review && r.review.remarks > 0 && (
                    <span className="fr-text--xs fdr-review-note">
                      {r.review.answered}/{r.review.remarks} répondues
                      {r.review.blocking_open > 0
                        ? `, ${r.review.blocking_open} bloquante${r.review.blocking_open > 1 ? "s" : ""} ouverte${r.review.blocking_open > 1 ? "s" : ""}`
                        : ""}
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
                  <br />
                  <span className="fr-text--xs">
                    {r.exported_at ? dateLong(r.exported_at.slice(0, 10)) : `modifiée le ${timestamp(r.updated_at)}`}
                  </span>
                </td>
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
                        onClick={() => onValidate(r.id)}
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
  );
}
