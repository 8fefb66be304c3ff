/**
 * The scenario file format as one zod schema: the validator, the defaults and
 * (through `z.toJSONSchema`) the published JSON Schema all come from here.
 * Parsing yields the file's values with defaults filled in and durations in
 * ms; `resolveScenario` then applies the defaults that depend on other fields.
 */
import { z } from 'zod';
import { DIAL_OUTCOMES, type AttemptFailure, type DialOutcome } from '../model/scenario.js';
import { formatDuration } from '../model/duration.js';
import { distributionField, distributionMax } from './distribution.js';
import { booleanField, durationField, enumField, numberField, probabilityField, textField } from './fields.js';
import { VALUE, message, missing } from './messages.js';
import { hourlyField } from './rates.js';
import { scheduleField } from './schedule.js';
import { didYouMean } from './suggest.js';
import { isTimeZone, parseStart, repairStart } from './time.js';

/** The start used when a file names none. */
export const DEFAULT_START = '2026-01-05T00:00:00Z';

/** Dial outcome probabilities used when a file has no `callee.outcomes`. */
export const DEFAULT_OUTCOMES = { live: 0.62, machine: 0.18, noAnswer: 0.14, busy: 0.04, invalid: 0.02, fax: 0 };

/** Failures that can be listed in `retryOn`. */
export const ATTEMPT_FAILURES = ['noAnswer', 'busy', 'machine', 'invalid', 'fax', 'abandonedAfterAnswer'] as const satisfies readonly AttemptFailure[];

/** Failures retried when a queue names no `retryOn`. */
export const DEFAULT_RETRY_ON: readonly AttemptFailure[] = ['noAnswer', 'busy', 'machine', 'abandonedAfterAnswer'];

const E164 = /^\+\d{8,15}$/;

/** A plausible E.164 spelling of a phone number written without `+`, with separators, or unquoted. */
function repairE164(input: unknown): string | undefined {
  if (typeof input !== 'string' && typeof input !== 'number') return undefined;
  const digits = String(input).replace(/[\s().-]/g, '');
  const fixed = digits.startsWith('+') ? digits : `+${digits}`;
  return E164.test(fixed) ? fixed : undefined;
}

const idText = { regex: /^[A-Za-z0-9_.-]+$/, words: 'an id of letters, digits, "_", "." or "-"' };

const startField = z
  .string({
    error: (iss) =>
      iss.input == null ? missing(iss.input, 'an ISO date-time') : `${VALUE} is not an ISO date-time with an offset, such as 2026-03-02T08:00:00-05:00`,
  })
  .transform((text, ctx) => {
    const instant = parseStart(text);
    if (!instant) {
      const fix = repairStart(text);
      ctx.addIssue({
        code: 'custom', input: text,
        message: message(`${VALUE} is not an ISO date-time with an offset (Z or ±HH:MM), such as 2026-03-02T08:00:00-05:00`, fix && `did you mean "${fix}"?`),
      });
      return z.NEVER;
    }
    return { text, ...instant };
  })
  .meta({ description: 'when the simulation starts; an ISO date-time with Z or an offset', type: 'string', format: 'date-time' });

const timeZoneField = z
  .string({ error: () => `${VALUE} is not a time zone name such as America/New_York` })
  .check((ctx) => {
    if (!isTimeZone(ctx.value)) {
      ctx.issues.push({
        code: 'custom', input: ctx.value,
        message: message(`${VALUE} is not a known IANA time zone, such as America/New_York or Europe/London`, didYouMean(ctx.value, Intl.supportedValuesOf('timeZone'))),
      });
    }
  })
  .meta({ description: 'IANA time zone for shifts and hourly profiles; when absent, the fixed offset of start' });

