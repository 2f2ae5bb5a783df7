// French labels and formatting for the screens (the PDF has its own, in
// Rust): euros with a narrow no-break space, dates in words, enum labels.
import type {
  Decision,
  ActionStatus,
  Direction,
  Frequency,
  FundingLine,
  Method,
  RoadmapStatus,
  Stage,
  WarningCode,
} from "./api";

export const roadmapStatusLabel: Record<RoadmapStatus, string> = {
  draft: "Brouillon",
  submitted: "Remise",
  validated: "Validée",
};

export const decisionLabel: Record<Decision, string> = {
  validated: "validée",
  changes_requested: "modifications demandées",
  comments: "remarques",
};

export const actionStatusLabel: Record<ActionStatus, string> = {
  planned: "Prévue",
  in_progress: "En cours",
  done: "Réalisée",
  abandoned: "Abandonnée",
};

export const directionLabel: Record<Direction, string> = {
  increase: "À la hausse",
  decrease: "À la baisse",
  maintain: "Maintien",
};

export const frequencyLabel: Record<Frequency, string> = {
  monthly: "Mensuelle",
  quarterly: "Trimestrielle",
  half_yearly: "Semestrielle",
  yearly: "Annuelle",
  once: "Unique",
};

export const stageLabel: Record<Stage, string> = {
  diagnosis: "Diagnostic",
  design: "Conception",
  implementation: "Mise en œuvre",
  evaluation: "Évaluation",
};

export const methodLabel: Record<Method, string> = {
  information: "Information",
  consultation: "Consultation",
  concertation: "Concertation",
  co_construction: "Co-construction",
  co_decision: "Co-décision",
};

export const warningLabel: Record<WarningCode, string> = {
  objective_without_action: "Objectif sans action",
  objective_without_indicator: "Objectif sans indicateur",
  indicator_without_baseline: "Indicateur sans valeur de référence",
  indicator_without_target: "Indicateur sans cible",
  action_without_lead: "Action sans pilote",
  action_without_funding: "Action sans financement",
  funding_outside_period: "Financement hors période",
  state_share_above50: "Part de l’État supérieure à 50 %",
  period_invalid: "Période invalide",
};

const NNBSP = "\u202f";
/** The true minus sign, U+2212, for negative numbers and progressions. */
export const MINUS = "\u2212";

/** `123456789` cents → `1 234 567,89 €` (narrow no-break spaces). */
export function euros(cents: number): string {
  const negative = cents < 0;
  const abs = Math.abs(Math.trunc(cents));
  const units = Math.floor(abs / 100);
  const rest = abs % 100;
  const grouped = String(units).replace(/\B(?=(\d{3})+(?!\d))/g, NNBSP);
  const body = rest === 0 ? grouped : `${grouped},${String(rest).padStart(2, "0")}`;
  return `${negative ? MINUS : ""}${body}${NNBSP}€`;
}

/**
 * Reads an amount typed in euros (`1 234,5`, `1234.50`, `12 000 €`) into
 * cents; null when it is not an amount.
 */
export function parseEuros(text: string): number | null {
  const cleaned = minusAsHyphen(text).replace(/[\s\u00a0\u202f€]/g, "").replace(",", ".");
  if (!/^-?\d+(\.\d{1,2})?$/.test(cleaned)) return null;
  const [whole = "0", fraction = ""] = cleaned.replace("-", "").split(".");
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
  if (!Number.isSafeInteger(cents)) return null;
  return cleaned.startsWith("-") ? -cents : cents;
}

/** The minus signs a person may type or paste (U+2212, en dash) read as `-`. */
function minusAsHyphen(text: string): string {
  return text.trim().replace(/^[\u2212\u2013]/, "-");
}

/** Reads a decimal number typed the French way (`12,5`); null otherwise. */
export function parseDecimal(text: string): number | null {
  const cleaned = minusAsHyphen(text).replace(/[\s\u00a0\u202f]/g, "").replace(",", ".");
  if (!/^-?\d+(\.\d+)?$/.test(cleaned)) return null;
  const n = Number(cleaned);
  return Number.isFinite(n) ? n : null;
}

