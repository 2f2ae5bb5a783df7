import { describe, expect, it } from "vitest";
import { fundingGrid } from "./FundingGrid";

describe("funding grid", () => {
  it("sums lines by funder and year, with totals equal to the sum of the lines", () => {
    const lines = [
      { funder: "État", year: 2025, amount_cents: 100 },
      { funder: "FSE", year: 2026, amount_cents: 50 },
      { funder: "État", year: 2025, amount_cents: 20 },
      { funder: "État", year: 2026, amount_cents: 5 },
    ];
    const g = fundingGrid(lines);
    expect(g.funders, "funders in order of first appearance").toEqual(["État", "FSE"]);
    expect(g.years, "years sorted").toEqual([2025, 2026]);
    expect(g.at("État", 2025), "two lines of the same cell add up").toBe(120);
    expect(g.at("FSE", 2025), "an empty cell is zero").toBe(0);
    expect(g.byFunder("État")).toBe(125);
    expect(g.byYear(2026)).toBe(55);
    expect(g.total).toBe(175);
  });
});
