import { describe, expect, it } from "vitest";
import { dateLong, decimal, euros, isStateFunder, parseDecimal, parseEuros, percent, splitList, stateShare } from "./french";

describe("French formatting", () => {
  it("writes euros with narrow no-break spaces and a comma", () => {
    expect(euros(123456789), "thousands grouped by U+202F, cents after a comma").toBe("1\u202f234\u202f567,89\u202f€");
    expect(euros(1500000), "whole euros carry no ,00").toBe("15\u202f000\u202f€");
    expect(euros(-5), "negative amounts use the minus sign").toBe("−0,05\u202f€");
  });

  it("reads amounts typed the French way, refusing what is not one", () => {
    expect(parseEuros("1 234,5"), "space-grouped with a decimal comma").toBe(123450);
    expect(parseEuros("12\u202f000 €"), "narrow spaces and the euro sign").toBe(1200000);
    expect(parseEuros("7.25"), "a decimal point too").toBe(725);
    expect(parseEuros("1,234"), "three decimals is not an amount").toBeNull();
    expect(parseEuros("douze"), "words are not amounts").toBeNull();
    expect(parseEuros(""), "empty is not an amount").toBeNull();
  });

  it("reads and writes decimals", () => {
    expect(parseDecimal("12,5")).toBe(12.5);
    expect(parseDecimal("abc"), "not a number").toBeNull();
    expect(decimal(1234.5), "grouped, decimal comma").toBe("1\u202f234,5");
  });

  it("writes dates in words with 1er", () => {
    expect(dateLong("2026-03-01")).toBe("1er\u00a0mars\u00a02026");
    expect(dateLong("2025-12-31")).toBe("31\u00a0décembre\u00a02025");
    expect(dateLong("n’importe quoi"), "non-dates are shown as typed").toBe("n’importe quoi");
  });

  it("finds the State's share as the core does", () => {
    expect(isStateFunder("Etat") && isStateFunder("ÉTAT") && isStateFunder("E\u0301tat"), "spellings of the State").toBe(true);
    expect(isStateFunder("États-Unis") || isStateFunder("Département"), "other funders").toBe(false);
    const lines = [
      { funder: "État", year: 2025, amount_cents: 6000 },
      { funder: "Département", year: 2025, amount_cents: 4000 },
    ];
    expect(stateShare(lines)).toBeCloseTo(0.6);
    expect(stateShare([]), "no funding, no share").toBeNull();
    expect(percent(0.6), "a narrow no-break space before %").toBe("60\u202f%");
  });

  it("splits lists typed with commas or semicolons", () => {
    expect(splitList(" CAF du Nord ; Mission locale,  ,France Travail ")).toEqual([
      "CAF du Nord",
      "Mission locale",
      "France Travail",
    ]);
  });
});
