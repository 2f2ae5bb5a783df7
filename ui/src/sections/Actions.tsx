import { Button } from "@codegouvfr/react-dsfr/Button";
import { useState } from "react";
import type { Action, ActionFields } from "../api";
import { CheckboxGroup, ItemControls, NumberField, SelectField } from "../components/Controls";
import { FundingGrid } from "../components/FundingGrid";
import { MarkdownField } from "../components/Markdown";
import { TextField } from "../components/TextField";
import { actionStatusLabel, dateLong, euros, splitList, totalCents } from "../french";
import { useEditor } from "../saving";
import { RemarksFor, RemarkCount } from "../components/RemarksFor";
import { each, actionEdits } from "../fields";

const opt = (s: string) => (s.trim() === "" ? undefined : s);
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const checkDate = (v: string) => (v === "" || DATE.test(v) ? null : "Date attendue (jj/mm/aaaa).");

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

function ActionEditor({ action: a, index: i }: { action: Action; index: number }) {
  const { view, edit } = useEditor();
  const r = view.roadmap;
  const update = (change: Partial<ActionFields>) => each(actionEdits(a.id, change), (e) => edit(e));
  const list = (v: string) => {
    const l = splitList(v);
    return l.length ? l : undefined;
  };
  return (
    <section className="fdr-item" id={`action-${i}`} aria-labelledby={`action-${i}-heading`}>
      <h3 id={`action-${i}-heading`}>
        Action {a.id} — {a.title}
      </h3>
      <RemarksFor part="actions" item={a.id} />
      <TextField id={`action-${i}-title`} label="Intitulé" required value={a.title} onCommit={(v) => update({ title: v })} />
      <MarkdownField
        id={`action-${i}-text`}
        label="Description"
        value={a.text ?? ""}
        onCommit={(v) => update({ text: v === "" ? undefined : v })}
      />
      <div className="fdr-grid">
        <TextField id={`action-${i}-lead`} label="Pilote" value={a.lead ?? ""} onCommit={(v) => update({ lead: opt(v) })} />
        <TextField
          id={`action-${i}-partners`}
          label="Partenaires"
          hint="Séparés par des virgules."
          value={(a.partners ?? []).join(", ")}
          onCommit={(v) => update({ partners: list(v) })}
        />
        <TextField
          id={`action-${i}-territories`}
          label="Territoires"
          hint="Codes séparés par des virgules (59, 62…)."
          value={(a.territories ?? []).join(", ")}
          onCommit={(v) => update({ territories: list(v) })}
        />
        <TextField
          id={`action-${i}-start`}
          label="Début"
          type="date"
          check={checkDate}
          value={a.start ?? ""}
          onCommit={(v) => update({ start: opt(v) })}
        />
        <TextField
          id={`action-${i}-end`}
          label="Fin"
          type="date"
          check={(v) => checkDate(v) ?? (v && a.start && v < a.start ? "La fin précède le début." : null)}
          value={a.end ?? ""}
          onCommit={(v) => update({ end: opt(v) })}
        />
        <SelectField
          id={`action-${i}-status`}
          label="État d’avancement"
          value={a.status}
          options={actionStatusLabel}
          onChange={(v) => v && update({ status: v })}
        />
        <NumberField id={`action-${i}-fte`} label="Moyens humains (ETP)" value={a.fte} onCommit={(v) => update({ fte: v })} />
      </div>
      {r.objectives.length > 0 ? (
        <CheckboxGroup
          id={`action-${i}-objectives`}
          legend="Objectifs servis par cette action"
          options={r.objectives.map((o) => ({
            id: `action-${i}-objective-${o.id}`,
            label: `${o.id} — ${o.title}`,
            checked: a.objectives.includes(o.id),
            onChange: (linked) => edit({ op: "link_action_objective", action: a.id, objective: o.id, linked }),
          }))}
        />
      ) : (
        <p>Ajoutez d’abord des objectifs pour les relier à cette action.</p>
      )}
      <FundingGrid action={a} index={i} period={r.period} />
      <ItemControls
        name={`l’action ${a.id}`}
        index={i}
        count={r.actions.length}
        onMove={(to) => edit({ op: "move_action", code: a.id, to })}
        onDelete={() => edit({ op: "delete_action", code: a.id, mode: "refuse" }, { quiet: true })}
        onForceDelete={() => edit({ op: "delete_action", code: a.id, mode: "remove_links" })}
      />
    </section>
  );
}

export function Actions({ selected, onSelect }: { selected: number | null; onSelect: (i: number | null) => void }) {
  const { view, edit } = useEditor();
  const r = view.roadmap;
  const [title, setTitle] = useState("");
  const current = selected !== null ? r.actions[selected] : undefined;
  const dates = (a: Action) =>
    a.start || a.end ? `${a.start ? dateLong(a.start) : "…"} → ${a.end ? dateLong(a.end) : "…"}` : "—";

  return (
    <>
      <h2>3. Moyens et plan d’action</h2>
      {r.actions.length === 0 ? (
        <p>Aucune action pour l’instant.</p>
      ) : (
        <div className="fr-table">
          <table>
            <caption>Actions ({r.actions.length})</caption>
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
              {r.actions.map((a, i) => (
                <tr key={a.id} aria-current={i === selected ? "true" : undefined}>
                  <td>{a.id}</td>
                  <td>
                    {a.title}
                    <RemarkCount part="actions" item={a.id} />
                  </td>
                  <td>{a.lead ?? "—"}</td>
                  <td>{dates(a)}</td>
                  <td>{actionStatusLabel[a.status]}</td>
                  <td className="fdr-num">{euros(totalCents(a.funding))}</td>
                  <td>
                    <Button
                      size="small"
                      priority={i === selected ? "primary" : "secondary"}
                      onClick={() => onSelect(i === selected ? null : i)}
                      aria-expanded={i === selected}
                      title={`Modifier l’action ${a.id}`}
                    >
                      {i === selected ? "Fermer" : "Modifier"}
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {current && selected !== null && <ActionEditor key={current.id} action={current} index={selected} />}
      <form
        className="fdr-toolbar"
        onSubmit={async (e) => {
          e.preventDefault();
          if (title.trim() === "") return;
          if ((await edit({ op: "add_action", title })) === null) {
            setTitle("");
            onSelect(r.actions.length);
          }
        }}
      >
        <div className="fr-input-group fr-mb-0">
          <label className="fr-label" htmlFor="new-action">
            Intitulé de la nouvelle action
          </label>
          <input className="fr-input" id="new-action" value={title} onChange={(e) => setTitle(e.target.value)} />
        </div>
        <Button type="submit" iconId="fr-icon-add-line" disabled={title.trim() === ""}>
          Ajouter l’action
        </Button>
      </form>
    </>
  );
}
