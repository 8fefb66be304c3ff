/** The chart of a scorecard situation: each policy's frontier of occupancy against compliance abandons. */
import type { TopLevelSpec } from 'vega-lite';
import { CHART_CONFIG } from './chart-specs.js';

/** One setting of a policy: its compliance abandon rate and occupancy, each with its 95 % interval. */
export interface FrontierPoint {
  policy: string;
  /** Order of the setting within its policy (the knob's values as given). */
  order: number;
  setting: string;
  rate: number;
  rateLo: number;
  rateHi: number;
  occupancy: number;
  occupancyLo: number;
  occupancyHi: number;
}

/** The reports' look, with the policies' legend in four columns. */
const CONFIG: NonNullable<TopLevelSpec['config']> = { ...CHART_CONFIG, legend: { ...CHART_CONFIG.legend, columns: 4 } };

/**
 * Occupancy (y) against the compliance abandon rate (x), one line per policy
 * through its settings in knob order, error bars for both 95 % intervals,
 * and the ceiling as a vertical rule: the best setting of a policy is its
 * highest point left of the rule.
 */
export function frontierChartSpec(points: readonly FrontierPoint[], ceiling: { value: number; label: string }): TopLevelSpec {
  const color = { field: 'policy', type: 'nominal' as const, title: null, sort: null };
  const x = { field: 'rate', type: 'quantitative' as const, title: 'compliance abandon rate', axis: { format: '.1%' } };
  const y = { field: 'occupancy', type: 'quantitative' as const, title: 'agent occupancy', axis: { format: '.0%' }, scale: { zero: false } };
  return {
    config: CONFIG,
    width: 520,
    height: 260,
    layer: [
      { data: { values: points.map((p) => ({ ...p })) }, mark: { type: 'rule', opacity: 0.5 }, encoding: { x: { ...x, field: 'rateLo' }, x2: { field: 'rateHi' }, y, color } },
      { data: { values: points.map((p) => ({ ...p })) }, mark: { type: 'rule', opacity: 0.5 }, encoding: { x, y: { ...y, field: 'occupancyLo' }, y2: { field: 'occupancyHi' }, color } },
      {
        data: { values: points.map((p) => ({ ...p })) },
        mark: { type: 'line', point: { filled: true, size: 40 }, strokeWidth: 1.5 },
        encoding: { x, y, color, order: { field: 'order', type: 'quantitative' }, tooltip: [{ field: 'setting' }] },
      },
      {
        data: { values: [{ x: ceiling.value, label: ceiling.label }] },
        layer: [
          { mark: { type: 'rule', strokeDash: [4, 3], color: '#c00' }, encoding: { x: { field: 'x', type: 'quantitative' } } },
          { mark: { type: 'text', align: 'left', dx: 4, dy: 8, color: '#c00', fontSize: 11 }, encoding: { x: { field: 'x', type: 'quantitative' }, y: { value: 0 }, text: { field: 'label' } } },
        ],
      },
    ],
  } as TopLevelSpec;
}
