import { describe, expect, it } from "vitest";
import { resources } from "../../i18n";
import { decider } from "./decider";
import { EVIDENCE_KINDS, evidenceRows, explanationKey } from "./evidence";
import { listOrder } from "./lists";

function lookup(strings: unknown, key: string): unknown {
  let found = strings;
  for (const part of key.split(".")) {
    const level = found && typeof found === "object" ? (found as Record<string, unknown>) : {};
    found = level[part];
  }
  return found;
}

describe("evidence", () => {
  it("is listed strongest first", () => {
    const rows = evidenceRows([
      { kind: "LINK", detail: "links to caffe.it", weight: 0.6 },
      { kind: "HANDLE", detail: "the CRM record lists x account giulia", weight: 0.97 },
    ]);
    expect(rows.map((r) => r.kind)).toEqual(["HANDLE", "LINK"]);
    expect(rows.every((r) => !r.countedWithName)).toBe(true);
  });

  it("marks the weaker signals of a name, which add nothing to the confidence", () => {
    const rows = evidenceRows([
      { kind: "HANDLE_NAME", detail: "contains the last name", weight: 0.45 },
      { kind: "NAME", detail: "shows the customer's name", weight: 0.6 },
      { kind: "LINK", detail: "links to caffe.it", weight: 0.6 },
    ]);
    expect(rows.map((r) => [r.kind, r.countedWithName])).toEqual([
      ["NAME", false],
      ["LINK", false],
      ["HANDLE_NAME", true],
    ]);
  });

  it("is explained in words for every kind, for both kinds of link, in both languages", () => {
    for (const language of ["en", "it"] as const) {
      for (const link of ["PERSON_CUSTOMER", "PERSON_PERSON"] as const) {
        for (const kind of EVIDENCE_KINDS) {
          const text = lookup(resources[language].identity, explanationKey(link, kind));
          expect(typeof text, `${language} ${link} ${kind}`).toBe("string");
        }
      }
    }
    expect(explanationKey("PERSON_CUSTOMER", "HANDLE")).not.toBe(
      explanationKey("PERSON_PERSON", "HANDLE"),
    );
  });
});

describe("decider", () => {
  it("names the key that decided, or the resolver", () => {
    expect(decider("key:k_12ab (Marta Bianchi)")).toEqual({ kind: "key", name: "Marta Bianchi" });
    expect(decider("key:k1 (Test (ops) manager)")).toEqual({
      kind: "key",
      name: "Test (ops) manager",
    });
    expect(decider("osmosi:resolver")).toEqual({ kind: "resolver" });
    expect(decider("anonymous")).toEqual({ kind: "other", text: "anonymous" });
  });
});

describe("listOrder", () => {
  it("puts the surest proposals first, and the latest decisions first", () => {
    expect(listOrder("PROPOSED")).toBe("CONFIDENCE");
    expect(listOrder("APPLIED")).toBe("LATEST_DECISION");
    expect(listOrder("REJECTED")).toBe("LATEST_DECISION");
  });
});
