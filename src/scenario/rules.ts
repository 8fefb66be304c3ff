/**
 * The callback rules (docs/rules.md) that need the resolved scenario:
 * scheduling at most 30 days ahead, agent-owned callbacks and their
 * preferred-agent-routing rule, callback scripts, caller ID,
 * rescheduling. Errors and warnings alike; references to queues, agents and
 * listed callbacks are checked in references.ts.
 */
import { formatDuration } from '../model/duration.js';
import { MAX_SCHEDULE_AHEAD_MS, type Scenario } from '../model/scenario.js';
import { complianceGreeting } from './compliance-rules.js';
import { distributionMax } from './distribution.js';
import type { Draft } from './drafts.js';
import { VALUE } from './messages.js';


type Path = Draft['path'];

const fmtDays = (ms: number) => (ms % 86_400_000 === 0 ? `${ms / 86_400_000} days` : formatDuration(ms));

function scheduleAhead(s: Scenario): Draft[] {
  const out: Draft[] = [];
  s.callbacks.forEach((c, i) => {
    const ahead = c.dueAt - c.createdAt;
    if (ahead > MAX_SCHEDULE_AHEAD_MS) {
      out.push({ severity: 'error', path: ['callbacks', i, 'at'], message: `${VALUE} is ${fmtDays(ahead)} after the callback is scheduled; a callback can be scheduled at most 30 days ahead` });
    } else if (ahead < 0) {
      out.push({ severity: 'error', path: ['callbacks', i, 'at'], message: `${VALUE} is before the callback is scheduled (createdAt); a callback is due at or after it is scheduled` });
    }
    if (c.dueAt >= s.duration) {
      out.push({ severity: 'warning', path: ['callbacks', i, 'at'], message: `${VALUE} is after the simulated horizon (${formatDuration(s.duration)}); the callback will still be scheduled at the end` });
    }
  });
  const leadTimes: Array<[Path, Parameters<typeof distributionMax>[0]]> = [
    ...s.inbound.flatMap((stream, i): Array<[Path, Parameters<typeof distributionMax>[0]]> =>
      stream.scheduleCallback ? [[['inbound', i, 'scheduleCallback', 'leadTime'], stream.scheduleCallback.leadTime]] : [],
    ),
    ...s.campaigns.map((c, i): [Path, Parameters<typeof distributionMax>[0]] => [['campaigns', i, 'callLater', 'leadTime'], c.callLater.leadTime]),
  ];
  for (const [path, leadTime] of leadTimes) {
    const max = distributionMax(leadTime);
    if (max !== undefined && max > MAX_SCHEDULE_AHEAD_MS) {
      out.push({ severity: 'error', path, message: `can reach ${fmtDays(max)}; a callback can be scheduled at most 30 days ahead` });
    } else if (max === undefined) {
      out.push({
        severity: 'warning', path,
        message: `is unbounded (${leadTime.kind}); draws beyond 30 days are scheduled 30 days ahead, the most allowed`,
        suggestion: 'use a bounded distribution (uniform, empirical, constant) within 30 days',
      });
    }
  }
  return out;
}

/** A Customer First dial nobody answers rings at least the queue's compliance.minRing before it is given up. */
function minimumRing(s: Scenario): Draft[] {
  const out: Draft[] = [];
  s.queues.forEach((q, i) => {
    if (q.callback.mode !== 'CustomerFirst' || s.callee.ringTimeout >= q.compliance.minRing) return;
    out.push({
      severity: 'error', path: ['callee', 'ringTimeout'], input: formatDuration(s.callee.ringTimeout),
      message: `${VALUE} is shorter than queues[${i}].compliance.minRing (${formatDuration(q.compliance.minRing)}) of Customer First queue "${q.id}": an unanswered dial must ring at least that long before it is given up`,
      allowed: `at least ${formatDuration(q.compliance.minRing)}`,
      suggestion: `raise callee.ringTimeout to ${formatDuration(q.compliance.minRing)}, or lower queues[${i}].compliance.minRing`,
    });
  });
  return out;
}

function agentOwned(s: Scenario): Draft[] {
  const out: Draft[] = [];
  s.queues.forEach((q, i) => {
    if (q.callback.agentOwnedCallbacks.enabled && !q.preferredAgentRouting.enabled) {
      out.push({
        severity: 'error', path: ['queues', i, 'callback', 'agentOwnedCallbacks', 'enabled'],
        message: `agent-owned callbacks on queue "${q.id}" need a preferred-agent-routing rule on the queue`,
        suggestion: `set queues[${i}].preferredAgentRouting.enabled: true`,
      });
    }
  });
  const ownedAllowed = (queue: string) => s.queues.find((q) => q.id === queue)?.callback.agentOwnedCallbacks.enabled ?? true;
  s.inbound.forEach((stream, i) => {
    const sc = stream.scheduleCallback;
    if (!sc || sc.owned === 0) return;
    const queue = sc.queue ?? stream.queue;
    if (!ownedAllowed(queue)) {
      out.push({ severity: 'error', path: ['inbound', i, 'scheduleCallback', 'owned'], message: `agents take ownership of callbacks on queue "${queue}", which does not allow agent-owned callbacks`, suggestion: `set callback.agentOwnedCallbacks.enabled: true on queue "${queue}"` });
    }
  });
  s.callbacks.forEach((c, i) => {
    if (c.owner) {
      if (!ownedAllowed(c.queue)) {
        out.push({ severity: 'error', path: ['callbacks', i, 'owner'], message: `${VALUE} owns a callback on queue "${c.queue}", which does not allow agent-owned callbacks`, suggestion: `set callback.agentOwnedCallbacks.enabled: true on queue "${c.queue}"` });
      }
    }
  });
  return out;
}

