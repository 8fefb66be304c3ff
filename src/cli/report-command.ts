import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import chalk from 'chalk';
import { Command } from 'commander';
import type { Scenario } from '../model/scenario.js';
import type { RunReportOptions, SweepReportOptions } from '../report/index.js';
import type { ReplicatedResult } from '../runner/replicate.js';
import type { RunResult } from '../runner/simulate.js';
import type { SweepManifest, SweepRow } from '../runner/sweep-plan.js';
import { readRows, SWEEP_FILES, SweepStoreError } from '../runner/sweep-store.js';
import { CliError } from './errors.js';
import { loadScenario } from './load-scenario.js';
import { checkOutputFile, writeOutputFile } from './output-file.js';
import type { Output } from './run-command.js';
import { COMMAND_DESCRIPTIONS } from './command-list.js';

interface ReportOptions {
  out?: string;
  force?: boolean;
  queue?: string;
  cell?: string[];
}

/** A sweep directory as read: its manifest, its finished rows, and the bytes of a partial last line left out. */
export interface SweepDir {
  manifest: SweepManifest;
  rows: SweepRow[];
  /** Bytes of a partial last line of `rows.jsonl` (a sweep killed mid-write), not reported. */
  partialBytes: number;
}

/** Reads `DIR/sweep.json`; a missing directory or a missing or malformed manifest is a `CliError` (status 2). */
function readManifest(dir: string): SweepManifest {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new CliError(`${dir}: no such directory`);
  const manifestPath = join(dir, SWEEP_FILES.manifest);
  if (!existsSync(manifestPath)) throw new CliError(`${dir}: not a sweep directory (no ${SWEEP_FILES.manifest}); make one with cbsim sweep FILE --set … --out ${dir}`);
  let manifest: SweepManifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as SweepManifest;
  } catch (error) {
    throw new CliError(`${manifestPath}: not valid JSON: ${(error as Error).message}`);
  }
  if (manifest?.format !== 1 || !Array.isArray(manifest.axes) || !Array.isArray(manifest.cells)) {
    throw new CliError(`${manifestPath}: not a sweep manifest of format 1`);
  }
  return manifest;
}

/** Reads `DIR/sweep.json` and `DIR/rows.jsonl`; a missing or malformed directory is a `CliError` (status 2). */
export function readSweepDir(dir: string): SweepDir {
  const manifest = readManifest(dir);
  try {
    const { rows, partialBytes } = readRows(join(dir, SWEEP_FILES.rows));
    return { manifest, rows, partialBytes };
  } catch (error) {
    if (error instanceof SweepStoreError) throw new CliError(error.message);
    throw error;
  }
}

/**
 * Refuses (exit 2), before any work, a report path that cannot be written: a
 * directory, a missing or read-only directory, or an existing file without
 * `force` (see `checkOutputFile`).
 */
export function checkReportPath(option: string, path: string, force = false): void {
  checkOutputFile(option, path, { force });
}

/**
 * Writes the HTML report of one run or of replications to `path` (for
 * `cbsim run … --report FILE`). The result should come from a run with
 * intervals or `profile: true` for the day chart; a replicated result has no
 * profile of its own, pass the replications' profiles in `options.profiles`.
 */
export async function writeRunReport(result: RunResult | ReplicatedResult, scenario: Scenario, path: string, options: RunReportOptions = {}): Promise<void> {
  // The report module (and its charting library) is loaded only when a report is written.
  const { runReport } = await import('../report/index.js');
  writeOutputFile('--report', path, await runReport(result, scenario, options), true);
}

/** Options of {@link writeSweepReport}: the report's own, and where to print notes. */
export type WriteSweepReportOptions = Omit<SweepReportOptions, 'scenario'> & {
  notes?: (text: string) => void;
  /** The option that named the path, for messages (default `--out`). */
  option?: string;
  /** Whether results were printed before the report is written (said when the write fails). */
  afterResults?: boolean;
};

