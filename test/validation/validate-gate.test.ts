import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { caseArb, caseText, keepsPromise, runCase, scratch } from '../helpers/scenario-mutations.js';

describe('validate is a gate', () => {
  const dir = scratch();
  afterAll(() => dir.dispose());

  it('mutated bundled scenarios exit 0 or 2 from validate, and whatever validate accepts runs (0 or 2) on a 1-hour horizon', async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        const outcome = await runCase(c, dir.file(c.json));
        if (outcome.validate === 0) accepted++;
        expect(keepsPromise(outcome), `${outcome.stderr}\n--- case ---\n${caseText(c).slice(0, 2000)}`).toBe(true);
      }),
      { numRuns: 300, seed: 11 },
    );
    // The mutations must leave some cases valid, or the run half of the property tests nothing.
    expect(accepted).toBeGreaterThan(10);
  }, 60_000);
});