const callbackSchema = z
  .strictObject({
    mode: enumField('Agent First reserves an agent who then dials; Customer First dials the customer first', ['AgentFirst', 'CustomerFirst']).prefault('AgentFirst'),
    pacingModifier: numberField('Customer First dialing pace (decimals allowed)', { min: 1, max: 10 }).prefault(1),
    pacing: enumField('Customer First pacing policy', ['genesys', 'ratio', 'progressive', 'adaptive']).prefault('genesys'),
    maxRetryCount: numberField('retries after an attempt that did not connect', { min: 0, max: 20, int: true }).prefault(0),
    retryDelay: durationField('time between attempts', { min: '1m', max: '24h' }).prefault('10m'),
    enableAutoAnswer: booleanField('the agent answers a callback as soon as it is offered').prefault(false),
    enableAutoDialAndEnd: booleanField('dial autoDialDelay after the agent connects and end autoEndDelay after the call').prefault(false),
    autoDialDelay: durationField('delay before the automatic dial', { min: '0s', max: '1200s' }).prefault('300s'),
    autoEndDelay: durationField('delay before the automatic end', { min: '0s', max: '1200s' }).prefault('300s'),
    alertingTimeout: durationField('how long an offer rings an agent before it goes to the next', { min: '7s', max: '59s' }).prefault('8s'),
    liveVoiceReactionType: enumField('Customer First reaction to a live voice', ['TransferToQueue', 'HangUp', 'TransferToFlow']).prefault('TransferToQueue'),
    answeringMachineReactionType: enumField('Customer First reaction to an answering machine', ['HangUp', 'TransferToQueue', 'TransferToFlow']).prefault('HangUp'),
    agentOwnedCallbacks: z
      .strictObject({
        enabled: booleanField('scheduled callbacks may be owned by an agent').prefault(false),
        maxOwnership: durationField('how long an owned callback waits for its owner', { min: '1h', max: '30d' }).prefault('24h'),
        assignToQueueOnExpiration: booleanField('an expired owned callback goes to the queue (else it is disconnected)').prefault(true),
      })
      .prefault({}),
    preserveSkillsAndPriority: booleanField("callbacks keep the original interaction's skills and priority").prefault(false),
    outboundRoute: textField('Customer First outbound route (site or edge group)').optional(),
    priority: numberField("routing priority of callbacks; default the queue's priority", { int: true }).optional(),
    retryOn: z
      .array(enumField('a failure that is retried', ATTEMPT_FAILURES))
      .prefault([...DEFAULT_RETRY_ON])
      .meta({ description: 'failures after which a retry is made while retries remain' }),
    answeredPosition: enumField('Customer First: where a customer who answered waits for an agent', ['original', 'front', 'back']).prefault('original'),
    adaptiveTarget: probabilityField('adaptive pacing: the abandon-after-answer rate to hold under; default 0.03').optional(),
    talkTime: distributionField("talk time of a connected callback; default the inbound stream's").optional(),
    wrapUp: distributionField("after-call work of a callback; default the inbound stream's").optional(),
  })
  .prefault({})
  .meta({ description: 'queue callback settings (names mirror the Genesys queue API)' });

const queueSchema = z.strictObject({
  id: textField('queue id, unique', idText),
  name: textField('display name; default the id').optional(),
  ani: textField('the number callbacks dial out with', { regex: E164, words: 'an E.164 number: "+" then 8 to 15 digits, such as "+15550100100"', fix: repairE164 }),
  priority: numberField('routing priority of inbound calls (higher first)', { int: true }).prefault(0),
  serviceLevel: z
    .strictObject({
      percentage: numberField('target share answered within duration', { min: 0, max: 100 }).prefault(80),
      duration: durationField('service level threshold', { min: '0s', minExclusive: true }).prefault('20s'),
    })
    .prefault({}),
  callback: callbackSchema,
});

const queueRef = textField('a queue id', idText);

const agentSchema = z.strictObject({
  group: textField('agent group name, unique', idText),
  count: numberField('number of agents', { min: 0, max: 100000, int: true }),
  queues: z.array(queueRef).min(1, { error: () => `${VALUE} is empty; list at least one queue id` }).meta({ description: 'ids of the queues these agents serve' }),
  schedule: scheduleField,
  answerTime: distributionField('time from an offer to the agent answering (without auto-answer)').prefault('0s'),
  dialTime: distributionField('time an Agent First agent takes to place the call (without auto-dial)').prefault('5s'),
  notRespondingTime: durationField('how long an agent who missed an offer stays Not Responding', { min: '0s' }).prefault('30s'),
});

const inboundSchema = z.strictObject({
  queue: queueRef,
  arrivals: z.strictObject({ poisson: z.strictObject({ perHour: hourlyField('Poisson arrival rate by local hour', 'calls per hour', 0) }) }),
  talkTime: distributionField('talk time of an answered call'),
  wrapUp: distributionField('after-call work').prefault('0s'),
  patience: distributionField('how long a caller waits before hanging up; omit for callers who never hang up').optional(),
  callbackOffer: z
    .strictObject({
      afterWait: durationField('wait after which the caller is offered a callback', { min: '0s' }),
      acceptance: probabilityField('probability the caller accepts'),
      queue: queueRef.optional().meta({ description: "queue the callback is created on; default the call's own queue" }),
    })
    .optional(),
});

