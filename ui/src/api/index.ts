// The only place the UI reaches Tauri: one typed function per command of
// `src-tauri/src/lib.rs`. Errors arrive as `{code, message}` (AppError).
import { Channel, invoke } from "@tauri-apps/api/core";
import type {
  AnswerState,
  AppError,
  AvisEdit,
  AvisScreen,
  BackupEntry,
  Block,
  Change,
  ConsolidationKind,
  ConsolidationOptions,
  ConsolidationPlan,
  Edit,
  EditReply,
  ExportKind,
  FileImport,
  Overview,
  RevisionEntry,
  Reviewer,
  Role,
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
  /** The answers file written beside a JSON export, if any. */
  companion: string | null;
  /** What the author should know before sending (blocking remarks unanswered). */
  warning: string | null;
}

/** What a consolidation wrote. */
export interface ConsolidationSaved {
  /** Files written; empty when the dialog was cancelled. */
  paths: string[];
  included: number;
  /** What was left out (or taken at an older revision) and why. */
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
  /** One edit, built on the view at `version` (refused with `stale` if the roadmap changed since). */
  applyEdit: (id: string, version: number, edit: Edit) => call<EditReply>("apply_edit", { id, version, edit }),
  undo: (id: string, version: number) => call<EditReply>("undo", { id, version }),
  redo: (id: string, version: number) => call<EditReply>("redo", { id, version }),
  adoptRoadmap: (id: string) => call<RoadmapView>("adopt_roadmap", { id }),
  /** Answers a remark (`state` null withdraws the answer). */
  answerRemark: (id: string, version: number, avis: string, remark: string, state: AnswerState | null, text: string) =>
    call<EditReply>("answer_remark", { id, version, avis, remark, state, text }),
  avisScreen: (roadmap: string) => call<AvisScreen>("avis_screen", { roadmap }),
  createAvis: (roadmap: string) => call<AvisScreen>("create_avis", { roadmap }),
  editAvis: (avis: string, edit: AvisEdit) => call<AvisScreen>("edit_avis", { avis, edit }),
  issueAvis: (avis: string) => call<AvisScreen>("issue_avis", { avis }),
  deleteAvis: (avis: string) => call<AvisScreen>("delete_avis", { avis }),
  /** « Émettre un avis : validée » on a received roadmap. */
  validateRoadmap: (roadmap: string) => call<AvisScreen>("validate_roadmap", { roadmap }),
  setReviewer: (reviewer: Reviewer) => call<null>("set_reviewer", { reviewer }),
  /** What this copy is for: one theme's animator, or the secretariat. */
  setRole: (role: Role) => call<null>("set_role", { role }),
  exportAvis: (avis: string, kind: ExportKind) => call<Saved>("export_avis", { avis, kind }),
  markdownPreview: (text: string) => call<Block[]>("markdown_preview", { text }),
  exportRoadmap: (id: string, kind: ExportKind) => call<Saved>("export_roadmap", { id, kind }),
  storeLocation: () => call<string>("store_location"),
  appInfo: () => call<AppInfo>("app_info"),
  startupNotices: () => call<Notice[]>("startup_notices"),
  /** Tells the shell the start screen's table is shown (its startup trace). */
  startupShown: () => call<null>("startup_shown"),
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
  /** What a consolidation under `options` would include, and why (shown before it is made). */
  consolidationPlan: (options: ConsolidationOptions) => call<ConsolidationPlan>("consolidation_plan", { options }),
  /** Consolidates exactly what `consolidationPlan(options)` shows. */
  consolidate: (kind: ConsolidationKind, options: ConsolidationOptions) =>
    call<ConsolidationSaved>("consolidate", { kind, options }),
  backups: () => call<BackupEntry[]>("backups"),
  restoreBackup: (name: string) => call<null>("restore_backup", { name }),
};
