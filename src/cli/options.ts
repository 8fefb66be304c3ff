import type { Command } from 'commander';
import { parseDuration } from '../model/duration.js';
import { DEFAULT_WORK_BUDGET } from '../runner/work-estimate.js';
import { CliError } from './errors.js';
import type { ScenarioLimits } from './load-scenario.js';
import { DEFAULT_MAX_INPUT_BYTES, formatSize, MAX_INPUT_SIZE_ENV, parseSize } from './scenario-input.js';

/** Parses a duration option (`90s`, `4m`, `1h30m`) into ms, or fails naming the option. */
export function durationOption(option: string, text: string, min = 0): number {
  const ms = parseDuration(text);
  if (ms === undefined) throw new CliError(`${option}: "${text}" is not a duration; use a number with a unit, e.g. 90s, 4m, 1h30m, 7d`);
  if (ms < min) throw new CliError(`${option}: ${text} is too short; at least ${min} ms`);
  return ms;
}

/** Parses a number option within `[min, max]`, or fails naming the option and range. */
export function numberOption(option: string, text: string, min: number, max: number, integer = false): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) throw new CliError(`${option}: "${text}" is not a number; allowed ${min} to ${max}`);
  if (integer && !Number.isInteger(value)) throw new CliError(`${option}: ${text} is not a whole number; allowed ${min} to ${max}`);
  if (value < min || value > max) throw new CliError(`${option}: ${text} is out of range; allowed ${min} to ${max}`);
  return value;
}

/** Parses a percentage (`80`, `80%` or `0.8`... as 0.8 only when written with a leading `0.`) into a share 0–1. */
export function percentOption(option: string, text: string): number {
  const trimmed = text.trim();
  const value = trimmed.endsWith('%') ? Number(trimmed.slice(0, -1)) : Number(trimmed);
  if (trimmed === '' || !Number.isFinite(value)) throw new CliError(`${option}: "${text}" is not a percentage; allowed 0% to 100%`);
  const share = trimmed.endsWith('%') || value > 1 ? value / 100 : value;
  if (share < 0 || share > 1) throw new CliError(`${option}: ${text} is out of range; allowed 0% to 100%`);
  return share;
}

/** Parses `N` or a range `A..B` of whole numbers within `[min, max]`. */
export function rangeOption(option: string, text: string, min: number, max: number): [number, number] {
  const match = /^\s*(\d+)\s*(?:\.\.\s*(\d+)\s*)?$/.exec(text);
  if (!match) throw new CliError(`${option}: "${text}" is not a whole number or range like 20..30`);
  const from = numberOption(option, match[1], min, max, true);
  const to = match[2] === undefined ? from : numberOption(option, match[2], min, max, true);
  if (to < from) throw new CliError(`${option}: range ${text} runs backwards`);
  return [from, to];
}

/** Options of the commands that read a scenario: the input size cap and (for those that simulate) the work budget. */
export interface LimitOptions {
  maxInputSize?: string;
  maxEvents?: string;
  maxMemory?: string;
}

/** Adds `--max-input-size` and, when the command simulates, `--max-events` and `--max-memory` (one definition for every command). */
export function addLimitOptions(command: Command, simulates: boolean): Command {
  command.option('--max-input-size <size>', `largest scenario file read, e.g. 64MB (default ${formatSize(DEFAULT_MAX_INPUT_BYTES)}, or ${MAX_INPUT_SIZE_ENV})`);
  if (simulates) {
    command
      .option('--max-events <n>', `refuse a scenario whose run is estimated at more events than this (default ${DEFAULT_WORK_BUDGET.maxEvents.toExponential()})`)
      .option('--max-memory <size>', `refuse a scenario whose run is estimated to need more memory than this (default ${formatSize(DEFAULT_WORK_BUDGET.maxMemoryBytes)})`);
  }
  return command;
}

function sizeOption(option: string, text: string): number {
  const bytes = parseSize(text);
  if (bytes === undefined) throw new CliError(`${option}: "${text}" is not a size; write bytes or a number with KB, MB or GB, e.g. 64MB`);
  return bytes;
}

/** The limits the options (and `CBSIM_MAX_INPUT_SIZE`) give; the work budget only when the command has `--max-events`. */
export function scenarioLimits(commandOptions: object, simulates: boolean): ScenarioLimits {
  const options = commandOptions as LimitOptions;
  const env = process.env[MAX_INPUT_SIZE_ENV];
  const maxInputBytes =
    options.maxInputSize !== undefined ? sizeOption('--max-input-size', options.maxInputSize)
      : env !== undefined && env !== '' ? sizeOption(MAX_INPUT_SIZE_ENV, env)
        : DEFAULT_MAX_INPUT_BYTES;
  if (!simulates) return { maxInputBytes };
  return {
    maxInputBytes,
    work: {
      maxEvents: options.maxEvents === undefined ? DEFAULT_WORK_BUDGET.maxEvents : numberOption('--max-events', options.maxEvents, 1, Number.MAX_SAFE_INTEGER),
      maxMemoryBytes: options.maxMemory === undefined ? DEFAULT_WORK_BUDGET.maxMemoryBytes : sizeOption('--max-memory', options.maxMemory),
    },
  };
}
