// Where a warning's path (`actions[2].lead`) leads in the editor.

export type Section =
  | "fiche"
  | "diagnostic"
  | "objectifs"
  | "actions"
  | "indicateurs"
  | "participation"
  | "verifications"
  | "remarques"
  | "export";

export const sections: { id: Section; label: string }[] = [
  { id: "fiche", label: "Fiche" },
  { id: "diagnostic", label: "Diagnostic" },
  { id: "objectifs", label: "Objectifs et priorités" },
  { id: "actions", label: "Plan d’action" },
  { id: "indicateurs", label: "Indicateurs" },
  { id: "participation", label: "Participation" },
  { id: "verifications", label: "Vérifications" },
  { id: "remarques", label: "Remarques du secrétariat" },
  { id: "export", label: "Export" },
];

/** A place in the editor: a section, the item to open, the field to focus. */
export interface Target {
  section: Section;
  /** Index of the action or indicator to open, if any. */
  item: number | null;
  /** `id` of the element to focus. */
  field: string;
}

/** The editor place of a format path, as the core's warnings give them. */
export function warningTarget(path: string): Target {
  const objective = /^objectives\[(\d+)\]/.exec(path);
  if (objective) {
    return { section: "objectifs", item: null, field: `objective-${objective[1]}-title` };
  }
  const action = /^actions\[(\d+)\](?:\.([a-z_]+))?/.exec(path);
  if (action) {
    const i = Number(action[1]);
    const field = action[2] ?? "title";
    return { section: "actions", item: i, field: `action-${i}-${field}` };
  }
  const indicator = /^indicators\[(\d+)\](?:\.([a-z_]+))?/.exec(path);
  if (indicator) {
    const i = Number(indicator[1]);
    const field = indicator[2] ?? "name";
    return { section: "indicateurs", item: i, field: `indicator-${i}-${field}` };
  }
  if (path === "period.start" || path === "period.end") {
    return { section: "fiche", item: null, field: path.replace(".", "-") };
  }
  if (path.startsWith("diagnosis")) return { section: "diagnostic", item: null, field: "diagnosis-text" };
  if (path.startsWith("participation")) return { section: "participation", item: null, field: "participation-text" };
  return { section: "fiche", item: null, field: "theme-title" };
}
