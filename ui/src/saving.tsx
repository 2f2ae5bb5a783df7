// Saving: every change to the open roadmap goes through `useRoadmapSession`
// (the only caller of the store's editing commands, through `api`). The
// indicator shows « Enregistrement… » until the store has committed, then
// « Enregistré », or the error; nothing is ever shown saved before COMMIT.
//
// A reply becomes the view through `applyReply`: what did not change keeps
// its object identity, so rows memoised on their item re-render only when
// that item changed. (When the store's reply carries only what changed,
// `applyReply` is where it is merged.) A `stale` refusal reloads the roadmap
// and shows the store's message. Every change is built on the version the
// view shows (`latest.current.version`), one after the other.
//
// The save state lives outside React's tree (`SaveStore`): typing marks a
// field pending without re-rendering the sections.
import { createContext, useCallback, useContext, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { api, ApiError, type AnswerState, type Edit, type EditReply, type RoadmapView } from "./api";
import { mergeReply } from "./patch";

export type SaveState =
  | { kind: "idle" }
  | { kind: "pending" }
  | { kind: "saving" }
  | { kind: "saved"; at: Date }
  | { kind: "error"; message: string };

/** The save state and the number of commits seen, as one snapshot. */
export interface SaveSnapshot {
  state: SaveState;
  saves: number;
}

/** A small external store for the save state (read with `useSaveState`). */
export class SaveStore {
  private snapshot: SaveSnapshot = { state: { kind: "idle" }, saves: 0 };
  private listeners = new Set<() => void>();
  get = (): SaveSnapshot => this.snapshot;
  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };
  set(state: SaveState, committed = false) {
    this.snapshot = { state, saves: this.snapshot.saves + (committed ? 1 : 0) };
    for (const l of this.listeners) l();
  }
}

export function useSaveState(store: SaveStore): SaveSnapshot {
  return useSyncExternalStore(store.subscribe, store.get);
}

/** Where focus goes after a change: an element id, or a function finding it. */
export type FocusTarget = string | (() => HTMLElement | null);

/** A deletion just made, shown with *Annuler* until the next change. */
export interface DeletionNotice {
  /** « Action A3 — Réunions mensuelles supprimée. » */
  title: string;
  /** What to focus once the deletion is undone (the restored item). */
  restore?: FocusTarget;
  /** Said once undone: « Action A3 rétablie. » */
  restored: string;
}

export interface EditorApi {
  view: RoadmapView;
  /** The view as of the last committed change (even before it is rendered). */
  current: () => RoadmapView;
  /** Commits one edit; resolves to the error, or null once saved. */
  edit: (edit: Edit, options?: { quiet?: boolean }) => Promise<ApiError | null>;
  /**
   * Commits a deletion; once saved, shows the notice naming the item with
   * *Annuler*, says it in the live region and focuses `then`.
   */
  remove: (
    edit: Edit,
    notice: DeletionNotice,
    then: FocusTarget,
    options?: { quiet?: boolean },
  ) => Promise<ApiError | null>;
  /** Answers a remark of the secretariat (`state` null withdraws the answer); like an edit. */
  answer: (avis: string, remark: string, state: AnswerState | null, text: string) => Promise<ApiError | null>;
  /** A field has typing not yet committed (shown as pending). */
  setPending: (pending: boolean) => void;
  /**
   * Focuses (and brings into view) an element once the next render is on
   * screen; with `heading` (an element id), that heading is put at the top first.
   */
  focus: (target: FocusTarget, heading?: string) => void;
}

export const EditorContext = createContext<EditorApi | null>(null);

export function useEditor(): EditorApi {
  const ctx = useContext(EditorContext);
  if (!ctx) throw new Error("useEditor outside the editor");
  return ctx;
}

/**
 * `next` with every part equal to `prev`'s replaced by `prev`'s own object,
 * so that unchanged items keep their identity. Items of a list that carry an
 * `id` are matched by id (a move keeps them), others by position.
 */
export function share<T>(prev: T, next: T): T {
  if (Object.is(prev, next)) return prev;
  if (typeof prev !== "object" || typeof next !== "object" || prev === null || next === null) return next;
  if (Array.isArray(prev) !== Array.isArray(next)) return next;
  if (Array.isArray(prev) && Array.isArray(next)) {
    const byId = new Map<unknown, unknown>();
    for (const p of prev) if (hasId(p)) byId.set(p.id, p);
    let same = prev.length === next.length;
    const out = next.map((n, i) => {
      const p = hasId(n) && byId.has(n.id) ? byId.get(n.id) : prev[i];
      const s = share(p, n);
      if (s !== prev[i]) same = false;
      return s;
    });
    return (same ? prev : out) as T;
  }
  const p = prev as Record<string, unknown>;
  const n = next as Record<string, unknown>;
  const keys = Object.keys(n);
  let same = keys.length === Object.keys(p).length;
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const s = share(p[k], n[k]);
    if (s !== p[k] || !(k in p)) same = false;
    out[k] = s;
  }
  return (same ? prev : out) as T;
}

