import { describe, expect, it } from "vitest";
import { nextStatus } from "./programme";

describe("nextStatus", () => {
  it("proposes the programme's next step", () => {
    expect(nextStatus(null)).toBe("CANDIDATE");
    expect(nextStatus("CANDIDATE")).toBe("INVITED");
    expect(nextStatus("INVITED")).toBe("ACTIVE");
    expect(nextStatus("ACTIVE")).toBe("PAUSED");
    expect(nextStatus("PAUSED")).toBe("ACTIVE");
    expect(nextStatus("DECLINED")).toBe("CANDIDATE");
  });
});
