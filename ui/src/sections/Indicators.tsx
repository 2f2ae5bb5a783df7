// Part 4: the indicators as a table; an indicator's editor opens inline,
// under its row (as the actions' do), with its measurements and its chart.
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { memo, useState } from "react";
import type { DatedValue, Indicator, IndicatorFields } from "../api";
import { announce } from "../announce";
import { afterDeletion, CheckboxGroup, ItemControls, numberProblem, SelectField } from "../components/Controls";
import { DraftInput, useDrafts } from "../components/Drafts";
import { useIncremental } from "../components/incremental";
import { EditorRow, OpenCell, useOpenable } from "../components/OpenableRows";
import { MarkdownField } from "../components/Markdown";
import { ProgressChart } from "../components/ProgressChart";
import { TextField } from "../components/TextField";
import {
  clip,
  dateLong,
  dateShort,
  decimal,
  directionLabel,
  frequencyLabel,
  objectiveCode,
  objectiveRanks,
  parseDecimal,
  progression,
} from "../french";
import { useEditor } from "../saving";
import { dateProblem } from "./Actions";
import { each, indicatorEdits } from "../fields";
import { RemarkCount, RemarksFor } from "../components/RemarksFor";

const opt = (s: string) => (s.trim() === "" ? undefined : s);
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const indicatorId = (i: number) => `indicator-${i}`;

/** Messages for a value and its date, given together or not at all. */
export function datedValueProblems(d: { value: string; date: string }): { value?: string; date?: string } {
  const out: { value?: string; date?: string } = {};
  const v = numberProblem(d.value);
  const t = dateProblem(d.date);
  if (v) out.value = v;
  if (t) out.date = t;
  if (!v && !t) {
    if (d.value.trim() !== "" && d.date === "") out.date = "Indiquez aussi la date de cette valeur.";
    if (d.value.trim() === "" && d.date !== "") out.value = "Indiquez aussi la valeur à cette date.";
  }
  return out;
}

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
  unit: string;
  value: DatedValue | undefined;
  onCommit: (v: DatedValue | undefined) => void;
}) {
  const { id, label, unit, value, onCommit } = props;
  const { draft, problems, set, flush } = useDrafts(
    { value: value ? decimal(value.value) : "", date: value?.date ?? "" },
    {
      check: datedValueProblems,
      commit: (d) => {
        const n = parseDecimal(d.value);
        if (d.value.trim() === "" && d.date === "") onCommit(undefined);
        else if (n !== null) onCommit({ ...(value ?? {}), value: n, date: d.date });
      },
    },
  );
  return (
    <fieldset className="fr-fieldset" id={id}>
      <legend className="fr-fieldset__legend fr-text--regular">{label}</legend>
      <div className="fr-fieldset__element fdr-grid">
        <DraftInput
          id={`${id}-value`}
          label={`Valeur (${unit})`}
          inputMode="decimal"
          value={draft.value}
          problem={problems.value}
          onChange={(v) => set("value", v)}
          onBlur={flush}
        />
        <DraftInput
          id={`${id}-date`}
          label="Date"
          type="date"
          value={draft.date}
          problem={problems.date}
          onChange={(v) => set("date", v)}
          onBlur={flush}
        />
      </div>
    </fieldset>
  );
}

