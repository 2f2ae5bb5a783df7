import { Button } from "@codegouvfr/react-dsfr/Button";
import { useState } from "react";
import type { DatedValue, Indicator, IndicatorFields } from "../api";
import { CheckboxGroup, ItemControls, SelectField } from "../components/Controls";
import { MarkdownField } from "../components/Markdown";
import { ProgressChart } from "../components/ProgressChart";
import { TextField } from "../components/TextField";
import { dateLong, decimal, directionLabel, frequencyLabel, parseDecimal } from "../french";
import { useEditor } from "../saving";
import { RemarksFor, RemarkCount } from "../components/RemarksFor";
import { each, indicatorEdits } from "../fields";

const opt = (s: string) => (s.trim() === "" ? undefined : s);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function fieldsOf(x: Indicator): IndicatorFields {
  return {
    id: x.id,
    name: x.name,
    definition: x.definition,
    unit: x.unit,
    direction: x.direction,
    baseline: x.baseline,
    target: x.target,
    source: x.source,
    frequency: x.frequency,
  };
}

/** Progress from baseline to target of the latest measurement (0..1+), or null. */
export function progress(x: Indicator): number | null {
  const latest = [...(x.measurements ?? [])].sort((a, b) => a.date.localeCompare(b.date)).at(-1);
  if (!latest || !x.baseline || !x.target || x.target.value === x.baseline.value) return null;
  return (latest.value - x.baseline.value) / (x.target.value - x.baseline.value);
}

/** A value and its date, committed together once both are valid (or both empty: none). */
function DatedValueFields(props: {
  id: string;
  label: string;
  value: DatedValue | undefined;
  onCommit: (v: DatedValue | undefined) => void;
}) {
  const { id, label, value, onCommit } = props;
  const { setPending } = useEditor();
  const [number, setNumber] = useState(value ? decimal(value.value) : "");
  const [date, setDate] = useState(value?.date ?? "");
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    setShown(value);
    setNumber(value ? decimal(value.value) : "");
    setDate(value?.date ?? "");
  }
  const parsed = parseDecimal(number);
  const empty = number.trim() === "" && date === "";
  const complete = parsed !== null && DATE.test(date);
  const problem = empty || complete ? null : "Indiquez une valeur et une date.";
  const commit = () => {
    setPending(false);
    if (empty && value) onCommit(undefined);
    else if (complete && parsed !== null && (parsed !== value?.value || date !== value?.date))
      onCommit({ ...(value ?? {}), value: parsed, date });
  };
  return (
    <fieldset className="fr-fieldset" id={id} aria-describedby={problem ? `${id}-problem` : undefined}>
      <legend className="fr-fieldset__legend fr-text--regular">{label}</legend>
      <div className="fr-fieldset__element fdr-grid">
        <div className="fr-input-group">
          <label className="fr-label" htmlFor={`${id}-value`}>
            Valeur
          </label>
          <input
            className="fr-input"
            id={`${id}-value`}
            inputMode="decimal"
            value={number}
            onChange={(e) => {
              setNumber(e.target.value);
              setPending(true);
            }}
            onBlur={commit}
          />
        </div>
        <div className="fr-input-group">
          <label className="fr-label" htmlFor={`${id}-date`}>
            Date
          </label>
          <input
            className="fr-input"
            id={`${id}-date`}
            type="date"
            value={date}
            onChange={(e) => {
              setDate(e.target.value);
              setPending(true);
            }}
            onBlur={commit}
          />
        </div>
      </div>
      {problem && (
        <p className="fr-error-text fr-mt-0" id={`${id}-problem`}>
          {problem}
        </p>
      )}
    </fieldset>
  );
}

/** One measurement, editable in place: each cell is committed when left. */
function MeasurementRow(props: { x: Indicator; i: number; j: number; m: DatedValue }) {
  const { x, i, j, m } = props;
  const { edit } = useEditor();
  const [value, setValue] = useState(decimal(m.value));
  const [date, setDate] = useState(m.date);
  const [comment, setComment] = useState(m.comment ?? "");
  const [shown, setShown] = useState(m);
  if (m !== shown) {
    setShown(m);
    setValue(decimal(m.value));
    setDate(m.date);
    setComment(m.comment ?? "");
  }
  const parsed = parseDecimal(value);
  const update = (change: Partial<DatedValue>) =>
    edit({ op: "update_measurement", indicator: x.id, index: j, measurement: { ...m, ...change } });
  const id = `indicator-${i}-measurement-${j}`;
  const n = j + 1;
  return (
    <tr id={id}>
      <td>
        <input
          className="fr-input"
          type="date"
          id={`${id}-date`}
          aria-label={`Date de la mesure ${n}`}
          value={date}
          onChange={(e) => setDate(e.target.value)}
          onBlur={() => DATE.test(date) && date !== m.date && update({ date })}
        />
      </td>
      <td>
        <input
          className="fr-input fdr-num"
          id={`${id}-value`}
          aria-label={`Valeur de la mesure ${n} (${x.unit})`}
          inputMode="decimal"
          value={value}
          aria-invalid={parsed === null}
          onChange={(e) => setValue(e.target.value)}
          onBlur={() => parsed !== null && parsed !== m.value && update({ value: parsed })}
        />
      </td>
      <td>
        <input
          className="fr-input"
          id={`${id}-comment`}
          aria-label={`Commentaire de la mesure ${n}`}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          onBlur={() => comment !== (m.comment ?? "") && update({ comment: opt(comment) })}
        />
      </td>
      <td>
        <Button
          size="small"
          priority="tertiary"
          iconId="fr-icon-delete-line"
          title={`Supprimer la mesure du ${dateLong(m.date)}`}
          onClick={() => edit({ op: "delete_measurement", indicator: x.id, index: j })}
        >
          Supprimer
        </Button>
      </td>
    </tr>
  );
}

