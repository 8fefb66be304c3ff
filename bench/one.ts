/**
 * Runs one benchmark line in this process and prints its measurement as one
 * JSON line on stdout. run.ts spawns one of these per line, so that peak RSS
 * is the peak of that line alone.
 *
 *   node --import tsx bench/one.ts <workload> [--days N] [--runs N] [--engine NAME]
 *   node --import tsx bench/one.ts transition [--runs N] [--engine NAME]
 *   node --expose-gc --import tsx bench/one.ts <memory line> [--engine NAME]
 */
import { parseArgs } from 'node:util';
import { measureMemory, measureWorkload, parseDays } from './measure.js';
import { measureTransition } from './transition-line.js';
import { memoryLine, TRANSITION } from './workloads.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    days: { type: 'string' },
    runs: { type: 'string', default: '1' },
    engine: { type: 'string' },
  },
});

if (positionals.length !== 1) {
  process.stderr.write('usage: node [--expose-gc] --import tsx bench/one.ts <line> [--days N] [--runs N] [--engine NAME]\n');
  process.exit(2);
}
const [name] = positionals;
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer, got ${values.runs}`);
const days = values.days === undefined ? undefined : parseDays(values.days);
const measurement =
  name === TRANSITION
    ? measureTransition(runs, values.engine)
    : memoryLine(name)
      ? measureMemory(name, values.engine)
      : measureWorkload(name, days, runs, values.engine);
process.stdout.write(`${JSON.stringify(measurement)}\n`);
