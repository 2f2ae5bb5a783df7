// Part 3: the actions as a table; an action's editor opens inline, under
// its row, and scrolls into view with its heading. Rows are memoised (an
// edit re-renders the rows it changed) and a long list is rendered in steps.
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { memo, useState } from "react";
import type { Action, ActionFields, Objective } from "../api";
import { announce } from "../announce";
import { afterDeletion, CheckboxGroup, ItemControls, NumberField, SelectField } from "../components/Controls";
import { DraftInput, useDrafts } from "../components/Drafts";
import { FundingGrid } from "../components/FundingGrid";
import { useIncremental } from "../components/incremental";
import { EditorRow, OpenCell, useOpenable } from "../components/OpenableRows";
import { MarkdownField } from "../components/Markdown";
import { TextField } from "../components/TextField";
import { actionStatusLabel, clip, dateLong, dateShort, euros, objectiveCode, objectiveRanks, splitList, totalCents } from "../french";
import { useEditor } from "../saving";
import { actionEdits, each } from "../fields";
import { RemarkCount, RemarksFor } from "../components/RemarksFor";

const opt = (s: string) => (s.trim() === "" ? undefined : s);
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const actionId = (i: number) => `action-${i}`;

/** The message for a date typed in a field; null when it is one (or empty). */
export function dateProblem(v: string): string | null {
  if (v === "") return null;
  if (!DATE.test(v) || Number.isNaN(Date.parse(v))) return "Date attendue, par exemple 31/12/2026.";
  return null;
}

/** Messages for an action's start and end, as the format checks them at export. */
export function actionDateProblems(d: { start: string; end: string }): { start?: string; end?: string } {
  const out: { start?: string; end?: string } = {};
  const s = dateProblem(d.start);
  const e = dateProblem(d.end);
  if (s) out.start = s;
  if (e) out.end = e;
  if (!s && !e && d.start && d.end && d.end < d.start)
    out.end = `La fin (${dateLong(d.end)}) précède le début (${dateLong(d.start)}).`;
  return out;
}

export function fieldsOf(a: Action): ActionFields {
  return {
    id: a.id,
    title: a.title,
    text: a.text,
    lead: a.lead,
    partners: a.partners,
    territories: a.territories,
    start: a.start,
    end: a.end,
    status: a.status,
    fte: a.fte,
  };
}

/** Start and end, committed together once both are valid. */
function ActionDates({ a, i, update }: { a: Action; i: number; update: (c: Partial<ActionFields>) => void }) {
  const { draft, problems, set, flush } = useDrafts(
    { start: a.start ?? "", end: a.end ?? "" },
    { check: actionDateProblems, commit: (d) => update({ start: opt(d.start), end: opt(d.end) }) },
  );
  return (
    <>
      <DraftInput
        id={`${actionId(i)}-start`}
        label="Début"
        type="date"
        value={draft.start}
        problem={problems.start}
        onChange={(v) => set("start", v)}
        onBlur={flush}
      />
      <DraftInput
        id={`${actionId(i)}-end`}
        label="Fin"
        type="date"
        value={draft.end}
        problem={problems.end}
        onChange={(v) => set("end", v)}
        onBlur={flush}
      />
    </>
  );
}

