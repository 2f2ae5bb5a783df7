// The secretariat's consolidation: the region or the département of the
// start screen's filter, the statuses and edited roadmaps taken, and, before
// anything is made, the roadmaps included and left out with the reason (the
// core's plan; the documents follow exactly that plan).
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { useEffect, useState } from "react";
import {
  api,
  ApiError,
  type ConsolidationKind,
  type ConsolidationOptions,
  type ConsolidationPlan,
  type ConsolidationSaved,
  type Departement,
  type PlanEntry,
} from "../api";
import { year } from "../french";

/** The options the panel's choices make. */
export function consolidationOptions(
  departement: string | null,
  withDrafts: boolean,
  withoutEdited: boolean,
  excluded: number[],
): ConsolidationOptions {
  return {
    departement,
    statuses: withDrafts ? ["draft", "submitted", "validated"] : ["submitted", "validated"],
    without_edited: withoutEdited,
    excluded_themes: excluded,
  };
}

const periodText = (p: { start: number; end: number }) => `${year(p.start)}–${year(p.end)}`;

function EntryLine({ e, onExclude }: { e: PlanEntry; onExclude?: () => void }) {
  return (
    <li>
      <strong>
        Thème {e.theme_number} — {e.theme_title}
      </strong>{" "}
      : {e.reason}
      {e.period && e.period_differs ? ` ; période ${periodText(e.period)}, différente de celle du document` : ""}
      {onExclude && (
        <Button
          size="small"
          priority="tertiary no outline"
          className="fr-ml-1w"
          onClick={onExclude}
          title={`Exclure le thème ${e.theme_number} de la consolidation`}
        >
          Exclure<span className="fr-sr-only"> le thème {e.theme_number}</span>
        </Button>
      )}
    </li>
  );
}

export function Consolidation(props: {
  /** The start screen's département filter ("" : every département). */
  departement: string;
  departements: Departement[];
}) {
  const { departement, departements } = props;
  const filtered = departements.find((d) => d.code === departement) ?? null;
  // With a filter set, the document follows it unless the region is chosen.
  const [regionChosen, setRegionChosen] = useState(false);
  const scope = filtered && !regionChosen ? "departement" : "region";
  const [withDrafts, setWithDrafts] = useState(false);
  const [withoutEdited, setWithoutEdited] = useState(false);
  const [excluded, setExcluded] = useState<number[]>([]);
  const [plan, setPlan] = useState<ConsolidationPlan | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [made, setMade] = useState<ConsolidationSaved | null>(null);

  const options = consolidationOptions(
    scope === "departement" && filtered ? filtered.code : null,
    withDrafts,
    withoutEdited,
    excluded,
  );
  const key = JSON.stringify(options);
  useEffect(() => {
    let live = true;
    api
      .consolidationPlan(JSON.parse(key) as ConsolidationOptions)
      .then((p) => {
        if (live) {
          setPlan(p);
          setError(null);
        }
      })
      .catch((e) => live && setError(e instanceof ApiError ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [key]);

  const consolidate = async (kind: ConsolidationKind) => {
    setBusy(true);
    setMade(null);
    try {
      setMade(await api.consolidate(kind, options));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const withRoadmap = plan?.entries.filter((e) => e.roadmap !== null) ?? [];
  const included = withRoadmap.filter((e) => e.included);
  const left = withRoadmap.filter((e) => !e.included);
  const none = plan?.entries.filter((e) => e.roadmap === null).map((e) => e.theme_number) ?? [];
  const title = plan?.title ?? "Document régional";
  return (
    <section className="fr-mt-4w" aria-labelledby="consolidation-title">
      <h2 className="fr-h5" id="consolidation-title">
        Consolidation
      </h2>
      <p>
        La dernière révision exportée ou reçue de chaque feuille de route retenue : le document à publier (il porte les
        données de chaque feuille et s’importe), ou les tableaux pour un tableur.
      </p>
      <RadioButtons
        legend="Document"
        name="consolidation-scope"
        orientation="horizontal"
        options={[
          {
            label: "Document régional",
            nativeInputProps: { checked: scope === "region", onChange: () => setRegionChosen(true) },
          },
          {
            label: filtered ? `Document du département ${filtered.name} (${filtered.code})` : "Document du département (filtre)",
            hintText: filtered ? undefined : "Choisissez d’abord un département dans le filtre ci-dessus.",
            nativeInputProps: {
              checked: scope === "departement",
              disabled: !filtered,
              onChange: () => setRegionChosen(false),
            },
          },
        ]}
      />
      <Checkbox
        legend="Feuilles de route retenues"
        hintText="Par défaut : les feuilles remises ou validées, et pour une feuille modifiée depuis son dernier export, cette dernière révision exportée."
        options={[
          {
            label: "Inclure les brouillons",
            nativeInputProps: {
              checked: withDrafts,
              onChange: (e) => setWithDrafts(e.target.checked),
            },
          },
          {
            label: "Laisser de côté les feuilles modifiées depuis leur dernier export",
            nativeInputProps: {
              checked: withoutEdited,
              onChange: (e) => setWithoutEdited(e.target.checked),
            },
          },
        ]}
      />
      {error && <Alert className="fr-mb-2w" severity="error" small description={error} />}
      {plan && (
        <div id="consolidation-plan" aria-live="polite">
          <p className="fr-mb-1w">
            <strong>{title}</strong> :{" "}
            {included.length === 0
              ? "aucune feuille de route retenue."
              : `${included.length} feuille${included.length > 1 ? "s" : ""} de route, période ${plan.period ? periodText(plan.period) : "—"}.`}
          </p>
          {included.length > 0 && (
            <>
              <h3 className="fr-text--md fr-mb-1v">Incluses ({included.length})</h3>
              <ul id="consolidation-included">
                {included.map((e) => (
                  <EntryLine
                    key={e.roadmap}
                    e={e}
                    onExclude={() => setExcluded((x) => [...x, e.theme_number].sort((a, b) => a - b))}
                  />
                ))}
              </ul>
            </>
          )}
          {left.length > 0 && (
            <>
              <h3 className="fr-text--md fr-mb-1v">Non incluses ({left.length})</h3>
              <ul id="consolidation-left-out">
                {left.map((e) => (
                  <EntryLine key={e.roadmap} e={e} />
                ))}
              </ul>
            </>
          )}
          {excluded.length > 0 && (
            <p>
              Thème{excluded.length > 1 ? "s" : ""} exclu{excluded.length > 1 ? "s" : ""} : {excluded.join(", ")}.{" "}
              <Button size="small" priority="tertiary" onClick={() => setExcluded([])}>
                Réintégrer
              </Button>
            </p>
          )}
          {none.length > 0 && (
            <p className="fr-text--sm">
              Sans feuille de route dans cette copie : thème{none.length > 1 ? "s" : ""} {none.join(", ")}.
            </p>
          )}
        </div>
      )}
      <div className="fdr-toolbar">
        <Button iconId="fr-icon-file-pdf-line" disabled={busy || !plan} onClick={() => consolidate("pdf")}>
          {title} (PDF)
        </Button>
        <Button priority="secondary" iconId="fr-icon-table-line" disabled={busy || !plan} onClick={() => consolidate("xlsx")}>
          Classeur (XLSX)
        </Button>
        <Button priority="secondary" iconId="fr-icon-file-text-line" disabled={busy || !plan} onClick={() => consolidate("csv")}>
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
  );
}
