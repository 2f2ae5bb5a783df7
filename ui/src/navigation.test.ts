import { describe, expect, it } from "vitest";
import { warningTarget } from "./navigation";

describe("warning links", () => {
  it("lead each warning path to its section, item and field", () => {
    expect(warningTarget("actions[2].lead")).toEqual({ section: "actions", item: 2, field: "action-2-lead" });
    expect(warningTarget("actions[0].funding[3].year"), "a funding line opens the action's funding").toEqual({
      section: "actions",
      item: 0,
      field: "action-0-funding",
    });
    expect(warningTarget("indicators[1].target")).toEqual({
      section: "indicateurs",
      item: 1,
      field: "indicator-1-target",
    });
    expect(warningTarget("objectives[4]")).toEqual({ section: "objectifs", item: null, field: "objective-4-title" });
    expect(warningTarget("period.end"), "an invalid period opens its year field").toEqual({
      section: "fiche",
      item: null,
      field: "period-end",
    });
    expect(warningTarget("period.start").field).toBe("period-start");
    expect(warningTarget("status").section, "anything else opens the card").toBe("fiche");
  });
});
