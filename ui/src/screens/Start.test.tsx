// The start screen per role: the question on first run (stored through the
// API), an animator's own roadmap first with the other themes folded, and
// the secretariat's table as before.
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import type { Overview, Role, RoadmapCard } from "../api";
import { Start } from "./Start";

afterEach(() => clearMocks());

function card(id: string, title: string, extra: Partial<RoadmapCard> = {}): RoadmapCard {
  return {
    id,
    theme_title: title,
    status: "draft",
    revision: 1,
    edited: true,
    updated_at: "2026-12-01T10:00:00Z",
    warnings: 3,
    animators: ["Karim Benali"],
    exported_at: "2026-11-20T10:00:00Z",
    objectives: 2,
    actions: 4,
    indicators: 1,
    total_cents: 150_000,
    territories: [],
    authored: true,
    review: null,
    next_step: "Corriger 3 points de vérification",
    ...extra,
  };
}

function overview(role: Role | null, suggested: Role | null = null): Overview {
  return {
    themes: [
      { number: 4, title: "Familles", roadmaps: [card("r4", "Familles", { authored: false, next_step: "Reprendre" })] },
      { number: 9, title: "Insertion", roadmaps: [card("r9", "Les parcours d’insertion")] },
      { number: 12, title: "Jeunes", roadmaps: [] },
    ],
    departements: [{ code: "59", name: "Nord" }],
    region_code: "32",
    role,
    suggested_role: suggested,
  };
}

/** The start screen over a mocked store whose role `set_role` changes. */
function start(initial: Role | null, suggested: Role | null = null) {
  const calls: Role[] = [];
  let role = initial;
  mockIPC((cmd, args) => {
    if (cmd === "themes") return overview(role, suggested);
    if (cmd === "set_role") {
      role = (args as { role: Role }).role;
      calls.push(role);
      return null;
    }
    if (cmd === "backups") return [];
    return null;
  });
  render(<Start onOpen={() => {}} onCreate={() => {}} onHistory={() => {}} onAvis={() => {}} />);
  return calls;
}

