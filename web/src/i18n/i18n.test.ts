// Every string of the app exists in both languages, and none is left empty.
import { describe, expect, it } from "vitest";
import { initialLanguage, resources } from "./index";

function paths(value: unknown, prefix = ""): string[] {
  if (typeof value === "string") return [prefix];
  if (value === null || typeof value !== "object") return [`${prefix} (not text)`];
  return Object.entries(value).flatMap(([key, inner]) => paths(inner, prefix ? `${prefix}.${key}` : key));
}

function texts(value: unknown): string[] {
  if (typeof value === "string") return [value];
  return value && typeof value === "object" ? Object.values(value).flatMap(texts) : [];
}

describe("translations", () => {
  it("have the same namespaces and keys in Italian and English", () => {
    expect(Object.keys(resources.it).sort()).toEqual(Object.keys(resources.en).sort());
    for (const namespace of Object.keys(resources.en)) {
      expect(paths(resources.it[namespace]).sort(), namespace).toEqual(
        paths(resources.en[namespace]).sort(),
      );
    }
  });

  it("leave no string empty", () => {
    for (const language of ["en", "it"] as const) {
      for (const text of texts(resources[language])) expect(text.trim()).not.toBe("");
    }
  });

  it("start in the chosen language, else the browser's, else English", () => {
    expect(initialLanguage("it", ["en-GB"])).toBe("it");
    expect(initialLanguage(null, ["it-IT", "en"])).toBe("it");
    expect(initialLanguage(null, ["de-DE", "en-US"])).toBe("en");
    expect(initialLanguage("xx", ["fr"])).toBe("en");
  });
});
