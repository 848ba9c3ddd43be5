/**
 * Render counting for tests (the per-note re-render test). In production builds
 * `import.meta.env.DEV` is false and the call compiles away.
 */
type RenderProbe = (component: string, id: string) => void;

let probe: RenderProbe | null = null;

/** Installs (or removes, with null) the function called on every probed render. */
export function setRenderProbe(next: RenderProbe | null): void {
  probe = next;
}

/** Reports one render of `component` for `id` to the installed probe, if any. */
export function useRenderProbe(component: string, id: string): void {
  if (import.meta.env.DEV && probe) probe(component, id);
}
