/** Settings that are valid but probably not what the author meant. */
import type { Scenario } from '../model/scenario.js';
import { formatDuration } from '../model/duration.js';
import { dialPermitWarnings } from './dial-permit-warnings.js';
import { distributionMax, distributionMoments } from './distribution.js';
import type { Draft } from './drafts.js';
import { VALUE } from './messages.js';
import { formatOffset, zoneOffsetMinutes } from './time.js';

const PACING_KEYS = ['pacingModifier', 'pacing', 'adaptiveTarget'] as const;

const keysOf = (v: unknown): string[] => (typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.keys(v) : []);

/** Pacing settings written on Agent First queues, where they do nothing. */
function pacingOnAgentFirst(s: Scenario, data: Record<string, unknown>): Draft[] {
  const rawQueues = Array.isArray(data.queues) ? data.queues : [];
  return s.queues.flatMap((q, i) => {
    if (q.callback.mode !== 'AgentFirst') return [];
    const written = keysOf((rawQueues[i] as { callback?: unknown } | undefined)?.callback);
    return PACING_KEYS.filter((k) => written.includes(k)).map((k): Draft => ({
      severity: 'warning', path: ['queues', i, 'callback', k], atKey: true,
      message: `${k} has no effect on queue "${q.id}": its mode is AgentFirst, and pacing applies to CustomerFirst only`,
      suggestion: `remove ${k}, or set mode: CustomerFirst`,
    }));
  });
}

/** Queues that no agent (or only empty groups) serves. */
function unservedQueues(s: Scenario): Draft[] {
  return s.queues.flatMap((q, i): Draft[] => {
    const groups = s.agents.filter((a) => a.queues.includes(q.id));
    if (groups.some((a) => a.count > 0)) return [];
    const why = groups.length === 0 ? 'no agent group serves it' : `only groups with 0 agents serve it (${groups.map((a) => a.group).join(', ')})`;
    return [{
      severity: 'warning', path: ['queues', i],
      message: `queue "${q.id}": ${why}; its calls and callbacks will wait until the end`,
      suggestion: `add "${q.id}" to the queues of an agent group`,
    }];
  });
}

/** Inbound streams whose every hourly rate is 0. */
function silentStreams(s: Scenario): Draft[] {
  return s.inbound.flatMap((stream, i): Draft[] =>
    stream.perHour.every((r) => r === 0)
      ? [{ severity: 'warning', path: ['inbound', i, 'arrivals', 'poisson', 'perHour'], message: `every hourly rate is 0; the inbound stream for queue "${stream.queue}" brings no calls` }]
      : [],
  );
}

/** An unbounded ring time whose tail often passes the ring timeout. */
function ringTail(s: Scenario): Draft[] {
  const { ringTime, ringTimeout } = s.callee;
  if (distributionMax(ringTime) !== undefined) return [];
  const { mean, sd } = distributionMoments(ringTime);
  if (ringTimeout >= mean + 3 * sd) return [];
  return [{
    severity: 'warning', path: ['callee', 'ringTimeout'], input: formatDuration(ringTimeout),
    message: `${VALUE} is within 3 standard deviations of the mean ring time (${ringTime.kind}, mean ${formatDuration(mean)}); answers that would come later end as no answer`,
  }];
}

/** A start offset that differs from the time zone's offset at that instant. */
function zoneMismatch(s: Scenario): Draft[] {
  if (!s.timeZone) return [];
  const zone = zoneOffsetMinutes(s.timeZone, s.startEpochMs);
  if (zone === s.utcOffsetMinutes) return [];
  return [{
    severity: 'warning', path: ['start'],
    message: `${VALUE} has offset ${formatOffset(s.utcOffsetMinutes)}, but ${s.timeZone} is at ${formatOffset(zone)} then; shifts and hourly profiles follow the time zone`,
  }];
}

/** Queues naming an outbound route when the scenario declares none: the route is valid, with unlimited lines. */
function undeclaredRoutes(s: Scenario): Draft[] {
  if (s.outboundRoutes.length > 0) return []; // a name that is not declared is then an error (see references)
  return s.queues.flatMap((q, i): Draft[] =>
    q.callback.outboundRoute === undefined
      ? []
      : [{
          severity: 'warning', path: ['queues', i, 'callback', 'outboundRoute'],
          message: `${VALUE} is not declared under outboundRoutes, so its lines are unlimited: calls never wait for a line`,
          suggestion: `declare it to limit its lines: outboundRoutes: [{ id: ${q.callback.outboundRoute}, lines: <n> }]`,
        }],
  );
}

/** Warnings of a resolved scenario; `data` is the raw file data, to tell settings written from defaults. */
export function scenarioWarnings(s: Scenario, data: Record<string, unknown>): Draft[] {
  return [...pacingOnAgentFirst(s, data), ...unservedQueues(s), ...silentStreams(s), ...ringTail(s), ...zoneMismatch(s), ...undeclaredRoutes(s), ...dialPermitWarnings(s)];
}
