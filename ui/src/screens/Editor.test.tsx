import { act, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import type { Edit, EditReply, RoadmapView } from "../api";
import { Editor } from "./Editor";

function view(title = "Lever les freins à l’emploi"): RoadmapView {
  return {
    roadmap: {
      id: "5b0c7f1e-2a8d-4c39-9d7e-0f3a6b21c409",
      revision: 3,
      region: { code: "32", name: "Hauts-de-France" },
      period: { start: 2024, end: 2027 },
      theme: { number: 9, title: "Insertion" },
      status: "draft",
      animators: [],
      diagnosis: { text: "", key_figures: [] },
      objectives: [{ id: "O1", priority: 1, title }],
      actions: [],
      indicators: [],
      participation: { text: "", practices: [] },
    },
    warnings: [
      { path: "objectives[0]", code: "objective_without_action", message: "l’objectif O1 n’a aucune action" },
    ],
    version: 7,
    authored: true,
    edited: false,
    updated_at: "2026-11-30T08:00:00Z",
    undo_steps: 0,
    redo_steps: 0,
    review: { avis: [], remarks: [], open_blocking: 0 },
  };
}

/** The store's reply to an edit that renamed O1, leaving version `version`. */
function reply(title: string, version: number): EditReply {
  const v = view(title);
  return {
    version,
    patch: { objectives: { order: ["O1"], items: v.roadmap.objectives } },
    warnings: v.warnings,
    edited: true,
    updated_at: "2026-11-30T08:01:00Z",
    undo_steps: 1,
    redo_steps: 0,
  };
}

afterEach(() => clearMocks());

/** The save indicator. */
const status = () => document.getElementById("save-status")?.textContent ?? "";

describe("the editor", () => {
  it("commits a typed title once, and shows it saved only after the store answered", async () => {
    const edits: Edit[] = [];
    const versions: number[] = [];
    let answer: (v: EditReply) => void = () => {};
    mockIPC((cmd, args) => {
      if (cmd === "apply_edit") {
        edits.push((args as { edit: Edit }).edit);
        versions.push((args as { version: number }).version);
        return new Promise<EditReply>((resolve) => (answer = resolve));
      }
      if (cmd === "markdown_preview") return [];
      return null;
    });
    const user = userEvent.setup();
    render(<Editor initial={view()} onClose={() => {}} />);
    await user.click(screen.getByRole("link", { name: "Objectifs et priorités" }));
    const field = screen.getByLabelText("Intitulé (obligatoire)");
    await user.clear(field);
    await user.type(field, "Nouvel intitulé");
    expect(status(), "typing is pending, not saved").toMatch(/en cours de saisie/);
    await waitFor(() => expect(edits.length, "one edit after the pause").toBe(1), { timeout: 2000 });
    expect(edits[0], "one field named, never the whole item rebuilt from the view").toEqual({
      op: "set_objective_field",
      code: "O1",
      set: { field: "title", value: "Nouvel intitulé" },
    });
    expect(versions, "the edit carries the version its view was built from").toEqual([7]);
    expect(status(), "not saved before the store answers").toMatch(/Enregistrement…/);
    await act(async () => answer(reply("Nouvel intitulé", 8)));
    expect(status(), "saved once committed").toMatch(/^Enregistré à/);
    expect(screen.getByRole("button", { name: /Annuler/ }), "the edit can be undone").toBeEnabled();
  });

  it("reloads and says why when the roadmap changed elsewhere, writing nothing", async () => {
    const calls: string[] = [];
    const message =
      "cette feuille de route a changé depuis son affichage (import, autre fenêtre) : l’affichage a été actualisé, refaites la modification";
    mockIPC((cmd) => {
      calls.push(cmd);
      if (cmd === "apply_edit") return Promise.reject({ code: "stale", message });
      if (cmd === "open_roadmap") return { ...view("Titre importé entre-temps"), version: 9 };
      if (cmd === "markdown_preview") return [];
      return null;
    });
    const user = userEvent.setup();
    render(<Editor initial={view()} onClose={() => {}} />);
    await user.click(screen.getByRole("link", { name: "Export" }));
    await user.click(screen.getByRole("button", { name: "Marquer la feuille de route comme remise" }));
    await waitFor(() => expect(screen.getByText(message)).toBeInTheDocument());
    expect(calls, "the view is read again from the store").toContain("open_roadmap");
    expect(status(), "a refused edit is never shown saved, nor as a failure of the disk").not.toMatch(
      /Enregistré|Échec/,
    );
    await user.click(screen.getByRole("link", { name: "Objectifs et priorités" }));
    expect(
      (screen.getByLabelText("Intitulé (obligatoire)") as HTMLInputElement).value,
      "the content shown is the one now in the store",
    ).toBe("Titre importé entre-temps");
  });

  it("shows a failed save and never says it is saved", async () => {
    mockIPC((cmd) => {
      if (cmd === "apply_edit") return Promise.reject({ code: "disk_full", message: "disque plein" });
      if (cmd === "markdown_preview") return [];
      return null;
    });
    const user = userEvent.setup();
    render(<Editor initial={view()} onClose={() => {}} />);
    await user.click(screen.getByRole("link", { name: "Export" }));
    await user.click(screen.getByRole("button", { name: "Marquer la feuille de route comme remise" }));
    await waitFor(() => expect(screen.getByText("La dernière modification n’a pas été enregistrée")).toBeInTheDocument());
    expect(status()).toMatch(/Échec de l’enregistrement : disque plein/);
  });

  it("undoes with Ctrl+Z through the session", async () => {
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      if (cmd === "undo" || cmd === "redo") return reply("Avant", 8);
      return [];
    });
    const user = userEvent.setup();
    render(<Editor initial={view()} onClose={() => {}} />);
    await user.keyboard("{Control>}z{/Control}");
    await waitFor(() => expect(calls, "Ctrl+Z asks the session to undo").toContain("undo"));
    await user.keyboard("{Control>}{Shift>}z{/Shift}{/Control}");
    await waitFor(() => expect(calls, "Ctrl+Shift+Z redoes").toContain("redo"));
  });

  it("leads a warning to the field concerned", async () => {
    mockIPC(() => []);
    const user = userEvent.setup();
    render(<Editor initial={view()} onClose={() => {}} />);
    await user.click(screen.getByRole("link", { name: "Vérifications (1)" }));
    await user.click(screen.getByRole("link", { name: "L’objectif O1 n’a aucune action" }));
    await waitFor(() => expect(document.activeElement?.id, "focus on the objective's title").toBe("objective-0-title"));
  });
});
