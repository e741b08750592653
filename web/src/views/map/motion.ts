/** Whether the reader asked their system for less motion: no flights, no streamed layout. */
export function prefersReducedMotion(): boolean {
  return window.matchMedia("(prefers-reduced-motion: reduce)").matches;
}
