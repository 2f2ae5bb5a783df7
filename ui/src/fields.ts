// Edits that name one field: a change of an objective, an action or an
// indicator is sent as one `set_*_field` edit per field it touches, never as
// the whole item rebuilt from the view (which could carry an older value of
// another field and overwrite it). A change of id goes last, after the
// edits that still name the item by its old id.
import type { ActionField, Edit, IndicatorField, ObjectiveField } from "./api";

type Value<F> = F extends { value: infer V } ? V : never;

function edits<F extends { field: string }>(
  change: Record<string, unknown>,
  make: (set: F) => Edit,
): Edit[] {
  const keys = Object.keys(change).sort((a, b) => Number(a === "id") - Number(b === "id"));
  return keys.map((field) => make({ field, value: (change[field] ?? null) as Value<F> } as unknown as F));
}

export const objectiveEdits = (code: string, change: Record<string, unknown>) =>
  edits<ObjectiveField>(change, (set) => ({ op: "set_objective_field", code, set }));

export const actionEdits = (code: string, change: Record<string, unknown>) =>
  edits<ActionField>(change, (set) => ({ op: "set_action_field", code, set }));

export const indicatorEdits = (code: string, change: Record<string, unknown>) =>
  edits<IndicatorField>(change, (set) => ({ op: "set_indicator_field", code, set }));

/** Sends edits one after the other; the first failure stops them and is returned. */
export async function each<E>(list: Edit[], send: (e: Edit) => Promise<E | null>): Promise<E | null> {
  for (const e of list) {
    const failed = await send(e);
    if (failed) return failed;
  }
  return null;
}
