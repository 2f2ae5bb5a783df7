import { Button } from "@codegouvfr/react-dsfr/Button";
import { useState } from "react";
import type { Objective } from "../api";
import { ItemControls } from "../components/Controls";
import { MarkdownField } from "../components/Markdown";
import { TextField } from "../components/TextField";
import { splitList } from "../french";
import { useEditor } from "../saving";
import { RemarksFor } from "../components/RemarksFor";
import { each, objectiveEdits } from "../fields";

export function Objectives() {
  const { view, edit } = useEditor();
  const r = view.roadmap;
  const [title, setTitle] = useState("");
  const update = (o: Objective, change: Partial<Objective>) => each(objectiveEdits(o.id, change), (e) => edit(e));

  return (
    <>
      <h2>2. Objectifs et priorités</h2>
      <p>L’ordre de la liste est celui des priorités : le premier objectif est la priorité 1.</p>
      {r.objectives.length === 0 && <p>Aucun objectif pour l’instant.</p>}
      <ol className="fr-raw-list">
        {r.objectives.map((o, i) => {
          const servedBy = r.actions.filter((a) => a.objectives.includes(o.id)).map((a) => a.id);
          return (
            <li className="fdr-item" key={o.id} id={`objective-${i}`}>
              <h3 className="fr-h6">
                {o.id} · priorité {i + 1}
              </h3>
              <RemarksFor part="objectives" item={o.id} />
              <TextField
                id={`objective-${i}-title`}
                label="Intitulé"
                required
                value={o.title}
                onCommit={(v) => update(o, { title: v })}
              />
              <MarkdownField
                id={`objective-${i}-text`}
                label="Description"
                value={o.text ?? ""}
                onCommit={(v) => update(o, { text: v === "" ? undefined : v })}
              />
              <TextField
                id={`objective-${i}-territories`}
                label="Territoires"
                hint="Codes des départements (02, 59, 60, 62, 80) ou de la région (32), séparés par des virgules."
                value={(o.territories ?? []).join(", ")}
                onCommit={(v) => {
                  const list = splitList(v);
                  return update(o, { territories: list.length ? list : undefined });
                }}
              />
              <p className="fr-text--sm">
                {servedBy.length ? `Actions : ${servedBy.join(", ")}` : "Aucune action ne sert cet objectif."}
              </p>
              <ItemControls
                name={`l’objectif ${o.id}`}
                index={i}
                count={r.objectives.length}
                onMove={(to) => edit({ op: "move_objective", code: o.id, to })}
                onDelete={() => edit({ op: "delete_objective", code: o.id, mode: "refuse" }, { quiet: true })}
                onForceDelete={() => edit({ op: "delete_objective", code: o.id, mode: "remove_links" })}
              />
            </li>
          );
        })}
      </ol>
      <form
        className="fdr-toolbar"
        onSubmit={async (e) => {
          e.preventDefault();
          if (title.trim() === "") return;
          if ((await edit({ op: "add_objective", title })) === null) setTitle("");
        }}
      >
        <div className="fr-input-group fr-mb-0">
          <label className="fr-label" htmlFor="new-objective">
            Intitulé du nouvel objectif
          </label>
          <input className="fr-input" id="new-objective" value={title} onChange={(e) => setTitle(e.target.value)} />
        </div>
        <Button type="submit" iconId="fr-icon-add-line" disabled={title.trim() === ""}>
          Ajouter l’objectif
        </Button>
      </form>
    </>
  );
}