function scripts(s: Scenario): Draft[] {
  return s.queues.flatMap((q, i): Draft[] => {
    const script = q.callback.script;
    if (!script) return [];
    if (q.callback.mode === 'CustomerFirst') {
      return [{
        severity: 'warning', path: ['queues', i, 'callback', 'script'],
        message: `queue "${q.id}" is Customer First, which uses the voice script; callback script "${script.name}" is not used`,
        suggestion: 'remove callback.script, or set mode: AgentFirst',
      }];
    }
    if (!script.callbackEnabled) {
      return [{
        severity: 'error', path: ['queues', i, 'callback', 'script', 'callbackEnabled'], input: false,
        message: `script "${script.name}" does not have its Callback property enabled (it is off by default); a callback's script must have it`,
        suggestion: 'enable the Callback property of the script: callbackEnabled: true',
      }];
    }
    return [];
  });
}

function voicemailAndFlows(s: Scenario): Draft[] {
  return s.queues.flatMap((q, i): Draft[] => {
    const out: Draft[] = [];
    if (q.voicemail && q.callback.mode === 'CustomerFirst') {
      out.push({
        severity: 'warning', path: ['queues', i, 'voicemail'],
        message: `ACD voicemail on Customer First queue "${q.id}": the customer is dialed before an agent can listen to the voicemail (not recommended)`,
        suggestion: 'use mode: AgentFirst on this queue so the agent listens first',
      });
    }
    if (q.inQueueFlow?.transferTo === q.id) {
      out.push({
        severity: 'warning', path: ['queues', i, 'inQueueFlow', 'transferTo'],
        message: `${VALUE} is the queue itself: a flow that transfers back to its own queue stops there with an error, so every such call ends in error`,
        suggestion: 'transfer to another queue',
      });
    }
    return out;
  });
}

function callerId(data: Record<string, unknown>): Draft[] {
  const inbound = Array.isArray(data.inbound) ? data.inbound : [];
  return inbound.flatMap((stream, i): Draft[] => {
    const offer = (stream as { callbackOffer?: Record<string, unknown> } | null)?.callbackOffer;
    if (!offer || typeof offer !== 'object' || !('callerId' in offer)) return [];
    return [{
      severity: 'error', path: ['inbound', i, 'callbackOffer', 'callerId'], atKey: true,
      message: 'the Create Callback step cannot set caller ID; callbacks dial with the queue\'s ANI unless a Call Data step sets another',
      suggestion: 'use callbackOffer.callData.callerId',
    }];
  });
}

function skills(s: Scenario): Draft[] {
  const out: Draft[] = [];
  const check = (queue: string, required: string[], path: Path, what: string) => {
    const groups = s.agents.filter((g) => g.count > 0 && g.queues.includes(queue));
    if (groups.length === 0) return;
    const all = [...new Set([...(s.queues.find((q) => q.id === queue)?.skills ?? []), ...required])];
    if (!groups.some((g) => all.every((skill) => skill in g.skills))) {
      out.push({
        severity: 'warning', path,
        message: `no agent serving queue "${queue}" has every skill ${what} require (${all.join(', ')}); they will wait until the end`,
        suggestion: `give a group serving "${queue}" the skills, e.g. skills: { ${all.map((k) => `${k}: 3`).join(', ')} }`,
      });
    }
  };
  s.queues.forEach((q, i) => check(q.id, [], ['queues', i, 'skills'], 'its interactions'));
  s.inbound.forEach((stream, i) => check(stream.queue, stream.skills, ['inbound', i, 'skills'], 'these calls'));
  return out;
}

function operations(s: Scenario): Draft[] {
  return s.operations.flatMap((op, i): Draft[] =>
    op.op === 'reschedule' && op.dueAt - op.at > MAX_SCHEDULE_AHEAD_MS
      ? [{ severity: 'error', path: ['operations', i, 'reschedule', 'to'], message: `${VALUE} is ${fmtDays(op.dueAt - op.at)} after the operation; a callback can be scheduled at most 30 days ahead` }]
      : [],
  );
}

/** Rule errors and warnings of a resolved scenario; `data` is the raw file data. */
export function scenarioRules(s: Scenario, data: Record<string, unknown>): Draft[] {
  return [...scheduleAhead(s), ...agentOwned(s), ...scripts(s), ...voicemailAndFlows(s), ...callerId(data), ...skills(s), ...operations(s), ...minimumRing(s), ...complianceGreeting(s)];
}
