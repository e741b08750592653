// When a ForceAtlas2 layout counts as settled. FA2 never stops by itself: nodes keep
// drifting a little for ever. The layout is settled when, over a batch of iterations, nodes
// move on average less than `SETTLE.threshold` of the drawing's extent per iteration: on a
// map 1000 px wide, a tenth of a pixel per iteration, a drift no eye follows. A layout that
// has not settled after `SETTLE.maxIterations` stops anyway ("stopped").

export const SETTLE = {
  /** Iterations run between two measures (and two positions sent to the page). */
  batch: 20,
  /** Mean displacement per iteration, as a share of the extent, below which it is settled. */
  threshold: 1e-4,
  maxIterations: 2000,
} as const;

export type LayoutStatus = "running" | "settled" | "stopped";

/** The larger side of the box around the positions (x, y interleaved). */
export function extent(positions: ArrayLike<number>): number {
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (let i = 0; i + 1 < positions.length; i += 2) {
    const x = positions[i] ?? 0;
    const y = positions[i + 1] ?? 0;
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  return positions.length < 2 ? 0 : Math.max(maxX - minX, maxY - minY);
}

/** How far nodes moved on average per iteration between two snapshots ``iterations``
 * apart, as a share of the drawing's extent (0 for a drawing without extent). */
export function relativeDisplacement(
  before: ArrayLike<number>,
  after: ArrayLike<number>,
  iterations: number,
): number {
  const nodes = Math.floor(after.length / 2);
  const size = extent(after);
  if (nodes === 0 || size === 0 || iterations <= 0) return 0;
  let moved = 0;
  for (let i = 0; i < nodes * 2; i += 2) {
    const dx = (after[i] ?? 0) - (before[i] ?? 0);
    const dy = (after[i + 1] ?? 0) - (before[i + 1] ?? 0);
    moved += Math.hypot(dx, dy);
  }
  return moved / nodes / iterations / size;
}

/** The layout's state after ``iterations`` in all, the last batch having moved nodes by
 * ``displacement`` (from `relativeDisplacement`). */
export function layoutStatus(displacement: number, iterations: number): LayoutStatus {
  if (displacement < SETTLE.threshold) return "settled";
  return iterations >= SETTLE.maxIterations ? "stopped" : "running";
}
