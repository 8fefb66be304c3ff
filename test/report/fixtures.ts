import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseScenario } from '../../src/scenario/index.js';
import { simulate, type RunResult } from '../../src/runner/simulate.js';
import { parseAxis, type SweepAxis, type SweepManifest, type SweepRow } from '../../src/runner/sweep-plan.js';
import { planSweep, sweepTasks } from '../../src/runner/sweep.js';
import { CellScenarios, type SweepJob } from '../../src/runner/sweep-task.js';
import { runTask } from '../../src/runner/task-run.js';
import type { Scenario } from '../../src/model/scenario.js';
import { ROOT } from '../helpers/cli.js';
import { VERSION } from '../../src/runner/version.js';

/** A sweep made the way `cbsim sweep` makes one (same planner and task runner), in this process. */
export interface SweepFixture {
  manifest: SweepManifest;
  rows: SweepRow[];
}

const scratchDirs: string[] = [];

/** Removes the temporary files the fixtures made (call from `afterAll`). */
export function removeFixtureFiles(): void {
  for (const dir of scratchDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/**
 * The bundled Customer First scenario with a 4-hour warmup (so that a 1-day
 * horizon is allowed and runs are quick), written to a temporary file; returns its path.
 * Remove it with {@link removeFixtureFiles}.
 */
export function quickScenario(): string {
  const text = readFileSync(join(ROOT, 'scenarios/customer-first-pacing.yaml'), 'utf8').replace(/^warmup: 1d$/m, 'warmup: 4h');
  const dir = mkdtempSync(join(tmpdir(), 'cbsim-scenario-'));
  scratchDirs.push(dir);
  const path = join(dir, 'customer-first-quick.yaml');
  writeFileSync(path, text);
  return path;
}

/** Runs a sweep of scenario `file` (absolute, or relative to the repository root) over the `--set` axes. */
export function makeSweep(file: string, sets: string[], replications: number, duration: string): SweepFixture {
  const text = readFileSync(resolve(ROOT, file), 'utf8');
  const base = parseScenario(text, file, { duration }).scenario;
  const axes = sets.map((s) => parseAxis(s) as SweepAxis);
  const manifest = planSweep({ file, scenario: base, version: VERSION, axes, replications, engine: 'compiled', duration });
  const job: SweepJob = { text, file, duration, engine: 'compiled' };
  const scenarios = new CellScenarios(job);
  return { manifest, rows: sweepTasks(manifest).map((task) => runTask(job.engine, task, scenarios.of(task))) };
}

/** Writes a sweep directory (`sweep.json` and `rows.jsonl`) as the sweep command does. */
export function writeSweepDir(dir: string, sweep: SweepFixture, rows: readonly SweepRow[] = sweep.rows): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'sweep.json'), `${JSON.stringify(sweep.manifest, null, 2)}\n`);
  writeFileSync(join(dir, 'rows.jsonl'), rows.map((r) => `${JSON.stringify(r)}\n`).join(''));
}

/** One run of a scenario file with intervals and its day profile. */
export function runScenario(file: string, overrides: { duration?: string; set?: string[] } = {}): { result: RunResult; scenario: Scenario } {
  const text = readFileSync(resolve(ROOT, file), 'utf8');
  const scenario = parseScenario(text, file, overrides).scenario;
  return { result: simulate(scenario, { profile: true }), scenario };
}

/** The markup of the figure with id `id` (its heading, SVG and caption), or '' when there is none. */
export function figureOf(html: string, id: string): string {
  const match = new RegExp(`<figure id="${id}"[\\s\\S]*?</figure>`).exec(html);
  return match ? match[0] : '';
}

/** How many times `needle` occurs in `text`. */
export function occurrences(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

/**
 * What keeps a document from being self-contained and inert: scripts,
 * external resources, event handlers, references that leave the page. Empty
 * when there is nothing.
 */
export function selfContainedProblems(html: string): string[] {
  const problems: string[] = [];
  if (!html.startsWith('<!DOCTYPE html>')) problems.push('no doctype');
  const tags = html.match(/<[a-zA-Z][^>]*>/g) ?? [];
  for (const tag of tags) {
    const name = /^<([a-zA-Z0-9:-]+)/.exec(tag)![1].toLowerCase();
    if (['script', 'link', 'iframe', 'object', 'embed', 'img', 'image', 'foreignobject', 'use', 'base', 'meta'].includes(name) && !/^<meta (charset|name="viewport")/.test(tag)) problems.push(`element: ${tag.slice(0, 80)}`);
    if (/\son[a-z]+\s*=/i.test(tag)) problems.push(`event handler: ${tag.slice(0, 80)}`);
    if (/\s(?:src|href|xlink:href|action|srcset)\s*=/i.test(tag)) problems.push(`reference: ${tag.slice(0, 80)}`);
  }
  if (/@import/i.test(html)) problems.push('@import');
  for (const [, target] of html.matchAll(/url\(([^)]*)\)/g)) if (!target.startsWith('#')) problems.push(`url(${target})`);
  return problems;
}
