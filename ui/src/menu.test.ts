// The page's side of Édition → Annuler / Rétablir: the editor's undo when it
// takes the key, the field's own undo while typing is pending, nothing else.
import { afterEach, describe, expect, it, vi } from "vitest";
import { undoRedo } from "./menu";

describe("the menu's undo and redo", () => {
  afterEach(() => {
    document.body.innerHTML = "";
  });

  it("go to the editor's shortcut handler when it takes the key", () => {
    const seen: string[] = [];
    const editor = (e: KeyboardEvent) => {
      seen.push(`${e.ctrlKey ? "Ctrl+" : ""}${e.shiftKey ? "Maj+" : ""}${e.key}`);
      e.preventDefault();
    };
    window.addEventListener("keydown", editor);
    expect(undoRedo("undo")).toBe("editor");
    expect(undoRedo("redo")).toBe("editor");
    window.removeEventListener("keydown", editor);
    expect(seen).toEqual(["Ctrl+z", "Ctrl+Maj+z"]);
  });

  it("undo the typing of the focused field when the editor leaves the key (pending typing)", () => {
    const exec = vi.fn(() => true);
    Object.defineProperty(document, "execCommand", { value: exec, configurable: true });
    const field = document.createElement("textarea");
    document.body.append(field);
    field.focus();
    expect(undoRedo("undo")).toBe("field");
    expect(exec).toHaveBeenCalledWith("undo");
    field.blur();
    expect(undoRedo("redo")).toBe("none");
    expect(exec).toHaveBeenCalledTimes(1);
  });
});
