import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { memo, useState } from "react";
import type { Action, Objective } from "../api";
import { announce } from "../announce";
import { afterDeletion, ItemControls } from "../components/Controls";
import { MarkdownField } from "../components/Markdown";
import { TextField } from "../components/TextField";
import { clip, objectiveCode, objectiveRanks, splitList } from "../french";
import { useEditor, type EditorApi } from "../saving";
import { each, objectiveEdits } from "../fields";
import { RemarksFor } from "../components/RemarksFor";

const objectiveId = (i: number) => `objective-${i}`;

/** One objective, re-rendered only when it, its rank or the actions serving it change. */
const ObjectiveItem = memo(function ObjectiveItem(props: {
  o: Objective;
  i: number;
  count: number;
  rank: number | undefined;
  servedBy: string;
  edit: EditorApi["edit"];
  remove: EditorApi["remove"];
}) {
  const { o, i, count, rank, servedBy, edit, remove } = props;
  // One edit per field, never the whole objective rebuilt from the view.
  const update = (change: Partial<Objective>) => each(objectiveEdits(o.id, change), (e) => edit(e));
  const code = objectiveCode(o.id, rank);
  const deleted = (mode: "refuse" | "remove_links") =>
    remove(
      { op: "delete_objective", code: o.id, mode },
      {
        title: `Objectif ${o.id} « ${clip(o.title)} » supprimé${mode === "remove_links" ? ", avec ses liens" : ""}.`,
        restore: `${objectiveId(i)}-title`,
        restored: `Objectif ${o.id} rétabli.`,
      },
      afterDeletion(i, count, (j) => `${objectiveId(j)}-title`, "new-objective"),
      { quiet: mode === "refuse" },
    );
  return (
    <li className="fdr-item" id={objectiveId(i)}>
      <h3 className="fr-h6" id={`${objectiveId(i)}-heading`}>
        {code} — {o.title}
      </h3>
      <RemarksFor part="objectives" item={o.id} />
      <TextField
        id={`${objectiveId(i)}-title`}
        label="Intitulé"
        required
        value={o.title}
        onCommit={(v) => update({ title: v })}
      />
      <MarkdownField
        id={`${objectiveId(i)}-text`}
        label="Description"
        context={`de l’objectif ${o.id}`}
        value={o.text ?? ""}
        onCommit={(v) => update({ text: v === "" ? undefined : v })}
      />
      <TextField
        id={`${objectiveId(i)}-territories`}
        label="Territoires"
        hint="Codes des départements (02, 59, 60, 62, 80) ou de la région (32), séparés par des virgules."
        value={(o.territories ?? []).join(", ")}
        onCommit={(v) => {
          const list = splitList(v);
          return update({ territories: list.length ? list : undefined });
        }}
      />
      <p className="fr-text--sm">{servedBy ? `Actions : ${servedBy}` : "Aucune action ne sert cet objectif."}</p>
      <ItemControls
        name={`l’objectif ${o.id}`}
        index={i}
        count={count}
        itemId={objectiveId}
        onMove={(to) => edit({ op: "move_objective", code: o.id, to })}
        moved={(to) => `Objectif ${o.id} : priorité ${to + 1} sur ${count}.`}
        onDelete={() => deleted("refuse")}
        onForceDelete={() => deleted("remove_links")}
      />
    </li>
  );
});

/** The codes of the actions serving each objective, as one string per objective (stable for memo). */
function servedByOf(actions: Action[]): Map<string, string> {
  const by = new Map<string, string[]>();
  for (const a of actions) for (const o of a.objectives) by.set(o, [...(by.get(o) ?? []), a.id]);
  return new Map([...by].map(([o, list]) => [o, list.join(", ")]));
}

export function Objectives() {
  const { view, current, edit, remove, focus } = useEditor();
  const r = view.roadmap;
  const [title, setTitle] = useState("");
  const ranks = objectiveRanks(r.objectives);
  const served = servedByOf(r.actions);

  return (
    <>
      <h2>2. Objectifs et priorités</h2>
      <p>L’ordre de la liste est celui des priorités : le premier objectif est la priorité 1.</p>
      {r.objectives.length === 0 && <p>Aucun objectif pour l’instant.</p>}
      <ol className="fr-raw-list">
        {r.objectives.map((o, i) => (
          <ObjectiveItem
            key={o.id}
            o={o}
            i={i}
            count={r.objectives.length}
            rank={ranks.get(o.id)}
            servedBy={served.get(o.id) ?? ""}
            edit={edit}
            remove={remove}
          />
        ))}
      </ol>
      <form
        className="fdr-toolbar fdr-add"
        onSubmit={async (e) => {
          e.preventDefault();
          if (title.trim() === "") return;
          if ((await edit({ op: "add_objective", title })) === null) {
            setTitle("");
            const n = current().roadmap.objectives.length - 1;
            announce(`Objectif ajouté en priorité ${n + 1} : « ${clip(title)} ». Vous pouvez écrire sa description.`);
            focus(`${objectiveId(n)}-text`, `${objectiveId(n)}-heading`);
          }
        }}
      >
        <Input
          className="fr-mb-0"
          label="Intitulé du nouvel objectif"
          nativeInputProps={{ id: "new-objective", value: title, onChange: (e) => setTitle(e.target.value) }}
        />
        <Button type="submit" iconId="fr-icon-add-line" disabled={title.trim() === ""}>
          Ajouter l’objectif
        </Button>
      </form>
    </>
  );
}
