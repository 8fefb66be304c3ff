/**
 * The scenario file format as one zod schema: the validator, the defaults and
 * (through `z.toJSONSchema`) the published JSON Schema all come from here.
 * Parsing yields the file's values with defaults filled in and durations in
 * ms; `resolveScenario` then applies the defaults that depend on other fields.
 */
import * as z from 'zod';
import { DIAL_OUTCOMES, MAX_PRIORITY, type AttemptFailure, type DialOutcome } from '../model/scenario.js';
import { ABANDON_CEILING } from '../model/regulation.js';
import { formatDuration } from '../model/duration.js';
import { distributionField, distributionMax } from './distribution.js';
import { booleanField, DURATION_BODY, durationField, enumField, numberField, probabilityField, textField } from './fields.js';
import { VALUE, message, missing } from './messages.js';
import { complianceField } from './compliance-field.js';
import { callingHoursField, doNotCallField, maxAttemptsField, timeZonesField } from './dial-permit-fields.js';
import { pacingField } from './pacing-field.js';
import { hourlyField } from './rates.js';
import { scheduleField } from './schedule.js';
import { didYouMean } from './suggest.js';
import { isTimeZone, parseMoment, parseStart, repairStart } from './time.js';
import { parseDuration } from '../model/duration.js';

/** The start used when a file names none. */
export const DEFAULT_START = '2026-01-05T00:00:00Z';

/** Dial outcome probabilities used when a file has no `callee.outcomes`. */
export const DEFAULT_OUTCOMES = { live: 0.62, machine: 0.18, noAnswer: 0.14, busy: 0.04, invalid: 0.02, fax: 0 };

/** Failures that can be listed in `retryOn`. */
export const ATTEMPT_FAILURES = ['noAnswer', 'busy', 'machine', 'invalid', 'fax', 'abandonedAfterAnswer'] as const satisfies readonly AttemptFailure[];

/** Failures retried when a queue names no `retryOn`. */
export const DEFAULT_RETRY_ON: readonly AttemptFailure[] = ['noAnswer', 'busy', 'machine', 'abandonedAfterAnswer'];

/** An ISO date-time with an offset, as `parseStart` reads it (without anchors, for patterns). */
const ISO_BODY = '\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,3})?)?(?:Z|[+-]\\d{2}:\\d{2})';

const PRIORITY_RANGE = { min: -MAX_PRIORITY, max: MAX_PRIORITY };

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
  .meta({ description: 'when the simulation starts; an ISO date-time with Z or an offset', type: 'string', format: 'date-time', pattern: `^${ISO_BODY}$` });

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

/** Words for the moment forms. */
export const MOMENT_WORDS = 'an ISO date-time such as 2026-03-03T10:00:00-05:00, a day and local time such as 2d09:30, or a duration from the start such as 36h';

/** A moment of the run, resolved against the start and time zone later (see resolve.ts). */
export const momentField = (about: string) =>
  z
    .string({ error: (iss) => (iss.input == null ? missing(iss.input, MOMENT_WORDS) : `${VALUE} is not ${MOMENT_WORDS}`) })
    .transform((text, ctx) => {
      const moment = parseMoment(text, parseDuration);
      if (!moment) {
        ctx.addIssue({ code: 'custom', input: text, message: `${VALUE} is not ${MOMENT_WORDS}` });
        return z.NEVER;
      }
      return moment;
    })
    .meta({ description: `${about}; ${MOMENT_WORDS}`, type: 'string', pattern: `^\\s*(?:${ISO_BODY}|\\d+d\\d{1,2}:\\d{2}|${DURATION_BODY})\\s*$` });

const skillName = textField('a skill name', { regex: /^[A-Za-z0-9_.-]+$/, words: 'a skill name of letters, digits, "_", "." or "-"' });

