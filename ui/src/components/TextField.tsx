// A text input or text area whose value is committed to the store when the
// user pauses (600 ms) or leaves the field. What is typed and not yet
// committed is marked pending, never saved.
import { Input } from "@codegouvfr/react-dsfr/Input";
import { useEffect, useRef, useState } from "react";
import { useEditor } from "../saving";

export const COMMIT_DELAY_MS = 600;

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
  className?: string;
  /** Told of every keystroke (e.g. for a live preview). */
  onDraft?: (value: string) => void;
}

export function TextField(props: TextFieldProps) {
  const { id, label, value, onCommit, hint, textArea, rows, required, type, check, className, onDraft } = props;
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

  const problem = required && draft.trim() === "" ? "Ce champ est obligatoire." : (check?.(draft) ?? null);

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
    const bad = required && v.trim() === "" ? true : check?.(v) != null;
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
    onBlur: () => commit(draft),
  };
  const state = problem ? ("error" as const) : ("default" as const);
  const labelText = required ? `${label} (obligatoire)` : label;
  return textArea ? (
    <Input
      className={className}
      label={labelText}
      hintText={hint}
      state={state}
      stateRelatedMessage={problem ?? undefined}
      textArea
      nativeTextAreaProps={{ ...common, rows: rows ?? 6, onChange: (e) => change(e.target.value) }}
    />
  ) : (
    <Input
      className={className}
      label={labelText}
      hintText={hint}
      state={state}
      stateRelatedMessage={problem ?? undefined}
      nativeInputProps={{ ...common, type: type ?? "text", onChange: (e) => change(e.target.value) }}
    />
  );
}