function ActionEditor(props: { action: Action; index: number; onClose: (focusRow: boolean) => void }) {
  const { action: a, index: i, onClose } = props;
  const { view, edit, remove } = useEditor();
  const r = view.roadmap;
  const ranks = objectiveRanks(r.objectives);
  // One edit per field, never the whole action rebuilt from the view.
  const update = (change: Partial<ActionFields>) => each(actionEdits(a.id, change), (e) => edit(e));
  const list = (v: string) => {
    const l = splitList(v);
    return l.length ? l : undefined;
  };
  const id = actionId(i);
  const deleted = (mode: "refuse" | "remove_links") =>
    remove(
      { op: "delete_action", code: a.id, mode },
      {
        title: `Action ${a.id} « ${clip(a.title)} » supprimée${mode === "remove_links" ? ", avec ses liens" : ""}.`,
        restore: `${id}-open`,
        restored: `Action ${a.id} rétablie.`,
      },
      afterDeletion(i, r.actions.length, (j) => `${actionId(j)}-open`, "new-action"),
      { quiet: mode === "refuse" },
    ).then((e) => {
      if (e === null) onClose(false);
      return e;
    });
  return (
    <section className="fdr-item fdr-item--open" id={id} aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`} className="fr-h5" tabIndex={-1}>
        Action {a.id} — {a.title}
      </h3>
      <RemarksFor part="actions" item={a.id} />
      <TextField id={`${id}-title`} label="Intitulé" required value={a.title} onCommit={(v) => update({ title: v })} />
      <MarkdownField
        id={`${id}-text`}
        label="Description"
        context={`de l’action ${a.id}`}
        value={a.text ?? ""}
        onCommit={(v) => update({ text: v === "" ? undefined : v })}
      />
      <div className="fdr-grid">
        <TextField id={`${id}-lead`} label="Pilote" value={a.lead ?? ""} onCommit={(v) => update({ lead: opt(v) })} />
        <TextField
          id={`${id}-partners`}
          label="Partenaires"
          hint="Séparés par des virgules."
          value={(a.partners ?? []).join(", ")}
          onCommit={(v) => update({ partners: list(v) })}
        />
        <TextField
          id={`${id}-territories`}
          label="Territoires"
          hint="Codes séparés par des virgules (59, 62…)."
          value={(a.territories ?? []).join(", ")}
          onCommit={(v) => update({ territories: list(v) })}
        />
        <ActionDates a={a} i={i} update={update} />
        <SelectField
          id={`${id}-status`}
          label="État d’avancement"
          value={a.status}
          options={actionStatusLabel}
          onChange={(v) => v && update({ status: v })}
        />
        <NumberField id={`${id}-fte`} label="Moyens humains (ETP)" min={0} value={a.fte} onCommit={(v) => update({ fte: v })} />
      </div>
      {r.objectives.length > 0 ? (
        <CheckboxGroup
          id={`${id}-objectives`}
          legend="Objectifs servis par cette action"
          options={r.objectives.map((o: Objective) => ({
            label: `${objectiveCode(o.id, ranks.get(o.id))} — ${o.title}`,
            checked: a.objectives.includes(o.id),
            onChange: (linked) => edit({ op: "link_action_objective", action: a.id, objective: o.id, linked }),
          }))}
        />
      ) : (
        <p>Ajoutez d’abord des objectifs pour les relier à cette action.</p>
      )}
      <FundingGrid action={a} index={i} period={r.period} />
      <div className="fdr-toolbar fr-mt-2w">
        <ItemControls
          name={`l’action ${a.id}`}
          index={i}
          count={r.actions.length}
          itemId={actionId}
          onMove={(to) => edit({ op: "move_action", code: a.id, to })}
          moved={(to) => `Action ${a.id} déplacée en position ${to + 1} sur ${r.actions.length}.`}
          onDelete={() => deleted("refuse")}
          onForceDelete={() => deleted("remove_links")}
        />
        <Button size="small" priority="secondary" iconId="fr-icon-close-line" onClick={() => onClose(true)}>
          Fermer l’action {a.id}
        </Button>
      </div>
    </section>
  );
}

const dates = (a: Action) =>
  a.start || a.end ? `${a.start ? dateShort(a.start) : "…"} – ${a.end ? dateShort(a.end) : "…"}` : "—";

/** One row of the table, re-rendered only when its action or its state changes. */
const ActionRow = memo(function ActionRow(props: {
  a: Action;
  i: number;
  open: boolean;
  onToggle: (code: string, index: number) => void;
}) {
  const { a, i, open, onToggle } = props;
  return (
    <tr aria-current={open ? "true" : undefined} className={open ? "fdr-row--open" : undefined}>
      <td>{a.id}</td>
      <td>
        {a.title}
        <RemarkCount part="actions" item={a.id} />
      </td>
      <td>{a.lead ?? "—"}</td>
      <td className="fdr-nowrap">{dates(a)}</td>
      <td>{actionStatusLabel[a.status]}</td>
      <td className="fdr-num">{euros(totalCents(a.funding))}</td>
      <OpenCell item={actionId(i)} code={a.id} index={i} open={open} what={`l’action ${a.id}`} onToggle={onToggle} />
    </tr>
  );
});

export function Actions({ selected, onSelect }: { selected: string | null; onSelect: (code: string | null) => void }) {
  const { view } = useEditor();
  const r = view.roadmap;
  const index = selected === null ? -1 : r.actions.findIndex((a) => a.id === selected);
  const shown = useIncremental(r.actions.length, index);

  const { onToggle, close } = useOpenable(actionId, selected, onSelect);

  return (
    <>
      <h2>3. Moyens et plan d’action</h2>
      {r.actions.length === 0 ? (
        <p>Aucune action pour l’instant.</p>
      ) : (
        <div className="fr-table fdr-actions">
          <table>
            <caption>
              Actions ({r.actions.length}){shown < r.actions.length ? ` — affichage des ${shown} premières…` : ""}
            </caption>
            <thead>
              <tr>
                <th scope="col">N°</th>
                <th scope="col">Intitulé</th>
                <th scope="col">Pilote</th>
                <th scope="col">Dates</th>
                <th scope="col">État</th>
                <th scope="col" className="fdr-num">
                  Budget
                </th>
                <th scope="col">
                  <span className="fr-sr-only">Ouvrir</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {r.actions.slice(0, shown).map((a, i) => (
                <ActionRowWithEditor
                  key={a.id}
                  a={a}
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
      <AddAction onSelect={onSelect} />
    </>
  );
}

/** A row, and under it the action's editor when it is open. */
function ActionRowWithEditor(props: {
  a: Action;
  i: number;
  open: boolean;
  onToggle: (code: string, index: number) => void;
  onClose: (index: number, focusRow: boolean) => void;
}) {
  const { a, i, open, onToggle, onClose } = props;
  return (
    <>
      <ActionRow a={a} i={i} open={open} onToggle={onToggle} />
      {open && (
        <EditorRow columns={7}>
          <ActionEditor action={a} index={i} onClose={(focusRow) => onClose(i, focusRow)} />
        </EditorRow>
      )}
    </>
  );
}

/** The form adding one (its typing re-renders it alone, never the table). */
function AddAction({ onSelect }: { onSelect: (code: string | null) => void }) {
  const { current, edit, focus } = useEditor();
  const [title, setTitle] = useState("");
  return (
    <form
      className="fdr-toolbar fdr-add"
      onSubmit={async (e) => {
        e.preventDefault();
        if (title.trim() === "") return;
        if ((await edit({ op: "add_action", title })) === null) {
          setTitle("");
          const list = current().roadmap.actions;
          const added = list.at(-1);
          if (added) {
            onSelect(added.id);
            announce(`Action ${added.id} ajoutée : son détail est ouvert.`);
            focus(`${actionId(list.length - 1)}-lead`, `${actionId(list.length - 1)}-open`);
          }
        }
      }}
    >
      <Input
        className="fr-mb-0"
        label="Intitulé de la nouvelle action"
        nativeInputProps={{ id: "new-action", value: title, onChange: (e) => setTitle(e.target.value) }}
      />
      <Button type="submit" iconId="fr-icon-add-line" disabled={title.trim() === ""}>
        Ajouter l’action
      </Button>
    </form>
  );
}