/** One measurement, editable in place: each cell is committed as a field is. */
function MeasurementRow(props: { x: Indicator; i: number; j: number; m: DatedValue }) {
  const { x, i, j, m } = props;
  const { edit, remove } = useEditor();
  const update = (change: Partial<DatedValue>) =>
    edit({ op: "update_measurement", indicator: x.id, index: j, measurement: { ...m, ...change } });
  const base = `${indicatorId(i)}-measurement`;
  const id = `${base}-${j}`;
  const n = j + 1;
  const count = (x.measurements ?? []).length;
  const name = `${decimal(m.value)} ${x.unit} au ${dateLong(m.date)}`;
  return (
    <tr id={id}>
      <td>
        <TextField
          id={`${id}-date`}
          type="date"
          label={`Date de la mesure ${n}`}
          hideLabel
          required
          check={dateProblem}
          value={m.date}
          onCommit={(v) => update({ date: v })}
        />
      </td>
      <td>
        <TextField
          id={`${id}-value`}
          className="fdr-num"
          label={`Valeur de la mesure ${n} (${x.unit})`}
          hideLabel
          required
          inputMode="decimal"
          check={(v) => numberProblem(v)}
          value={decimal(m.value)}
          onCommit={(v) => {
            const p = parseDecimal(v);
            if (p !== null && p !== m.value) update({ value: p });
          }}
        />
      </td>
      <td>
        <TextField
          id={`${id}-comment`}
          label={`Commentaire de la mesure ${n}`}
          hideLabel
          value={m.comment ?? ""}
          onCommit={(v) => update({ comment: opt(v) })}
        />
      </td>
      <td>
        <Button
          size="small"
          priority="tertiary"
          iconId="fr-icon-delete-line"
          id={`${id}-delete`}
          title={`Supprimer la mesure du ${dateLong(m.date)}`}
          aria-label={`Supprimer la mesure du ${dateLong(m.date)}`}
          onClick={() =>
            remove(
              { op: "delete_measurement", indicator: x.id, index: j },
              {
                title: `Mesure de l’indicateur ${x.id} (${name}) supprimée.`,
                restore: `${id}-date`,
                restored: `Mesure du ${dateLong(m.date)} rétablie.`,
              },
              afterDeletion(j, count, (k) => `${base}-${k}-date`, `${indicatorId(i)}-new-date`),
            )
          }
        >
          Supprimer
        </Button>
      </td>
    </tr>
  );
}

