import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { useState } from "react";
import type { KeyFigure } from "../api";
import { announce } from "../announce";
import { afterDeletion, ItemControls, NumberField, numberProblem, YearField } from "../components/Controls";
import { MarkdownField } from "../components/Markdown";
import { TextField } from "../components/TextField";
import { clip, parseDecimal } from "../french";
import { useEditor } from "../saving";
import { RemarksFor } from "../components/RemarksFor";

const figureId = (i: number) => `key-figure-${i}`;
const opt = (s: string) => (s.trim() === "" ? undefined : s);

export function Diagnostic() {
  const { view, edit, remove, focus } = useEditor();
  const r = view.roadmap;
  const [label, setLabel] = useState("");
  const [value, setValue] = useState("");
  const update = (i: number, k: KeyFigure, change: Partial<KeyFigure>) =>
    edit({ op: "update_key_figure", index: i, key_figure: { ...k, ...change } });
  const parsed = parseDecimal(value);
  const valueProblem = numberProblem(value);

  return (
    <>
      <h2>1. Diagnostic</h2>
      <RemarksFor part="diagnosis" />
      <MarkdownField
        id="diagnosis-text"
        label="Texte du diagnostic"
        value={r.diagnosis.text}
        onCommit={(text) => edit({ op: "set_diagnosis_text", text })}
      />
      <h3>Chiffres clés</h3>
      {r.diagnosis.key_figures.length === 0 && <p>Aucun chiffre clé pour l’instant.</p>}
      {r.diagnosis.key_figures.map((k, i) => (
        <div className="fdr-item" key={i} id={figureId(i)}>
          <div className="fdr-grid">
            <TextField
              id={`key-figure-${i}-label`}
              label="Libellé"
              required
              value={k.label}
              onCommit={(v) => update(i, k, { label: v })}
            />
            <NumberField
              id={`key-figure-${i}-value`}
              label="Valeur"
              required
              value={k.value}
              onCommit={(v) => v !== undefined && update(i, k, { value: v })}
            />
            <TextField
              id={`key-figure-${i}-unit`}
              label="Unité"
              value={k.unit ?? ""}
              onCommit={(v) => update(i, k, { unit: opt(v) })}
            />
            <YearField
              id={`key-figure-${i}-year`}
              label="Année"
              value={k.year}
              onCommit={(v) => update(i, k, { year: v })}
            />
            <TextField
              id={`key-figure-${i}-territory`}
              label="Territoire"
              value={k.territory ?? ""}
              onCommit={(v) => update(i, k, { territory: opt(v) })}
            />
            <TextField
              id={`key-figure-${i}-source`}
              label="Source"
              value={k.source ?? ""}
              onCommit={(v) => update(i, k, { source: opt(v) })}
            />
          </div>
          <ItemControls
            name={`le chiffre clé « ${k.label} »`}
            index={i}
            count={r.diagnosis.key_figures.length}
            itemId={figureId}
            onMove={(to) => edit({ op: "move_key_figure", index: i, to })}
            onDelete={() =>
              remove(
                { op: "delete_key_figure", index: i },
                {
                  title: `Chiffre clé « ${clip(k.label)} » supprimé.`,
                  restore: `${figureId(i)}-label`,
                  restored: `Chiffre clé « ${clip(k.label)} » rétabli.`,
                },
                afterDeletion(i, r.diagnosis.key_figures.length, (j) => `${figureId(j)}-label`, "new-key-figure-label"),
              )
            }
          />
        </div>
      ))}
      <form
        className="fdr-toolbar"
        onSubmit={async (e) => {
          e.preventDefault();
          if (label.trim() === "" || parsed === null) return;
          const done = await edit({ op: "add_key_figure", key_figure: { label: label.trim(), value: parsed } });
          if (done === null) {
            announce(`Chiffre clé « ${clip(label)} » ajouté : précisez son unité, son année et sa source.`);
            focus(`${figureId(r.diagnosis.key_figures.length)}-unit`);
            setLabel("");
            setValue("");
          }
        }}
      >
        <Input
          className="fr-mb-0"
          label="Libellé du nouveau chiffre clé"
          nativeInputProps={{ id: "new-key-figure-label", value: label, onChange: (e) => setLabel(e.target.value) }}
        />
        <Input
          className="fr-mb-0"
          label="Valeur"
          state={valueProblem ? "error" : "default"}
          stateRelatedMessage={valueProblem ?? undefined}
          nativeInputProps={{
            id: "new-key-figure-value",
            inputMode: "decimal",
            value,
            "aria-invalid": valueProblem ? true : undefined,
            onChange: (e) => setValue(e.target.value),
          }}
        />
        <Button type="submit" iconId="fr-icon-add-line" disabled={label.trim() === "" || parsed === null}>
          Ajouter le chiffre clé
        </Button>
      </form>
    </>
  );
}
