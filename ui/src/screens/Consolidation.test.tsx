// The consolidation panel says what the document will include before it is
// made, follows the start screen's département filter, and consolidates with
// exactly the options whose plan it shows.
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import type { ConsolidationOptions, ConsolidationPlan, Departement, PlanEntry } from "../api";
import { Consolidation } from "./Consolidation";

afterEach(() => clearMocks());

const departements: Departement[] = [
  { code: "59", name: "Nord" },
  { code: "60", name: "Oise" },
];

function entry(theme: number, over: Partial<PlanEntry>): PlanEntry {
  return {
    theme_number: theme,
    theme_title: `Thème d’essai ${theme}`,
    roadmap: `id-${theme}`,
    status: "submitted",
    revision: 3,
    period: { start: 2019, end: 2022 },
    edited: false,
    included: true,
    reason: "incluse : révision 3, remise",
    period_differs: false,
    ...over,
  };
}

/** A core that plans like the real one on three roadmaps: 3 (Nord, 2024–2027), 5 (draft), 9. */
function planFor(o: ConsolidationOptions): ConsolidationPlan {
  const drafts = o.statuses.includes("draft");
  const oise = o.departement === "60";
  const entries = [
    oise
      ? entry(3, { included: false, reason: "non incluse : ne concerne pas le département Oise (60)" })
      : entry(3, { status: "validated", period: { start: 2024, end: 2027 }, period_differs: true, reason: "incluse : révision 3, validée" }),
    drafts
      ? entry(5, { status: "draft", reason: "incluse : révision 3, brouillon" })
      : entry(5, { status: "draft", included: false, reason: "non incluse : statut « brouillon » non retenu (révision 3)" }),
    o.excluded_themes.includes(9)
      ? entry(9, { included: false, reason: "non incluse : thème exclu à votre demande" })
      : entry(9, { period_differs: !oise }),
    entry(12, { roadmap: null, status: null, revision: 0, period: null, included: false, reason: "aucune feuille de route" }),
  ];
  const included = entries.filter((e) => e.included);
  return {
    title: oise ? "Document du département Oise (60)" : "Document régional",
    options: o,
    entries,
    included: included.length,
    period: oise ? { start: 2019, end: 2022 } : { start: 2019, end: 2027 },
  };
}

function fakeCore() {
  const calls: { cmd: string; options?: ConsolidationOptions; kind?: string }[] = [];
  mockIPC((cmd, args) => {
    const a = args as { options?: ConsolidationOptions; kind?: string };
    calls.push({ cmd, options: a?.options, kind: a?.kind });
    if (cmd === "consolidation_plan" && a.options) return planFor(a.options);
    if (cmd === "consolidate" && a.options) return { paths: ["/tmp/c.pdf"], included: planFor(a.options).included, notes: [] };
    return null;
  });
  return calls;
}

const lastPlan = (calls: ReturnType<typeof fakeCore>) => calls.filter((c) => c.cmd === "consolidation_plan").at(-1)?.options;
const list = (id: string) => document.getElementById(id)?.textContent ?? "";

describe("the consolidation panel", () => {
  it("lists, before consolidating, the roadmaps included and left out with the reason (drafts out by default)", async () => {
    const calls = fakeCore();
    render(<Consolidation departement="" departements={departements} />);
    await waitFor(() => expect(document.getElementById("consolidation-plan"), "the plan is shown").not.toBeNull());
    expect(lastPlan(calls), "the region, remise and validée, edited ones at their last export").toEqual({
      departement: null,
      statuses: ["submitted", "validated"],
      without_edited: false,
      excluded_themes: [],
    });
    expect(list("consolidation-included")).toContain("Thème 9 — Thème d’essai 9 : incluse : révision 3, remise");
    expect(list("consolidation-included"), "a differing period is named").toContain("période 2024–2027, différente");
    expect(list("consolidation-left-out"), "the draft is left out, with why").toContain(
      "Thème 5 — Thème d’essai 5 : non incluse : statut « brouillon » non retenu",
    );
    expect(screen.getByText(/Sans feuille de route dans cette copie/).textContent).toContain("thème 12");
    expect(document.getElementById("consolidation-plan")?.textContent).toContain("2 feuilles de route, période 2019–2027");
    const departemental = screen.getByLabelText(/Document du département \(filtre\)/) as HTMLInputElement;
    expect(departemental.disabled, "no filter, no départemental document").toBe(true);
    expect(screen.getByRole("button", { name: "Document régional (PDF)" })).toBeTruthy();
  });

  it("follows the filter: the Oise's document, its plan, and its button", async () => {
    const calls = fakeCore();
    const user = userEvent.setup();
    render(<Consolidation departement="60" departements={departements} />);
    await waitFor(() => expect(lastPlan(calls)?.departement, "the plan asked for the Oise").toBe("60"));
    const oise = screen.getByLabelText("Document du département Oise (60)") as HTMLInputElement;
    expect(oise.checked, "the filter's département is the default").toBe(true);
    await waitFor(() => expect(list("consolidation-left-out")).toContain("ne concerne pas le département Oise (60)"));
    await user.click(screen.getByRole("button", { name: "Document du département Oise (60) (PDF)" }));
    await waitFor(() => expect(calls.some((c) => c.cmd === "consolidate")).toBe(true));
    const made = calls.find((c) => c.cmd === "consolidate");
    expect(made?.kind).toBe("pdf");
    expect(made?.options, "consolidates with the options whose plan is shown").toEqual(lastPlan(calls));
    await waitFor(() => expect(list("consolidation-result")).toContain("1 feuille de route consolidée"));

    await user.click(screen.getByLabelText("Document régional"));
    await waitFor(() => expect(lastPlan(calls)?.departement, "the region can still be chosen").toBeNull());
  });

  it("drafts can be included, edited ones left out, and a theme excluded", async () => {
    const calls = fakeCore();
    const user = userEvent.setup();
    render(<Consolidation departement="" departements={departements} />);
    await waitFor(() => expect(document.getElementById("consolidation-plan")).not.toBeNull());
    await user.click(screen.getByLabelText("Inclure les brouillons"));
    await waitFor(() => expect(lastPlan(calls)?.statuses).toEqual(["draft", "submitted", "validated"]));
    await waitFor(() => expect(list("consolidation-included")).toContain("Thème 5 — Thème d’essai 5 : incluse"));
    await user.click(screen.getByLabelText("Laisser de côté les feuilles modifiées depuis leur dernier export"));
    await waitFor(() => expect(lastPlan(calls)?.without_edited).toBe(true));
    const included = document.getElementById("consolidation-included") as HTMLElement;
    await user.click(within(included).getByRole("button", { name: "Exclure le thème 9" }));
    await waitFor(() => expect(lastPlan(calls)?.excluded_themes).toEqual([9]));
    await waitFor(() => expect(list("consolidation-left-out")).toContain("thème exclu à votre demande"));
    await user.click(screen.getByRole("button", { name: "Réintégrer" }));
    await waitFor(() => expect(lastPlan(calls)?.excluded_themes).toEqual([]));
  });
});
