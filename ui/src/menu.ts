// The page's side of the native menu (src-tauri/src/menu.rs): Édition →
// Annuler / Rétablir act as Ctrl+Z / Ctrl+Maj+Z do, and the other actions
// are handed to the App. Files the shell opened arrive here too
// (src-tauri/src/events.rs).
import type { MenuAction } from "./api";

/**
 * One key press may reach both the page (its keydown) and the native menu
 * (its accelerator, where the webview forwards the key): a menu undo this
 * soon after the page saw the key is that same press, already done.
 */
export const SAME_PRESS_MS = 400;

let lastUndoKey = -Infinity;

function isUndoKey(e: KeyboardEvent): boolean {
  const key = e.key.toLowerCase();
  return (e.ctrlKey || e.metaKey) && (key === "z" || key === "y");
}

/** Notes the real Ctrl+Z / Ctrl+Y presses the page sees; returns the unsubscribe. */
export function watchUndoKeys(now: () => number = () => performance.now()): () => void {
  const onKey = (e: KeyboardEvent) => {
    if (e.isTrusted && isUndoKey(e)) lastUndoKey = now();
  };
  window.addEventListener("keydown", onKey, true);
  return () => window.removeEventListener("keydown", onKey, true);
}

/**
 * Édition → Annuler / Rétablir: the same as the keyboard shortcut. The
 * editor handles it (and cancels the key) unless a field holds typing not
 * yet saved; then the field's own undo applies, as the key would do.
 * Returns what was done.
 */
export function undoRedo(action: "undo" | "redo", now: number = performance.now()): "key" | "editor" | "field" | "none" {
  if (now - lastUndoKey < SAME_PRESS_MS) return "key";
  const key = new KeyboardEvent("keydown", {
    key: "z",
    ctrlKey: true,
    shiftKey: action === "redo",
    bubbles: true,
    cancelable: true,
  });
  if (!window.dispatchEvent(key)) return "editor";
  const field = document.activeElement;
  if (field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement) {
    // The browser's undo of the field; no other API reaches it.
    document.execCommand(action);
    return "field";
  }
  return "none";
}

/** Fichier → Exporter… in the editor: its *Export* section, through the side menu's own link. */
export function showExportSection(): boolean {
  const link = document.querySelector<HTMLAnchorElement>('a[href="#export"]');
  link?.click();
  return link !== null;
}

/** The menu actions the App itself carries out. */
export type PageAction = Exclude<MenuAction, "undo" | "redo">;
