// Feedback on every action: a deletion shows a notice naming the item with
// « Annuler la suppression » (the session's undo) and says it in the live
// region; focus lands on the next sensible control; a moved item keeps focus.
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import { LiveRegion } from "../announce";
import { fakeSession, roadmapView } from "../test-fixtures";
import { Editor } from "./Editor";

afterEach(() => clearMocks());

const live = () => document.getElementById("annonces")?.textContent ?? "";
const focused = () => document.activeElement?.id ?? "";

function open() {
  return render(
    <>
      <Editor initial={roadmapView()} onClose={() => {}} />
      <LiveRegion />
    </>,
  );
}

/** The notice of the last deletion (a DSFR notice). */
const notice = () => document.querySelector(".fr-notice");

describe("deleting, with a notice and undo", () => {
  it("deletes an objective: notice with its name, said aloud, focus on the next objective; Annuler restores it", async () => {
    const session = fakeSession(roadmapView());
    const user = userEvent.setup();
    open();
    await user.click(screen.getByRole("link", { name: "Objectifs et priorités" }));
    await user.click(screen.getByRole("button", { name: "Supprimer l’objectif O2" }));
    await waitFor(() => expect(notice(), "a DSFR notice appears").not.toBeNull());
    expect(notice()?.textContent, "it names the objective").toContain("Objectif O2 « Accompagner les familles » supprimé");
    expect(live(), "the live region says it").toContain("Objectif O2 « Accompagner les familles » supprimé");
    await waitFor(() => expect(focused(), "focus on the objective now second (O3)").toBe("objective-1-title"));
    expect((document.getElementById("objective-1-title") as HTMLInputElement).value).toBe("Prévenir les ruptures");

    await user.click(within(notice() as HTMLElement).getByRole("button", { name: "Annuler la suppression" }));
    await waitFor(() => expect(session.log.map((l) => l.cmd), "the notice's button undoes").toContain("undo"));
    await waitFor(() =>
      expect((document.getElementById("objective-1-title") as HTMLInputElement).value, "O2 is back").toBe(
        "Accompagner les familles",
      ),
    );
    expect(notice(), "the notice is gone once undone").toBeNull();
    expect(live(), "the restoration is said").toContain("Objectif O2 rétabli");
    await waitFor(() => expect(focused(), "focus on the restored objective").toBe("objective-1-title"));
  });

  it("a referenced objective asks first, then removes the links with the same notice", async () => {
    const session = fakeSession(roadmapView(), (e) =>
      e.op === "delete_objective" && e.mode === "refuse"
        ? { code: "referenced", message: "L’objectif O1 est servi par l’action A1." }
        : null,
    );
    const user = userEvent.setup();
    open();
    await user.click(screen.getByRole("link", { name: "Objectifs et priorités" }));
    await user.click(screen.getByRole("button", { name: "Supprimer l’objectif O1" }));
    await waitFor(() =>
      expect(document.querySelector(".fr-alert")?.textContent, "the links are named").toContain(
        "L’objectif O1 est servi par l’action A1.",
      ),
    );
    expect(notice(), "nothing deleted yet, no notice").toBeNull();
    await waitFor(() => expect(document.activeElement?.textContent, "focus on the choice offered").toBe("Retirer ces liens et supprimer"));
    await user.keyboard("{Enter}");
    await waitFor(() => expect(notice()?.textContent).toContain("Objectif O1 « Lever les freins à l’emploi » supprimé, avec ses liens"));
    expect(session.edits().at(-1), "the links are removed with it").toEqual({ op: "delete_objective", code: "O1", mode: "remove_links" });
  });

  it("deletes an action from its editor: the editor closes (no other action shown in its place) and focus goes to the next row", async () => {
    fakeSession(roadmapView());
    const user = userEvent.setup();
    open();
    await user.click(screen.getByRole("link", { name: "Plan d’action" }));
    await user.click(screen.getByRole("button", { name: "Modifier l’action A2" }));
    await user.click(screen.getByRole("button", { name: "Supprimer l’action A2" }));
    await waitFor(() => expect(notice()?.textContent).toContain("Action A2 « Réunions mensuelles des partenaires » supprimée"));
    expect(document.querySelector(".fdr-open-row"), "no action editor stays open").toBeNull();
    await waitFor(() => expect(focused(), "focus on the next row's button (A3, now second)").toBe("action-1-open"));
    expect(screen.getByRole("button", { name: "Modifier l’action A3" })).toHaveFocus();
  });

  it.each([
    ["a funding line", "Plan d’action", "Modifier l’action A1", "Supprimer la ligne État 2024", "Ligne de financement État 2024 (10 000 €) de l’action A1 supprimée", "action-0-funding-0-funder"],
    ["a measurement", "Indicateurs", "Modifier l’indicateur I1", /^Supprimer la mesure du 30\sjuin\s2024$/, "Mesure de l’indicateur I1 (42 personnes au 30 juin 2024) supprimée", "indicator-0-measurement-0-date"],
    ["an indicator", "Indicateurs", "Modifier l’indicateur I1", "Supprimer l’indicateur I1", "Indicateur I1 « Parents accompagnés » supprimé", "new-indicator-name"],
    ["a practice", "Participation", null, "Supprimer la pratique 1", "Pratique 1 « Ateliers avec des parents allocataires » supprimée", "practice-0-stage"],
    ["an animator", "Fiche", null, "Supprimer l’animateur Camille Martin", "« Camille Martin » retiré de la fiche", "animator-0-name"],
  ])("deletes %s with a notice naming it, and focus on the next control", async (_what, section, opener, button, words, next) => {
    fakeSession(roadmapView());
    const user = userEvent.setup();
    open();
    if (section !== "Fiche") await user.click(screen.getByRole("link", { name: section }));
    if (opener) await user.click(screen.getByRole("button", { name: opener }));
    await user.click(screen.getByRole("button", { name: button }));
    const spaced = (t: string | null | undefined) => (t ?? "").replace(/[\u00a0\u202f]/g, " ");
    await waitFor(() => expect(spaced(notice()?.textContent), "the notice names the item").toContain(words));
    expect(spaced(live()), "and the live region says it").toContain(words);
    expect(within(notice() as HTMLElement).getByRole("button", { name: "Annuler la suppression" })).toBeInTheDocument();
    await waitFor(() => expect(focused(), "focus on the next sensible control").toBe(next));
  });

  it("the notice goes away at the next change, so its Annuler never undoes something else", async () => {
    fakeSession(roadmapView());
    const user = userEvent.setup();
    open();
    await user.click(screen.getByRole("link", { name: "Objectifs et priorités" }));
    await user.click(screen.getByRole("button", { name: "Supprimer l’objectif O3" }));
    await waitFor(() => expect(notice()).not.toBeNull());
    await user.click(screen.getByRole("button", { name: "Descendre l’objectif O1" }));
    await waitFor(() => expect(notice(), "another edit clears the notice").toBeNull());
  });
});

