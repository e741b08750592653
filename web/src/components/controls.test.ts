import { describe, expect, it } from "vitest";
import { paramChoice, withParam } from "./FilterTabs";

describe("filter parameters", () => {
  it("set one parameter, keep the others, drop those of the previous choice", () => {
    const params = new URLSearchParams("status=ANSWERED&function=PR&conversation=x:1");
    expect(withParam(params, "function", "SALES", ["conversation"])).toBe(
      "?status=ANSWERED&function=SALES",
    );
    expect(withParam(params, "function", null, ["conversation", "status"])).toBe("");
  });

  it("read only the values allowed", () => {
    const params = new URLSearchParams("kind=PERSON_PERSON&status=nope");
    expect(paramChoice(params, "kind", ["PERSON_CUSTOMER", "PERSON_PERSON"])).toBe("PERSON_PERSON");
    expect(paramChoice(params, "status", ["PROPOSED", "APPLIED"])).toBeNull();
    expect(paramChoice(params, "missing", ["PROPOSED"])).toBeNull();
  });
});
