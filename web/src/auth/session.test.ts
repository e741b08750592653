import { describe, expect, it } from "vitest";
import { cleanKey } from "./session";

describe("cleanKey", () => {
  it("accepts a key as printed, with or without the Bearer scheme", () => {
    const key = "osk_" + "a".repeat(43);
    expect(cleanKey(`  ${key}\n`)).toBe(key);
    expect(cleanKey(`Bearer ${key}`)).toBe(key);
  });

  it("refuses anything else", () => {
    expect(cleanKey("")).toBeNull();
    expect(cleanKey("osk_short")).toBeNull();
    expect(cleanKey("osk_" + "a".repeat(43) + " extra")).toBeNull();
    expect(cleanKey("<script>alert(1)</script>")).toBeNull();
  });
});
