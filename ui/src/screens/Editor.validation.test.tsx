// Inline validation: each invalid field says why under it (DSFR error state,
// aria-invalid tied to its message), is not committed, and rules the format
// refuses at export are shown at once. Also: labels, dates, the warnings.
import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import type { RoadmapView } from "../api";
import { fakeSession, nth, roadmapView } from "../test-fixtures";
import { Editor } from "./Editor";

afterEach(() => clearMocks());

const field = (id: string) => document.getElementById(id) as HTMLInputElement;
/** The message a field's aria-describedby points at. */
const message = (id: string) =>
  (field(id).getAttribute("aria-describedby") ?? "")
    .split(" ")
    .map((d) => document.getElementById(d)?.textContent ?? "")
    .join(" ")
    .trim();

async function retype(user: ReturnType<typeof userEvent.setup>, id: string, text: string) {
  await user.clear(field(id));
  if (text) await user.type(field(id), text);
}

/** Waits past the commit delay. */
const pause = () => act(() => new Promise((r) => setTimeout(r, 800)));

describe("the period", () => {
  it("shows years as typed, never digit-grouped", () => {
    fakeSession(roadmapView());
    render(<Editor initial={roadmapView()} onClose={() => {}} />);
    expect(field("period-start").value, "not « 2 024 »").toBe("2024");
    expect(field("period-end").value).toBe("2027");
  });

  it("refuses an end before the start on the field, commits nothing, then commits both years together", async () => {
    const session = fakeSession(roadmapView());
    const user = userEvent.setup();
    render(<Editor initial={roadmapView()} onClose={() => {}} />);
    await retype(user, "period-end", "2020");
    await pause();
    expect(field("period-end"), "the end is marked invalid").toHaveAttribute("aria-invalid", "true");
    expect(message("period-end"), "and says why, under it").toMatch(/La dernière année \(2020\) précède la première \(2024\)/);
    expect(session.edits(), "an invalid period is never committed").toEqual([]);
    await retype(user, "period-start", "2019");
    await pause();
    expect(field("period-end")).not.toHaveAttribute("aria-invalid");
    expect(session.edits(), "one edit with both years").toEqual([
      {
        op: "update_header",
        header: { theme_title: "Insertion", status: "draft", period: { start: 2019, end: 2020 } },
      },
    ]);
  });

  it("wants four-digit years in 2000–2100", async () => {
    const session = fakeSession(roadmapView());
    const user = userEvent.setup();
    render(<Editor initial={roadmapView()} onClose={() => {}} />);
    await retype(user, "period-start", "20a4");
    expect(message("period-start")).toContain("Année sur quatre chiffres attendue");
    await retype(user, "period-start", "1999");
    expect(message("period-start")).toContain("Année entre 2000 et 2100 attendue");
    await pause();
    expect(session.edits()).toEqual([]);
  });

  it("the funding years follow the period, and say so when the stored period is invalid", async () => {
    const invalid: RoadmapView = roadmapView({ period: { start: 2024, end: 2020 } });
    fakeSession(invalid);
    const user = userEvent.setup();
    render(<Editor initial={invalid} onClose={() => {}} />);
    expect(message("period-end"), "the card shows the stored problem at once").toMatch(/précède la première/);
    await user.click(screen.getByRole("link", { name: "Plan d’action" }));
    await user.click(screen.getByRole("button", { name: "Modifier l’action A2" }));
    const years = field("action-1-funding-new-year") as unknown as HTMLSelectElement;
    expect(years.options.length, "no year to offer").toBe(0);
    expect(message("action-1-funding-new-year")).toContain("La période de la fiche (2024–2020) n’est pas valide");
  });

  it("offers each year of a valid period", async () => {
    fakeSession(roadmapView());
    const user = userEvent.setup();
    render(<Editor initial={roadmapView()} onClose={() => {}} />);
    await user.click(screen.getByRole("link", { name: "Plan d’action" }));
    await user.click(screen.getByRole("button", { name: "Modifier l’action A2" }));
    const years = field("action-1-funding-new-year") as unknown as HTMLSelectElement;
    expect([...years.options].map((o) => o.textContent)).toEqual(["2024", "2025", "2026", "2027"]);
  });
});

