import { describe, expect, it } from "vitest";
import { startLayout, type LayoutInput, type LayoutStep } from "./layoutRun";
import { SETTLE } from "./settle";

/** Two cliques of five joined by one weak tie, placed at random. */
function twoGroups(): LayoutInput {
  const positions = new Float32Array(20).map((_, i) => ((i * 7919) % 97) - 48);
  const pairs: [number, number, number][] = [];
  for (const base of [0, 5]) {
    for (let a = 0; a < 5; a++) for (let b = a + 1; b < 5; b++) pairs.push([base + a, base + b, 5]);
  }
  pairs.push([0, 5, 0.1]);
  return {
    positions,
    sizes: new Float32Array(10).fill(4),
    edges: Uint32Array.from(pairs.flatMap(([a, b]) => [a, b])),
    weights: Float32Array.from(pairs.map(([, , w]) => w)),
  };
}

function run(input: LayoutInput): LayoutStep[] {
  const layout = startLayout(input);
  const steps = [layout.step()];
  while (steps.at(-1)?.status === "running") steps.push(layout.step());
  return steps;
}

function centre(positions: Float32Array, from: number): [number, number] {
  let x = 0;
  let y = 0;
  for (let i = from; i < from + 5; i++) {
    x += positions[2 * i] ?? 0;
    y += positions[2 * i + 1] ?? 0;
  }
  return [x / 5, y / 5];
}

describe("the layout run", () => {
  it("settles before the cap, the same way every time, groups apart", () => {
    const steps = run(twoGroups());
    const last = steps.at(-1);
    expect(last?.status).toBe("settled");
    expect(last?.iterations).toBeLessThan(SETTLE.maxIterations);
    expect(last?.iterations).toBe(steps.length * SETTLE.batch);
    const again = run(twoGroups()).at(-1);
    expect(Array.from(again?.positions ?? [])).toEqual(Array.from(last?.positions ?? []));

    const positions = last?.positions ?? new Float32Array();
    expect(positions.every(Number.isFinite)).toBe(true);
    const [ax, ay] = centre(positions, 0);
    const [bx, by] = centre(positions, 5);
    const spread = (from: number) => {
      const [cx, cy] = centre(positions, from);
      let far = 0;
      for (let i = from; i < from + 5; i++) {
        const [x, y] = [positions[2 * i] ?? 0, positions[2 * i + 1] ?? 0];
        far = Math.max(far, Math.hypot(x - cx, y - cy));
      }
      return far;
    };
    expect(Math.hypot(ax - bx, ay - by)).toBeGreaterThan(Math.max(spread(0), spread(5)));
  });

  it("hands each batch its own positions, to keep or transfer", () => {
    // Spoiling each batch's positions (as a transfer to the page detaches them) must not
    // change the run.
    const layout = startLayout(twoGroups());
    const spoiled: LayoutStep[] = [];
    do {
      const step = layout.step();
      spoiled.push({ ...step, positions: step.positions.slice() });
      step.positions.fill(Number.NaN);
    } while (spoiled.at(-1)?.status === "running");
    expect(spoiled).toEqual(run(twoGroups()));
  });

  it("has nothing to do for a single person", () => {
    const one = startLayout({
      positions: new Float32Array([3, 4]),
      sizes: new Float32Array([1]),
      edges: new Uint32Array(),
      weights: new Float32Array(),
    });
    expect(one.step()).toEqual({
      positions: new Float32Array([3, 4]),
      iterations: 0,
      status: "settled",
    });
  });
});
