import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../src/model/scenario.js';
import { simulate } from '../../src/runner/simulate.js';
import { parseScenario } from '../../src/scenario/index.js';
import { agents, callbackSettings, inbound, queue, scenario } from '../helpers/scenario.js';

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

/** A random small contact center whose inbound callers turn into callbacks (as in test/property/dialing-rules). */
const scenarioArb = fc
  .record({
    seed: fc.integer({ min: 0, max: 1_000_000 }),
    mode: fc.constantFrom('AgentFirst' as const, 'CustomerFirst' as const),
    pacing: fc.constantFrom('genesys', 'ratio', 'progressive', 'adaptive'),
    pacingModifier: fc.integer({ min: 10, max: 100 }).map((x) => x / 10),
    maxRetryCount: fc.integer({ min: 0, max: 20 }),
    retryDelayMinutes: fc.integer({ min: 1, max: 90 }),
    enableAutoDialAndEnd: fc.boolean(),
    agentCount: fc.integer({ min: 1, max: 12 }),
    perHour: fc.integer({ min: 10, max: 200 }),
    acceptance: fc.double({ min: 0.2, max: 1, noNaN: true }),
    live: fc.double({ min: 0.05, max: 0.9, noNaN: true }),
    hours: fc.integer({ min: 2, max: 8 }),
  })
  .map(
    (p): Scenario =>
      scenario({
        seed: p.seed,
        duration: p.hours * HOUR,
        queues: [
          queue('q', {
            callback: callbackSettings({
              mode: p.mode,
              pacing: p.pacing,
              pacingModifier: p.pacingModifier,
              maxRetryCount: p.maxRetryCount,
              retryDelay: p.retryDelayMinutes * MINUTE,
              enableAutoDialAndEnd: p.enableAutoDialAndEnd,
            }),
          }),
        ],
        agents: [agents('a', p.agentCount, ['q'])],
        inbound: [
          inbound('q', p.perHour, { kind: 'exponential', mean: 4 * MINUTE }, {
            patience: { kind: 'exponential', mean: 5 * MINUTE },
            callbackOffer: { afterWait: 30_000, acceptance: p.acceptance },
          }),
        ],
        callee: {
          ...scenario({ queues: [], agents: [], inbound: [] }).callee,
          outcomes: { live: p.live, machine: (1 - p.live) / 2, noAnswer: (1 - p.live) / 4, busy: (1 - p.live) / 8, invalid: (1 - p.live) / 8, fax: 0 },
        },
      }),
  );

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

  it('random small scenarios', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        expect(output(s, 'compiled')).toBe(output(s, 'xstate'));
      }),
      { numRuns: 25 },
    );
  });

  it('the compiled engine is the default', () => {
    const s = scenario({ duration: HOUR, queues: [queue('q')], agents: [agents('a', 1, ['q'])], inbound: [inbound('q', 10, { kind: 'constant', value: MINUTE })] });
    expect(simulate(s).engine).toBe('compiled');
  });
});