describe("the start screen per role", () => {
  it("asks the role on first run, stores an animator's theme, then shows that roadmap first and folds the others", async () => {
    const user = userEvent.setup();
    const calls = start(null);
    await screen.findByRole("heading", { level: 1, name: "Bienvenue dans Feuilles de route" });
    expect(screen.queryByRole("table"), "no table before the question is answered").toBeNull();

    await user.click(screen.getByRole("button", { name: "Valider ce choix" }));
    expect(await screen.findByText("Choisissez l’une des deux réponses, ou passez la question.")).toBeInTheDocument();
    await user.click(screen.getByLabelText(/Ce poste rédige la feuille de route d’un thème/));
    await user.click(screen.getByRole("button", { name: "Valider ce choix" }));
    expect(await screen.findByText("Choisissez le thème."), "a theme is needed").toBeInTheDocument();
    expect(calls, "nothing stored while the answer is incomplete").toEqual([]);

    await user.selectOptions(screen.getByLabelText(/Thème dont ce poste rédige/), "9");
    await user.click(screen.getByRole("button", { name: "Valider ce choix" }));
    await waitFor(() => expect(calls).toEqual([{ kind: "animator", theme: 9 }]));

    const h1 = await screen.findByRole("heading", { level: 1, name: "Feuilles de route thématiques" });
    await waitFor(() => expect(h1, "focus on the start screen's heading once answered").toHaveFocus());
    const own = await screen.findByRole("heading", { level: 2, name: "Thème 9 — Les parcours d’insertion" });
    const ownCard = own.closest(".fr-card") as HTMLElement;
    expect(within(ownCard).getByText("Corriger 3 points de vérification"), "the next step in words").toBeInTheDocument();
    expect(within(ownCard).getByText("Brouillon")).toBeInTheDocument();
    expect(within(ownCard).getByRole("button", { name: "Ouvrir" })).toBeInTheDocument();
    expect(within(ownCard).getByRole("button", { name: "Exporter en PDF" })).toBeInTheDocument();
    expect(screen.getByText(/Ce poste rédige la feuille de route du thème 9 — Insertion/)).toBeInTheDocument();

    const fold = screen.getByRole("button", { name: "Les autres thèmes (2)" });
    expect(fold, "the other themes are folded away").toHaveAttribute("aria-expanded", "false");
    const headings = screen.getAllByRole("heading", { level: 2 }).map((h) => h.textContent);
    expect(headings.indexOf("Thème 9 — Les parcours d’insertion"), "own roadmap before the other themes").toBeLessThan(
      headings.findIndex((h) => h?.startsWith("Les autres thèmes")),
    );
    const table = screen.getByRole("table", { hidden: true });
    expect(table.querySelector("caption")?.textContent).toBe("Les 2 autres thèmes de la région");
    expect(table.textContent, "no alarm about the themes that are not the animator's").not.toContain("Aucune feuille de route");
    expect(table.textContent).toContain("Pas de feuille de route reçue dans cette copie");
    expect(table.textContent, "theme 9 is not repeated in the table").not.toContain("Les parcours d’insertion");
    expect(screen.queryByRole("heading", { name: "Consolidation" }), "the secretariat's outputs are not the animator's").toBeNull();
  });

  it("lets the question be skipped: the secretariat's view, stored, and said", async () => {
    const user = userEvent.setup();
    const calls = start(null);
    await user.click(await screen.findByRole("button", { name: "Passer la question" }));
    await waitFor(() => expect(calls).toEqual([{ kind: "secretariat" }]));
    expect(await screen.findByText(/Question passée\s: ce poste est considéré comme celui du secrétariat/)).toBeInTheDocument();
    const table = await screen.findByRole("table");
    expect(table.querySelector("caption")?.textContent).toBe("Les 3 thèmes de la région");
    expect(table.textContent, "the secretariat still sees what is missing").toContain("Aucune feuille de route");
    expect(screen.getByRole("heading", { name: "Consolidation" })).toBeInTheDocument();
  });

  it("proposes the role the store suggests, and changes it from the start screen", async () => {
    const user = userEvent.setup();
    const calls = start(null, { kind: "animator", theme: 9 });
    const radio = await screen.findByLabelText(/Ce poste rédige la feuille de route d’un thème/);
    expect(radio, "the roadmap written here suggests its animator").toBeChecked();
    expect(screen.getByLabelText(/Thème dont ce poste rédige/)).toHaveValue("9");
    await user.click(screen.getByRole("button", { name: "Valider ce choix" }));
    await screen.findByRole("heading", { level: 2, name: "Thème 9 — Les parcours d’insertion" });

    await user.click(screen.getByRole("button", { name: "Changer de rôle" }));
    const asked = await screen.findByRole("heading", { level: 1, name: "Changer de rôle" });
    await waitFor(() => expect(asked, "the question takes the focus").toHaveFocus());
    expect(screen.queryByRole("button", { name: "Passer la question" }), "asked once: no skipping when changing").toBeNull();
    await user.click(screen.getByRole("button", { name: "Annuler" }));
    await screen.findByRole("heading", { level: 2, name: "Thème 9 — Les parcours d’insertion" });

    await user.click(screen.getByRole("button", { name: "Changer de rôle" }));
    await user.click(await screen.findByLabelText(/Ce poste est celui du secrétariat régional/));
    await user.click(screen.getByRole("button", { name: "Valider ce choix" }));
    await waitFor(() => expect(calls).toEqual([{ kind: "animator", theme: 9 }, { kind: "secretariat" }]));
    const table = await screen.findByRole("table");
    expect(table.querySelector("caption")?.textContent).toBe("Les 3 thèmes de la région");
    expect(screen.queryByRole("heading", { level: 2, name: "Thème 9 — Les parcours d’insertion" })).toBeNull();
  });

  it("shows the secretariat's overview as before when the role is set", async () => {
    start({ kind: "secretariat" });
    const table = await screen.findByRole("table");
    expect(screen.queryByRole("heading", { name: "Bienvenue dans Feuilles de route" }), "asked once only").toBeNull();
    expect(within(table).getAllByRole("row")).toHaveLength(4);
    expect(screen.getByText(/2 thèmes sur 3 ont une feuille de route/)).toBeInTheDocument();
    expect(screen.getByText("Ce poste est celui du secrétariat régional.")).toBeInTheDocument();
  });
});