function IndicatorEditor({ indicator: x, index: i }: { indicator: Indicator; index: number }) {
  const { view, edit } = useEditor();
  const r = view.roadmap;
  const update = (change: Partial<IndicatorFields>) => each(indicatorEdits(x.id, change), (e) => edit(e));
  const [date, setDate] = useState("");
  const [value, setValue] = useState("");
  const [comment, setComment] = useState("");
  const parsed = parseDecimal(value);
  const canAdd = parsed !== null && DATE.test(date);

  return (
    <section className="fdr-item" id={`indicator-${i}`} aria-labelledby={`indicator-${i}-heading`}>
      <h3 id={`indicator-${i}-heading`}>
        Indicateur {x.id} — {x.name}
      </h3>
      <RemarksFor part="indicators" item={x.id} />
      <div className="fdr-grid">
        <TextField id={`indicator-${i}-name`} label="Nom" required value={x.name} onCommit={(v) => update({ name: v })} />
        <TextField id={`indicator-${i}-unit`} label="Unité" required value={x.unit} onCommit={(v) => update({ unit: v })} />
        <SelectField
          id={`indicator-${i}-direction`}
          label="Sens attendu"
          value={x.direction}
          options={directionLabel}
          onChange={(v) => v && update({ direction: v })}
        />
        <SelectField
          id={`indicator-${i}-frequency`}
          label="Fréquence de mesure"
          value={x.frequency ?? ""}
          allowEmpty
          options={frequencyLabel}
          onChange={(v) => update({ frequency: v ?? undefined })}
        />
        <TextField id={`indicator-${i}-source`} label="Source" value={x.source ?? ""} onCommit={(v) => update({ source: opt(v) })} />
      </div>
      <MarkdownField
        id={`indicator-${i}-definition`}
        label="Définition"
        value={x.definition ?? ""}
        onCommit={(v) => update({ definition: v === "" ? undefined : v })}
      />
      <div className="fdr-grid">
        <DatedValueFields
          id={`indicator-${i}-baseline`}
          label="Valeur de référence"
          value={x.baseline}
          onCommit={(v) => update({ baseline: v })}
        />
        <DatedValueFields
          id={`indicator-${i}-target`}
          label="Cible"
          value={x.target}
          onCommit={(v) => update({ target: v })}
        />
      </div>
      {r.objectives.length > 0 && (
        <CheckboxGroup
          id={`indicator-${i}-objectives`}
          legend="Objectifs mesurés"
          options={r.objectives.map((o) => ({
            id: `indicator-${i}-objective-${o.id}`,
            label: `${o.id} — ${o.title}`,
            checked: (x.objectives ?? []).includes(o.id),
            onChange: (linked) => edit({ op: "link_indicator_objective", indicator: x.id, objective: o.id, linked }),
          }))}
        />
      )}
      {r.actions.length > 0 && (
        <CheckboxGroup
          id={`indicator-${i}-actions`}
          legend="Actions suivies"
          options={r.actions.map((a) => ({
            id: `indicator-${i}-action-${a.id}`,
            label: `${a.id} — ${a.title}`,
            checked: (x.actions ?? []).includes(a.id),
            onChange: (linked) => edit({ op: "link_indicator_action", indicator: x.id, action: a.id, linked }),
          }))}
        />
      )}
      <h4 className="fr-h6" id={`indicator-${i}-measurements`}>
        Mesures
      </h4>
      {(x.measurements ?? []).length === 0 ? (
        <p>Aucune mesure.</p>
      ) : (
        <div className="fr-table fr-table--no-caption">
          <table>
            <caption>Mesures de l’indicateur {x.id}</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Valeur ({x.unit})</th>
                <th scope="col">Commentaire</th>
                <th scope="col">
                  <span className="fr-sr-only">Supprimer</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {(x.measurements ?? []).map((m, j) => (
                <MeasurementRow key={j} x={x} i={i} j={j} m={m} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form
        className="fdr-toolbar"
        onSubmit={async (e) => {
          e.preventDefault();
          if (!canAdd || parsed === null) return;
          const measurement: DatedValue = { value: parsed, date, comment: opt(comment) };
          if ((await edit({ op: "add_measurement", indicator: x.id, measurement })) === null) {
            setValue("");
            setComment("");
          }
        }}
      >
        <div className="fr-input-group fr-mb-0">
          <label className="fr-label" htmlFor={`indicator-${i}-new-date`}>
            Date de la mesure
          </label>
          <input
            className="fr-input"
            type="date"
            id={`indicator-${i}-new-date`}
            value={date}
            onChange={(e) => setDate(e.target.value)}
          />
        </div>
        <div className="fr-input-group fr-mb-0">
          <label className="fr-label" htmlFor={`indicator-${i}-new-value`}>
            Valeur mesurée
          </label>
          <input
            className="fr-input"
            inputMode="decimal"
            id={`indicator-${i}-new-value`}
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
        </div>
        <div className="fr-input-group fr-mb-0">
          <label className="fr-label" htmlFor={`indicator-${i}-new-comment`}>
            Commentaire
          </label>
          <input
            className="fr-input"
            id={`indicator-${i}-new-comment`}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
          />
        </div>
        <Button type="submit" iconId="fr-icon-add-line" disabled={!canAdd}>
          Ajouter la mesure
        </Button>
      </form>
      <ProgressChart indicator={x} />
      <ItemControls
        name={`l’indicateur ${x.id}`}
        index={i}
        count={r.indicators.length}
        onMove={(to) => edit({ op: "move_indicator", code: x.id, to })}
        onDelete={() => edit({ op: "delete_indicator", code: x.id })}
      />
    </section>
  );
}

export function Indicators({ selected, onSelect }: { selected: number | null; onSelect: (i: number | null) => void }) {
  const { view, edit } = useEditor();
  const r = view.roadmap;
  const [name, setName] = useState("");
  const [unit, setUnit] = useState("");
  const current = selected !== null ? r.indicators[selected] : undefined;
  const latest = (x: Indicator) => [...(x.measurements ?? [])].sort((a, b) => a.date.localeCompare(b.date)).at(-1);

  return (
    <>
      <h2>4. Indicateurs</h2>
      {r.indicators.length === 0 ? (
        <p>Aucun indicateur pour l’instant.</p>
      ) : (
        <div className="fr-table">
          <table>
            <caption>Indicateurs ({r.indicators.length})</caption>
            <thead>
              <tr>
                <th scope="col">N°</th>
                <th scope="col">Nom</th>
                <th scope="col" className="fdr-num">
                  Référence
                </th>
                <th scope="col" className="fdr-num">
                  Cible
                </th>
                <th scope="col" className="fdr-num">
                  Dernière mesure
                </th>
                <th scope="col" className="fdr-num">
                  Progression
                </th>
                <th scope="col">
                  <span className="fr-sr-only">Ouvrir</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {r.indicators.map((x, i) => {
                const p = progress(x);
                const l = latest(x);
                return (
                  <tr key={x.id}>
                    <td>{x.id}</td>
                    <td>
                      {x.name} ({x.unit})
                      <RemarkCount part="indicators" item={x.id} />
                    </td>
                    <td className="fdr-num">{x.baseline ? decimal(x.baseline.value) : "—"}</td>
                    <td className="fdr-num">{x.target ? decimal(x.target.value) : "—"}</td>
                    <td className="fdr-num">{l ? decimal(l.value) : "—"}</td>
                    <td className="fdr-num">{p === null ? "—" : `${Math.round(p * 100)}\u00a0%`}</td>
                    <td>
                      <Button
                        size="small"
                        priority={i === selected ? "primary" : "secondary"}
                        onClick={() => onSelect(i === selected ? null : i)}
                        aria-expanded={i === selected}
                        title={`Modifier l’indicateur ${x.id}`}
                      >
                        {i === selected ? "Fermer" : "Modifier"}
                      </Button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {current && selected !== null && <IndicatorEditor key={current.id} indicator={current} index={selected} />}
      <form
        className="fdr-toolbar"
        onSubmit={async (e) => {
          e.preventDefault();
          if (name.trim() === "" || unit.trim() === "") return;
          if ((await edit({ op: "add_indicator", name, unit })) === null) {
            setName("");
            setUnit("");
            onSelect(r.indicators.length);
          }
        }}
      >
        <div className="fr-input-group fr-mb-0">
          <label className="fr-label" htmlFor="new-indicator-name">
            Nom du nouvel indicateur
          </label>
          <input className="fr-input" id="new-indicator-name" value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="fr-input-group fr-mb-0">
          <label className="fr-label" htmlFor="new-indicator-unit">
            Unité
          </label>
          <input className="fr-input" id="new-indicator-unit" value={unit} onChange={(e) => setUnit(e.target.value)} />
        </div>
        <Button type="submit" iconId="fr-icon-add-line" disabled={name.trim() === "" || unit.trim() === ""}>
          Ajouter l’indicateur
        </Button>
      </form>
    </>
  );
}
