import { act, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import type { Edit, RoadmapView } from "../api";
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
    edited: false,
    updated_at: "2026-11-30T08:00:00Z",
    undo_steps: 0,
    redo_steps: 0,
  };
}

afterEach(() => clearMocks());

/** The save indicator. */
const status = () => document.getElementById("save-status")?.textContent ?? "";

describe("the editor", () => {
  it("commits a typed title once, and shows it saved only after the store answered", async () => {
    const edits: Edit[] = [];
    let answer: (v: RoadmapView) => void = () => {};
    mockIPC((cmd, args) => {
      if (cmd === "apply_edit") {
        edits.push((args as { edit: Edit }).edit);
        return new Promise<RoadmapView>((resolve) => (answer = resolve));
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
    expect(edits[0]).toEqual({
      op: "update_objective",
      code: "O1",
      objective: { id: "O1", priority: 1, title: "Nouvel intitulé" },
    });
    expect(status(), "not saved before the store answers").toMatch(/Enregistrement…/);
    await act(async () => answer({ ...view("Nouvel intitulé"), undo_steps: 1 }));
    expect(status(), "saved once committed").toMatch(/^Enregistré à/);
    expect(screen.getByRole("button", { name: /Annuler/ }), "the edit can be undone").toBeEnabled();
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
      if (cmd === "undo" || cmd === "redo") return view("Avant");
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
