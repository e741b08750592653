import { describe, expect, it } from "vitest";
import { parseActor } from "./actor";

describe("parseActor", () => {
  it("reads a key's name and id from the audit string", () => {
    expect(parseActor("key:k1a2 (Giulia (marketing))")).toEqual({ name: "Giulia (marketing)", keyId: "k1a2" });
  });

  it("keeps anything else as it is", () => {
    expect(parseActor("osmosi:resolver")).toEqual({ name: "osmosi:resolver", keyId: null });
    expect(parseActor("key:k1")).toEqual({ name: "key:k1", keyId: null });
  });
});
