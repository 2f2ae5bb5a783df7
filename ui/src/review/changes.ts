// A diff line in French, as `fdr diff` writes it.
import type { Change } from "../api";

const quote = (v: string | null | undefined) =>
  v === null || v === undefined ? "(absent)" : v === "" ? "(vide)" : `« ${v} »`;

export function changeLine(c: Change): string {
  switch (c.kind) {
    case "added":
      return `Ajout — ${c.label} : ${c.new ?? ""}`;
    case "removed":
      return `Suppression — ${c.label} : ${c.old ?? ""}`;
    case "changed":
      return `${c.label}, ${c.field ?? ""} : ${quote(c.old)} → ${quote(c.new)}`;
  }
}
