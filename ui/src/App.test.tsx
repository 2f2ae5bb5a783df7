// The shell: skip links first, one live region, and a screen change that
// starts at the top with the new screen's heading focused.
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import { App } from "./App";
import type { Overview } from "./api";
import { announce } from "./announce";
import { roadmapView } from "./test-fixtures";

afterEach(() => clearMocks());

const overview: Overview = {
  themes: [{ number: 9, title: "Insertion", roadmaps: [] }],
  departements: [],
  region_code: "32",
  role: { kind: "secretariat" },
  suggested_role: null,
};

function app() {
  mockIPC((cmd) => {
    if (cmd === "themes") return overview;
    if (cmd === "store_location") return "/tmp/store.sqlite";
    if (cmd === "create_roadmap" || cmd === "open_roadmap") return roadmapView();
    if (cmd === "backups") return [];
    if (cmd === "consolidation_plan") return null;
    return [];
  });
  return render(<App />);
}

describe("the application's shell", () => {
  it("starts with skip links to the content and the footer, whose targets can take focus", async () => {
    app();
    const links = screen.getAllByRole("link", { name: /^(Contenu|Pied de page)$/ });
    expect(links.map((l) => l.getAttribute("href"))).toEqual(["#contenu", "#pied"]);
    const first = document.querySelector("a[href], button");
    expect(first?.textContent, "the first control of the page is the skip link").toBe("Contenu");
    expect(document.getElementById("contenu")).toHaveAttribute("tabindex", "-1");
    expect(document.getElementById("pied")).toHaveAttribute("tabindex", "-1");
    await screen.findByRole("heading", { level: 1, name: "Feuilles de route thématiques" });
  });

  it("opening a roadmap focuses its heading, and offers a skip link to its sections", async () => {
    const user = userEvent.setup();
    app();
    await screen.findByRole("heading", { level: 1, name: "Feuilles de route thématiques" });
    await waitFor(() => expect(document.querySelector('button[title="Créer la feuille de route du thème 9"]')).not.toBeNull());
    await user.click(document.querySelector('button[title="Créer la feuille de route du thème 9"]') as HTMLElement);
    const h1 = await screen.findByRole("heading", { level: 1, name: "Thème 9 — Insertion" });
    await waitFor(() => expect(h1, "focus on the new screen's heading").toHaveFocus());
    expect(screen.getByRole("link", { name: "Sections de la feuille de route" })).toHaveAttribute("href", "#sections");
    await user.click(screen.getByRole("button", { name: "Toutes les feuilles de route" }));
    const back = await screen.findByRole("heading", { level: 1, name: "Feuilles de route thématiques" });
    await waitFor(() => expect(back, "and back on the start screen's").toHaveFocus());
  });

  it("has one live region that any screen can speak through, repeating words too", async () => {
    app();
    const region = document.getElementById("annonces");
    expect(document.querySelectorAll("#annonces").length).toBe(1);
    expect(region).toHaveAttribute("aria-live", "polite");
    announce("PDF enregistré.");
    await waitFor(() => expect(region?.textContent).toBe("PDF enregistré."));
    const node = region?.firstChild;
    announce("PDF enregistré.");
    await waitFor(() => expect(region?.firstChild, "a new node, so it is read again").not.toBe(node));
  });
});
