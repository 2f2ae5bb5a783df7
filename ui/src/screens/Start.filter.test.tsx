// The start screen's département filter: the caption, the summary and the
// counts follow it, and the consolidation panel is told which one is set.
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, expect, it } from "vitest";
import type { ConsolidationOptions, Overview, RoadmapCard } from "../api";
import { Start } from "./Start";

afterEach(() => clearMocks());

function card(theme: number, territories: string[], total_cents: number): RoadmapCard {
  return {
    id: `id-${theme}`,
    theme_title: `Thème d’essai ${theme}`,
    status: "submitted",
    revision: 2,
    edited: false,
    updated_at: "2026-11-30T10:00:00Z",
    warnings: 0,
    animators: [],
    exported_at: "2026-11-30T10:00:00Z",
    objectives: 1,
    actions: 1,
    indicators: 0,
    total_cents,
    territories,
    authored: false,
    review: null,
    next_step: "Attendre l’avis",
  };
}

const overview: Overview = {
  themes: [
    { number: 1, title: "Un", roadmaps: [card(1, ["59"], 100_000)] },
    { number: 2, title: "Deux", roadmaps: [card(2, ["60"], 200_000)] },
    { number: 3, title: "Trois", roadmaps: [card(3, ["32"], 400_000)] },
    { number: 4, title: "Quatre", roadmaps: [] },
  ],
  departements: [
    { code: "59", name: "Nord" },
    { code: "60", name: "Oise" },
  ],
  region_code: "32",
  role: { kind: "secretariat" },
  suggested_role: null,
};

it("the caption, the summary and the counts follow the département filter", async () => {
  const plans: (string | null)[] = [];
  mockIPC((cmd, args) => {
    if (cmd === "themes") return overview;
    if (cmd === "consolidation_plan") {
      plans.push((args as { options: ConsolidationOptions }).options.departement);
      return null;
    }
    return [];
  });
  const user = userEvent.setup();
  render(<Start onOpen={() => {}} onCreate={() => {}} onHistory={() => {}} onAvis={() => {}} />);
  await screen.findByText("Les 4 thèmes de la région");
  const summary = () => screen.getByText(/ont une feuille de route/).textContent ?? "";
  expect(summary()).toMatch(/^3 thèmes sur 4 ont une feuille de route dans cette copie ; budget total des actions : 7\s000\s€\.$/);

  await user.selectOptions(screen.getByLabelText("Département concerné"), "60");
  await screen.findByText("Feuilles de route concernant le département Oise (60) : 2 thèmes sur 4");
  expect(summary(), "the Oise's and the region-wide roadmaps only").toMatch(
    /^2 thèmes sur 4 ont une feuille de route concernant le département Oise \(60\) dans cette copie ; budget total des actions : 6\s000\s€\.$/,
  );
  await waitFor(() => expect(plans.at(-1), "the consolidation follows the filter").toBe("60"));
});
