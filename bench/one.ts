/**
 * Runs one benchmark in this process and prints its measurement as one JSON
 * line on stdout. run.ts spawns one of these per line, so that peak RSS is
 * the peak of that workload alone.
 *
 *   node --import tsx bench/one.ts <erlang-c|agent-first|customer-first|transition> [--days N] [--runs N] [--engine NAME]
 */
import { parseArgs } from 'node:util';
import { measureTransition, measureWorkload, parseDays } from './measure.js';
import { TRANSITION } from './workloads.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    days: { type: 'string' },
    runs: { type: 'string', default: '1' },
    engine: { type: 'string' },
  },
});

if (positionals.length !== 1) {
  process.stderr.write('usage: node --import tsx bench/one.ts <workload> [--days N] [--runs N] [--engine NAME]\n');
  process.exit(2);
}
const [name] = positionals;
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer, got ${values.runs}`);
const days = values.days === undefined ? undefined : parseDays(values.days);
const measurement = name === TRANSITION ? measureTransition(runs) : measureWorkload(name, days, runs, values.engine);
process.stdout.write(`${JSON.stringify(measurement)}\n`);