describe("an action's dates, amounts and numbers", () => {
  it("an end before the start is shown on the end, in words, and not committed", async () => {
    const session = fakeSession(roadmapView());
    const user = userEvent.setup();
    render(<Editor initial={roadmapView()} onClose={() => {}} />);
    await user.click(screen.getByRole("link", { name: "Plan d’action" }));
    await user.click(screen.getByRole("button", { name: "Modifier l’action A1" }));
    await retype(user, "action-0-end", "2023-01-15");
    await pause();
    expect(field("action-0-end")).toHaveAttribute("aria-invalid", "true");
    expect(message("action-0-end").replace(/\s/g, " ")).toContain("La fin (15 janvier 2023) précède le début (1er mars 2024)");
    expect(session.edits().filter((e) => e?.op === "update_action"), "nothing committed").toEqual([]);
  });

  it("an amount that is not one says how to write it, under the field, and is not committed", async () => {
    const session = fakeSession(roadmapView());
    const user = userEvent.setup();
    render(<Editor initial={roadmapView()} onClose={() => {}} />);
    await user.click(screen.getByRole("link", { name: "Plan d’action" }));
    await user.click(screen.getByRole("button", { name: "Modifier l’action A1" }));
    await retype(user, "action-0-funding-1-amount", "5 000,505");
    expect(field("action-0-funding-1-amount"), "aria-invalid comes with its text").toHaveAttribute("aria-invalid", "true");
    expect(message("action-0-funding-1-amount")).toBe("Montant en euros attendu, par exemple 1 500,50.");
    await user.tab();
    expect(session.edits(), "not committed").toEqual([]);
    // The add form says it too, and keeps its button usable.
    await user.type(field("action-0-funding-new-amount"), "douze");
    expect(message("action-0-funding-new-amount")).toContain("Montant en euros attendu, par exemple 1 500,50.");
    await user.click(screen.getByRole("button", { name: "Ajouter la ligne" }));
    expect(session.edits()).toEqual([]);
  });

  it("a year of a key figure is four digits, with that message", async () => {
    fakeSession(roadmapView());
    const user = userEvent.setup();
    render(<Editor initial={roadmapView()} onClose={() => {}} />);
    await user.click(screen.getByRole("link", { name: "Diagnostic" }));
    expect(field("key-figure-0-year").value, "not grouped").toBe("2019");
    await retype(user, "key-figure-0-year", "deux mille");
    expect(message("key-figure-0-year")).toBe("Année sur quatre chiffres attendue, par exemple 2025.");
  });
});

describe("e-mails", () => {
  it("an odd address is a warning, not a refusal: it is committed", async () => {
    const session = fakeSession(roadmapView());
    const user = userEvent.setup();
    render(<Editor initial={roadmapView()} onClose={() => {}} />);
    await user.type(field("animator-1-email"), "karim.benali");
    expect(message("animator-1-email")).toContain("ne ressemble pas à un courriel");
    expect(field("animator-1-email"), "not marked invalid").not.toHaveAttribute("aria-invalid");
    await pause();
    expect(session.edits()).toEqual([
      { op: "update_animator", index: 1, animator: { name: "Karim Benali", email: "karim.benali" } },
    ]);
  });
});

describe("words", () => {
  it("names objectives by code and rank together, wherever they appear", async () => {
    const r = roadmapView();
    // Ranks follow priority, not list order.
    r.roadmap.objectives = [
      { id: "O3", priority: 1, title: "Prévenir les ruptures" },
      { id: "O1", priority: 2, title: "Lever les freins à l’emploi" },
    ];
    nth(r.roadmap.actions, 0).objectives = ["O1"];
    fakeSession(r);
    const user = userEvent.setup();
    render(<Editor initial={r} onClose={() => {}} />);
    await user.click(screen.getByRole("link", { name: "Objectifs et priorités" }));
    expect(screen.getByRole("heading", { level: 3, name: "O3 · priorité 1 — Prévenir les ruptures" })).toBeInTheDocument();
    await user.click(screen.getByRole("link", { name: "Plan d’action" }));
    await user.click(screen.getByRole("button", { name: "Modifier l’action A1" }));
    expect(screen.getByLabelText("O1 · priorité 2 — Lever les freins à l’emploi")).toBeChecked();
  });

  it("shows short dates in tables and signed progressions with a true minus", async () => {
    const r = roadmapView();
    nth(r.roadmap.indicators, 0).measurements = [{ value: 30, date: "2025-06-30" }];
    fakeSession(r);
    const user = userEvent.setup();
    render(<Editor initial={r} onClose={() => {}} />);
    await user.click(screen.getByRole("link", { name: "Plan d’action" }));
    expect(screen.getByRole("cell", { name: "01/03/2024 – 31/12/2025" }), "short dates in the table").toBeInTheDocument();
    await user.click(screen.getByRole("link", { name: "Indicateurs" }));
    // From 40 to 60, measured 30: −50 %.
    expect(screen.getByRole("cell", { name: "\u221250\u202f%" }), "U+2212 and U+202F").toBeInTheDocument();
  });

  it("lists the warnings' messages by kind, each leading to its field, never their paths", async () => {
    const r = roadmapView();
    r.warnings = [
      { path: "actions[1].lead", code: "action_without_lead", message: "Action A2 — Réunions mensuelles des partenaires : aucun pilote" },
      { path: "actions[2].lead", code: "action_without_lead", message: "Action A3 — Action numéro 3 : aucun pilote" },
    ];
    fakeSession(r);
    const user = userEvent.setup();
    render(<Editor initial={r} onClose={() => {}} />);
    await user.click(screen.getByRole("link", { name: "Vérifications (2)" }));
    const section = document.getElementById("section") as HTMLElement;
    expect(section.textContent, "no technical path").not.toMatch(/actions\[/);
    expect(within(section).getByRole("heading", { name: "Action sans pilote (2)" })).toBeInTheDocument();
    await user.click(screen.getByRole("link", { name: "Action A3 — Action numéro 3 : aucun pilote" }));
    await waitFor(() => expect(document.activeElement?.id, "the lead of A3, in its open editor").toBe("action-2-lead"));
    expect(screen.getByRole("heading", { level: 3, name: "Action A3 — Action numéro 3" })).toBeInTheDocument();
  });
});
