import { render, screen, waitFor } from "@testing-library/react";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import type { Block } from "../api";
import { Blocks } from "./Markdown";

afterEach(() => clearMocks());

describe("the Markdown preview", () => {
  it("renders the core's blocks, with user text as text and never as HTML", async () => {
    const hostile = "<img src=x onerror=alert(1)>";
    const blocks: Block[] = [
      { kind: "paragraph", content: [{ text: hostile, bold: false, italic: false }, { text: "gras", bold: true, italic: false }] },
      { kind: "bullets", content: [[{ text: "un", bold: false, italic: true }], [{ text: "deux\nsuite", bold: false, italic: false }]] },
    ];
    mockIPC(() => blocks);
    const { container } = render(<Blocks blocks={blocks} />);
    await waitFor(() => expect(screen.getByText(hostile), "the markup is shown as typed").toBeInTheDocument());
    expect(container.querySelector("img"), "no element is made from user text").toBeNull();
    expect(container.querySelector("strong")?.textContent).toBe("gras");
    expect(container.querySelectorAll("li").length, "one item per bullet").toBe(2);
    expect(container.querySelector("li br"), "a line break inside an item").not.toBeNull();
  });
});