function hasId(x: unknown): x is { id: unknown } {
  return typeof x === "object" && x !== null && "id" in x;
}

/**
 * The view after the store's reply to a change: an edit's reply carries
 * what changed (merged into the view), a view read again replaces it; in
 * both, unchanged items keep their identity.
 */
export function applyReply(prev: RoadmapView, reply: RoadmapView | EditReply): RoadmapView {
  return share(prev, "patch" in reply ? mergeReply(prev, reply) : reply);
}

/** The open roadmap's view and the calls that change it. */
export function useRoadmapSession(initial: RoadmapView) {
  const [view, setView] = useState(initial);
  // The view as of the last reply, before React has rendered it.
  const latest = useRef(initial);
  const [saveStore] = useState(() => new SaveStore());
  const pending = useRef(0);
  const beforeTyping = useRef<SaveState>({ kind: "idle" });
  const id = initial.roadmap.id;

  // What to tell the user about a change refused because the roadmap
  // changed elsewhere (and, then, that undo is gone).
  const [outside, setOutside] = useState<string | null>(initial.notice ?? null);
  // Changes go one after the other, each built on the version the previous one left.
  const queue = useRef<Promise<unknown>>(Promise.resolve());

  const run = useCallback(
    (
      step: (version: number) => Promise<RoadmapView | EditReply>,
      quietCodes: string[] = [],
      undoing = false,
    ): Promise<ApiError | null> => {
      const go = async (): Promise<ApiError | null> => {
        saveStore.set({ kind: "saving" });
        try {
          const next = await step(latest.current.version);
          latest.current = applyReply(latest.current, next);
          setView(latest.current);
          if (latest.current.notice) setOutside(latest.current.notice);
          saveStore.set({ kind: "saved", at: new Date() }, true);
          return null;
        } catch (e) {
          const err = e instanceof ApiError ? e : new ApiError("internal", String(e));
          if (err.code === "stale" || err.code === "undo_lost") {
            // The roadmap changed elsewhere (import, another window, the
            // command line): nothing was written; show it as it is now, and
            // say why (a refused undo says that undo is gone).
            let dropped: string | null = null;
            try {
              const fresh = await api.openRoadmap(id);
              latest.current = applyReply(latest.current, fresh);
              setView(latest.current);
              dropped = fresh.notice ?? null;
            } catch {
              // The message below still says what happened.
            }
            setOutside(
              undoing && dropped
                ? `Annulation impossible : ${dropped}. L’affichage montre la feuille de route telle qu’elle est maintenant.`
                : dropped
                  ? `${err.message} ; ${dropped}.`
                  : err.message,
            );
            saveStore.set({ kind: "idle" });
            return err;
          }
          saveStore.set(quietCodes.includes(err.code) ? { kind: "idle" } : { kind: "error", message: err.message });
          return err;
        }
      };
      const next = queue.current.then(go, go);
      queue.current = next;
      return next;
    },
    [id, saveStore],
  );

  const edit = useCallback(
    (e: Edit, options?: { quiet?: boolean }) =>
      run((version) => api.applyEdit(id, version, e), options?.quiet ? ["referenced"] : []),
    [id, run],
  );
  const undo = useCallback(() => run((version) => api.undo(id, version), [], true), [id, run]);
  const redo = useCallback(() => run((version) => api.redo(id, version), [], true), [id, run]);
  const answer = useCallback(
    (avis: string, remark: string, state: AnswerState | null, text: string) =>
      run((version) => api.answerRemark(id, version, avis, remark, state, text)),
    [id, run],
  );
  /** Reads the roadmap again (after an export: its revision). */
  const reload = useCallback(() => run(() => api.openRoadmap(id)), [id, run]);
  /** Takes over the authorship of a received roadmap. */
  const adopt = useCallback(() => run(() => api.adoptRoadmap(id)), [id, run]);
  const setPending = useCallback(
    (on: boolean) => {
      pending.current = Math.max(0, pending.current + (on ? 1 : -1));
      const state = saveStore.get().state;
      if (on && state.kind !== "pending") {
        beforeTyping.current = state;
        saveStore.set({ kind: "pending" });
      } else if (!on && pending.current === 0 && state.kind === "pending") {
        // Nothing was committed (the text came back as it was): as before typing.
        saveStore.set(beforeTyping.current);
      }
    },
    [saveStore],
  );
  /** Whether a field holds typing not yet committed. */
  const typing = useCallback(() => pending.current > 0, []);
  const current = useCallback(() => latest.current, []);

  return useMemo(
    () => ({
      view,
      current,
      edit,
      undo,
      redo,
      answer,
      reload,
      adopt,
      setPending,
      typing,
      saveStore,
      outside,
      clearOutside: () => setOutside(null),
    }),
    [view, current, edit, undo, redo, answer, reload, adopt, setPending, typing, saveStore, outside],
  );
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
