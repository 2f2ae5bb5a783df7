// An indicator's measurements over time, with its baseline and target, as
// a small SVG (no script, no external library). The y-axis runs from 0 to a
// round value above the largest of target, baseline and measurements, with
// labelled ticks; the reference and target lines carry their names and
// values. Described in words for screen readers.
import type { Indicator } from "../api";
import { dateLong, decimal, year } from "../french";

const W = 520;
const H = 230;
const PAD = { left: 60, right: 120, top: 24, bottom: 36 };
const INK = "#3a3a3a";
const TARGET = "#18753c";
const MEASURE = "#000091";

interface Point {
  t: number;
  v: number;
  date: string;
}

function points(x: Indicator): Point[] {
  return (x.measurements ?? [])
    .map((m) => ({ t: Date.parse(m.date), v: m.value, date: m.date }))
    .filter((p) => !Number.isNaN(p.t))
    .sort((a, b) => a.t - b.t);
}

/** A round step (1, 2, 2.5 or 5 × 10ⁿ) giving about `ticks` intervals over `span`. */
export function roundStep(span: number, ticks = 5): number {
  if (!(span > 0) || !Number.isFinite(span)) return 1;
  const raw = span / ticks;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / magnitude;
  const factor = norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 2.5 ? 2.5 : norm <= 5 ? 5 : 10;
  return factor * magnitude;
}

/**
 * The y scale: from 0 (or a round value below a negative minimum) to the
 * first round value strictly above the largest value, and its ticks.
 */
export function valueScale(values: number[]): { min: number; max: number; ticks: number[] } {
  const hi = Math.max(0, ...values);
  const lo = Math.min(0, ...values);
  const step = roundStep(hi - lo || Math.abs(hi) || 1);
  const max = (Math.floor(hi / step) + 1) * step;
  const min = lo < 0 ? (Math.ceil(lo / step) - 1) * step : 0;
  const ticks: number[] = [];
  for (let v = min; v <= max + step / 1e6; v += step) ticks.push(Number(v.toPrecision(12)));
  return { min, max, ticks };
}

/** The years to label on the time axis (at most about six). */
export function yearTicks(t0: number, t1: number): number[] {
  const first = new Date(t0).getUTCFullYear();
  const last = new Date(t1).getUTCFullYear();
  const every = Math.max(1, Math.ceil((last - first + 1) / 6));
  const out: number[] = [];
  for (let y = first; y <= last + 1; y += every) {
    const t = Date.UTC(y, 0, 1);
    if (t >= t0 && t <= t1) out.push(y);
  }
  return out;
}

/** Words saying what the chart shows. */
export function chartDescription(x: Indicator): string {
  const ps = points(x);
  const parts: string[] = [];
  if (x.baseline) parts.push(`référence ${decimal(x.baseline.value)} ${x.unit} au ${dateLong(x.baseline.date)}`);
  if (x.target) parts.push(`cible ${decimal(x.target.value)} ${x.unit} au ${dateLong(x.target.date)}`);
  parts.push(
    ps.length === 0
      ? "aucune mesure"
      : `mesures : ${ps.map((p) => `${decimal(p.v)} au ${dateLong(p.date)}`).join(", ")}`,
  );
  return `${x.name} : ${parts.join(" ; ")}.`;
}

/** Positions of the two line labels, pushed apart when they would overlap. */
function labelPositions(a: number | null, b: number | null): [number | null, number | null] {
  if (a === null || b === null || Math.abs(a - b) >= 14) return [a, b];
  const mid = (a + b) / 2;
  return a <= b ? [mid - 7, mid + 7] : [mid + 7, mid - 7];
}

export function ProgressChart({ indicator }: { indicator: Indicator }) {
  const ps = points(indicator);
  const { baseline, target } = indicator;
  const refs = [baseline, target].filter((r) => r !== undefined);
  const times = [...ps.map((p) => p.t), ...refs.map((r) => Date.parse(r.date)).filter((t) => !Number.isNaN(t))];
  const values = [...ps.map((p) => p.v), ...refs.map((r) => r.value)];
  if (values.length === 0) {
    return <p className="fr-text--sm">Pas encore de valeur à représenter.</p>;
  }
  let t0 = Math.min(...times);
  let t1 = Math.max(...times);
  if (times.length === 0 || t0 === t1) {
    // One date (or none readable): half a year on each side of it.
    const mid = times.length ? t0 : Date.UTC(2025, 0, 1);
    t0 = mid - 86400000 * 183;
    t1 = mid + 86400000 * 183;
  }
  const scale = valueScale(values);
  const x = (t: number) => PAD.left + ((t - t0) / (t1 - t0)) * (W - PAD.left - PAD.right);
  const y = (v: number) => H - PAD.bottom - ((v - scale.min) / (scale.max - scale.min)) * (H - PAD.top - PAD.bottom);
  const line = ps.map((p, i) => `${i === 0 ? "M" : "L"}${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`).join(" ");
  const right = W - PAD.right;
  const [baseY, targetY] = labelPositions(baseline ? y(baseline.value) : null, target ? y(target.value) : null);
  return (
    <svg className="fdr-chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={chartDescription(indicator)}>
      <text x={PAD.left} y={12} fontSize="11" fill={INK}>
        {indicator.unit.length > 40 ? `${indicator.unit.slice(0, 39)}…` : indicator.unit}
      </text>
      {scale.ticks.map((v) => (
        <g key={v}>
          <line x1={PAD.left} x2={right} y1={y(v)} y2={y(v)} stroke="#e5e5e5" />
          <text x={PAD.left - 8} y={y(v) + 4} textAnchor="end" fontSize="11" fill={INK}>
            {decimal(v)}
          </text>
        </g>
      ))}
      <line x1={PAD.left} y1={H - PAD.bottom} x2={right} y2={H - PAD.bottom} stroke="#666" />
      <line x1={PAD.left} y1={PAD.top} x2={PAD.left} y2={H - PAD.bottom} stroke="#666" />
      {yearTicks(t0, t1).map((yr) => {
        const tx = x(Date.UTC(yr, 0, 1));
        return (
          <g key={yr}>
            <line x1={tx} x2={tx} y1={H - PAD.bottom} y2={H - PAD.bottom + 4} stroke="#666" />
            <text x={tx} y={H - PAD.bottom + 17} textAnchor="middle" fontSize="11" fill={INK}>
              {year(yr)}
            </text>
          </g>
        );
      })}
      {baseline && baseY !== null && (
        <>
          <line x1={PAD.left} x2={right} y1={y(baseline.value)} y2={y(baseline.value)} stroke="#666" strokeDasharray="4 4" />
          <text x={right + 6} y={baseY + 4} fontSize="11" fill={INK}>
            référence {decimal(baseline.value)}
          </text>
        </>
      )}
      {target && targetY !== null && (
        <>
          <line x1={PAD.left} x2={right} y1={y(target.value)} y2={y(target.value)} stroke={TARGET} strokeDasharray="6 3" />
          <text x={right + 6} y={targetY + 4} fontSize="11" fill={TARGET} fontWeight="bold">
            cible {decimal(target.value)}
          </text>
        </>
      )}
      {ps.length > 1 && <path d={line} fill="none" stroke={MEASURE} strokeWidth="2" />}
      {ps.map((p, i) => (
        <circle key={i} cx={x(p.t)} cy={y(p.v)} r="4" fill={MEASURE} />
      ))}
    </svg>
  );
}
