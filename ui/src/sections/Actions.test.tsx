// Rows are memoised on their action: after an edit, only the rows whose
// action changed render again (counted through the budget cell's formatter).
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Edit, RoadmapView } from "../api";
import * as french from "../french";
import { Editor } from "../screens/Editor";
import { action, applyEdit, roadmapView } from "../test-fixtures";

vi.mock("../french", async (original) => {
  const real = await original<typeof import("../french")>();
  return { ...real, euros: vi.fn(real.euros) };
});

afterEach(() => clearMocks());

describe("the actions table of a 400-action roadmap", () => {
  it("an edit renders only the rows it changed", async () => {
    const start = roadmapView();
    start.roadmap.actions = Array.from({ length: 400 }, (_, i) => action(i + 1));
    let current = start.roadmap;
    mockIPC((cmd, args) => {
      if (cmd === "apply_edit") {
        // A fresh copy of everything, as the IPC delivers it.
        current = applyEdit(current, (args as { edit: Edit }).edit);
        return structuredClone({ ...start, roadmap: current } satisfies RoadmapView);
      }
      return [];
    });
    const user = userEvent.setup();
    render(<Editor initial={start} onClose={() => {}} />);
    await user.click(screen.getByRole("link", { name: "Plan d’action" }));
    await waitFor(() => expect(document.querySelectorAll("#section tbody tr").length).toBe(400), { timeout: 15000 });
    const euros = vi.mocked(french.euros);
    euros.mockClear();
    // fireEvent: user-event's per-key work over 400 rows is slow in jsdom, and not what is measured here.
    fireEvent.change(screen.getByLabelText("Intitulé de la nouvelle action"), { target: { value: "Une de plus" } });
    fireEvent.submit(screen.getByRole("button", { name: "Ajouter l’action" }));
    await waitFor(() => expect(document.querySelector(".fdr-open-row"), "the new action is open").not.toBeNull());
    const rowRenders = euros.mock.calls.length;
    expect(rowRenders, "the new row (and the new action's editor), not 401 rows").toBeLessThan(5);
    expect(rowRenders).toBeGreaterThan(0);
  }, 30000);
});
