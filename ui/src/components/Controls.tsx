// Small controls shared by the lists: immediate selects, number fields,
// move/delete buttons, and the confirmation when others reference an item.
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { useState } from "react";
import type { ApiError } from "../api";
import { decimal, parseDecimal } from "../french";
import { TextField } from "./TextField";

export function SelectField<T extends string>(props: {
  id: string;
  label: string;
  value: T | "";
  options: Record<T, string>;
  onChange: (v: T | null) => void;
  allowEmpty?: boolean;
}) {
  const { id, label, value, options, onChange, allowEmpty } = props;
  return (
    <Select
      label={label}
      nativeSelectProps={{
        id,
        value,
        onChange: (e) => onChange(e.target.value === "" ? null : (e.target.value as T)),
      }}
    >
      {allowEmpty && <option value="">Non renseigné</option>}
      {(Object.keys(options) as T[]).map((k) => (
        <option key={k} value={k}>
          {options[k]}
        </option>
      ))}
    </Select>
  );
}

/** A decimal number typed the French way; empty means absent. */
export function NumberField(props: {
  id: string;
  label: string;
  value: number | undefined;
  onCommit: (v: number | undefined) => void;
  integer?: boolean;
  required?: boolean;
}) {
  const { id, label, value, onCommit, integer, required } = props;
  const check = (t: string) => {
    if (t.trim() === "") return null;
    const n = parseDecimal(t);
    if (n === null) return "Nombre attendu, par exemple 12,5.";
    if (integer && !Number.isInteger(n)) return "Nombre entier attendu.";
    return null;
  };
  return (
    <TextField
      id={id}
      label={label}
      value={value === undefined ? "" : decimal(value)}
      required={required}
      check={check}
      onCommit={(t) => onCommit(t.trim() === "" ? undefined : (parseDecimal(t) ?? undefined))}
    />
  );
}

/** Move up, move down and delete buttons of one list item. */
export function ItemControls(props: {
  name: string;
  index: number;
  count: number;
  onMove?: (to: number) => void;
  onDelete: () => Promise<ApiError | null>;
  onForceDelete?: () => void;
}) {
  const { name, index, count, onMove, onDelete, onForceDelete } = props;
  const [refused, setRefused] = useState<string | null>(null);
  return (
    <div>
      <div className="fdr-row-actions">
        {onMove && (
          <>
            <Button
              size="small"
              priority="tertiary"
              iconId="fr-icon-arrow-up-line"
              disabled={index === 0}
              onClick={() => onMove(index - 1)}
              title={`Monter ${name}`}
            >
              Monter
            </Button>
            <Button
              size="small"
              priority="tertiary"
              iconId="fr-icon-arrow-down-line"
              disabled={index >= count - 1}
              onClick={() => onMove(index + 1)}
              title={`Descendre ${name}`}
            >
              Descendre
            </Button>
          </>
        )}
        <Button
          size="small"
          priority="tertiary"
          iconId="fr-icon-delete-line"
          title={`Supprimer ${name}`}
          onClick={async () => {
            const e = await onDelete();
            if (e && e.code === "referenced") setRefused(e.message);
          }}
        >
          Supprimer
        </Button>
      </div>
      {refused && (
        <Alert
          className="fr-mt-2w"
          severity="warning"
          small
          description={
            <>
              <span>{refused}</span>
              <span className="fdr-row-actions fr-mt-1w">
                {onForceDelete && (
                  <Button
                    size="small"
                    onClick={() => {
                      setRefused(null);
                      onForceDelete();
                    }}
                  >
                    Retirer ces liens et supprimer
                  </Button>
                )}
                <Button size="small" priority="secondary" onClick={() => setRefused(null)}>
                  Annuler
                </Button>
              </span>
            </>
          }
        />
      )}
    </div>
  );
}

/** A group of DSFR checkboxes, each with its own id and label. */
export function CheckboxGroup(props: {
  id: string;
  legend: string;
  options: { id: string; label: string; checked: boolean; onChange: (checked: boolean) => void }[];
}) {
  const { id, legend, options } = props;
  return (
    <fieldset className="fr-fieldset" id={id} aria-labelledby={`${id}-legend`}>
      <legend className="fr-fieldset__legend fr-text--regular" id={`${id}-legend`}>
        {legend}
      </legend>
      {options.map((o) => (
        <div className="fr-fieldset__element" key={o.id}>
          <div className="fr-checkbox-group">
            <input type="checkbox" id={o.id} checked={o.checked} onChange={(e) => o.onChange(e.target.checked)} />
            <label className="fr-label" htmlFor={o.id}>
              {o.label}
            </label>
          </div>
        </div>
      ))}
    </fieldset>
  );
}
