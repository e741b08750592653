import { describe, expect, it } from "vitest";
import { keyAction } from "./keys";

const PEOPLE = ["top", "second", "last"];

describe("the map's keys", () => {
  it("walk people by influence, round the ends", () => {
    expect(keyAction("ArrowRight", PEOPLE, null)).toEqual({ kind: "choose", node: "top" });
    expect(keyAction("ArrowDown", PEOPLE, "top")).toEqual({ kind: "choose", node: "second" });
    expect(keyAction("ArrowRight", PEOPLE, "last")).toEqual({ kind: "choose", node: "top" });
    expect(keyAction("ArrowLeft", PEOPLE, null)).toEqual({ kind: "choose", node: "last" });
    expect(keyAction("ArrowUp", PEOPLE, "top")).toEqual({ kind: "choose", node: "last" });
    expect(keyAction("End", PEOPLE, "top")).toEqual({ kind: "choose", node: "last" });
    expect(keyAction("Home", PEOPLE, "last")).toEqual({ kind: "choose", node: "top" });
  });

  it("open the chosen person, and let go of them", () => {
    expect(keyAction("Enter", PEOPLE, "second")).toEqual({ kind: "open", node: "second" });
    expect(keyAction("Enter", PEOPLE, null)).toBeNull();
    expect(keyAction("Escape", PEOPLE, "second")).toEqual({ kind: "choose", node: null });
    expect(keyAction("Escape", PEOPLE, null)).toBeNull();
  });

  it("zoom, and leave other keys alone", () => {
    expect(keyAction("+", PEOPLE, null)).toEqual({ kind: "zoom", zoom: "in" });
    expect(keyAction("-", PEOPLE, null)).toEqual({ kind: "zoom", zoom: "out" });
    expect(keyAction("0", PEOPLE, null)).toEqual({ kind: "zoom", zoom: "reset" });
    expect(keyAction("Tab", PEOPLE, null)).toBeNull();
    expect(keyAction("a", PEOPLE, "top")).toBeNull();
  });

  it("do nothing to walk on an empty map", () => {
    expect(keyAction("ArrowRight", [], null)).toEqual({ kind: "choose", node: null });
  });
});
