import { render } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Indicator } from "../api";
import { ProgressChart, roundStep, valueScale, yearTicks } from "./ProgressChart";

const indicator: Indicator = {
  id: "I1",
  name: "Parents accompagnés",
  unit: "personnes",
  direction: "increase",
  baseline: { value: 40, date: "2023-12-31" },
  target: { value: 60, date: "2027-12-31" },
  measurements: [
    { value: 42, date: "2024-06-30" },
    { value: 64.8, date: "2025-06-30" },
  ],
};

describe("the progress chart", () => {
  it("runs its y-axis from 0 to a round value above the largest of target, baseline and measurements", () => {
    const s = valueScale([40, 60, 42, 64.8]);
    expect(s.min, "from 0").toBe(0);
    expect(s.max, "a round value above 64,8 (not 64,8 itself)").toBe(80);
    expect(s.ticks).toEqual([0, 20, 40, 60, 80]);
    expect(valueScale([60]).max, "strictly above the largest, even when it is round").toBeGreaterThan(60);
    expect(valueScale([0.37]).ticks.at(-1), "small values get small round steps").toBeCloseTo(0.4);
    expect(valueScale([-12, 5]).min, "a negative value extends the axis below 0, on a round value").toBe(-15);
    expect([1, 2, 2.5, 5].includes(roundStep(230) / 10 ** Math.floor(Math.log10(roundStep(230))))).toBe(true);
  });

  it("labels its ticks, and its reference and target lines with their values", () => {
    const { container } = render(<ProgressChart indicator={indicator} />);
    const texts = [...container.querySelectorAll("text")].map((t) => t.textContent);
    for (const tick of ["0", "20", "40", "60", "80"]) expect(texts, `tick ${tick} labelled`).toContain(tick);
    expect(texts, "the reference line is named").toContain("référence 40");
    expect(texts, "the target line is named").toContain("cible 60");
    expect(texts, "years on the time axis, ungrouped").toEqual(expect.arrayContaining(["2024", "2025", "2026", "2027"]));
    expect(texts.some((t) => t === "64,8"), "no odd top value").toBe(false);
  });

  it("labels years between the first and last dates", () => {
    const years = yearTicks(Date.UTC(2023, 11, 31), Date.UTC(2027, 11, 31));
    expect(years).toEqual([2024, 2025, 2026, 2027]);
  });
});
