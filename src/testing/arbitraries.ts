import fc from 'fast-check';
import type { CallbackMode, Scenario } from '../model/scenario.js';
import { BUILTIN_POLICY_NAMES } from '../pacing/builtins.js';
import { agents, builtinPacing, callbackSettings, inbound, queue, scenario } from './builders.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** A closed range of whole numbers. */
export interface Range {
  readonly min: number;
  readonly max: number;
}

/** What the scenarios `arbitraryScenario` makes may vary in. */
export interface ScenarioShape {
  /** Callback modes to draw from (default both). */
  readonly modes?: readonly CallbackMode[];
  /** Pacing policies to draw from: built-in names, or specs of modules (default the four built-ins). */
  readonly policies?: ReadonlyArray<string | { name: string; module: string; options?: Record<string, unknown> }>;
  /** Agents on the one queue (default 1–12). */
  readonly agents?: Range;
  /** Simulated hours (default 2–8). */
  readonly hours?: Range;
  /** Inbound calls an hour, whose callers turn into callbacks (default 10–200). */
  readonly perHour?: Range;
  /** Retries after an attempt that did not connect (default 0–20). */
  readonly maxRetryCount?: Range;
}

/**
 * Valid resolved scenarios of one queue whose inbound callers leave
 * callbacks (they take the in-queue offer), with random seed, mode, pacing
 * policy and modifier, retries and delay, agents and their answer time,
 * demand and the live-answer share. Shrinks toward small ones.
 */
export function arbitraryScenario(shape: ScenarioShape = {}): fc.Arbitrary<Scenario> {
  const range = (r: Range | undefined, fallback: Range) => fc.integer({ min: (r ?? fallback).min, max: (r ?? fallback).max });
  const policies = shape.policies ?? BUILTIN_POLICY_NAMES;
  return fc
    .record({
      seed: fc.integer({ min: 0, max: 1_000_000 }),
      mode: fc.constantFrom(...(shape.modes ?? (['AgentFirst', 'CustomerFirst'] as const))),
      policy: fc.constantFrom(...policies),
      pacingModifier: fc.integer({ min: 10, max: 100 }).map((x) => x / 10),
      maxRetryCount: range(shape.maxRetryCount, { min: 0, max: 20 }),
      retryDelayMinutes: fc.integer({ min: 1, max: 90 }),
      agentCount: range(shape.agents, { min: 1, max: 12 }),
      /** Mean seconds an agent takes to answer an offer (0: at once; above the 8 s alerting timeout, offers are often missed). */
      answerSeconds: fc.integer({ min: 0, max: 12 }),
      perHour: range(shape.perHour, { min: 10, max: 200 }),
      acceptance: fc.double({ min: 0.2, max: 1, noNaN: true }),
      live: fc.double({ min: 0.05, max: 0.9, noNaN: true }),
      hours: range(shape.hours, { min: 2, max: 8 }),
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
                pacing: typeof p.policy === 'string' ? builtinPacing(p.policy) : { name: p.policy.name, module: p.policy.module, options: p.policy.options ?? {} },
                pacingModifier: p.pacingModifier,
                maxRetryCount: p.maxRetryCount,
                retryDelay: p.retryDelayMinutes * MINUTE,
              }),
            }),
          ],
          agents: [
            agents('a', p.agentCount, ['q'], {
              answerTime: p.answerSeconds === 0 ? { kind: 'constant', value: 0 } : { kind: 'exponential', mean: p.answerSeconds * 1000 },
            }),
          ],
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
}