const callbackRequestSchema = z
  .strictObject({
    queue: queueRef,
    arrivals: z.strictObject({ poisson: z.strictObject({ perHour: hourlyField('Poisson request rate by local hour', 'requests per hour', 0) }) }),
    talkTime: distributionField('talk time once the customer is connected to an agent'),
    wrapUp: distributionField('after-call work').prefault('0s'),
  })
  .meta({ description: 'a stream of callback requests (web form, app, callback API): callbacks due at once' });

/** Outcome probabilities: missing outcomes are 0; the given ones must sum to 1. */
function outcomesField(about: string) {
  const shape = Object.fromEntries(DIAL_OUTCOMES.map((o) => [o, probabilityField(`probability of ${o}`).prefault(0)]));
  return z
    .strictObject(shape as Record<DialOutcome, (typeof shape)[string]>)
    .check((ctx) => {
      const sum = DIAL_OUTCOMES.reduce((s, o) => s + ctx.value[o], 0);
      if (Math.abs(sum - 1) > 1e-6) {
        const terms = DIAL_OUTCOMES.filter((o) => ctx.value[o] > 0).map((o) => `${o} ${ctx.value[o]}`).join(' + ');
        ctx.issues.push({
          code: 'custom', input: ctx.value,
          message: `the probabilities sum to ${Number(sum.toFixed(9))} (${terms || 'nothing'}); they must sum to 1`,
        });
      }
    })
    .meta({ description: `${about}; each 0 to 1, missing ones 0, summing to 1` });
}

const calleeSchema = z
  .strictObject({
    outcomes: outcomesField('probability of each dial outcome').prefault(DEFAULT_OUTCOMES),
    outcomesByAttempt: z
      .array(outcomesField('outcome probabilities of one attempt'))
      .prefault([])
      .meta({ description: 'outcome probabilities of attempts 1, 2, …; the last applies to later attempts; empty means outcomes always' }),
    liveByHour: hourlyField('reachability by local hour: multiplier of the chance of a live answer (the difference becomes no answer)', 'a multiplier', 1)
      .optional(),
    answeringMachineDetection: z
      .strictObject({
        liveAsMachine: probabilityField('probability that a live person is taken for a machine').prefault(0),
        machineAsLive: probabilityField('probability that a machine is taken for a live person').prefault(0),
      })
      .prefault({})
      .meta({ description: 'answering-machine detection errors; default perfect detection' }),
    voicemailMessageTime: durationField('time an agent spends leaving a message on a machine taken for a live person', { min: '0s' }).prefault('30s'),
    ringTime: distributionField('time from dial to answer').prefault({ uniform: { min: '4s', max: '20s' } }),
    ringTimeout: durationField('an unanswered dial is given up as no answer after this', { min: '0s', minExclusive: true }).prefault('30s'),
    signalTime: durationField('time from dial to a busy or special-information tone', { min: '0s' }).prefault('3s'),
    patienceAfterAnswer: distributionField('how long a live customer who answered waits for an agent').prefault({ exponential: { mean: '20s' } }),
  })
  .check((ctx) => {
    const max = distributionMax(ctx.value.ringTime);
    if (max !== undefined && ctx.value.ringTimeout <= max) {
      ctx.issues.push({
        code: 'custom', input: formatDuration(ctx.value.ringTimeout), path: ['ringTimeout'],
        message: `${VALUE} does not exceed the longest ring time (${formatDuration(max)}); ringTimeout must be more than ringTime's maximum`,
      });
    }
  })
  .prefault({})
  .meta({ description: 'how called-back customers respond to a dial' });

/** The schema of a scenario file (YAML or JSON). */
export const scenarioFileSchema = z
  .strictObject({
    name: textField('scenario name'),
    description: textField('what the scenario is for').optional(),
    seed: numberField('random seed', { min: 0, max: Number.MAX_SAFE_INTEGER, int: true }).prefault(1),
    start: startField.prefault(DEFAULT_START),
    timeZone: timeZoneField.optional(),
    duration: durationField('simulated horizon', { min: '0s', minExclusive: true, max: '400d' }),
    warmup: durationField('arrivals before this are not counted in KPIs; less than duration', { min: '0s' }).prefault('0s'),
    queues: z.array(queueSchema).min(1, { error: () => `${VALUE} is empty; list at least one queue` }),
    agents: z.array(agentSchema).prefault([]),
    inbound: z.array(inboundSchema).prefault([]),
    callbackRequests: z.array(callbackRequestSchema).prefault([]),
    callee: calleeSchema,
  })
  .meta({ title: 'cbsim scenario', description: 'A contact-center callback scenario for cbsim' });

/** A scenario file after validation: defaults filled in, durations in ms. */
export type ScenarioFile = z.output<typeof scenarioFileSchema>;
