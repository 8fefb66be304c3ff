/** Renders a Vega-Lite spec to an SVG string in Node: compiled by vega-lite, drawn by vega's headless SVG renderer. */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

// Text widths are estimated from the character count (never measured with a
// canvas), so the layout does not depend on which fonts or packages a machine has.
(vega as unknown as { textMetrics?: { canvas(use: boolean): void } }).textMetrics?.canvas(false);

/** A vega logger that collects warnings and errors instead of printing them. */
function collectingLogger(warnings: string[], errors: string[]): vega.LoggerInterface {
  const text = (args: unknown[]) => args.map((a) => (a instanceof Error ? a.message : String(a))).join(' ');
  const logger: vega.LoggerInterface = {
    level: (() => logger) as vega.LoggerInterface['level'],
    error: (...args: unknown[]) => (errors.push(text(args)), logger),
    warn: (...args: unknown[]) => (warnings.push(text(args)), logger),
    info: () => logger,
    debug: () => logger,
  };
  return logger;
}

/**
 * Renders `spec` to a standalone `<svg>` element. `idPrefix` makes the ids the
 * renderer gives clip paths and gradients unique within a page and the same on
 * every render (vega numbers them with a process-wide counter). Warnings of
 * vega-lite and vega go to `warnings` (nothing is printed); an error fails the render.
 */
export async function renderSvg(spec: TopLevelSpec, idPrefix: string, warnings: string[] = []): Promise<string> {
  const errors: string[] = [];
  const logger = collectingLogger(warnings, errors);
  const compiled = compile(spec, { logger }).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logger });
  try {
    const svg = await view.toSVG();
    if (errors.length > 0) throw new Error(`chart ${idPrefix}: ${errors.join('; ')}`);
    return renumberIds(svg, idPrefix.replace(/[^A-Za-z0-9_-]/g, '_'));
  } finally {
    view.finalize();
  }
}

/** Renames every `id="…"` (and its `url(#…)` references) to `<prefix>-1`, `<prefix>-2`, … in order of first appearance. */
export function renumberIds(svg: string, prefix: string): string {
  const ids = new Map<string, string>();
  for (const [, id] of svg.matchAll(/\sid="([^"]+)"/g)) if (!ids.has(id)) ids.set(id, `${prefix}-${ids.size + 1}`);
  if (ids.size === 0) return svg;
  return svg
    .replace(/(\sid=")([^"]+)"/g, (_, head: string, id: string) => `${head}${ids.get(id) ?? id}"`)
    .replace(/url\(#([^)]+)\)/g, (whole, id: string) => (ids.has(id) ? `url(#${ids.get(id)})` : whole));
}
