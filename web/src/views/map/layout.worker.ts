// The map's layout, off the page's thread: ForceAtlas2 batches, each batch's positions
// posted back (the page moves the nodes as they come) until the layout settles. A module
// worker served by the app itself, as the CSP's `worker-src 'self'` requires.
import { startLayout, type LayoutInput, type LayoutStep } from "./layoutRun";

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<LayoutInput>) => {
  const run = startLayout(event.data);
  const next = () => {
    const step: LayoutStep = run.step();
    scope.postMessage(step, [step.positions.buffer]);
    // Between batches the worker yields, so that the page can end it at once.
    if (step.status === "running") setTimeout(next, 0);
  };
  next();
};
