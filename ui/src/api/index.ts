// The only place the UI reaches Tauri: one typed function per command of
// `src-tauri/src/lib.rs`. Errors arrive as `{code, message}` (AppError).
import { invoke } from "@tauri-apps/api/core";
import type { AppError, Block, Edit, ExportKind, RoadmapView, ThemeRow } from "./bindings";

export type * from "./bindings";

/** An error from the application, with the code the screens switch on. */
export class ApiError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
    this.name = "ApiError";
  }
}

function isAppError(e: unknown): e is AppError {
  return typeof e === "object" && e !== null && "code" in e && "message" in e;
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    if (isAppError(e)) throw new ApiError(e.code, e.message);
    throw new ApiError("internal", typeof e === "string" ? e : "erreur inattendue de l’application");
  }
}

/** What an export did. */
export interface Saved {
  /** Where the file was written; null when the dialog was cancelled. */
  path: string | null;
  revision: number;
  new_revision: boolean;
}

export const api = {
  themes: () => call<ThemeRow[]>("themes"),
  createRoadmap: (theme: number) => call<RoadmapView>("create_roadmap", { theme }),
  openRoadmap: (id: string) => call<RoadmapView>("open_roadmap", { id }),
  applyEdit: (id: string, edit: Edit) => call<RoadmapView>("apply_edit", { id, edit }),
  undo: (id: string) => call<RoadmapView>("undo", { id }),
  redo: (id: string) => call<RoadmapView>("redo", { id }),
  markdownPreview: (text: string) => call<Block[]>("markdown_preview", { text }),
  exportRoadmap: (id: string, kind: ExportKind) => call<Saved>("export_roadmap", { id, kind }),
  storeLocation: () => call<string>("store_location"),
};
