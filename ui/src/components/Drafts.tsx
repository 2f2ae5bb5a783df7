// Fields that are committed together (a period's two years, an action's two
// dates, a value and its date): what is typed is kept here, marked pending,
// checked as a whole, and committed in one edit when the user pauses or
// leaves a field, once every part is valid. An invalid group is never
// committed: its messages stay under the fields concerned.
import { Input } from "@codegouvfr/react-dsfr/Input";
import { useEffect, useRef, useState } from "react";
import { useEditor } from "../saving";
import { COMMIT_DELAY_MS } from "./TextField";

export type Problems<K extends string> = Partial<Record<K, string>>;

export function useDrafts<K extends string>(
  stored: Record<K, string>,
  options: {
    /** Messages by field, for the drafts as they are. */
    check: (draft: Record<K, string>) => Problems<K>;
    /** Commits valid drafts that differ from what is stored. */
    commit: (draft: Record<K, string>) => void;
  },
) {
  const { setPending } = useEditor();
  const [draft, setDraft] = useState(stored);
  const [shown, setShown] = useState(stored);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const pending = useRef(false);
  const keys = Object.keys(stored) as K[];
  const same = (a: Record<K, string>, b: Record<K, string>) => keys.every((k) => a[k] === b[k]);

  // What is stored changed (undo, our own commit): show it, unless typing.
  if (!same(stored, shown)) {
    setShown(stored);
    if (!pending.current) setDraft(stored);
  }

  const problems = options.check(draft);
  const mark = (on: boolean) => {
    if (pending.current !== on) {
      pending.current = on;
      setPending(on);
    }
  };
  const flush = (d: Record<K, string>) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    mark(false);
    if (Object.keys(options.check(d)).length === 0 && !same(d, stored)) options.commit(d);
  };
  const latest = useRef({ flush, draft });
  latest.current = { flush, draft };
  useEffect(
    () => () => {
      if (timer.current) latest.current.flush(latest.current.draft);
    },
    [],
  );

  const set = (k: K, v: string) => {
    const d = { ...draft, [k]: v };
    setDraft(d);
    mark(true);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => flush(d), COMMIT_DELAY_MS);
  };
  return { draft, problems, set, flush: () => flush(draft) };
}

/** One field of a group of drafts, with its error or warning under it. */
export function DraftInput(props: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  onBlur: () => void;
  problem?: string;
  hint?: string;
  type?: "text" | "date";
  inputMode?: "decimal" | "numeric";
  maxLength?: number;
  hideLabel?: boolean;
  required?: boolean;
}) {
  const { id, label, value, onChange, onBlur, problem, hint, type, inputMode, maxLength, hideLabel, required } = props;
  return (
    <Input
      label={required ? `${label} (obligatoire)` : label}
      hintText={hint}
      hideLabel={hideLabel}
      state={problem ? "error" : "default"}
      stateRelatedMessage={problem}
      nativeInputProps={{
        id,
        value,
        type: type ?? "text",
        inputMode,
        maxLength,
        required,
        "aria-required": required,
        "aria-invalid": problem ? true : undefined,
        onChange: (e) => onChange(e.target.value),
        onBlur,
      }}
    />
  );
}
