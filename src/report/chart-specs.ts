/** Vega-Lite specs of the report's charts. Pure: data in, spec out. */
import type { TopLevelSpec } from 'vega-lite';

/** One point of a KPI against a sweep axis: the mean and its 95 % confidence band. */
export interface BandPoint {
  x: number | string;
  /** The line it belongs to (values of the other axes), `''` when there is one line. */
  series: string;
  mean: number;
  lo: number;
  hi: number;
}

/** One value of a series over time (ms since the epoch, local wall-clock time written as UTC). */
export interface TimePoint {
  t: number;
  series: string;
  value: number;
}

/** One bar of the attempts distribution: the share of ended callbacks that made `attempts` attempts. */
export interface AttemptsBar {
  attempts: number;
  group: string;
  share: number;
  /** 95 % confidence limits, for replicated results. */
  lo?: number;
  hi?: number;
}

const WIDTH = 520;
const HEIGHT = 230;

/** The look every chart of the reports shares: font, axes, legend, the category colours. */
export const CHART_CONFIG: NonNullable<TopLevelSpec['config']> = {
  background: 'white',
  font: 'Helvetica, Arial, sans-serif',
  axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal', gridColor: '#e6e6e6' },
  legend: { orient: 'bottom', labelFontSize: 11, titleFontSize: 11, titleFontWeight: 'normal', labelLimit: 260 },
  view: { stroke: '#ccc' },
  range: { category: ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'] },
};

/** Options of a KPI-against-axis chart. */
export interface BandChartOptions {
  xTitle: string;
  yTitle: string;
  /** Title of the legend of the lines (the other axes), when there are several. */
  seriesTitle?: string;
  /** Whether the x axis is numeric (a band) or categories (error bars). */
  xNumeric: boolean;
  /** d3 format of the y axis, e.g. `.1%`. */
  yFormat?: string;
  /** A horizontal rule (e.g. `ABANDON_CEILING`, the ceiling of abandonment after answer) and its label. */
  ceiling?: { value: number; label: string };
}

/**
 * A KPI against a sweep axis: the mean as a line with points and its 95 %
 * confidence interval as a band (numeric axis) or error bars (categories),
 * one line per series.
 */
export function bandChartSpec(points: readonly BandPoint[], options: BandChartOptions): TopLevelSpec {
  const several = new Set(points.map((p) => p.series)).size > 1;
  const x = options.xNumeric
    ? { field: 'x', type: 'quantitative' as const, title: options.xTitle, scale: { zero: false }, axis: { tickMinStep: 1 } }
    : { field: 'x', type: 'ordinal' as const, title: options.xTitle, sort: null, axis: { labelAngle: 0 } };
  const color = several ? { color: { field: 'series', type: 'nominal' as const, title: options.seriesTitle ?? null, sort: null } } : {};
  const y = { type: 'quantitative' as const, title: options.yTitle, axis: options.yFormat ? { format: options.yFormat } : {} };
  const layers: object[] = [
    {
      mark: options.xNumeric ? { type: 'errorband', opacity: 0.25 } : { type: 'errorbar', ticks: true },
      encoding: { x, y: { ...y, field: 'lo' }, y2: { field: 'hi' }, ...color },
    },
    {
      mark: { type: 'line', point: { filled: true, size: 40 }, strokeWidth: 2 },
      encoding: { x, y: { ...y, field: 'mean' }, ...color },
    },
  ];
  if (options.ceiling) {
    layers.push({
      data: { values: [{ y: options.ceiling.value, label: options.ceiling.label }] },
      layer: [
        { mark: { type: 'rule', strokeDash: [4, 3], color: '#c00' }, encoding: { y: { field: 'y', type: 'quantitative' } } },
        {
          mark: { type: 'text', align: 'right', dy: -6, color: '#c00', fontSize: 11 },
          encoding: { y: { field: 'y', type: 'quantitative' }, x: { value: WIDTH - 4 }, text: { field: 'label' } },
        },
      ],
    });
  }
  return { config: CHART_CONFIG, width: WIDTH, height: HEIGHT, data: { values: points.map((p) => ({ ...p })) }, layer: layers } as TopLevelSpec;
}

/** Options of a chart over time. */
export interface TimeChartOptions {
  xTitle: string;
  /** Title of the y axis; with `panels`, none (each panel is headed by its series). */
  yTitle?: string;
  /** d3 format of the y axis, e.g. `.0%`. */
  yFormat?: string;
  /** d3 UTC time format of the x axis labels; the default lets vega choose. */
  xFormat?: string;
  /** Draw the lines as steps (figures sampled at the start of each half hour). */
  step?: boolean;
  /** One panel per series, each with its own y scale (for series of very different sizes). */
  panels?: boolean;
}

/** Lines over time, one per series, in one panel or one panel each (e.g. queue lengths over the day, service level per interval). */
export function timeChartSpec(points: readonly TimePoint[], options: TimeChartOptions): TopLevelSpec {
  const panels = options.panels === true;
  const series = [...new Set(points.map((p) => p.series))];
  const encoding: Record<string, object> = {
    x: { field: 't', type: 'temporal', title: options.xTitle, scale: { type: 'utc' }, axis: { labelOverlap: true, ...(options.xFormat ? { format: options.xFormat } : {}) } },
    y: { field: 'value', type: 'quantitative', title: options.yTitle ?? null, axis: { tickCount: panels ? 4 : 8, ...(options.yFormat ? { format: options.yFormat } : {}) } },
    color: { field: 'series', type: 'nominal', title: null, sort: series, ...(panels ? { legend: null } : {}) },
  };
  if (panels) encoding.row = { field: 'series', type: 'nominal', sort: series, title: null, header: { labelAngle: 0, labelOrient: 'top', labelAnchor: 'start', labelFontSize: 12, labelPadding: 2 } };
  return {
    config: CHART_CONFIG,
    width: WIDTH,
    height: panels ? Math.round(HEIGHT / 3) : HEIGHT,
    data: { values: points.map((p) => ({ ...p })) },
    mark: { type: 'line', strokeWidth: 2, interpolate: options.step ? 'step-after' : 'linear' },
    encoding,
    ...(panels ? { resolve: { scale: { y: 'independent' } }, spacing: 10 } : {}),
  } as TopLevelSpec;
}

/** A rate over time, one line per series, with a ceiling drawn as a dashed rule (e.g. the compliance abandon rate by hour). */
export function ceilingChartSpec(points: readonly TimePoint[], options: TimeChartOptions & { ceiling: { value: number; label: string } }): TopLevelSpec {
  const series = [...new Set(points.map((p) => p.series))];
  const x = { field: 't', type: 'temporal', title: options.xTitle, scale: { type: 'utc' }, axis: { labelOverlap: true, ...(options.xFormat ? { format: options.xFormat } : {}) } };
  const y = { field: 'value', type: 'quantitative', title: options.yTitle ?? null, axis: { tickCount: 8, ...(options.yFormat ? { format: options.yFormat } : {}) } };
  const color = { field: 'series', type: 'nominal', title: null, sort: series, ...(series.length > 1 ? {} : { legend: null }) };
  return {
    config: CHART_CONFIG,
    width: WIDTH,
    height: HEIGHT,
    layer: [
      { data: { values: points.map((p) => ({ ...p })) }, mark: { type: 'line', strokeWidth: 2, interpolate: 'step-after' }, encoding: { x, y, color } },
      {
        data: { values: [{ y: options.ceiling.value, label: options.ceiling.label }] },
        layer: [
          { mark: { type: 'rule', strokeDash: [4, 3], color: '#c00' }, encoding: { y: { field: 'y', type: 'quantitative' } } },
          { mark: { type: 'text', align: 'right', dy: -6, color: '#c00', fontSize: 11 }, encoding: { y: { field: 'y', type: 'quantitative' }, x: { value: WIDTH - 4 }, text: { field: 'label' } } },
        ],
      },
    ],
  } as TopLevelSpec;
}

/** The distribution of attempts per ended callback as bars, grouped side by side when there are several groups. */
export function attemptsChartSpec(bars: readonly AttemptsBar[]): TopLevelSpec {
  const several = new Set(bars.map((b) => b.group)).size > 1;
  const withLimits = bars.some((b) => b.lo !== undefined);
  const x = { field: 'attempts', type: 'ordinal' as const, title: 'attempts made by a callback before it ended', axis: { labelAngle: 0 } };
  const group = several
    ? { color: { field: 'group', type: 'nominal' as const, title: null, sort: null }, xOffset: { field: 'group', type: 'nominal' as const, sort: null } }
    : {};
  const y = { type: 'quantitative' as const, title: 'share of ended callbacks', axis: { format: '.0%' } };
  const layers: object[] = [{ mark: { type: 'bar' }, encoding: { x, y: { ...y, field: 'share' }, ...group } }];
  if (withLimits) {
    layers.push({ mark: { type: 'errorbar', ticks: true }, encoding: { x, y: { ...y, field: 'lo' }, y2: { field: 'hi' }, ...(several ? { xOffset: group.xOffset } : {}) } });
  }
  return { config: CHART_CONFIG, width: WIDTH, height: HEIGHT, data: { values: bars.map((b) => ({ ...b })) }, layer: layers } as TopLevelSpec;
}
