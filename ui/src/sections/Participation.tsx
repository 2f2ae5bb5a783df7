import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { useState } from "react";
import type { Method, Practice, Stage } from "../api";
import { announce } from "../announce";
import { afterDeletion, ItemControls, NumberField, SelectField } from "../components/Controls";
import { MarkdownField } from "../components/Markdown";
import { TextField } from "../components/TextField";
import { clip, methodLabel, stageLabel } from "../french";
import { useEditor } from "../saving";
import { dateProblem } from "./Actions";
import { RemarksFor } from "../components/RemarksFor";

const practiceId = (i: number) => `practice-${i}`;

export function Participation() {
  const { view, edit, remove, focus } = useEditor();
  const r = view.roadmap;
  const [stage, setStage] = useState<Stage>("diagnosis");
  const [method, setMethod] = useState<Method>("consultation");
  const [description, setDescription] = useState("");
  const update = (i: number, p: Practice, change: Partial<Practice>) =>
    edit({ op: "update_practice", index: i, practice: { ...p, ...change } });

  return (
    <>
      <h2>5. Participation des bénéficiaires</h2>
      <RemarksFor part="participation" />
      <MarkdownField
        id="participation-text"
        label="Comment les personnes concernées prennent part à la démarche"
        value={r.participation.text}
        onCommit={(text) => edit({ op: "set_participation_text", text })}
      />
      <h3>Pratiques de participation</h3>
      {r.participation.practices.length === 0 && <p>Aucune pratique pour l’instant.</p>}
      {r.participation.practices.map((p, i) => (
        <div className="fdr-item" key={i} id={practiceId(i)}>
          <div className="fdr-grid">
            <SelectField
              id={`practice-${i}-stage`}
              label="Étape"
              value={p.stage}
              options={stageLabel}
              onChange={(v) => v && update(i, p, { stage: v })}
            />
            <SelectField
              id={`practice-${i}-method`}
              label="Modalité"
              value={p.method}
              options={methodLabel}
              onChange={(v) => v && update(i, p, { method: v })}
            />
            <NumberField
              id={`practice-${i}-participants`}
              label="Nombre de participants"
              integer
              min={0}
              value={p.participants}
              onCommit={(v) => update(i, p, { participants: v })}
            />
            <TextField
              id={`practice-${i}-date`}
              label="Date"
              type="date"
              check={dateProblem}
              value={p.date ?? ""}
              onCommit={(v) => update(i, p, { date: v === "" ? undefined : v })}
            />
          </div>
          <TextField
            id={`practice-${i}-description`}
            label="Description"
            required
            textArea
            rows={3}
            value={p.description}
            onCommit={(v) => update(i, p, { description: v })}
          />
          <ItemControls
            name={`la pratique ${i + 1}`}
            index={i}
            count={r.participation.practices.length}
            itemId={practiceId}
            onMove={(to) => edit({ op: "move_practice", index: i, to })}
            onDelete={() =>
              remove(
                { op: "delete_practice", index: i },
                {
                  title: `Pratique ${i + 1} « ${clip(p.description)} » supprimée.`,
                  restore: `${practiceId(i)}-stage`,
                  restored: `Pratique « ${clip(p.description)} » rétablie.`,
                },
                afterDeletion(i, r.participation.practices.length, (j) => `${practiceId(j)}-stage`, "new-practice-stage"),
              )
            }
          />
        </div>
      ))}
      <form
        className="fdr-toolbar"
        onSubmit={async (e) => {
          e.preventDefault();
          if (description.trim() === "") return;
          const practice: Practice = { stage, method, description: description.trim() };
          if ((await edit({ op: "add_practice", practice })) === null) {
            setDescription("");
            announce(`Pratique ajoutée : « ${clip(practice.description)} ». Précisez le nombre de participants et la date.`);
            focus(`${practiceId(r.participation.practices.length)}-participants`);
          }
        }}
      >
        <Select
          className="fr-mb-0"
          label="Étape"
          nativeSelectProps={{
            id: "new-practice-stage",
            value: stage,
            onChange: (e) => setStage(e.target.value as Stage),
          }}
        >
          {(Object.keys(stageLabel) as Stage[]).map((v) => (
            <option key={v} value={v}>
              {stageLabel[v]}
            </option>
          ))}
        </Select>
        <Select
          className="fr-mb-0"
          label="Modalité"
          nativeSelectProps={{
            id: "new-practice-method",
            value: method,
            onChange: (e) => setMethod(e.target.value as Method),
          }}
        >
          {(Object.keys(methodLabel) as Method[]).map((m) => (
            <option key={m} value={m}>
              {methodLabel[m]}
            </option>
          ))}
        </Select>
        <Input
          className="fr-mb-0 fdr-add__wide"
          label="Description de la pratique"
          nativeInputProps={{
            id: "new-practice-description",
            value: description,
            onChange: (e) => setDescription(e.target.value),
          }}
        />
        <Button type="submit" iconId="fr-icon-add-line" disabled={description.trim() === ""}>
          Ajouter la pratique
        </Button>
      </form>
    </>
  );
}
