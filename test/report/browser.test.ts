import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { cli, ROOT } from '../helpers/cli.js';
import { writeFileSync } from 'node:fs';
import { runReport } from '../../src/report/index.js';
import { makeSweep, runScenario, writeSweepDir } from './fixtures.js';

// Debian's chromium package (.ci/run installs it when missing); CBSIM_CHROMIUM points elsewhere.
const CHROMIUM = process.env.CBSIM_CHROMIUM ?? '/usr/bin/chromium';
const found = existsSync(CHROMIUM);
const reason = `no Chromium at ${CHROMIUM}: install it (apt-get install -y chromium) or set CBSIM_CHROMIUM`;
if (!found) console.warn(`test/report/browser.test.ts SKIPPED: ${reason}`);

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** What the page shows of one chart. */
interface ChartSeen {
  id: string;
  width: number;
  height: number;
  /** Visible (non-empty box) graphics by their aria role description: `line mark`, `point`, `errorband`, `bar`, `rule mark`. */
  marks: Record<string, number>;
}

/** A page of Chromium showing `file`, that refuses every request but for files and collects the page's errors. */
async function openInChromium(file: string) {
  const profile = mkdtempSync(join(tmpdir(), 'cbsim-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: ARGS, headless: true, viewport: { width: 1240, height: 900 } });
  const requests: string[] = [];
  const problems: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:')) return route.continue();
    requests.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  return {
    page,
    requests,
    problems,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

describe.skipIf(!found)(`the report in headless Chromium${found ? '' : ` — SKIPPED: ${reason}`}`, () => {
  it('renders every chart with its marks, loads nothing from elsewhere and runs no script', async () => {
    // The README's screenshot: a real sweep of the bundled Customer First scenario over pacing modifiers 1, 3, 5, 10.
    const sweep = makeSweep('scenarios/customer-first-pacing.yaml', ['queues.callbacks.callback.pacingModifier=1,3,5,10'], 2, '2d');
    const dir = mkdtempSync(join(tmpdir(), 'cbsim-browser-'));
    writeSweepDir(dir, sweep);
    const written = await cli('report', dir);
    expect(written.status, written.stderr).toBe(0);
    const file = join(dir, 'report.html');

    const started = performance.now();
    const browser = await openInChromium(file);
    try {
      const { page, requests, problems } = browser;

      const seen = await page.evaluate(() => {
        const box = (e: Element) => e.getBoundingClientRect();
        return {
          scripts: document.scripts.length,
          charts: [...document.querySelectorAll('figure.chart')].map((figure) => {
            const svgs = figure.querySelectorAll('svg');
            const rect = svgs[0] ? box(svgs[0]) : { width: 0, height: 0 };
            const marks: Record<string, number> = {};
            for (const g of figure.querySelectorAll('[aria-roledescription]')) {
              const kind = g.getAttribute('aria-roledescription')!;
              const r = box(g);
              if (svgs.length === 1 && (r.width > 0 || r.height > 0) && getComputedStyle(g).visibility !== 'hidden') marks[kind] = (marks[kind] ?? 0) + 1;
            }
            return { id: figure.id, width: rect.width, height: rect.height, marks, svgs: svgs.length };
          }),
        };
      });

      expect(requests).toEqual([]);
      expect(problems).toEqual([]);
      expect(seen.scripts).toBe(0);
      const ids = seen.charts.map((c) => c.id);
      expect(ids).toEqual(['chart-abandon', 'chart-occupancy', 'chart-day-0', 'chart-day-1', 'chart-day-3', 'chart-attempts']);
      const chart = (id: string) => seen.charts.find((c) => c.id === id) as ChartSeen & { svgs: number };
      for (const c of seen.charts) {
        expect(c.svgs, c.id).toBe(1);
        expect(c.width, c.id).toBeGreaterThan(300);
        expect(c.height, c.id).toBeGreaterThan(150);
      }
      for (const id of ['chart-abandon', 'chart-occupancy']) {
        expect(chart(id).marks.errorband, id).toBe(1); // the 95 % band
        expect(chart(id).marks['line mark'], id).toBe(1); // the mean
        expect(chart(id).marks.point, id).toBe(4); // one per pacing modifier
        expect(chart(id).marks.axis, id).toBe(2);
      }
      expect(chart('chart-abandon').marks['rule mark']).toBe(1); // the 3 % ceiling
      for (const id of ['chart-day-0', 'chart-day-1', 'chart-day-3']) expect(chart(id).marks['line mark'], id).toBe(3);
      const bars = chart('chart-attempts').marks.bar;
      expect(bars).toBeGreaterThanOrEqual(9);
      expect(bars % 3).toBe(0); // the same attempt counts for each of the three cells

      if (process.env.CBSIM_UPDATE_SCREENSHOT === '1') {
        await page.screenshot({ path: join(ROOT, 'docs/report.png'), fullPage: true });
      }
      console.info(`browser check took ${Math.round(performance.now() - started)} ms`);
    } finally {
      await browser.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('renders the scorecard report: a frontier per situation, with every setting of every policy and the ceiling', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cbsim-browser-scorecard-'));
    const written = await cli('scorecard', 'test/fixtures/scenarios/scorecard-small.yaml', '--policies', 'genesys,progressive', '--grid', 'genesys:modifier=1,3', '--grid', 'progressive:modifier=1,1.5', '--replications', '2', '--out', dir, '--no-progress');
    expect(written.status, written.stderr).toBe(0);
    const browser = await openInChromium(join(dir, 'scorecard.html'));
    try {
      const { page, requests, problems } = browser;
      const seen = await page.evaluate(() => ({
        scripts: document.scripts.length,
        tables: document.querySelectorAll('table').length,
        leagueRows: document.querySelectorAll('table.league tbody tr').length,
        charts: [...document.querySelectorAll('figure.chart')].map((figure) => {
          const svg = figure.querySelector('svg')!;
          const marks: Record<string, number> = {};
          for (const g of figure.querySelectorAll('[aria-roledescription]')) {
            const r = g.getBoundingClientRect();
            if (r.width > 0 || r.height > 0) marks[g.getAttribute('aria-roledescription')!] = (marks[g.getAttribute('aria-roledescription')!] ?? 0) + 1;
          }
          return { id: figure.id, width: svg.getBoundingClientRect().width, height: svg.getBoundingClientRect().height, marks };
        }),
      }));
      expect(requests).toEqual([]);
      expect(problems).toEqual([]);
      expect(seen.scripts).toBe(0);
      expect(seen.tables).toBe(2); // overall, and the situation's league table
      expect(seen.leagueRows).toBe(2);
      expect(seen.charts.map((c) => c.id)).toEqual(['chart-frontier-0']);
      const [chart] = seen.charts;
      expect(chart.width).toBeGreaterThan(300);
      expect(chart.height).toBeGreaterThan(150);
      expect(chart.marks.point).toBe(4); // two settings of two policies
      expect(chart.marks['line mark']).toBe(2); // one line per policy
      expect(chart.marks['rule mark']).toBeGreaterThanOrEqual(1); // the intervals and the ceiling
      expect(chart.marks.axis).toBe(2);
    } finally {
      await browser.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('shows a run’s compliance section: the table of windows with verdicts, and the rate by hour with the ceiling as a rule', async () => {
    const { result, scenario } = runScenario('scenarios/customer-first-pacing.yaml', { duration: '3d' });
    const dir = mkdtempSync(join(tmpdir(), 'cbsim-browser-run-'));
    const file = join(dir, 'run.html');
    writeFileSync(file, await runReport(result, scenario));
    const browser = await openInChromium(file);
    try {
      const { page, requests, problems } = browser;
      const seen = await page.evaluate(() => {
        const table = document.querySelector('table.compliance');
        const figure = document.querySelector('figure#chart-compliance');
        const marks: Record<string, number> = {};
        for (const g of figure?.querySelectorAll('[aria-roledescription]') ?? []) {
          const r = g.getBoundingClientRect();
          const kind = g.getAttribute('aria-roledescription')!;
          if (r.width > 0 || r.height > 0) marks[kind] = (marks[kind] ?? 0) + 1;
        }
        const svg = figure?.querySelector('svg')?.getBoundingClientRect();
        return {
          rows: [...(table?.querySelectorAll('tbody tr') ?? [])].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)),
          tableHeight: table?.getBoundingClientRect().height ?? 0,
          chart: { width: svg?.width ?? 0, height: svg?.height ?? 0, marks },
        };
      });
      expect(seen.rows.map((r) => r[1])).toEqual(['whole run', 'US: the run (under 30 days)', 'UK: worst 24 h']);
      for (const r of seen.rows) expect(r.slice(-2)).toEqual(['3.00%', 'fail']);
      expect(seen.tableHeight).toBeGreaterThan(50);
      expect(seen.chart.width).toBeGreaterThan(300);
      expect(seen.chart.height).toBeGreaterThan(150);
      expect(seen.chart.marks['line mark']).toBe(1);
      expect(seen.chart.marks['rule mark']).toBe(1);
      expect(requests).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