describe("moving", () => {
  it("keeps the moved objective focused, on the same button, or the other at the end of the list", async () => {
    fakeSession(roadmapView());
    const user = userEvent.setup();
    open();
    await user.click(screen.getByRole("link", { name: "Objectifs et priorités" }));
    await user.click(screen.getByRole("button", { name: "Descendre l’objectif O1" }));
    await waitFor(() => expect(focused(), "O1 is second, its « Descendre » keeps focus").toBe("objective-1-down"));
    expect(screen.getByRole("button", { name: "Descendre l’objectif O1" })).toHaveFocus();
    expect(live()).toContain("Objectif O1 : priorité 2 sur 3");
    await user.keyboard("{Enter}");
    await waitFor(() =>
      expect(focused(), "at the bottom « Descendre » is disabled: focus on its « Monter »").toBe("objective-2-up"),
    );
    expect(screen.getByRole("button", { name: "Monter l’objectif O1" })).toHaveFocus();
  });

  it("keeps a moved action's editor open on it, focused", async () => {
    fakeSession(roadmapView());
    const user = userEvent.setup();
    open();
    await user.click(screen.getByRole("link", { name: "Plan d’action" }));
    await user.click(screen.getByRole("button", { name: "Modifier l’action A2" }));
    await user.click(screen.getByRole("button", { name: "Monter l’action A2" }));
    await waitFor(() => expect(focused()).toBe("action-0-up") );
    expect(screen.getByRole("heading", { level: 3, name: /^Action A2/ }), "still A2's editor").toBeInTheDocument();
  });
});

