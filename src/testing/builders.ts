/**
 * Resolved scenarios built in code, with the documented defaults of scenario
 * files: for tests and property tests that need a scenario without a file.
 */
import type { Distribution } from '../kernel/distributions.js';
import type { AgentGroupConfig, InboundConfig, PacingSpec, QueueCallbackSettings, QueueConfig, Scenario } from '../model/scenario.js';

const MINUTE = 60_000;

/** Callback settings as tests write them: a pacing policy may be a built-in's name. */
export type CallbackSettingsOverrides = Partial<Omit<QueueCallbackSettings, 'pacing'>> & { pacing?: string | PacingSpec };

/** A built-in pacing policy with `options`. */
export function builtinPacing(name: string, options: Record<string, unknown> = {}): PacingSpec {
  return { name, module: null, options };
}

/** Queue callback settings with their documented defaults (docs/rules.md), overridable. */
export function callbackSettings(overrides: CallbackSettingsOverrides = {}): QueueCallbackSettings {
  const { pacing = 'genesys', ...rest } = overrides;
  return {
    mode: 'AgentFirst',
    pacingModifier: 1,
    pacing: typeof pacing === 'string' ? builtinPacing(pacing) : pacing,
    maxRetryCount: 0,
    retryDelay: 10 * MINUTE,
    enableAutoAnswer: false,
    enableAutoDialAndEnd: false,
    autoDialDelay: 300_000,
    autoEndDelay: 300_000,
    alertingTimeout: 8_000,
    liveVoiceReactionType: 'TransferToQueue',
    answeringMachineReactionType: 'HangUp',
    agentOwnedCallbacks: { enabled: false, maxOwnership: 86_400_000, assignToQueueOnExpiration: true },
    preserveSkillsAndPriority: false,
    priority: 0,
    retryOn: ['noAnswer', 'busy', 'machine', 'abandonedAfterAnswer'],
    answeredPosition: 'original',
    ...rest,
  };
}

/** A queue with defaults, overridable. */
export function queue(id: string, overrides: Partial<QueueConfig> = {}): QueueConfig {
  return {
    id,
    name: id,
    ani: '+15550100100',
    priority: 0,
    serviceLevel: { percentage: 80, threshold: 20_000 },
    callback: callbackSettings(),
    compliance: { threshold: 2_000, ceiling: 0.03, minRing: 15_000, measureFrom: 'answer', denominator: 'liveAnswers', countAmdFalsePositives: false },
    skills: [],
    routing: 'longestIdle',
    preferredAgentRouting: { enabled: false, share: 0.3, timeout: 30_000 },
    ...overrides,
  };
}

/** An always-on agent group. */
export function agents(group: string, count: number, queues: string[], overrides: Partial<AgentGroupConfig> = {}): AgentGroupConfig {
  return {
    group,
    count,
    queues,
    schedule: 'always',
    answerTime: { kind: 'constant', value: 0 },
    dialTime: { kind: 'constant', value: 5_000 },
    notRespondingTime: 30_000,
    skills: {},
    ...overrides,
  };
}

/** A flat-rate inbound stream. */
export function inbound(queueId: string, perHour: number, talkTime: Distribution, overrides: Partial<InboundConfig> = {}): InboundConfig {
  return {
    queue: queueId,
    perHour: new Array(24).fill(perHour),
    talkTime,
    wrapUp: { kind: 'constant', value: 0 },
    skills: [],
    ...overrides,
  };
}

/** A scenario starting 2026-01-05T00:00:00Z with the callee defaults of scenario files, except voicemailMessageTime (20 s here, 30 s in files). */
export function scenario(overrides: Partial<Scenario> & Pick<Scenario, 'queues' | 'agents' | 'inbound'>): Scenario {
  return {
    name: 'test',
    callbackRequests: [],
    callbacks: [],
    campaigns: [],
    outboundRoutes: [],
    operations: [],
    seed: 1,
    start: '2026-01-05T00:00:00Z',
    startEpochMs: Date.UTC(2026, 0, 5),
    utcOffsetMinutes: 0,
    duration: 86_400_000,
    warmup: 0,
    callee: {
      outcomes: { live: 0.62, machine: 0.18, noAnswer: 0.14, busy: 0.04, invalid: 0.02, fax: 0 },
      ringTime: { kind: 'uniform', min: 4_000, max: 20_000 },
      ringTimeout: 30_000,
      signalTime: 3_000,
      patienceAfterAnswer: { kind: 'exponential', mean: 20_000 },
      outcomesByAttempt: [],
      liveByHour: [],
      answeringMachineDetection: { liveAsMachine: 0, machineAsLive: 0 },
      voicemailMessageTime: 20_000,
    },
    ...overrides,
  };
}
