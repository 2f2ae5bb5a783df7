// A roadmap view for the editor's tests, and a stand-in for the session
// behind the IPC that applies the edits the tests make (on a copy of the
// roadmap, with undo), so that the screens see the replies they would get.
import { mockIPC } from "@tauri-apps/api/mocks";
import type { Action, Edit, Roadmap, RoadmapView } from "./api";

export function action(n: number, extra: Partial<Action> = {}): Action {
  return {
    id: `A${n}`,
    objectives: [],
    title: `Action numéro ${n}`,
    status: "planned",
    funding: [],
    ...extra,
  };
}

export function roadmapView(change: Partial<Roadmap> = {}): RoadmapView {
  return {
    roadmap: {
      id: "5b0c7f1e-2a8d-4c39-9d7e-0f3a6b21c409",
      revision: 3,
      region: { code: "32", name: "Hauts-de-France" },
      period: { start: 2024, end: 2027 },
      theme: { number: 9, title: "Insertion" },
      status: "draft",
      animators: [
        { name: "Camille Martin", email: "camille.martin@exemple.fr" },
        { name: "Karim Benali" },
      ],
      diagnosis: { text: "", key_figures: [{ label: "Taux de pauvreté", value: 18.5, unit: "%", year: 2019 }] },
      objectives: [
        { id: "O1", priority: 1, title: "Lever les freins à l’emploi" },
        { id: "O2", priority: 2, title: "Accompagner les familles" },
        { id: "O3", priority: 3, title: "Prévenir les ruptures" },
      ],
      actions: [
        action(1, {
          objectives: ["O1"],
          lead: "CAF du Nord",
          start: "2024-03-01",
          end: "2025-12-31",
          funding: [
            { funder: "État", year: 2024, amount_cents: 1000000 },
            { funder: "Département", year: 2025, amount_cents: 500050 },
          ],
        }),
        action(2, { title: "Réunions mensuelles des partenaires" }),
        action(3),
      ],
      indicators: [
        {
          id: "I1",
          name: "Parents accompagnés",
          unit: "personnes",
          direction: "increase",
          baseline: { value: 40, date: "2023-12-31" },
          target: { value: 60, date: "2027-12-31" },
          measurements: [
            { value: 42, date: "2024-06-30" },
            { value: 64.8, date: "2025-06-30" },
          ],
        },
      ],
      participation: {
        text: "",
        practices: [
          { stage: "diagnosis", method: "consultation", description: "Ateliers avec des parents allocataires" },
          { stage: "design", method: "co_construction", description: "Comité des usagers" },
        ],
      },
      ...change,
    },
    version: 1,
    authored: true,
    warnings: [],
    edited: false,
    updated_at: "2026-11-30T08:00:00Z",
    undo_steps: 0,
    redo_steps: 0,
    review: { avis: [], remarks: [], open_blocking: 0 },
  };
}

const moveIn = <T>(list: T[], from: number, to: number): T[] => {
  const out = [...list];
  const [item] = out.splice(from, 1);
  if (item !== undefined) out.splice(to, 0, item);
  return out;
};

/** What the session does with the edits these tests make (others only count as a step). */
export function applyEdit(r: Roadmap, e: Edit): Roadmap {
  const x: Roadmap = structuredClone(r);
  switch (e.op) {
    case "delete_objective":
      x.objectives = x.objectives.filter((o) => o.id !== e.code);
      if (e.mode === "remove_links") for (const a of x.actions) a.objectives = a.objectives.filter((o) => o !== e.code);
      break;
    case "move_objective": {
      const from = x.objectives.findIndex((o) => o.id === e.code);
      x.objectives = moveIn(x.objectives, from, e.to).map((o, i) => ({ ...o, priority: i + 1 }));
      break;
    }
    case "add_objective":
      x.objectives.push({ id: `O${x.objectives.length + 1}`, priority: x.objectives.length + 1, title: e.title });
      break;
    case "delete_action":
      x.actions = x.actions.filter((a) => a.id !== e.code);
      break;
    case "move_action": {
      const from = x.actions.findIndex((a) => a.id === e.code);
      x.actions = moveIn(x.actions, from, e.to);
      break;
    }
    case "add_action":
      x.actions.push(action(x.actions.length + 1, { title: e.title }));
      break;
    case "delete_funding": {
      const a = x.actions.find((a) => a.id === e.action);
      if (a) a.funding.splice(e.index, 1);
      break;
    }
    case "add_funding":
      x.actions.find((a) => a.id === e.action)?.funding.push(e.line);
      break;
    case "delete_measurement":
      x.indicators.find((i) => i.id === e.indicator)?.measurements?.splice(e.index, 1);
      break;
    case "delete_indicator":
      x.indicators = x.indicators.filter((i) => i.id !== e.code);
      break;
    case "delete_practice":
      x.participation.practices.splice(e.index, 1);
      break;
    case "delete_animator":
      x.animators.splice(e.index, 1);
      break;
    case "update_header":
      x.theme.title = e.header.theme_title;
      x.period = e.header.period;
      break;
    case "update_animator":
      x.animators[e.index] = e.animator;
      break;
    case "set_objective_field": {
      const o = x.objectives.find((o) => o.id === e.code);
      if (o) Object.assign(o, { [e.set.field]: e.set.value ?? undefined });
      break;
    }
    case "set_action_field": {
      const a = x.actions.find((a) => a.id === e.code);
      if (a) Object.assign(a, { [e.set.field]: e.set.value ?? undefined });
      break;
    }
    case "set_indicator_field": {
      const i = x.indicators.find((i) => i.id === e.code);
      if (i) Object.assign(i, { [e.set.field]: e.set.value ?? undefined });
      break;
    }
    default:
      break;
  }
  return x;
}

/**
 * Mocks the IPC with a session over `initial`: edits apply, undo and redo
 * restore. Returns the log of commands and edits.
 */
export function fakeSession(initial: RoadmapView, refuse?: (e: Edit) => { code: string; message: string } | null) {
  const log: { cmd: string; edit?: Edit }[] = [];
  let current = initial.roadmap;
  const done: Roadmap[] = [];
  const undone: Roadmap[] = [];
  let version = initial.version;
  const reply = (): RoadmapView => ({
    ...initial,
    roadmap: current,
    version,
    undo_steps: done.length,
    redo_steps: undone.length,
  });
  mockIPC((cmd, args) => {
    const edit = (args as { edit?: Edit } | undefined)?.edit;
    log.push({ cmd, edit });
    if (cmd === "apply_edit" && edit) {
      const refused = refuse?.(edit);
      if (refused) return Promise.reject(refused);
      done.push(current);
      undone.length = 0;
      current = applyEdit(current, edit);
      version += 1;
      return reply();
    }
    if (cmd === "undo") {
      const back = done.pop();
      if (back) {
        undone.push(current);
        current = back;
      }
      return reply();
    }
    if (cmd === "redo") {
      const again = undone.pop();
      if (again) {
        done.push(current);
        current = again;
      }
      return reply();
    }
    if (cmd === "open_roadmap") return reply();
    if (cmd === "markdown_preview") return [];
    return null;
  });
  return { log, edits: () => log.filter((l) => l.cmd === "apply_edit").map((l) => l.edit) };
}

/** Item `i` of a list, which the test knows is there. */
export function nth<T>(list: T[] | undefined, i: number): T {
  const item = list?.[i];
  if (item === undefined) throw new Error(`no item ${i}`);
  return item;
}
