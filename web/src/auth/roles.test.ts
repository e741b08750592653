import { describe, expect, it } from "vitest";
import { allows } from "./roles";

describe("allows", () => {
  it("lets each role do what the roles before it do", () => {
    expect(allows("ADMIN", "MANAGER")).toBe(true);
    expect(allows("MANAGER", "MANAGER")).toBe(true);
    expect(allows("VIEWER", "MANAGER")).toBe(false);
    expect(allows("MANAGER", "ADMIN")).toBe(false);
    expect(allows(undefined, "VIEWER")).toBe(false);
  });
});
