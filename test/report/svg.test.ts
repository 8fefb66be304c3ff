import { describe, expect, it } from 'vitest';
import { attemptsChartSpec, bandChartSpec, timeChartSpec } from '../../src/report/chart-specs.js';
import { escapeHtml } from '../../src/report/escape.js';
import { renderSvg, renumberIds } from '../../src/report/svg.js';

describe('escapeHtml', () => {
  it('escapes the five characters that matter in text and attributes', () => {
    expect(escapeHtml(`<a href="x">Tom & Jerry's</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;');
  });
});

describe('renumberIds', () => {
  it('renames ids and their references in order of appearance', () => {
    const svg = '<svg><defs><clipPath id="clip7"><rect/></clipPath><linearGradient id="gradient_3"/></defs><g clip-path="url(#clip7)" fill="url(#gradient_3)"/><g clip-path="url(#clip7)"/></svg>';
    expect(renumberIds(svg, 'c')).toBe('<svg><defs><clipPath id="c-1"><rect/></clipPath><linearGradient id="c-2"/></defs><g clip-path="url(#c-1)" fill="url(#c-2)"/><g clip-path="url(#c-1)"/></svg>');
  });
});

describe('renderSvg', () => {
  const band = bandChartSpec(
    [
      { x: 1, series: '', mean: 0.01, lo: 0.005, hi: 0.015 },
      { x: 2, series: '', mean: 0.02, lo: 0.01, hi: 0.03 },
    ],
    { xTitle: 'pacingModifier', yTitle: 'rate', xNumeric: true, yFormat: '.1%', ceiling: { value: 0.03, label: '3 % ceiling' } },
  );
  const time = timeChartSpec(
    [0, 1, 2].flatMap((i) => ['a', 'b'].map((series) => ({ t: Date.UTC(2026, 0, 5) + i * 1_800_000, series, value: i }))),
    { xTitle: 'local time of day', xFormat: '%H:%M', step: true, panels: true },
  );
  const bars = attemptsChartSpec([1, 2, 3].map((attempts) => ({ attempts, group: 'g', share: attempts / 6, lo: attempts / 8, hi: attempts / 5 })));

  it('renders every chart kind without warnings, the same bytes every time', async () => {
    for (const [name, spec] of Object.entries({ band, time, bars })) {
      const warnings: string[] = [];
      const first = await renderSvg(spec, name, warnings);
      expect(warnings, name).toEqual([]);
      expect(first.startsWith('<svg'), name).toBe(true);
      expect(await renderSvg(spec, name)).toBe(first);
    }
  });

  it('shows times of day as HH:MM in UTC, whatever the process time zone', async () => {
    const svg = await renderSvg(time, 't');
    expect(svg).toContain('>00:00<');
    expect(svg).toContain('>01:00<');
  });

  it('fails on a spec vega cannot draw', async () => {
    await expect(renderSvg({ data: { values: [] }, mark: 'line', encoding: { x: { field: 'x', type: 'quantitative' } }, transform: [{ calculate: 'nosuchfunction()', as: 'y' }] }, 'bad')).rejects.toThrow();
  });
});
