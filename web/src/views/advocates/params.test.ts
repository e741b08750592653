import { describe, expect, it } from "vitest";
import {
  CLASSES,
  DEFAULT_CONSTRAINTS,
  classFromParam,
  classParam,
  constraintsFromForm,
  constraintsFromParams,
  withConstraints,
} from "./params";

describe("the class in the URL", () => {
  it("is written in lower case with hyphens and read back", () => {
    expect(classParam("AT_RISK_INFLUENCER")).toBe("at-risk-influencer");
    for (const advocacyClass of CLASSES) {
      expect(classFromParam(classParam(advocacyClass))).toBe(advocacyClass);
    }
  });

  it("means every class when absent or unknown", () => {
    expect(classFromParam(null)).toBeNull();
    expect(classFromParam("AT_RISK_INFLUENCER")).toBeNull();
    expect(classFromParam("fans")).toBeNull();
  });
});

describe("the shortlist's constraints in the URL", () => {
  it("ask for no shortlist until a size is given", () => {
    expect(constraintsFromParams(new URLSearchParams("view=shortlist"))).toBeNull();
  });

  it("round-trip through the URL, keeping its other parameters", () => {
    const constraints = { size: 12, customersOnly: true, maxPerCommunity: 2 };
    const params = withConstraints(new URLSearchParams("view=shortlist"), constraints);
    expect(params.get("view")).toBe("shortlist");
    expect(params.toString()).toBe("view=shortlist&size=12&customers=1&perCommunity=2");
    expect(constraintsFromParams(params)).toEqual(constraints);
  });

  it("leave out what is off, so that turning it off removes it", () => {
    const on = withConstraints(new URLSearchParams(), {
      size: 5,
      customersOnly: true,
      maxPerCommunity: 1,
    });
    const off = withConstraints(on, { size: 5, customersOnly: false, maxPerCommunity: null });
    expect(off.toString()).toBe("size=5");
    expect(constraintsFromParams(off)).toEqual({ size: 5, customersOnly: false, maxPerCommunity: null });
  });

  it("fall back to the defaults for values out of the API's bounds", () => {
    const outOfBounds = new URLSearchParams("size=500&perCommunity=0");
    expect(constraintsFromParams(outOfBounds)).toEqual(DEFAULT_CONSTRAINTS);
    expect(constraintsFromParams(new URLSearchParams("size=-3&perCommunity=x&customers=yes"))).toEqual(
      DEFAULT_CONSTRAINTS,
    );
    expect(constraintsFromParams(new URLSearchParams("size=50&perCommunity=50"))).toEqual({
      size: 50,
      customersOnly: false,
      maxPerCommunity: 50,
    });
  });
});

describe("the shortlist form", () => {
  it("gives the constraints its fields hold, an empty limit meaning none", () => {
    const form = new FormData();
    form.set("size", "7");
    form.set("customers", "1");
    form.set("perCommunity", "");
    expect(constraintsFromForm(form)).toEqual({ size: 7, customersOnly: true, maxPerCommunity: null });
    form.set("perCommunity", "3");
    form.delete("customers");
    expect(constraintsFromForm(form)).toEqual({ size: 7, customersOnly: false, maxPerCommunity: 3 });
  });

  it("does not pass typed nonsense on to the API", () => {
    const form = new FormData();
    form.set("size", "1.5");
    form.set("perCommunity", "-1");
    expect(constraintsFromForm(form)).toEqual(DEFAULT_CONSTRAINTS);
  });
});
