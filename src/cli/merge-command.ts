import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import chalk from 'chalk';
import { Command } from 'commander';
import { summarizeSweep, summaryCsv } from '../runner/sweep.js';
import type { SweepManifest, SweepRow } from '../runner/sweep-plan.js';
import { readRows, rowKey, SWEEP_FILES, SweepStore, SweepStoreError } from '../runner/sweep-store.js';
import { CliError } from './errors.js';
import type { Output } from './run-command.js';
import { sweepTable } from './sweep-command.js';

/** `cbsim merge DIR… --out DIR`: joins the shards (or partial runs) of one sweep. */
export function mergeCommand(out: Output): Command {
  return new Command('merge')
    .description('join the directories of shards of one sweep into one (rows kept once each, summary recomputed)')
    .argument('<dirs...>', 'sweep directories (from cbsim sweep --out … --shard i/n)')
    .requiredOption('--out <dir>', 'the merged sweep directory (new, empty, or one holding the same sweep)')
    .option('--queue <id>', 'queue whose KPIs the table and summary show (default: all queues)')
    .addHelpText('after', '\nExample:\n  $ cbsim merge part1 part2 part3 --out all')
    .action((dirs: string[], options: { out: string; queue?: string }) => {
      let manifest: SweepManifest | null = null;
      const rows = new Map<string, SweepRow>();
      for (const dir of dirs) {
        const manifestPath = join(dir, SWEEP_FILES.manifest);
        if (!existsSync(manifestPath)) throw new CliError(`${dir}: no ${SWEEP_FILES.manifest}; not a sweep directory`);
        const m = JSON.parse(readFileSync(manifestPath, 'utf8')) as SweepManifest;
        manifest ??= m;
        let read;
        try {
          read = readRows(join(dir, SWEEP_FILES.rows));
        } catch (error) {
          if (error instanceof SweepStoreError) throw new CliError(error.message);
          throw error;
        }
        for (const row of read.rows) if (!rows.has(rowKey(row))) rows.set(rowKey(row), row);
        if (read.partialBytes > 0) out.error(chalk.yellow(`${dir}: a partial last line was left out (resume that shard to finish it)`));
      }
      let store: SweepStore;
      try {
        store = new SweepStore(options.out, manifest!);
      } catch (error) {
        if (error instanceof SweepStoreError) throw new CliError(error.message.replace('choose another --out', 'the shards are of different sweeps, or choose another --out'));
        throw error;
      }
      for (const row of rows.values()) if (!store.done.has(rowKey(row))) store.append(row);
      const all = [...store.done.values()];
      const cells = summarizeSweep(manifest!, all);
      const queue = options.queue ?? null;
      store.write(SWEEP_FILES.summary, summaryCsv(manifest!, cells, queue));
      const expected = manifest!.cells.length * manifest!.replications;
      const missing = expected - all.length;
      out.print(
        `${chalk.bold(manifest!.scenario)}  ${chalk.dim(`merged ${dirs.length} director${dirs.length === 1 ? 'y' : 'ies'}: ${all.length} of ${expected} rows${missing > 0 ? ` (${missing} missing)` : ''}`)}\n\n${sweepTable(cells, queue)}`,
      );
    });
}
