// A text input or text area whose value is committed to the store when the
// user pauses (600 ms) or leaves the field. What is typed and not yet
// committed is marked pending, never saved.
import { Input } from "@codegouvfr/react-dsfr/Input";
import { useEffect, useRef, useState } from "react";
import { useEditor } from "../saving";

export const COMMIT_DELAY_MS = 600;

/** The format's limit on a text field, in characters (Unicode scalar values). */
export const MAX_TEXT_CHARS = 200_000;

/** What the format refuses in any text, whatever the field: said at once. */
export function formatProblem(v: string): string | null {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(v))
    return "Ce texte contient un caractère de contrôle invisible (souvent venu d’un copier-coller) : retirez-le.";
  if (v.length > MAX_TEXT_CHARS) {
    const n = [...v].length;
    if (n > MAX_TEXT_CHARS)
      return `Texte trop long : ${n.toLocaleString("fr-FR")} caractères pour ${MAX_TEXT_CHARS.toLocaleString("fr-FR")} au plus.`;
  }
  return null;
}

export interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  onCommit: (value: string) => void;
  hint?: string;
  textArea?: boolean;
  rows?: number;
  required?: boolean;
  type?: "text" | "date" | "email" | "tel";
  /** Returns an error message for a value that must not be committed. */
  check?: (value: string) => string | null;
  /** Returns a warning for a value that is committed all the same (e.g. an odd e-mail). */
  warn?: (value: string) => string | null;
  /** The label is read by screen readers only (a field in a table cell). */
  hideLabel?: boolean;
  inputMode?: "text" | "decimal" | "numeric" | "email" | "tel";
  maxLength?: number;
  /** Extra ids describing the field. */
  describedBy?: string;
  list?: string;
  className?: string;
  /** Told of every keystroke (e.g. for a live preview). */
  onDraft?: (value: string) => void;
}

export function TextField(props: TextFieldProps) {
  const { id, label, value, onCommit, hint, textArea, rows, required, type, check, warn, className, onDraft } = props;
  const { hideLabel, inputMode, maxLength, describedBy, list } = props;
  const { setPending } = useEditor();
  const [draft, setDraft] = useState(value);
  const [shown, setShown] = useState(value);
  const committed = useRef<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const pending = useRef(false);

  // The stored value changed (undo, another field, our own commit).
  if (value !== shown) {
    setShown(value);
    if (value !== committed.current) setDraft(value);
  }

  const problemOf = (v: string) =>
    required && v.trim() === "" ? "Ce champ est obligatoire." : (formatProblem(v) ?? check?.(v) ?? null);
  const problem = problemOf(draft);
  const warning = problem ? null : (warn?.(draft) ?? null);

  const markPending = (on: boolean) => {
    if (pending.current !== on) {
      pending.current = on;
      setPending(on);
    }
  };

  const commit = (v: string) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    markPending(false);
    const bad = problemOf(v) !== null;
    if (v !== value && !bad) {
      committed.current = v;
      onCommit(v);
    }
  };

  const latest = useRef({ commit, draft });
  latest.current = { commit, draft };
  // Leaving the screen commits what was typed.
  useEffect(
    () => () => {
      if (timer.current) latest.current.commit(latest.current.draft);
    },
    [],
  );

  const change = (v: string) => {
    setDraft(v);
    onDraft?.(v);
    markPending(true);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => commit(v), COMMIT_DELAY_MS);
  };

  const common = {
    id,
    value: draft,
    required,
    "aria-required": required,
    "aria-invalid": problem ? true : undefined,
    "aria-describedby": describedBy,
    onBlur: () => commit(draft),
  };
  const state = problem ? ("error" as const) : warning ? ("info" as const) : ("default" as const);
  const labelText = required ? `${label} (obligatoire)` : label;
  return textArea ? (
    <Input
      className={className}
      label={labelText}
      hintText={hint}
      state={state}
      stateRelatedMessage={problem ?? warning ?? undefined}
      hideLabel={hideLabel}
      textArea
      nativeTextAreaProps={{ ...common, rows: rows ?? 6, onChange: (e) => change(e.target.value) }}
    />
  ) : (
    <Input
      className={className}
      label={labelText}
      hintText={hint}
      state={state}
      stateRelatedMessage={problem ?? warning ?? undefined}
      hideLabel={hideLabel}
      nativeInputProps={{
        ...common,
        type: type ?? "text",
        inputMode,
        maxLength,
        list,
        onChange: (e) => change(e.target.value),
      }}
    />
  );
}
