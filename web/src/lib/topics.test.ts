import { describe, expect, it } from "vitest";
import { topicLabel } from "./topics";

describe("topicLabel", () => {
  it("writes a one-word topic as a hashtag", () => {
    expect(topicLabel("caffè")).toBe("#caffè");
  });

  it("leaves a key phrase as written", () => {
    expect(topicLabel("miscela espresso")).toBe("miscela espresso");
  });
});
