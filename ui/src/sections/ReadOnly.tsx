// A received roadmap, read-only: each section's content as text (never
// inputs), with the secretariat's remarks beside what they concern. Only the
// author's copy edits a roadmap; this copy reads, checks and reviews it.
import type { Action, Indicator, Roadmap } from "../api";
import { MarkdownText } from "../components/MarkdownText";
import { RemarksFor } from "../components/RemarksFor";
import {
  actionStatusLabel,
  dateLong,
  decimal,
  directionLabel,
  euros,
  frequencyLabel,
  methodLabel,
  roadmapStatusLabel,
  stageLabel,
  totalCents,
} from "../french";
import type { Section } from "../navigation";
import { useEditor } from "../saving";

const num = (n: number | undefined) => (n === undefined ? "—" : decimal(n));

function Facts({ rows }: { rows: [string, React.ReactNode][] }) {
  return (
    <dl className="fdr-fields">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v === "" || v === undefined || v === null ? "—" : v}</dd>
        </div>
      ))}
    </dl>
  );
}

function Fiche({ r }: { r: Roadmap }) {
  return (
    <>
      <h2>Fiche</h2>
      <RemarksFor part="header" />
      <Facts
        rows={[
          ["Intitulé du thème", r.theme.title],
          ["Statut", roadmapStatusLabel[r.status]],
          ["Période", `${r.period.start}–${r.period.end}`],
          ["Révision", r.revision === 0 ? "jamais exportée" : String(r.revision)],
        ]}
      />
      <h3>Animateurs</h3>
      {r.animators.length === 0 ? (
        <p>Aucun animateur indiqué.</p>
      ) : (
        <ul>
          {r.animators.map((a, i) => (
            <li key={i}>
              {a.name}
              {[a.role, a.organisation, a.email, a.phone].filter(Boolean).length > 0 &&
                ` (${[a.role, a.organisation, a.email, a.phone].filter(Boolean).join(", ")})`}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function Diagnostic({ r }: { r: Roadmap }) {
  return (
    <>
      <h2>1. Diagnostic</h2>
      <RemarksFor part="diagnosis" />
      <MarkdownText text={r.diagnosis.text} empty="Pas de texte de diagnostic." />
      <h3>Chiffres clés</h3>
      {r.diagnosis.key_figures.length === 0 ? (
        <p>Aucun chiffre clé.</p>
      ) : (
        <div className="fr-table fr-table--no-caption">
          <table>
            <caption>Chiffres clés</caption>
            <thead>
              <tr>
                <th scope="col">Libellé</th>
                <th scope="col">Valeur</th>
                <th scope="col">Année</th>
                <th scope="col">Territoire</th>
                <th scope="col">Source</th>
              </tr>
            </thead>
            <tbody>
              {r.diagnosis.key_figures.map((k, i) => (
                <tr key={i}>
                  <td>{k.label}</td>
                  <td className="fdr-num">
                    {decimal(k.value)}
                    {k.unit ? ` ${k.unit}` : ""}
                  </td>
                  <td>{k.year ?? "—"}</td>
                  <td>{k.territory ?? "—"}</td>
                  <td>{k.source ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function Objectives({ r }: { r: Roadmap }) {
  return (
    <>
      <h2>2. Objectifs et priorités</h2>
      {r.objectives.length === 0 && <p>Aucun objectif.</p>}
      <ol className="fr-raw-list">
        {r.objectives.map((o, i) => (
          <li className="fdr-item" key={o.id} id={`objective-${i}`}>
            <h3 className="fr-h6">
              {o.id} · priorité {o.priority} — {o.title}
            </h3>
            <RemarksFor part="objectives" item={o.id} />
            <MarkdownText text={o.text ?? ""} empty="Pas de description." />
            <Facts
              rows={[
                ["Territoires", (o.territories ?? []).join(", ")],
                [
                  "Actions",
                  r.actions
                    .filter((a) => a.objectives.includes(o.id))
                    .map((a) => a.id)
                    .join(", "),
                ],
              ]}
            />
          </li>
        ))}
      </ol>
    </>
  );
}

function ActionCard({ a, i }: { a: Action; i: number }) {
  const dates =
    a.start || a.end ? `${a.start ? dateLong(a.start) : "…"} – ${a.end ? dateLong(a.end) : "…"}` : "";
  return (
    <li className="fdr-item" id={`action-${i}`}>
      <h3 className="fr-h6">
        Action {a.id} — {a.title}
      </h3>
      <RemarksFor part="actions" item={a.id} />
      <MarkdownText text={a.text ?? ""} empty="Pas de description." />
      <Facts
        rows={[
          ["Objectifs", a.objectives.join(", ")],
          ["Pilote", a.lead ?? ""],
          ["Partenaires", (a.partners ?? []).join(", ")],
          ["Territoires", (a.territories ?? []).join(", ")],
          ["Dates", dates],
          ["État", actionStatusLabel[a.status]],
          ["ETP", a.fte === undefined ? "" : decimal(a.fte)],
          ["Budget", euros(totalCents(a.funding))],
        ]}
      />
      {a.funding.length > 0 && (
        <div className="fr-table fr-table--no-caption">
          <table>
            <caption>Financements de l’action {a.id}</caption>
            <thead>
              <tr>
                <th scope="col">Financeur</th>
                <th scope="col">Année</th>
                <th scope="col">Montant</th>
              </tr>
            </thead>
            <tbody>
              {a.funding.map((f, j) => (
                <tr key={j}>
                  <td>{f.funder}</td>
                  <td>{f.year}</td>
                  <td className="fdr-num">{euros(f.amount_cents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </li>
  );
}

function Actions({ r }: { r: Roadmap }) {
  return (
    <>
      <h2>3. Moyens et plan d’action</h2>
      {r.actions.length === 0 && <p>Aucune action.</p>}
      <ol className="fr-raw-list">
        {r.actions.map((a, i) => (
          <ActionCard key={a.id} a={a} i={i} />
        ))}
      </ol>
    </>
  );
}

function IndicatorCard({ x, i }: { x: Indicator; i: number }) {
  const dated = (v: Indicator["baseline"]) => (v ? `${num(v.value)} ${x.unit} au ${dateLong(v.date)}` : "");
  return (
    <li className="fdr-item" id={`indicator-${i}`}>
      <h3 className="fr-h6">
        Indicateur {x.id} — {x.name}
      </h3>
      <RemarksFor part="indicators" item={x.id} />
      <MarkdownText text={x.definition ?? ""} empty="Pas de définition." />
      <Facts
        rows={[
          ["Unité", x.unit],
          ["Sens attendu", directionLabel[x.direction]],
          ["Valeur de référence", dated(x.baseline)],
          ["Cible", dated(x.target)],
          ["Source", x.source ?? ""],
          ["Fréquence", x.frequency ? frequencyLabel[x.frequency] : ""],
          ["Objectifs", (x.objectives ?? []).join(", ")],
          ["Actions", (x.actions ?? []).join(", ")],
          [
            "Mesures",
            (x.measurements ?? []).map((m) => `${num(m.value)} au ${dateLong(m.date)}`).join(" ; "),
          ],
        ]}
      />
    </li>
  );
}

function Indicators({ r }: { r: Roadmap }) {
  return (
    <>
      <h2>4. Indicateurs</h2>
      {r.indicators.length === 0 && <p>Aucun indicateur.</p>}
      <ol className="fr-raw-list">
        {r.indicators.map((x, i) => (
          <IndicatorCard key={x.id} x={x} i={i} />
        ))}
      </ol>
    </>
  );
}

function Participation({ r }: { r: Roadmap }) {
  return (
    <>
      <h2>5. Participation des bénéficiaires</h2>
      <RemarksFor part="participation" />
      <MarkdownText text={r.participation.text} empty="Pas de texte." />
      <h3>Pratiques de participation</h3>
      {r.participation.practices.length === 0 ? (
        <p>Aucune pratique décrite.</p>
      ) : (
        <ul>
          {r.participation.practices.map((p, i) => (
            <li key={i}>
              {stageLabel[p.stage]}, {methodLabel[p.method]} : {p.description}
              {p.participants !== undefined ? ` (${p.participants} participants)` : ""}
              {p.date ? `, le ${dateLong(p.date)}` : ""}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** The section of a received roadmap, read-only. */
export function ReadOnlySection({ section }: { section: Section }) {
  const { view } = useEditor();
  const r = view.roadmap;
  switch (section) {
    case "fiche":
      return <Fiche r={r} />;
    case "diagnostic":
      return <Diagnostic r={r} />;
    case "objectifs":
      return <Objectives r={r} />;
    case "actions":
      return <Actions r={r} />;
    case "indicateurs":
      return <Indicators r={r} />;
    case "participation":
      return <Participation r={r} />;
    default:
      return null;
  }
}
