/**
 * The long run of the property that `validate` is a gate
 * (test/validation/validate-gate.test.ts): mutated bundled scenarios, through
 * the CLI entry in this process. Prints one summary line, and the first
 * failing case if there is one (exit status 1 then).
 *
 *   node --import tsx bench/fuzz-scenarios.ts --cases 10000 [--seed 1]
 */
import fc from 'fast-check';
import { caseArb, caseText, keepsPromise, runCase, scratch, type CaseOutcome } from '../test/helpers/scenario-mutations.js';

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) {
    process.stderr.write(`${name}: expected a whole number of 1 or more\n`);
    process.exit(2);
  }
  return value;
}

const cases = option('--cases', 10_000);
const seed = option('--seed', 1);
const dir = scratch();
const tally = { validate0: 0, validate2: 0, run0: 0, run2: 0, other: 0 };
let failure: { text: string; outcome: CaseOutcome } | undefined;
const result = await fc.check(
  fc.asyncProperty(caseArb, async (c) => {
    const outcome = await runCase(c, dir.file(c.json));
    if (outcome.validate === 0) tally.validate0++;
    else if (outcome.validate === 2) tally.validate2++;
    if (outcome.run === 0) tally.run0++;
    else if (outcome.run === 2) tally.run2++;
    const ok = keepsPromise(outcome);
    if (!ok) {
      tally.other++;
      failure ??= { text: caseText(c), outcome };
    }
    return ok;
  }),
  { numRuns: cases, seed, endOnFailure: true },
);
dir.dispose();
const ran = tally.validate0 + tally.validate2 + tally.other;
process.stdout.write(
  `fuzz-scenarios  seed ${seed}  cases ${ran}  validate: 0 → ${tally.validate0}, 2 → ${tally.validate2}  run (1 h) of accepted: 0 → ${tally.run0}, 2 → ${tally.run2}  ` +
    `${result.failed ? `FAILED (status ${failure?.outcome.validate}/${failure?.outcome.run ?? '-'})` : 'no case exited 1 or threw'}\n`,
);
if (failure) {
  process.stdout.write(`${failure.outcome.stderr}\n--- case ---\n${failure.text.slice(0, 4000)}\n`);
  process.exit(1);
}
