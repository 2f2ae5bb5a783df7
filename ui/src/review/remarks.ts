// The secretariat's remarks as the animator's editor shows them: which
// ones concern an item, and how they stand.
import type { Part, RemarkState, ReviewView, Target } from "../api";

/** The remarks (of every issued or received avis) aimed at `part` and, if given, its item `item`. */
export function remarksFor(review: ReviewView, part: Part, item?: string): RemarkState[] {
  return review.remarks.filter(
    (r) => r.remark.target.part === part && (item === undefined || (r.remark.target.item ?? undefined) === item),
  );
}

/** Open: no answer yet. */
export const isOpen = (r: RemarkState) => !r.answer;

/** The latest avis' entry, if any. */
export function latestAvis(review: ReviewView) {
  return review.avis.find((a) => a.latest) ?? null;
}

export const partLabel: Record<Part, string> = {
  header: "Fiche",
  diagnosis: "1. Diagnostic",
  objectives: "2. Objectifs et priorités",
  actions: "3. Moyens et plan d’action",
  indicators: "4. Indicateurs",
  participation: "5. Participation des bénéficiaires",
};

export const fieldLabel: Record<string, string> = {
  title: "titre",
  period: "période",
  animators: "animateurs",
  status: "statut",
  text: "texte",
  key_figures: "chiffres clés",
  priority: "priorité",
  territories: "territoires",
  objectives: "objectifs liés",
  lead: "pilote",
  partners: "partenaires",
  dates: "dates",
  fte: "ETP",
  funding: "financement",
  name: "nom",
  definition: "définition",
  unit: "unité",
  direction: "sens d’évolution",
  baseline: "valeur de référence",
  target: "cible",
  measurements: "mesures",
  source: "source",
  frequency: "fréquence",
  actions: "actions liées",
  practices: "pratiques de participation",
};

/** A stable key for a target, for lists and selects. */
export const targetKey = (t: Target) => `${t.part}/${t.item ?? ""}`;
