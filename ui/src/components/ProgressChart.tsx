// An indicator's measurements over time, with its baseline and target, as
// a small SVG (no script, no external library). Described in words for
// screen readers.
import type { Indicator } from "../api";
import { dateLong, decimal } from "../french";

const W = 480;
const H = 200;
const PAD = { left: 56, right: 16, top: 16, bottom: 36 };

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

export function ProgressChart({ indicator }: { indicator: Indicator }) {
  const ps = points(indicator);
  const refs = [indicator.baseline, indicator.target].filter((r) => r !== undefined);
  const times = [...ps.map((p) => p.t), ...refs.map((r) => Date.parse(r.date)).filter((t) => !Number.isNaN(t))];
  const values = [...ps.map((p) => p.v), ...refs.map((r) => r.value)];
  if (values.length === 0) {
    return <p className="fr-text--sm">Pas encore de valeur à représenter.</p>;
  }
  let t0 = Math.min(...times);
  let t1 = Math.max(...times);
  if (t0 === t1) {
    t0 -= 86400000 * 180;
    t1 += 86400000 * 180;
  }
  let v0 = Math.min(0, ...values);
  let v1 = Math.max(...values);
  if (v0 === v1) v1 = v0 + 1;
  const span = v1 - v0;
  v1 += span * 0.08;
  if (v0 < 0) v0 -= span * 0.08;
  const x = (t: number) => PAD.left + ((t - t0) / (t1 - t0)) * (W - PAD.left - PAD.right);
  const y = (v: number) => H - PAD.bottom - ((v - v0) / (v1 - v0)) * (H - PAD.top - PAD.bottom);
  const line = ps.map((p, i) => `${i === 0 ? "M" : "L"}${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`).join(" ");
  const year = (t: number) => new Date(t).getFullYear();
  return (
    <svg className="fdr-chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={chartDescription(indicator)}>
      <line x1={PAD.left} y1={H - PAD.bottom} x2={W - PAD.right} y2={H - PAD.bottom} stroke="#666" />
      <line x1={PAD.left} y1={PAD.top} x2={PAD.left} y2={H - PAD.bottom} stroke="#666" />
      <text x={PAD.left - 6} y={y(v1) + 4} textAnchor="end" fontSize="11" fill="#3a3a3a">
        {decimal(Math.round(v1 * 10) / 10)}
      </text>
      <text x={PAD.left - 6} y={y(v0) + 4} textAnchor="end" fontSize="11" fill="#3a3a3a">
        {decimal(Math.round(v0 * 10) / 10)}
      </text>
      <text x={PAD.left} y={H - 12} fontSize="11" fill="#3a3a3a">
        {year(t0)}
      </text>
      <text x={W - PAD.right} y={H - 12} textAnchor="end" fontSize="11" fill="#3a3a3a">
        {year(t1)}
      </text>
      {indicator.baseline && (
        <line
          x1={PAD.left}
          x2={W - PAD.right}
          y1={y(indicator.baseline.value)}
          y2={y(indicator.baseline.value)}
          stroke="#666"
          strokeDasharray="4 4"
        />
      )}
      {indicator.target && (
        <>
          <line
            x1={PAD.left}
            x2={W - PAD.right}
            y1={y(indicator.target.value)}
            y2={y(indicator.target.value)}
            stroke="#18753c"
            strokeDasharray="6 3"
          />
          <text x={W - PAD.right} y={y(indicator.target.value) - 4} textAnchor="end" fontSize="11" fill="#18753c">
            cible
          </text>
        </>
      )}
      {ps.length > 1 && <path d={line} fill="none" stroke="#000091" strokeWidth="2" />}
      {ps.map((p, i) => (
        <circle key={i} cx={x(p.t)} cy={y(p.v)} r="4" fill="#000091" />
      ))}
    </svg>
  );
}
