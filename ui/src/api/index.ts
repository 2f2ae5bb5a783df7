// The only place the UI reaches Tauri: one typed function per command of
// `src-tauri/src/lib.rs`. Errors arrive as `{code, message}` (AppError).
import { Channel, invoke } from "@tauri-apps/api/core";
import type {
  AppError,
  BackupEntry,
  Block,
  Change,
  ConsolidationKind,
  Edit,
  ExportKind,
  FileImport,
  Overview,
  RevisionEntry,
  RoadmapView,
} from "./bindings";

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

async function call<T>(
  command: string,
  args?: Record<string, unknown> | Uint8Array,
  options?: { headers: Record<string, string> },
): Promise<T> {
  try {
    return await invoke<T>(command, args, options);
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

/** What a consolidation wrote. */
export interface ConsolidationSaved {
  /** Files written; empty when the dialog was cancelled. */
  paths: string[];
  included: number;
  notes: string[];
}

/** The version, the build, and where things are (*À propos*). */
export interface AppInfo {
  version: string;
  /** AAAA-MM-JJ, UTC. */
  build_date: string;
  commit: string;
  store_location: string;
  log_folder: string;
}

/** Something the user is told once, at start. */
export interface Notice {
  /** `crash`: a report is in the log folder; `moved`: the store moved. */
  kind: "crash" | "moved";
  message: string;
}

/** A menu item the page carries out. */
export type MenuAction = "undo" | "redo" | "export" | "guide" | "about";

/** What the shell tells the page without being asked. */
export type AppEvent =
  | { kind: "menu"; action: MenuAction }
  /** Files opened from outside (command line, « Ouvrir avec », a second launch, Fichier → Importer). */
  | { kind: "opened"; files: FileImport[] };

export const api = {
  themes: () => call<Overview>("themes"),
  createRoadmap: (theme: number) => call<RoadmapView>("create_roadmap", { theme }),
  openRoadmap: (id: string) => call<RoadmapView>("open_roadmap", { id }),
  applyEdit: (id: string, edit: Edit) => call<RoadmapView>("apply_edit", { id, edit }),
  undo: (id: string) => call<RoadmapView>("undo", { id }),
  redo: (id: string) => call<RoadmapView>("redo", { id }),
  markdownPreview: (text: string) => call<Block[]>("markdown_preview", { text }),
  exportRoadmap: (id: string, kind: ExportKind) => call<Saved>("export_roadmap", { id, kind }),
  storeLocation: () => call<string>("store_location"),
  appInfo: () => call<AppInfo>("app_info"),
  startupNotices: () => call<Notice[]>("startup_notices"),
  /** Subscribes to the shell's events (one subscriber: the last one). */
  appEvents: (onEvent: (e: AppEvent) => void) => {
    const channel = new Channel<AppEvent>();
    channel.onmessage = onEvent;
    return call<null>("app_events", { channel });
  },
  openLogFolder: () => call<null>("open_log_folder"),
  /** One received file, its bytes sent raw (not as JSON). */
  importFile: (name: string, bytes: Uint8Array) =>
    call<FileImport>("import_file", bytes, { headers: { "x-file-name": encodeURIComponent(name) } }),
  importDialog: () => call<FileImport[]>("import_dialog"),
  history: (id: string) => call<RevisionEntry[]>("history", { id }),
  diff: (id: string, from: number, to: number) => call<Change[]>("diff", { id, from, to }),
  consolidate: (kind: ConsolidationKind) => call<ConsolidationSaved>("consolidate", { kind }),
  backups: () => call<BackupEntry[]>("backups"),
  restoreBackup: (name: string) => call<null>("restore_backup", { name }),
};
