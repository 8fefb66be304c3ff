import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../src/model/scenario.js';
import { simulate } from '../../src/runner/simulate.js';
import { parseScenario } from '../../src/scenario/index.js';
import { agents, arbitraryPermitScenario, arbitraryScenario, inbound, queue, scenario } from '../../src/testing/index.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const SCENARIOS = join(import.meta.dirname, '../../scenarios');

/** The `--json` output of a run, with the engine's name (the one field allowed to differ) blanked. */
function output(s: Scenario, engine: 'compiled' | 'xstate'): string {
  const result = simulate(s, { engine });
  expect(result.engine).toBe(engine);
  return JSON.stringify({ ...result, engine: '' });
}

/** A random small contact center whose inbound callers turn into callbacks (the testing kit's), with or without auto dial and end. */
const scenarioArb = fc
  .tuple(arbitraryScenario(), fc.boolean())
  .map(([s, autoDialAndEnd]): Scenario => ({ ...s, queues: s.queues.map((q) => ({ ...q, callback: { ...q.callback, enableAutoDialAndEnd: autoDialAndEnd } })) }));

describe('whole runs are byte-identical under the compiled and the XState engine', () => {
  const files = readdirSync(SCENARIOS).filter((f) => /\.(ya?ml|json)$/.test(f));

  it('finds the bundled scenarios', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  for (const file of files) {
    it(`bundled scenario ${file} (first day)`, () => {
      const { scenario: parsed } = parseScenario(readFileSync(join(SCENARIOS, file), 'utf8'), file);
      const s: Scenario = { ...parsed, duration: Math.min(parsed.duration, DAY), warmup: Math.min(parsed.warmup, DAY / 4) };
      expect(output(s, 'compiled')).toBe(output(s, 'xstate'));
    });
  }

  it('random small scenarios with dial permit rules (calling hours, customer zones, redial lockout)', () => {
    fc.assert(
      fc.property(arbitraryPermitScenario({ hours: { min: 6, max: 20 }, perHour: { min: 10, max: 60 } }), (s) => {
        expect(output(s, 'compiled')).toBe(output(s, 'xstate'));
      }),
      { numRuns: 15 },
    );
  });

  it('random small scenarios', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        expect(output(s, 'compiled')).toBe(output(s, 'xstate'));
      }),
      { numRuns: 25 },
    );
  });

  it('random small scenarios on an outbound route with few lines (dials wait in placing for a line)', () => {
    const onRoute = fc.tuple(scenarioArb, fc.integer({ min: 1, max: 4 })).map(([s, lines]): Scenario => ({
      ...s,
      queues: s.queues.map((q) => ({ ...q, callback: { ...q.callback, outboundRoute: 'edge' } })),
      outboundRoutes: [{ id: 'edge', lines }],
    }));
    let waited = 0;
    fc.assert(
      fc.property(onRoute, (s) => {
        const compiled = output(s, 'compiled');
        expect(compiled).toBe(output(s, 'xstate'));
        waited += (JSON.parse(compiled) as { kpis: { routes: { edge: { dialsWaitedForLine: number } } } }).kpis.routes.edge.dialsWaitedForLine;
      }),
      // A fixed seed, so that the dials counted below are the same on every run (unseeded, a run once had no dial wait for a line at all).
      { numRuns: 20, seed: 0x5eed },
    );
    expect(waited).toBeGreaterThan(0);
  });

  it('the compiled engine is the default', () => {
    const s = scenario({ duration: HOUR, queues: [queue('q')], agents: [agents('a', 1, ['q'])], inbound: [inbound('q', 10, { kind: 'constant', value: MINUTE })] });
    expect(simulate(s).engine).toBe('compiled');
  });
});
