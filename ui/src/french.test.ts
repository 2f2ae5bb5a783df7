import { describe, expect, it } from "vitest";
import {
  clip,
  dateLong,
  dateShort,
  decimal,
  euros,
  isStateFunder,
  objectiveCode,
  objectiveRanks,
  parseDecimal,
  parseEuros,
  parseYear,
  percent,
  progression,
  splitList,
  stateShare,
  year,
} from "./french";

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

describe("French typography of numbers", () => {
  it("writes negative numbers and progressions with the true minus sign U+2212", () => {
    expect(decimal(-8.2), "a negative decimal").toBe("\u22128,2");
    expect(euros(-600000000), "a negative amount").toBe("\u22126\u202f000\u202f000\u202f€");
    expect(progression(-0.082), "a fall").toBe("\u22128\u202f%");
    expect(progression(0.12), "a rise is signed too").toBe("+12\u202f%");
    expect(progression(0), "no change, no sign").toBe("0\u202f%");
    expect(percent(-0.5)).toBe("\u221250\u202f%");
    for (const s of [decimal(-1), euros(-1), progression(-1), percent(-1)])
      expect(s, `no hyphen-minus in ${s}`).not.toContain("-");
  });

  it("reads back what it writes, the minus sign and grouped thousands included", () => {
    expect(parseDecimal(decimal(-1234.5)), "U+2212 and U+202F read back").toBe(-1234.5);
    expect(parseEuros(euros(-150050).replace(/\u202f€$/, "")), "an amount as shown in its field").toBe(-150050);
    expect(parseDecimal("–3"), "an en dash typed for a minus").toBe(-3);
  });

  it("never groups the digits of a year", () => {
    expect(year(2019), "not « 2 019 »").toBe("2019");
    expect(parseYear("2024")).toBe(2024);
    expect(parseYear("2 024"), "a grouped year is not four digits").toBeNull();
    expect(parseYear("24"), "two digits are not a year").toBeNull();
    expect(parseYear("20a4")).toBeNull();
  });

  it("writes short dates for tables", () => {
    expect(dateShort("2026-12-01")).toBe("01/12/2026");
    expect(dateShort("bientôt"), "other text as typed").toBe("bientôt");
  });
});

describe("objectives named by code and rank", () => {
  it("ranks by priority, the list order breaking ties, as the PDF does", () => {
    const ranks = objectiveRanks([
      { id: "O1", priority: 5 },
      { id: "O2", priority: 2 },
      { id: "O3", priority: 9 },
    ]);
    expect([ranks.get("O2"), ranks.get("O1"), ranks.get("O3")]).toEqual([1, 2, 3]);
    expect(objectiveCode("O2", ranks.get("O2"))).toBe("O2 · priorité 1");
  });

  it("cuts long titles at a word for notices", () => {
    const long = "Lever les freins périphériques à l’emploi des parents isolés dans les quartiers prioritaires";
    const cut = clip(long, 40);
    expect(cut.endsWith("…"), "marked as cut").toBe(true);
    expect([...cut].length).toBeLessThanOrEqual(41);
    expect(long.startsWith(cut.slice(0, -1)), "cut at a word, not inside one").toBe(true);
    expect(clip("Court"), "short titles unchanged").toBe("Court");
  });
});