function IndicatorEditor(props: { indicator: Indicator; index: number; onClose: (focusRow: boolean) => void }) {
  const { indicator: x, index: i, onClose } = props;
  const { view, edit, remove, focus } = useEditor();
  const r = view.roadmap;
  const ranks = objectiveRanks(r.objectives);
  // One edit per field, never the whole indicator rebuilt from the view.
  const update = (change: Partial<IndicatorFields>) => each(indicatorEdits(x.id, change), (e) => edit(e));
  const [date, setDate] = useState("");
  const [value, setValue] = useState("");
  const [comment, setComment] = useState("");
  const [tried, setTried] = useState(false);
  const parsed = parseDecimal(value);
  const newProblems = {
    date: tried && date === "" ? "Indiquez la date de la mesure." : dateProblem(date),
    value: tried && value.trim() === "" ? "Indiquez la valeur mesurée." : numberProblem(value),
  };
  const id = indicatorId(i);

  return (
    <section className="fdr-item fdr-item--open" id={id} aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`} className="fr-h5" tabIndex={-1}>
        Indicateur {x.id} — {x.name}
      </h3>
      <RemarksFor part="indicators" item={x.id} />
      <div className="fdr-grid">
        <TextField id={`${id}-name`} label="Nom" required value={x.name} onCommit={(v) => update({ name: v })} />
        <TextField id={`${id}-unit`} label="Unité" required value={x.unit} onCommit={(v) => update({ unit: v })} />
        <SelectField
          id={`${id}-direction`}
          label="Sens attendu"
          value={x.direction}
          options={directionLabel}
          onChange={(v) => v && update({ direction: v })}
        />
        <SelectField
          id={`${id}-frequency`}
          label="Fréquence de mesure"
          value={x.frequency ?? ""}
          allowEmpty
          options={frequencyLabel}
          onChange={(v) => update({ frequency: v ?? undefined })}
        />
        <TextField id={`${id}-source`} label="Source" value={x.source ?? ""} onCommit={(v) => update({ source: opt(v) })} />
      </div>
      <MarkdownField
        id={`${id}-definition`}
        label="Définition"
        context={`de l’indicateur ${x.id}`}
        value={x.definition ?? ""}
        onCommit={(v) => update({ definition: v === "" ? undefined : v })}
      />
      <div className="fdr-grid">
        <DatedValueFields
          id={`${id}-baseline`}
          label="Valeur de référence"
          unit={x.unit}
          value={x.baseline}
          onCommit={(v) => update({ baseline: v })}
        />
        <DatedValueFields
          id={`${id}-target`}
          label="Cible"
          unit={x.unit}
          value={x.target}
          onCommit={(v) => update({ target: v })}
        />
      </div>
      {r.objectives.length > 0 && (
        <CheckboxGroup
          id={`${id}-objectives`}
          legend="Objectifs mesurés"
          options={r.objectives.map((o) => ({
            label: `${objectiveCode(o.id, ranks.get(o.id))} — ${o.title}`,
            checked: (x.objectives ?? []).includes(o.id),
            onChange: (linked) => edit({ op: "link_indicator_objective", indicator: x.id, objective: o.id, linked }),
          }))}
        />
      )}
      {r.actions.length > 0 && (
        <CheckboxGroup
          id={`${id}-actions`}
          legend="Actions suivies"
          options={r.actions.map((a) => ({
            label: `${a.id} — ${a.title}`,
            checked: (x.actions ?? []).includes(a.id),
            onChange: (linked) => edit({ op: "link_indicator_action", indicator: x.id, action: a.id, linked }),
          }))}
        />
      )}
      <h4 className="fr-h6" id={`${id}-measurements`}>
        Mesures
      </h4>
      {(x.measurements ?? []).length === 0 ? (
        <p>Aucune mesure.</p>
      ) : (
        <div className="fr-table fr-table--no-caption fdr-cells">
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
        className="fdr-toolbar fdr-add"
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          setTried(true);
          if (!DATE.test(date) || parsed === null) {
            focus(!DATE.test(date) ? `${id}-new-date` : `${id}-new-value`);
            return;
          }
          const measurement: DatedValue = { value: parsed, date, comment: opt(comment) };
          if ((await edit({ op: "add_measurement", indicator: x.id, measurement })) === null) {
            setValue("");
            setComment("");
            setTried(false);
            announce(`Mesure ajoutée à l’indicateur ${x.id} : ${decimal(parsed)} ${x.unit} au ${dateLong(date)}.`);
            focus(`${id}-new-date`);
          }
        }}
      >
        <DraftInput
          id={`${id}-new-date`}
          label="Date de la mesure"
          type="date"
          value={date}
          problem={newProblems.date ?? undefined}
          onChange={setDate}
          onBlur={() => {}}
        />
        <DraftInput
          id={`${id}-new-value`}
          label={`Valeur mesurée (${x.unit})`}
          inputMode="decimal"
          value={value}
          problem={newProblems.value ?? undefined}
          onChange={setValue}
          onBlur={() => {}}
        />
        <Input
          className="fr-mb-0"
          label="Commentaire"
          nativeInputProps={{ id: `${id}-new-comment`, value: comment, onChange: (e) => setComment(e.target.value) }}
        />
        <Button type="submit" iconId="fr-icon-add-line">
          Ajouter la mesure
        </Button>
      </form>
      <ProgressChart indicator={x} />
      <div className="fdr-toolbar fr-mt-2w">
        <ItemControls
          name={`l’indicateur ${x.id}`}
          index={i}
          count={r.indicators.length}
          itemId={indicatorId}
          onMove={(to) => edit({ op: "move_indicator", code: x.id, to })}
          moved={(to) => `Indicateur ${x.id} déplacé en position ${to + 1} sur ${r.indicators.length}.`}
          onDelete={() =>
            remove(
              { op: "delete_indicator", code: x.id },
              {
                title: `Indicateur ${x.id} « ${clip(x.name)} » supprimé.`,
                restore: `${id}-open`,
                restored: `Indicateur ${x.id} rétabli.`,
              },
              afterDeletion(i, r.indicators.length, (j) => `${indicatorId(j)}-open`, "new-indicator-name"),
            ).then((e) => {
              if (e === null) onClose(false);
              return e;
            })
          }
        />
        <Button size="small" priority="secondary" iconId="fr-icon-close-line" onClick={() => onClose(true)}>
          Fermer l’indicateur {x.id}
        </Button>
      </div>
    </section>
  );
}

const latest = (x: Indicator) => [...(x.measurements ?? [])].sort((a, b) => a.date.localeCompare(b.date)).at(-1);

/** One row of the table, re-rendered only when its indicator or its state changes. */
const IndicatorRow = memo(function IndicatorRow(props: {
  x: Indicator;
  i: number;
  open: boolean;
  onToggle: (code: string, index: number) => void;
}) {
  const { x, i, open, onToggle } = props;
  const p = progress(x);
  const l = latest(x);
  return (
    <tr aria-current={open ? "true" : undefined} className={open ? "fdr-row--open" : undefined}>
      <td>{x.id}</td>
      <td>
        {x.name} ({x.unit})
        <RemarkCount part="indicators" item={x.id} />
      </td>
      <td className="fdr-num">{x.baseline ? decimal(x.baseline.value) : "—"}</td>
      <td className="fdr-num">{x.target ? decimal(x.target.value) : "—"}</td>
      <td className="fdr-num">{l ? `${decimal(l.value)} (${dateShort(l.date)})` : "—"}</td>
      <td className="fdr-num">{p === null ? "—" : progression(p)}</td>
      <OpenCell item={indicatorId(i)} code={x.id} index={i} open={open} what={`l’indicateur ${x.id}`} onToggle={onToggle} />
    </tr>
  );
});

export function Indicators({ selected, onSelect }: { selected: string | null; onSelect: (code: string | null) => void }) {
  const { view } = useEditor();
  const r = view.roadmap;
  const index = selected === null ? -1 : r.indicators.findIndex((x) => x.id === selected);
  const shown = useIncremental(r.indicators.length, index);
  const { onToggle, close } = useOpenable(indicatorId, selected, onSelect);

  return (
    <>
      <h2>4. Indicateurs</h2>
      {r.indicators.length === 0 ? (
        <p>Aucun indicateur pour l’instant.</p>
      ) : (
        <div className="fr-table fdr-indicators">
          <table>
            <caption>
              Indicateurs ({r.indicators.length})
              {shown < r.indicators.length ? ` — affichage des ${shown} premiers…` : ""}
            </caption>
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
              {r.indicators.slice(0, shown).map((x, i) => (
                <IndicatorRowWithEditor
                  key={x.id}
                  x={x}
                  i={i}
                  open={i === index}
                  onToggle={onToggle}
                  onClose={close}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <AddIndicator onSelect={onSelect} />
    </>
  );
}

/** A row, and under it the indicator's editor when it is open. */
function IndicatorRowWithEditor(props: {
  x: Indicator;
  i: number;
  open: boolean;
  onToggle: (code: string, index: number) => void;
  onClose: (index: number, focusRow: boolean) => void;
}) {
  const { x, i, open, onToggle, onClose } = props;
  return (
    <>
      <IndicatorRow x={x} i={i} open={open} onToggle={onToggle} />
      {open && (
        <EditorRow columns={7}>
          <IndicatorEditor indicator={x} index={i} onClose={(focusRow) => onClose(i, focusRow)} />
        </EditorRow>
      )}
    </>
  );
}

/** The form adding one (its typing re-renders it alone, never the table). */
function AddIndicator({ onSelect }: { onSelect: (code: string | null) => void }) {
  const { current, edit, focus } = useEditor();
  const [name, setName] = useState("");
  const [unit, setUnit] = useState("");
  return (
    <form
      className="fdr-toolbar fdr-add"
      onSubmit={async (e) => {
        e.preventDefault();
        if (name.trim() === "" || unit.trim() === "") return;
        if ((await edit({ op: "add_indicator", name, unit })) === null) {
          setName("");
          setUnit("");
          const list = current().roadmap.indicators;
          const added = list.at(-1);
          if (added) {
            onSelect(added.id);
            announce(`Indicateur ${added.id} ajouté : son détail est ouvert.`);
            focus(`${indicatorId(list.length - 1)}-direction`, `${indicatorId(list.length - 1)}-open`);
          }
        }
      }}
    >
      <Input
        className="fr-mb-0"
        label="Nom du nouvel indicateur"
        nativeInputProps={{ id: "new-indicator-name", value: name, onChange: (e) => setName(e.target.value) }}
      />
      <Input
        className="fr-mb-0"
        label="Unité"
        nativeInputProps={{ id: "new-indicator-unit", value: unit, onChange: (e) => setUnit(e.target.value) }}
      />
      <Button type="submit" iconId="fr-icon-add-line" disabled={name.trim() === "" || unit.trim() === ""}>
        Ajouter l’indicateur
      </Button>
    </form>
  );
}
