// Small controls shared by the lists: immediate selects, number and year
// fields with their French messages, move/delete buttons (focus follows the
// moved item), and the choice offered when others reference an item.
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { useState } from "react";
import type { ApiError } from "../api";
import { announce } from "../announce";
import { decimal, parseDecimal, parseYear, year } from "../french";
import { useIncremental } from "./incremental";
import { useEditor } from "../saving";
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

/** The message for a decimal number typed the French way; null when it is one. */
export function numberProblem(t: string, options: { integer?: boolean; min?: number } = {}): string | null {
  if (t.trim() === "") return null;
  const n = parseDecimal(t);
  if (n === null)
    return options.integer ? "Nombre entier attendu, par exemple 12." : "Nombre attendu, par exemple 12,5.";
  if (options.integer && !Number.isInteger(n)) return "Nombre entier attendu, sans virgule.";
  if (options.min !== undefined && n < options.min) return `Nombre supérieur ou égal à ${decimal(options.min)} attendu.`;
  return null;
}

/** The message for a year typed in a field; null when it is one. */
export function yearProblem(t: string, range?: { min: number; max: number }): string | null {
  if (t.trim() === "") return null;
  const y = parseYear(t);
  if (y === null) return "Année sur quatre chiffres attendue, par exemple 2025.";
  if (range && (y < range.min || y > range.max)) return `Année entre ${range.min} et ${range.max} attendue.`;
  return null;
}

/** A decimal number typed the French way; empty means absent. */
export function NumberField(props: {
  id: string;
  label: string;
  value: number | undefined;
  onCommit: (v: number | undefined) => void;
  integer?: boolean;
  /** The smallest value the format accepts (0 for counts and FTE). */
  min?: number;
  required?: boolean;
}) {
  const { id, label, value, onCommit, integer, min, required } = props;
  return (
    <TextField
      id={id}
      label={label}
      value={value === undefined ? "" : decimal(value)}
      required={required}
      inputMode={integer ? "numeric" : "decimal"}
      check={(t) => numberProblem(t, { integer, min })}
      onCommit={(t) => onCommit(t.trim() === "" ? undefined : (parseDecimal(t) ?? undefined))}
    />
  );
}

/** A year: four digits, never grouped (`2019`, not `2 019`); empty means absent. */
export function YearField(props: {
  id: string;
  label: string;
  value: number | undefined;
  onCommit: (v: number | undefined) => void;
  required?: boolean;
  hint?: string;
}) {
  const { id, label, value, onCommit, required, hint } = props;
  return (
    <TextField
      id={id}
      label={label}
      hint={hint}
      value={value === undefined ? "" : year(value)}
      required={required}
      inputMode="numeric"
      maxLength={4}
      check={(t) => yearProblem(t)}
      onCommit={(t) => onCommit(t.trim() === "" ? undefined : (parseYear(t) ?? undefined))}
    />
  );
}

/** The id of a button of ItemControls: `${item}-up`, `-down`, `-delete`. */
export const controlId = (item: string, which: "up" | "down" | "delete") => `${item}-${which}`;

/**
 * Move up, move down and delete buttons of one list item. `itemId(j)` is
 * the element id of the item at position j: after a move, focus goes to the
 * same button of the moved item (or the other one at an end of the list),
 * brought into view.
 */
export function ItemControls(props: {
  name: string;
  index: number;
  count: number;
  itemId: (j: number) => string;
  onMove?: (to: number) => Promise<ApiError | null>;
  /** Said after a move to `to`: « Objectif O2 : priorité 1 ». */
  moved?: (to: number) => string;
  onDelete: () => Promise<ApiError | null>;
  onForceDelete?: () => Promise<ApiError | null>;
}) {
  const { name, index, count, itemId, onMove, moved, onDelete, onForceDelete } = props;
  const { focus } = useEditor();
  const [refused, setRefused] = useState<string | null>(null);
  const here = itemId(index);

  const move = async (to: number, which: "up" | "down") => {
    if (!onMove) return;
    if ((await onMove(to)) !== null) return;
    announce(moved ? moved(to) : `${name} déplacé en position ${to + 1} sur ${count}.`);
    const other = which === "up" ? "down" : "up";
    focus(() => {
      const same = document.getElementById(controlId(itemId(to), which)) as HTMLButtonElement | null;
      if (same && !same.disabled) return same;
      return document.getElementById(controlId(itemId(to), other));
    });
  };

  return (
    <div>
      <div className="fdr-row-actions">
        {onMove && (
          <>
            <Button
              size="small"
              priority="tertiary"
              iconId="fr-icon-arrow-up-line"
              id={controlId(here, "up")}
              disabled={index === 0}
              onClick={() => void move(index - 1, "up")}
              title={`Monter ${name}`}
              aria-label={`Monter ${name}`}
            >
              Monter
            </Button>
            <Button
              size="small"
              priority="tertiary"
              iconId="fr-icon-arrow-down-line"
              id={controlId(here, "down")}
              disabled={index >= count - 1}
              onClick={() => void move(index + 1, "down")}
              title={`Descendre ${name}`}
              aria-label={`Descendre ${name}`}
            >
              Descendre
            </Button>
          </>
        )}
        <Button
          size="small"
          priority="tertiary"
          iconId="fr-icon-delete-line"
          id={controlId(here, "delete")}
          title={`Supprimer ${name}`}
          aria-label={`Supprimer ${name}`}
          onClick={async () => {
            const e = await onDelete();
            if (e && e.code === "referenced") {
              setRefused(e.message);
              announce(e.message);
              focus(`${here}-refused-first`);
            }
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
                    id={`${here}-refused-first`}
                    onClick={() => {
                      setRefused(null);
                      void onForceDelete();
                    }}
                  >
                    Retirer ces liens et supprimer
                  </Button>
                )}
                <Button
                  size="small"
                  priority="secondary"
                  id={onForceDelete ? undefined : `${here}-refused-first`}
                  onClick={() => {
                    setRefused(null);
                    focus(controlId(here, "delete"));
                  }}
                >
                  Ne pas supprimer
                </Button>
              </span>
            </>
          }
        />
      )}
    </div>
  );
}

/** A group of DSFR checkboxes; the box of option i has the id `${id}-${i}` (DSFR's own). */
export function CheckboxGroup(props: {
  id: string;
  legend: string;
  options: { label: string; checked: boolean; onChange: (checked: boolean) => void }[];
}) {
  const { id, legend, options } = props;
  // 400 actions to link: rendered in steps, as the long lists are.
  const shown = useIncremental(options.length);
  return (
    <Checkbox
      id={id}
      legend={legend}
      classes={{ legend: "fr-text--regular" }}
      options={options.slice(0, shown).map((o) => ({
        label: o.label,
        nativeInputProps: { checked: o.checked, onChange: (e) => o.onChange(e.target.checked) },
      }))}
    />
  );
}

/** Where focus goes after deleting item `index` of `count`: the next one, else the one before, else `empty`. */
export function afterDeletion(index: number, count: number, fieldAt: (j: number) => string, empty: string): string {
  if (count <= 1) return empty;
  // The item that takes the deleted one's place, or the new last one.
  return fieldAt(index < count - 1 ? index : index - 1);
}