/** `12.5` → `12,5`, `1234` → `1 234`. */
export function decimal(n: number): string {
  const [whole = "0", fraction] = String(Math.abs(n)).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, NNBSP);
  return `${n < 0 ? MINUS : ""}${grouped}${fraction ? `,${fraction}` : ""}`;
}

/** A year as written in French text: never digit-grouped (`2019`, not `2 019`). */
export function year(n: number): string {
  return n < 0 ? `${MINUS}${Math.abs(n)}` : String(n);
}

/** Reads a year typed in a field: exactly four digits, else null. */
export function parseYear(text: string): number | null {
  const t = text.trim();
  return /^\d{4}$/.test(t) ? Number(t) : null;
}

const MONTHS = [
  "janvier",
  "février",
  "mars",
  "avril",
  "mai",
  "juin",
  "juillet",
  "août",
  "septembre",
  "octobre",
  "novembre",
  "décembre",
];

/** `2026-03-01` → `1er mars 2026`; other text is returned as is. */
export function dateLong(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const [, y, mo, d] = m;
  const day = Number(d);
  const month = MONTHS[Number(mo) - 1];
  if (!month) return iso;
  return `${day === 1 ? "1er" : day}\u00a0${month}\u00a0${y}`;
}

/** `2026-03-01` → `01/03/2026`, the short date of tables; other text is returned as is. */
export function dateShort(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** An RFC 3339 UTC timestamp shown in local time: `30/11/2026 à 09:05`. */
export function timestamp(rfc3339: string): string {
  const t = new Date(rfc3339);
  if (Number.isNaN(t.getTime())) return rfc3339;
  const p = (n: number) => String(n).padStart(2, "0");
  return `${p(t.getDate())}/${p(t.getMonth() + 1)}/${t.getFullYear()} à ${p(t.getHours())}:${p(t.getMinutes())}`;
}

/** Total of funding lines in cents. */
export function totalCents(lines: FundingLine[]): number {
  return lines.reduce((sum, l) => sum + l.amount_cents, 0);
}

/** Whether a funder names the State (`État`, `Etat`, `ETAT`…), as the core decides. */
export function isStateFunder(funder: string): boolean {
  const folded = funder.trim().normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  return folded === "etat";
}

/** The State's share of funding lines (0..1), or null without funding. */
export function stateShare(lines: FundingLine[]): number | null {
  const total = totalCents(lines);
  if (total <= 0) return null;
  const state = lines.filter((l) => isStateFunder(l.funder)).reduce((s, l) => s + l.amount_cents, 0);
  return state / total;
}

/** `0.5` → `50 %` (rounded to a whole percent, narrow no-break space, U+2212 below zero). */
export function percent(share: number): string {
  const n = Math.round(share * 100);
  return `${n < 0 ? MINUS : ""}${Math.abs(n)}${NNBSP}%`;
}

/** A progression as a signed percentage: `+12 %`, `−8 %`, `0 %`. */
export function progression(share: number): string {
  const n = Math.round(share * 100);
  return `${n > 0 ? "+" : n < 0 ? MINUS : ""}${Math.abs(n)}${NNBSP}%`;
}

/** The rank of each objective by priority (1 = first), as the PDF ranks them. */
export function objectiveRanks(objectives: { id: string; priority: number }[]): Map<string, number> {
  const ranked = objectives.map((o, i) => ({ o, i })).sort((a, b) => a.o.priority - b.o.priority || a.i - b.i);
  return new Map(ranked.map(({ o }, rank) => [o.id, rank + 1]));
}

/** An objective named by code and rank together: `O3 · priorité 1`. */
export function objectiveCode(id: string, rank: number | undefined): string {
  return rank === undefined ? id : `${id} · priorité ${rank}`;
}

/** Splits a comma- or semicolon-separated list typed by a person. */
export function splitList(text: string): string[] {
  return text
    .split(/[;,\n]/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** A title cut to `max` characters at a word, with `…`, for notices. */
export function clip(text: string, max = 60): string {
  const t = text.trim().replace(/\s+/g, " ");
  const chars = [...t];
  if (chars.length <= max) return t;
  const cut = chars.slice(0, max).join("");
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
