// An animator's own roadmap, first on their start screen: its state, the
// secretariat's latest avis, the next step in words, and its buttons.
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Card } from "@codegouvfr/react-dsfr/Card";
import { useState } from "react";
import { announce } from "../announce";
import { api, ApiError, type ReviewSummary, type RoadmapCard, type Saved, type ThemeRow } from "../api";
import { dateLong, decisionLabel, roadmapStatusLabel } from "../french";

/** The roadmap this copy writes for the theme: the one authored here, else the first. */
export function ownCard(row: ThemeRow): RoadmapCard | null {
  return row.roadmaps.find((r) => r.authored) ?? row.roadmaps[0] ?? null;
}

/** A badge's severity for a roadmap's status and for its latest avis (blocking remarks open: a warning). */
export function statusSeverity(card: RoadmapCard): "success" | "info" {
  return card.status === "validated" ? "success" : "info";
}
export function avisSeverity(review: ReviewSummary): "success" | "warning" | "info" {
  return review.decision === "validated" ? "success" : review.blocking_open > 0 ? "warning" : "info";
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n > 1 ? many : one}`;
}

export function OwnRoadmap(props: {
  row: ThemeRow;
  busy: boolean;
  onOpen: (id: string) => void;
  onCreate: (theme: number) => void;
  onHistory: (id: string, title: string) => void;
  /** After an export (the card's revision changed). */
  onExported: () => void;
}) {
  const { row, busy, onOpen, onCreate, onHistory, onExported } = props;
  const card = ownCard(row);
  const [saved, setSaved] = useState<Saved | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const title = `Thème ${row.number} — ${card?.theme_title ?? row.title}`;

  const exportPdf = async (id: string) => {
    setExporting(true);
    setError(null);
    setSaved(null);
    try {
      const s = await api.exportRoadmap(id, "pdf");
      setSaved(s);
      if (s.path) announce(`PDF enregistré\u202f: révision ${s.revision}.`);
      onExported();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setExporting(false);
    }
  };

  if (!card)
    return (
      <Card
        id="own-roadmap"
        className="fr-mb-3w"
        titleAs="h2"
        title={title}
        start={
          <ul className="fr-badges-group">
            <li>
              <Badge small severity="new" as="span">
                Pas encore commencée
              </Badge>
            </li>
          </ul>
        }
        desc={
          <>
            <strong>Prochaine étape&#8239;:</strong> créer la feuille de route, puis écrire le diagnostic.
          </>
        }
        footer={
          <Button onClick={() => onCreate(row.number)} title={`Créer la feuille de route du thème ${row.number}`}>
            Créer la feuille de route
          </Button>
        }
      />
    );

  const review = card.review;
  const copies = row.roadmaps.length;
  return (
    <>
      <Card
        id="own-roadmap"
        className="fr-mb-1w"
        titleAs="h2"
        title={title}
        start={
          <ul className="fr-badges-group">
            <li>
              <Badge small as="span" severity={statusSeverity(card)}>
                {roadmapStatusLabel[card.status]}
              </Badge>
            </li>
            {review && (
              <li>
                <Badge small as="span" severity={avisSeverity(review)}>
                  Avis&#8239;: {decisionLabel[review.decision]}
                </Badge>
              </li>
            )}
            {card.edited && card.revision > 0 && (
              <li>
                <Badge small as="span" noIcon>
                  Modifiée depuis l’envoi
                </Badge>
              </li>
            )}
          </ul>
        }
        desc={
          <>
            <strong>Prochaine étape&#8239;:</strong> <span id="own-next-step">{card.next_step}</span>
            <br />
            {card.revision === 0
              ? "Jamais exportée."
              : `Révision ${card.revision}${card.exported_at ? `, exportée ou reçue le ${dateLong(card.exported_at.slice(0, 10))}` : ""}.`}{" "}
            {count(card.objectives, "objectif", "objectifs")}, {count(card.actions, "action", "actions")},{" "}
            {count(card.indicators, "indicateur", "indicateurs")}&#8239;;{" "}
            {card.warnings === 0 ? "aucun point à revoir" : count(card.warnings, "point à revoir", "points à revoir")}.
            {review && review.remarks > 0 && (
              <>
                {" "}
                Avis du {dateLong(review.issued_at.slice(0, 10))}&#8239;: {review.answered}/{review.remarks} remarques répondues.
              </>
            )}
            {copies > 1 && (
              <>
                <br />
                {copies} copies différentes de ce thème sont dans cette base&#8239;: voyez «&#8239;Les autres thèmes&#8239;» plus bas.
              </>
            )}
          </>
        }
        footer={
          <div className="fdr-toolbar fr-mb-0">
            <Button onClick={() => onOpen(card.id)} title={`Ouvrir la feuille de route du thème ${row.number}`}>
              Ouvrir
            </Button>
            {card.authored && (
              <Button
                priority="secondary"
                iconId="fr-icon-file-pdf-line"
                disabled={busy || exporting}
                onClick={() => void exportPdf(card.id)}
                title={`Exporter la feuille de route du thème ${row.number} en PDF, à envoyer au secrétariat`}
              >
                Exporter en PDF
              </Button>
            )}
            <Button
              priority="tertiary"
              disabled={card.revision === 0}
              onClick={() => onHistory(card.id, title)}
              title={`Historique des révisions du thème ${row.number}`}
            >
              Historique
            </Button>
          </div>
        }
      />
      <div aria-live="polite" className="fr-mb-3w" id="own-export-result">
        {error && <Alert severity="error" small description={error} closable onClose={() => setError(null)} />}
        {saved &&
          (saved.path === null ? (
            <Alert severity="info" small description="Export annulé : aucun fichier écrit." />
          ) : (
            <Alert
              severity={saved.warning ? "warning" : "success"}
              small
              description={`PDF enregistré\u202f: ${saved.path} (révision ${saved.revision}${saved.new_revision ? ", nouvelle" : ""}). Envoyez-le au secrétariat.${saved.warning ? ` ${saved.warning}` : ""}`}
            />
          ))}
      </div>
    </>
  );
}
