import { Button } from "@codegouvfr/react-dsfr/Button";
import { useState } from "react";
import type { KeyFigure } from "../api";
import { ItemControls, NumberField } from "../components/Controls";
import { MarkdownField } from "../components/Markdown";
import { TextField } from "../components/TextField";
import { parseDecimal } from "../french";
import { useEditor } from "../saving";
import { RemarksFor } from "../components/RemarksFor";

const opt = (s: string) => (s.trim() === "" ? undefined : s);

export function Diagnostic() {
  const { view, edit } = useEditor();
  const r = view.roadmap;
  const [label, setLabel] = useState("");
  const [value, setValue] = useState("");
  const update = (i: number, k: KeyFigure, change: Partial<KeyFigure>) =>
    edit({ op: "update_key_figure", index: i, key_figure: { ...k, ...change } });
  const parsed = parseDecimal(value);

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
        <div className="fdr-item" key={i} id={`key-figure-${i}`}>
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
            <NumberField
              id={`key-figure-${i}-year`}
              label="Année"
              integer
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
            onMove={(to) => edit({ op: "move_key_figure", index: i, to })}
            onDelete={() => edit({ op: "delete_key_figure", index: i })}
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
            setLabel("");
            setValue("");
          }
        }}
      >
        <div className="fr-input-group fr-mb-0">
          <label className="fr-label" htmlFor="new-key-figure-label">
            Libellé du nouveau chiffre clé
          </label>
          <input
            className="fr-input"
            id="new-key-figure-label"
            value={label}
            onChange={(e) => setLabel(e.target.value)}
          />
        </div>
        <div className="fr-input-group fr-mb-0">
          <label className="fr-label" htmlFor="new-key-figure-value">
            Valeur
          </label>
          <input
            className="fr-input"
            id="new-key-figure-value"
            inputMode="decimal"
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
        </div>
        <Button type="submit" iconId="fr-icon-add-line" disabled={label.trim() === "" || parsed === null}>
          Ajouter le chiffre clé
        </Button>
      </form>
    </>
  );
}