/** An agent named as `group#index` (index from 1). */
const agentRef = z
  .string({ error: (iss) => (iss.input == null ? missing(iss.input, 'an agent as group#n, e.g. tier1#3') : `${VALUE} is not an agent; write group#n, e.g. tier1#3`) })
  .transform((text, ctx) => {
    const m = /^([A-Za-z0-9_.-]+)#(\d+)$/.exec(text.trim());
    if (!m || Number(m[2]) < 1) {
      ctx.addIssue({ code: 'custom', input: text, message: `${VALUE} is not an agent; write group#n with n from 1, e.g. tier1#3` });
      return z.NEVER;
    }
    return { group: m[1], index: Number(m[2]) - 1 };
  })
  .meta({ description: 'an agent: group name, "#", number within the group from 1 (tier1#3)', type: 'string', pattern: '^\\s*[A-Za-z0-9_.-]+#0*[1-9]\\d*\\s*$' });

const callbackSchema = z
  .strictObject({
    mode: enumField('Agent First reserves an agent who then dials; Customer First dials the customer first', ['AgentFirst', 'CustomerFirst']).prefault('AgentFirst'),
    pacingModifier: numberField('Customer First dialing pace (decimals allowed)', { min: 1, max: 10 }).prefault(1),
    pacing: pacingField.prefault('genesys'),
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
    outboundRoute: textField('the outbound route its calls are placed on: the id of a route under outboundRoutes (an undeclared one has unlimited lines)').optional(),
    priority: numberField("routing priority of callbacks; default the queue's priority", { int: true, ...PRIORITY_RANGE }).optional(),
    retryOn: z
      .array(enumField('a failure that is retried', ATTEMPT_FAILURES))
      .prefault([...DEFAULT_RETRY_ON])
      .meta({ description: 'failures after which a retry is made while retries remain' }),
    callingHours: callingHoursField,
    maxAttempts: maxAttemptsField,
    answeredPosition: enumField('Customer First: where a customer who answered waits for an agent', ['original', 'front', 'back']).prefault('original'),
    adaptiveTarget: probabilityField(`adaptive pacing: the abandon-after-answer rate to hold under; default ${ABANDON_CEILING}`).optional(),
    talkTime: distributionField("talk time of a connected callback; default the inbound stream's").optional(),
    wrapUp: distributionField("after-call work of a callback; default the inbound stream's").optional(),
    script: z
      .strictObject({
        name: textField('script name'),
        callbackEnabled: booleanField('the script\'s Callback property (off by default in Genesys)').prefault(false),
      })
      .optional()
      .meta({ description: 'the callback script; it must have its Callback property enabled' }),
  })
  .prefault({})
  .meta({ description: 'queue callback settings (names mirror the Genesys queue API)' });

const queueRef = textField('a queue id', idText);

const queueSchema = z.strictObject({
  id: textField('queue id, unique', idText),
  name: textField('display name; default the id').optional(),
  ani: textField('the number callbacks dial out with', { regex: E164, words: 'an E.164 number: "+" then 8 to 15 digits, such as "+15550100100"', fix: repairE164 }),
  priority: numberField('routing priority of inbound calls (higher first)', { int: true, ...PRIORITY_RANGE }).prefault(0),
  serviceLevel: z
    .strictObject({
      percentage: numberField('target share answered within duration', { min: 0, max: 100 }).prefault(80),
      duration: durationField('service level threshold', { min: '0s', minExclusive: true }).prefault('20s'),
    })
    .prefault({}),
  callback: callbackSchema,
  compliance: complianceField,
  skills: z.array(skillName).prefault([]).meta({ description: 'skills every interaction on this queue requires' }),
  routing: enumField('how an interaction picks among idle qualified agents', ['longestIdle', 'bestSkills']).prefault('longestIdle'),
  preferredAgentRouting: z
    .strictObject({
      enabled: booleanField('the queue has a preferred-agent-routing rule').prefault(false),
      share: probabilityField('share of customers who have a preferred agent').prefault(0.3),
      timeout: durationField('how long an inbound callback waits for the preferred agent', { min: '0s', max: '24h' }).prefault('30s'),
    })
    .prefault({}),
  voicemail: z
    .strictObject({
      afterWait: durationField('wait after which the caller is offered to leave a voicemail', { min: '0s' }),
      probability: probabilityField('probability the caller leaves a voicemail'),
      listenTime: distributionField('time an Agent First agent listens to the voicemail before dialing').prefault('30s'),
    })
    .optional()
    .meta({ description: 'ACD voicemail: a waiting caller leaves a voicemail, which becomes a callback' }),
  inQueueFlow: z
    .strictObject({
      afterWait: durationField('wait after which the in-queue flow transfers the call', { min: '0s' }),
      transferTo: queueRef,
    })
    .optional()
    .meta({ description: "the queue's in-queue flow transfers waiting calls to another queue (at most 30 in-queue flows per interaction)" }),
});