/**
 * Writes the HTML report of sweep directory `dir` to `path` (for `cbsim
 * report DIR` and `cbsim sweep … --report`). Reads the scenario file the
 * manifest names, when it can, for its settings. Returns the rows reported.
 */
export async function writeSweepReport(dir: string, path: string, options: WriteSweepReportOptions = {}): Promise<{ rows: number }> {
  const { manifest, rows, partialBytes } = readSweepDir(dir);
  const notes = options.notes ?? (() => {});
  if (rows.length === 0) throw new CliError(`${dir}: no finished rows in ${SWEEP_FILES.rows} yet`);
  if (partialBytes > 0) notes(`a partial last line of ${join(dir, SWEEP_FILES.rows)} (${partialBytes} bytes, a run still being written or killed) is left out`);
  const queues = Object.keys(rows[0].kpis.queues);
  if (options.queue !== undefined && !queues.includes(options.queue)) throw new CliError(`--queue: no queue "${options.queue}"; the sweep has ${queues.join(', ')}`);
  const scenario = sweepScenario(manifest, notes);
  const { sweepReport } = await import('../report/index.js');
  writeOutputFile(options.option ?? '--out', path, await sweepReport(manifest, rows, { queue: options.queue, cells: options.cells, scenario }), options.afterResults);
  return { rows: rows.length };
}

/** The sweep's scenario with its seed and horizon overrides, or undefined (with a note) when its file cannot be read. */
function sweepScenario(manifest: SweepManifest, notes: (text: string) => void): Scenario | undefined {
  try {
    return loadScenario(manifest.file, { seed: String(manifest.seed), duration: manifest.duration ?? undefined, warmup: manifest.warmup }).scenario;
  } catch {
    notes(`cannot read the scenario file ${manifest.file}; the report shows the sweep's own settings only`);
    return undefined;
  }
}

/** Cell indexes named by `--cell` (an index or a label such as `pacingModifier=5`). */
function cellOption(values: readonly string[], manifest: SweepManifest): number[] {
  return values.flatMap((text) =>
    text.split(',').map((part) => {
      const value = part.trim();
      const byLabel = manifest.cells.find((c) => c.label === value);
      if (byLabel) return byLabel.index;
      if (/^\d+$/.test(value) && Number(value) < manifest.cells.length) return Number(value);
      throw new CliError(`--cell: no cell "${value}"; give an index 0–${manifest.cells.length - 1} or a label: ${manifest.cells.map((c) => c.label).join(', ')}`);
    }),
  );
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** `cbsim report DIR`: write the HTML report of a sweep directory. */
export function reportCommand(out: Output): Command {
  return new Command('report')
    .description(COMMAND_DESCRIPTIONS.report)
    .argument('<dir>', 'sweep directory (sweep.json and rows.jsonl, as written by cbsim sweep --out DIR)')
    .option('--out <file>', 'where to write the report (default DIR/report.html); an existing file is kept unless --force')
    .option('--force', 'overwrite the --out file if it exists')
    .option('--queue <id>', "show this queue's KPIs (default: all queues together)")
    .option('--cell <cell>', 'cell whose day profile and attempts to draw, by index or label, e.g. pacingModifier=5 (repeatable; default the first, middle and last)', collect)
    .addHelpText('after', '\nExamples:\n  $ cbsim report runs/pacing\n  $ cbsim report runs/pacing --out pacing.html --cell pacingModifier=3 --cell pacingModifier=4')
    .action(async (dir: string, options: ReportOptions) => {
      const path = options.out ?? join(dir, 'report.html');
      readManifest(dir);
      checkOutputFile('--out', path, { force: options.force, replaceable: options.out === undefined });
      const cells = options.cell ? cellOption(options.cell, readManifest(dir)) : undefined;
      await writeSweepReport(dir, path, { queue: options.queue, cells, notes: (text) => out.error(chalk.yellow(`note: ${text}`)) });
      out.print(path);
    });
}
