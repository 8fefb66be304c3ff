import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import chalk from 'chalk';
import { Command } from 'commander';
import { summarizeSweep, summaryCsv } from '../runner/sweep.js';
import type { SweepManifest, SweepRow } from '../runner/sweep-plan.js';
import { describeDifferences, manifestDifferences, readManifest } from '../runner/sweep-manifest.js';
import { readRows, rowKey, SWEEP_FILES, SweepStoreError } from '../runner/sweep-store.js';
import { CliError } from './errors.js';
import type { Output } from './run-command.js';
import { openStore, sweepTable } from './sweep-command.js';
import { COMMAND_DESCRIPTIONS } from './command-list.js';

/** Turns a sweep store's refusal into a CLI error (status 2). */
function storeErrors<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof SweepStoreError) throw new CliError(error.message);
    throw error;
  }
}

/** Reads the manifest of an input directory of a merge; anything but a sweep directory is a CliError. */
function inputManifest(dir: string): SweepManifest {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new CliError(`${dir}: no such directory`);
  const manifestPath = join(dir, SWEEP_FILES.manifest);
  if (!existsSync(manifestPath)) throw new CliError(`${dir}: no ${SWEEP_FILES.manifest}; not a sweep directory`);
  return storeErrors(() => readManifest(manifestPath));
}

/** The first few tasks without a row, as `cell label (replication r)`. */
function missingExamples(manifest: SweepManifest, done: ReadonlyMap<string, SweepRow>, count = 3): string[] {
  const examples: string[] = [];
  for (const cell of manifest.cells) {
    for (let r = 0; r < manifest.replications && examples.length < count; r++) {
      if (!done.has(rowKey({ cell: cell.index, replication: r }))) examples.push(`${cell.label} replication ${r}`);
    }
    if (examples.length >= count) break;
  }
  return examples;
}

/** `cbsim merge DIR… --out DIR`: joins the shards (or partial runs) of one sweep. */
export function mergeCommand(out: Output): Command {
  return new Command('merge')
    .description(COMMAND_DESCRIPTIONS.merge)
    .argument('<dirs...>', 'sweep directories (from cbsim sweep --out … --shard i/n)')
    .requiredOption('--out <dir>', 'the merged sweep directory (new, empty, or one holding the same sweep)')
    .option('--queue <id>', 'queue whose KPIs the table and summary show (default: all queues)')
    .option('--allow-partial', 'accept a merge with rows missing (exit 0, saying how many); without it a merge with rows missing exits 3')
    .addHelpText('after', '\nExample:\n  $ cbsim merge part1 part2 part3 --out all')
    .action((dirs: string[], options: { out: string; queue?: string; allowPartial?: boolean }) => {
      const manifests = dirs.map(inputManifest);
      const manifest = manifests[0];
      const mismatches = dirs.slice(1).flatMap((dir, i) => {
        const differences = manifestDifferences(manifest, manifests[i + 1]);
        return differences.length > 0 ? [`${dir} is not the sweep of ${dirs[0]}:\n${describeDifferences(differences, `${dirs[0]} has`, `${dir} has`)}`] : [];
      });
      if (mismatches.length > 0) throw new CliError(`merge: the directories hold different sweeps, whose rows cannot be mixed; nothing was written\n${mismatches.join('\n')}`);
      const rows = new Map<string, { row: SweepRow; dir: string; line: string }>();
      for (const dir of dirs) {
        const read = storeErrors(() => readRows(join(dir, SWEEP_FILES.rows), manifest));
        for (const row of read.rows) {
          const seen = rows.get(rowKey(row));
          const line = JSON.stringify(row);
          if (seen === undefined) rows.set(rowKey(row), { row, dir, line });
          else if (seen.line !== line) throw new CliError(`merge: cell ${row.cell} replication ${row.replication} differs between ${seen.dir} and ${dir}; one of them was edited; nothing was written`);
        }
        if (read.partialBytes > 0) out.error(chalk.yellow(`${dir}: a partial last line was left out (resume that shard to finish it)`));
      }
      const store = openStore(options.out, manifest, out);
      const queue = options.queue ?? null;
      let cells;
      try {
        for (const { row } of rows.values()) store.append(row);
        store.compact();
        cells = summarizeSweep(manifest, store.done.values());
        store.write(SWEEP_FILES.summary, summaryCsv(manifest, cells, queue));
      } finally {
        store.close();
      }
      const expected = manifest.cells.length * manifest.replications;
      const missing = expected - store.done.size;
      out.print(
        `${chalk.bold(manifest.scenario)}  ${chalk.dim(`merged ${dirs.length} director${dirs.length === 1 ? 'y' : 'ies'}: ${store.done.size} of ${expected} rows${missing > 0 ? ` (${missing} missing)` : ''}`)}\n\n${sweepTable(cells, queue)}`,
      );
      if (missing === 0) return;
      const which = `${missingExamples(manifest, store.done).join(', ')}${missing > 3 ? ', …' : ''}`;
      if (options.allowPartial) {
        out.error(chalk.yellow(`--allow-partial: ${missing} of ${expected} rows are missing (${which}); the summary in ${options.out} covers the ${store.done.size} present`));
        return;
      }
      throw new CliError(
        `merge: ${missing} of ${expected} rows are missing (${which}); ${options.out} holds the ${store.done.size} present. Run or resume the missing shards and merge again, or pass --allow-partial to accept a partial merge`,
        3,
      );
    });
}