const agentSchema = z.strictObject({
  group: textField('agent group name, unique', idText),
  count: numberField('number of agents', { min: 0, max: 100000, int: true }),
  queues: z.array(queueRef).min(1, { error: () => `${VALUE} is empty; list at least one queue id` }).meta({ description: 'ids of the queues these agents serve' }),
  schedule: scheduleField,
  answerTime: distributionField('time from an offer to the agent answering (without auto-answer)').prefault('0s'),
  dialTime: distributionField('time an Agent First agent takes to place the call (without auto-dial)').prefault('5s'),
  notRespondingTime: durationField('how long an agent who missed an offer stays Not Responding', { min: '0s' }).prefault('30s'),
  skills: z
    .record(skillName, numberField('proficiency', { min: 1, max: 5, int: true }))
    .prefault({})
    .meta({ description: 'skills of these agents with their proficiency 1 to 5, e.g. { billing: 3, spanish: 5 }' }),
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
      callData: z
        .strictObject({
          callerId: textField('caller ID the callback dials with', { regex: E164, words: 'an E.164 number: "+" then 8 to 15 digits', fix: repairE164 }).optional(),
          callerName: textField('caller name the callback dials with').optional(),
        })
        .optional()
        .meta({ description: "a flow's Call Data step before Create Callback: the only way to set another caller ID or name" }),
      callerId: z.unknown().optional().meta({ description: 'not allowed: the Create Callback step cannot set caller ID; use callData.callerId', not: {} }),
    })
    .optional(),
  skills: z.array(skillName).prefault([]).meta({ description: "skills these calls require beyond the queue's" }),
  priority: numberField("routing priority of these calls; default the queue's", { int: true, ...PRIORITY_RANGE }).optional(),
  scheduleCallback: z
    .strictObject({
      probability: probabilityField('probability that an answered call ends with a scheduled callback'),
      leadTime: distributionField('time from the end of the call to the due time (at most 30 days)').prefault('30m'),
      queue: queueRef.optional().meta({ description: "queue the callback routes to; default the call's queue" }),
      routeToMe: probabilityField('probability the agent ticks "route to me if possible"').prefault(0),
      routeToMeWait: durationField('how long a route-to-me callback waits for its agent', { min: '0s', max: '24h' }).prefault('1m'),
      owned: probabilityField('probability the agent takes ownership (agent-owned callback)').prefault(0),
    })
    .optional()
    .meta({ description: 'agents schedule callbacks during live calls (one per interaction at most)' }),
});

const listedCallbackSchema = z.strictObject({
  id: textField('name of this callback, for operations', idText),
  at: momentField('when the callback is due'),
  createdAt: momentField('when the callback is scheduled; default the start').optional(),
  queue: queueRef,
  number: textField('the number to call', { regex: E164, words: 'an E.164 number: "+" then 8 to 15 digits', fix: repairE164 }),
  callee: textField('callee name').optional(),
  owner: agentRef.optional().meta({ description: 'the agent who owns the callback (agent-owned)' }),
  routeToMe: agentRef.optional().meta({ description: 'the agent it goes to first ("route to me if possible")' }),
  talkTime: distributionField('talk time once connected').prefault({ exponential: { mean: '4m' } }),
  wrapUp: distributionField('after-call work').prefault('0s'),
});

