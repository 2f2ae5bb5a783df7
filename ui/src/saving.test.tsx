import { act, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import type { Edit, RoadmapView } from "./api";
import { Editor } from "./screens/Editor";
import { applyReply, share } from "./saving";
import { action, nth, roadmapView } from "./test-fixtures";

afterEach(() => clearMocks());

describe("replies keep what did not change", () => {
  it("shares every unchanged part, and matches list items by id so that a move keeps them", () => {
    const before = roadmapView();
    const reply: RoadmapView = structuredClone(before);
    nth(reply.roadmap.actions, 1).lead = "Mission locale";
    reply.roadmap.objectives.reverse();
    reply.undo_steps = 1;
    const after = applyReply(before, reply);
    expect(after.roadmap.actions[0], "an untouched action keeps its identity").toBe(before.roadmap.actions[0]);
    expect(after.roadmap.actions[1], "the edited one is new").not.toBe(before.roadmap.actions[1]);
    expect(nth(after.roadmap.actions, 1).funding, "…but its unchanged parts are kept").toBe(nth(before.roadmap.actions, 1).funding);
    expect(after.roadmap.objectives[0], "a moved objective is the same object").toBe(before.roadmap.objectives[2]);
    expect(after.roadmap.indicators, "an untouched list is kept whole").toBe(before.roadmap.indicators);
    expect(after, "the values are the reply's").toEqual(reply);
    expect(share(before, structuredClone(before)), "an equal reply is the same view").toBe(before);
  });
});

describe("the session's replies", () => {
  it("a stale refusal reloads the roadmap and shows the store's message; nothing is shown saved", async () => {
    const fresh = roadmapView();
    nth(fresh.roadmap.objectives, 0).title = "Titre importé entre-temps";
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      if (cmd === "apply_edit")
        return Promise.reject({
          code: "stale",
          message:
            "cette feuille de route a changé depuis son affichage (import, autre fenêtre) : l’affichage a été actualisé, refaites la modification",
        });
      if (cmd === "open_roadmap") return fresh;
      return [];
    });
    const user = userEvent.setup();
    render(<Editor initial={roadmapView()} onClose={() => {}} />);
    await user.click(screen.getByRole("link", { name: "Objectifs et priorités" }));
    await user.click(screen.getByRole("button", { name: "Descendre l’objectif O1" }));
    await waitFor(() => expect(calls, "the roadmap is read again").toContain("open_roadmap"));
    await waitFor(() =>
      expect((document.getElementById("objective-0-title") as HTMLInputElement).value, "the fresh content is shown").toBe(
        "Titre importé entre-temps",
      ),
    );
    expect(
      document.getElementById("save-status")?.textContent,
      "a refused edit is never shown saved, nor as a failing disk",
    ).not.toMatch(/Enregistré|Échec/);
    expect(screen.getByText(/^cette feuille de route a changé depuis son affichage/), "the store's message is shown").toBeInTheDocument();
  });

  it("typing never waits for the store: keystrokes show while an edit is still being committed", async () => {
    const edits: Edit[] = [];
    let answer: (v: RoadmapView) => void = () => {};
    mockIPC((cmd, args) => {
      if (cmd === "apply_edit") {
        edits.push((args as { edit: Edit }).edit);
        return new Promise<RoadmapView>((resolve) => (answer = resolve));
      }
      return [];
    });
    const user = userEvent.setup();
    render(<Editor initial={roadmapView()} onClose={() => {}} />);
    const title = document.getElementById("theme-title") as HTMLInputElement;
    await user.type(title, " A");
    await waitFor(() => expect(edits.length).toBe(1), { timeout: 2000 });
    // The store has not answered; typing goes on and shows at once.
    await user.type(title, "B");
    expect(title.value, "the field never waits").toBe("Insertion AB");
    expect(document.getElementById("save-status")?.textContent).toMatch(/en cours de saisie/);
    await act(async () => answer(roadmapView({ theme: { number: 9, title: "Insertion A" } })));
    expect(title.value, "the reply does not overwrite what is being typed").toBe("Insertion AB");
  });
});

describe("long lists", () => {
  const big = () => {
    const v = roadmapView();
    v.roadmap.actions = Array.from({ length: 400 }, (_, i) => action(i + 1, { lead: `Pilote ${i + 1}` }));
    return v;
  };

  it("shows the first rows of 400 actions at once and the rest in steps, without blocking", async () => {
    mockIPC(() => []);
    const user = userEvent.setup();
    render(<Editor initial={big()} onClose={() => {}} />);
    await user.click(screen.getByRole("link", { name: "Plan d’action" }));
    const rows = () => document.querySelectorAll("#section tbody tr").length;
    expect(rows(), "a first screenful, not 400 rows in one render").toBeLessThan(400);
    expect(rows()).toBeGreaterThan(0);
    await waitFor(() => expect(rows(), "then every row").toBe(400), { timeout: 15000 });
  }, 30000);
});