describe("adding", () => {
  it("after adding an action, its editor is open under its row and focus is on its first empty field", async () => {
    fakeSession(roadmapView());
    const user = userEvent.setup();
    open();
    await user.click(screen.getByRole("link", { name: "Plan d’action" }));
    await user.type(screen.getByLabelText("Intitulé de la nouvelle action"), "Garde d’enfants{Enter}");
    await waitFor(() => expect(focused(), "the new action's lead").toBe("action-3-lead"));
    const row = document.getElementById("action-3-open")?.closest("tr");
    expect(row?.nextElementSibling?.querySelector("h3")?.textContent, "the editor is the row under it").toBe(
      "Action A4 — Garde d’enfants",
    );
    expect(live()).toContain("Action A4 ajoutée");
  });

  it("after adding a funding line, focus goes back to the form (its button is never left focused and disabled)", async () => {
    const session = fakeSession(roadmapView());
    const user = userEvent.setup();
    open();
    await user.click(screen.getByRole("link", { name: "Plan d’action" }));
    await user.click(screen.getByRole("button", { name: "Modifier l’action A2" }));
    await user.type(screen.getByLabelText(/^Montant en euros/), "1 500,50");
    await user.click(screen.getByRole("button", { name: "Ajouter la ligne" }));
    await waitFor(() => expect(focused()).toBe("action-1-funding-new-funder"));
    expect(session.edits().at(-1)).toEqual({
      op: "add_funding",
      action: "A2",
      line: { funder: "État", year: 2024, amount_cents: 150050 },
    });
  });
});

describe("orientation", () => {
  it("a section change focuses the section's heading", async () => {
    fakeSession(roadmapView());
    const user = userEvent.setup();
    open();
    await user.click(screen.getByRole("link", { name: "Indicateurs" }));
    expect(screen.getByRole("heading", { level: 2, name: "4. Indicateurs" })).toHaveFocus();
  });

  it("opening an item puts its editor under its row, with its heading focused", async () => {
    fakeSession(roadmapView());
    const user = userEvent.setup();
    open();
    await user.click(screen.getByRole("link", { name: "Indicateurs" }));
    const button = screen.getByRole("button", { name: "Modifier l’indicateur I1" });
    await user.click(button);
    const heading = await screen.findByRole("heading", { level: 3, name: "Indicateur I1 — Parents accompagnés" });
    await waitFor(() => expect(heading).toHaveFocus());
    expect(button.closest("tr")?.nextElementSibling?.contains(heading), "inline, under the row").toBe(true);
    expect(button, "the row says it is open").toHaveAttribute("aria-expanded", "true");
  });

  it("a field focused under the sticky bar is scrolled out from under it, but a click on a label (which focuses <main> first) scrolls nothing", async () => {
    fakeSession(roadmapView());
    open();
    // jsdom lays nothing out: every element is at 0, under the bar's bottom (0) + 8.
    const scrolled: unknown[] = [];
    const scrollBy = window.scrollBy;
    window.scrollBy = ((...args: unknown[]) => void scrolled.push(args)) as typeof window.scrollBy;
    try {
      const main = document.createElement("main");
      main.tabIndex = -1;
      main.textContent = "contenu";
      document.body.append(main);
      main.focus();
      await new Promise((r) => setTimeout(r, 60));
      expect(scrolled, "pressing the mouse on a label focuses <main>: scrolling then would move the label from under the pointer").toEqual([]);
      const field = document.querySelector<HTMLInputElement>("input");
      field?.focus();
      await waitFor(() => expect(scrolled.length, "a control reached by Tab under the bar is brought out").toBeGreaterThan(0));
      main.remove();
    } finally {
      window.scrollBy = scrollBy;
    }
  });
});