const campaignSchema = z.strictObject({
  id: textField('campaign id', idText),
  queue: queueRef.meta({ description: "the campaign's queue, where its scheduled callbacks go" }),
  contacts: numberField('contacts on the list', { min: 0, max: 10_000_000, int: true }),
  dialRate: z.strictObject({ perHour: hourlyField('dials per hour by local hour', 'dials per hour', 0) }),
  callLater: z.strictObject({
    probability: probabilityField('probability a live contact asks to be called later'),
    leadTime: distributionField('time until the callback is due (at most 30 days)').prefault('1d'),
  }),
  skills: z.array(skillName).prefault([]),
  talkTime: distributionField('talk time of the callback once connected').prefault({ exponential: { mean: '4m' } }),
  wrapUp: distributionField('after-call work').prefault('0s'),
});

const outboundRouteSchema = z.strictObject({
  id: textField('route id, unique', idText),
  lines: numberField('simultaneous outbound calls the route carries', { min: 1, max: 1_000_000, int: true }),
});

const selectorSchema = z
  .union([
    z.array(textField('a callback id', idText)).min(1),
    textField('a callback id', idText).transform((id) => [id]),
    z.strictObject({
      queue: queueRef.optional(),
      kind: enumField('kind of callback', ['inQueue', 'requested', 'scheduled', 'agentOwned', 'campaign', 'voicemail']).optional(),
      state: textField('a callback state, e.g. scheduled or queued').optional(),
    }),
  ], { error: () => `${VALUE} is not a callback id, a list of ids, or a filter { queue, kind, state }` })
  .transform((v) => (Array.isArray(v) ? { ids: v } : v));

const operationSchema = z
  .strictObject({
    at: momentField('when the operation is made'),
    cancel: selectorSchema.optional(),
    reschedule: z.strictObject({ callbacks: selectorSchema, to: momentField('the new due time') }).optional(),
    reassign: z
      .strictObject({ callbacks: selectorSchema, queue: queueRef.optional(), agent: agentRef.optional() })
      .check((ctx) => {
        if ((ctx.value.queue === undefined) === (ctx.value.agent === undefined)) {
          ctx.issues.push({ code: 'custom', input: ctx.value, message: 'give exactly one of queue or agent' });
        }
      })
      .optional(),
  })
  .check((ctx) => {
    const given = ['cancel', 'reschedule', 'reassign'].filter((k) => (ctx.value as Record<string, unknown>)[k] !== undefined);
    if (given.length !== 1) ctx.issues.push({ code: 'custom', input: ctx.value, message: `has ${given.length === 0 ? 'no operation' : given.join(' and ')}; give exactly one of cancel, reschedule or reassign` });
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
    timeZones: timeZonesField,
    doNotCall: doNotCallField,
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
    callbacks: z.array(listedCallbackSchema).prefault([]).meta({ description: 'scheduled callbacks listed explicitly' }),
    campaigns: z.array(campaignSchema).prefault([]),
    outboundRoutes: z.array(outboundRouteSchema).prefault([]).meta({ description: 'outbound routes and their lines, shared by the queues that name them' }),
    operations: z.array(operationSchema).prefault([]).meta({ description: 'cancel, reschedule and reassign callbacks at given moments' }),
    callee: calleeSchema,
  })
  .meta({ title: 'cbsim scenario', description: 'A contact-center callback scenario for cbsim' });

/** A scenario file after validation: defaults filled in, durations in ms. */
export type ScenarioFile = z.output<typeof scenarioFileSchema>;
