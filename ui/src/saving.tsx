// The save indicator: every edit goes through `useEditor().edit`, which
// shows « Enregistrement… » until the store has committed, then
// « Enregistré », or the error; nothing is ever shown saved before COMMIT.
import { createContext, useContext } from "react";
import type { AnswerState, ApiError, Edit, RoadmapView } from "./api";

export type SaveState =
  | { kind: "idle" }
  | { kind: "pending" }
  | { kind: "saving" }
  | { kind: "saved"; at: Date }
  | { kind: "error"; message: string };

export interface EditorApi {
  view: RoadmapView;
  /** Commits one edit; resolves to the error, or null once saved. */
  edit: (edit: Edit, options?: { quiet?: boolean }) => Promise<ApiError | null>;
  /** Answers a remark of the secretariat (`state` null withdraws the answer); like an edit. */
  answer: (avis: string, remark: string, state: AnswerState | null, text: string) => Promise<ApiError | null>;
  /** A field has typing not yet committed (shown as pending). */
  setPending: (pending: boolean) => void;
}

export const EditorContext = createContext<EditorApi | null>(null);

export function useEditor(): EditorApi {
  const ctx = useContext(EditorContext);
  if (!ctx) throw new Error("useEditor outside the editor");
  return ctx;
}

/** The words shown for a save state. */
export function saveLabel(state: SaveState): string {
  switch (state.kind) {
    case "idle":
      return "Aucune modification dans cette session";
    case "pending":
      return "Modification en cours de saisie…";
    case "saving":
      return "Enregistrement…";
    case "saved": {
      const p = (n: number) => String(n).padStart(2, "0");
      const t = state.at;
      return `Enregistré à ${p(t.getHours())}:${p(t.getMinutes())}:${p(t.getSeconds())}`;
    }
    case "error":
      return `Échec de l’enregistrement : ${state.message}`;
  }
}
