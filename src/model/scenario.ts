import type { Distribution } from '../kernel/distributions.js';

/**
 * The resolved scenario: what a scenario file says once validated, with every
 * default filled in and every duration converted to milliseconds. The
 * simulation reads only this; `src/scenario` produces it from YAML or JSON.
 */

/** How far ahead a callback can be scheduled: 30 days (checked in scenarios, capped at run time). */
export const MAX_SCHEDULE_AHEAD_MS = 30 * 86_400_000;

/** Largest priority magnitude a queue, stream or callback may have (the waiting-line ordering key holds it exactly). */
export const MAX_PRIORITY = 1000;

/** Agent First: an agent is reserved, then dials. Customer First: the customer is dialed first. */
export type CallbackMode = 'AgentFirst' | 'CustomerFirst';

/** Why an attempt did not connect; the reasons a retry policy can list. */
export type AttemptFailure = 'noAnswer' | 'busy' | 'machine' | 'invalid' | 'fax' | 'abandonedAfterAnswer';

/** A queue's Customer First pacing policy: a built-in by name, or a module of the user's, with its options. */
export interface PacingSpec {
  /** The built-in's name, or, for a module, its file name without the extension (as output shows it). */
  name: string;
  /** The policy module's path (absolute once loaded by the CLI; as written otherwise), or null for a built-in. */
  module: string | null;
  /** The policy's options. */
  options: Readonly<Record<string, unknown>>;
}

/** What happens when a live voice answers a Customer First dial. */
export type LiveVoiceReaction = 'TransferToQueue' | 'HangUp' | 'TransferToFlow';

/** What happens when an answering machine answers a Customer First dial. */
export type MachineReaction = 'HangUp' | 'TransferToQueue' | 'TransferToFlow';

/** The ways a dial can end, as the callee's behaviour decides. */
export const DIAL_OUTCOMES = ['live', 'machine', 'noAnswer', 'busy', 'invalid', 'fax'] as const;

/** One of `DIAL_OUTCOMES`. */
export type DialOutcome = (typeof DIAL_OUTCOMES)[number];

/** A queue's callback settings; names mirror the Genesys queue API. */
export interface QueueCallbackSettings {
  mode: CallbackMode;
  /** 1–10, Customer First only. */
  pacingModifier: number;
  pacing: PacingSpec;
  /** 0–20 retries after an attempt that did not connect. */
  maxRetryCount: number;
  /** ms, 1 min – 24 h. */
  retryDelay: number;
  enableAutoAnswer: boolean;
  enableAutoDialAndEnd: boolean;
  /** ms, 0–1200 s. */
  autoDialDelay: number;
  /** ms, 0–1200 s. */
  autoEndDelay: number;
  /** ms, 7–59 s. */
  alertingTimeout: number;
  liveVoiceReactionType: LiveVoiceReaction;
  answeringMachineReactionType: MachineReaction;
  agentOwnedCallbacks: {
    enabled: boolean;
    /** ms, 1 h – 30 days. */
    maxOwnership: number;
    assignToQueueOnExpiration: boolean;
  };
  preserveSkillsAndPriority: boolean;
  /** The outbound route its calls are placed on: a declared route's lines are shared by every queue on it; an undeclared one has unlimited lines. */
  outboundRoute?: string;
  /** Routing priority of callbacks on this queue (higher is served first). */
  priority: number;
  /** Failures after which a retry is made while retries remain. */
  retryOn: AttemptFailure[];
  /** Customer First: where a customer who answered waits for an agent — at the callback's original position, at the front, or at the back. */
  answeredPosition: 'original' | 'front' | 'back';
  /** Weekly windows, in the customer's local time, within which a callback may dial; absent: any time. */
  callingHours?: ShiftConfig[];
  /** At most `count` dials of one customer within any `per` ms; a callback that would exceed it waits (`defer`) or ends (`end`). Absent: no cap. */
  maxAttempts?: { count: number; per: number; then: 'defer' | 'end' };
  /** Talk time of a connected callback; when absent, the originating inbound stream's talk time. */
  talkTime?: Distribution;
  /** After-call work of a callback; when absent, the originating inbound stream's wrap-up. */
  wrapUp?: Distribution;
  /** The callback script, if the queue names one; it must have its Callback property enabled. */
  script?: { name: string; callbackEnabled: boolean };
}

/** One ACD queue. */
export interface QueueConfig {
  id: string;
  name: string;
  /** The E.164 number callbacks dial out with. */
  ani: string;
  /** Routing priority of inbound calls on this queue (higher is served first). */
  priority: number;
  serviceLevel: {
    /** Target share answered within `threshold`, 0–100. */
    percentage: number;
    /** ms. */
    threshold: number;
  };
  callback: QueueCallbackSettings;
  /** How the queue's Customer First dials are judged as regulators judge them. */
  compliance: {
    /** ms from a live answer within which an agent must be connected; later (or never) is a compliance abandon. */
    threshold: number;
    /** The compliance abandon rate the queue may not exceed (0–1). */
    ceiling: number;
    /** ms an unanswered dial rings at least before it is given up. */
    minRing: number;
    /** Where `threshold` is counted from: the answer, or the end of the person's greeting. */
    measureFrom: 'answer' | 'greeting';
    /** How long a person takes to greet (required when `measureFrom` is `greeting`). */
    greeting?: Distribution;
    /** The recorded message played to a live answer that becomes a compliance abandon; none when absent. */
    safeHarbourMessage?: Distribution;
    /** What the rate divides by: live answers, or every answer the queue tried to connect (live or a transferred machine). */
    denominator: 'liveAnswers' | 'reachedQueue';
    /** The campaign (drop group) the queue is judged with, besides alone. */
    dropGroup?: string;
    /** A live person detection took for a machine and hung up on counts as a live answer and a compliance abandon. */
    countAmdFalsePositives: boolean;
    /** ms after a compliance abandon before the same customer may be dialed again (Customer First); absent: no lockout. */
    redialLockout?: number;
  };
  /** Skills every interaction on this queue requires. */
  skills: string[];
  /** How an interaction picks among idle qualified agents. */
  routing: 'longestIdle' | 'bestSkills';
  /** The queue's preferred-agent-routing rule. */
  preferredAgentRouting: {
    enabled: boolean;
    /** Share (0–1) of customers who have a preferred agent among the queue's agents. */
    share: number;
    /** ms an inbound callback waits for the preferred agent before anyone may take it. */
    timeout: number;
  };
  /** ACD voicemail: waiting callers who leave a voicemail instead, which becomes a callback. */
  voicemail?: {
    /** ms the caller has waited when the voicemail prompt plays. */
    afterWait: number;
    /** Probability 0–1 that the caller leaves a voicemail. */
    probability: number;
    /** Time an Agent First agent listens to the voicemail before dialing. */
    listenTime: Distribution;
  };
  /** The queue's in-queue flow transfers calls that have waited `afterWait` to queue `transferTo`. */
  inQueueFlow?: { afterWait: number; transferTo: string };
}

/** A weekly working period in the scenario's time zone. */
export interface ShiftConfig {
  /** Days of the week the shift starts on: 0 = Sunday … 6 = Saturday. */
  days: number[];
  /** Minute of the day the shift starts (0–1439). */
  startMinute: number;
  /** Minute of the day the shift ends (1–1440); at or before `startMinute` means it ends the next day. */
  endMinute: number;
}

/** A group of identical agents. */
export interface AgentGroupConfig {
  group: string;
  count: number;
  /** Ids of the queues these agents serve. */
  queues: string[];
  /** `always` on queue, or a list of weekly shifts. */
  schedule: 'always' | ShiftConfig[];
  /** Time from an offer to the agent answering it (when auto-answer is off). */
  answerTime: Distribution;
  /** Time an Agent First agent takes to place the call after accepting a callback (without auto-dial). */
  dialTime: Distribution;
  /** ms an agent who missed an offer stays Not Responding before taking work again. */
  notRespondingTime: number;
  /** Skills of these agents and their proficiency (1–5). */
  skills: Record<string, number>;
}

/** One stream of inbound calls. */
export interface InboundConfig {
  queue: string;
  /** Poisson arrival rate in calls per hour, for each hour of the local day (24 values). */
  perHour: number[];
  talkTime: Distribution;
  wrapUp: Distribution;
  /** How long a caller waits before hanging up; absent means callers never hang up. */
  patience?: Distribution;
  /** The in-queue callback offer; absent means no offer is made. */
  callbackOffer?: {
    /** ms the caller has waited when the offer is made. */
    afterWait: number;
    /** Probability 0–1 that the caller accepts. */
    acceptance: number;
    /** Queue the callback is created on (default: the call's own queue), at the caller's original position. */
    queue?: string;
    /** A flow's Call Data step before Create Callback: the caller ID and name the callback dials with. */
    callData?: { callerId?: string; callerName?: string };
  };
  /** Skills these calls require beyond the queue's. */
  skills: string[];
  /** Routing priority of these calls; absent: the queue's. */
  priority?: number;
  /** Agents schedule callbacks during some of these calls. */
  scheduleCallback?: ScheduleCallbackConfig;
}

/** Probability of each dial outcome; they sum to 1. */
export type OutcomeProbabilities = Record<DialOutcome, number>;

/** How agents schedule callbacks during live voice interactions. */
export interface ScheduleCallbackConfig {
  /** Probability 0–1 that an answered call ends with a scheduled callback (at most one per interaction). */
  probability: number;
  /** Time from the end of the call to the callback's due time (at most 30 days). */
  leadTime: Distribution;
  /** Queue the callback routes to; absent: the interaction's queue. */
  queue?: string;
  /** Probability 0–1 that the agent ticks "route to me if possible". */
  routeToMe: number;
  /** ms a route-to-me callback waits for its agent before anyone may take it. */
  routeToMeWait: number;
  /** Probability 0–1 that the agent takes ownership (an agent-owned callback). */
  owned: number;
}

/** An agent, named as group and index within the group (`tier1#3`). */
export interface AgentRef {
  group: string;
  index: number;
}

/** A scheduled callback listed in the scenario. */
export interface ListedCallback {
  /** Name used by operations. */
  id: string;
  /** Simulated ms at which it is created (0 unless given). */
  createdAt: number;
  /** Simulated ms at which it is due. */
  dueAt: number;
  queue: string;
  number: string;
  callee?: string;
  /** The agent who owns it (agent-owned callback). */
  owner?: AgentRef;
  /** The agent it is routed to first ("route to me if possible"). */
  routeToMe?: AgentRef;
  talkTime: Distribution;
  wrapUp: Distribution;
}

/** An outbound route (a site or edge group) and the lines it has: every outbound call holds one from its dial to its hang-up. */
export interface OutboundRouteConfig {
  id: string;
  /** Simultaneous outbound calls the route carries (a positive whole number). */
  lines: number;
}

/** An outbound campaign whose contacts may ask to be called later. */
export interface CampaignConfig {
  id: string;
  /** The campaign's queue: where its scheduled callbacks go. */
  queue: string;
  /** Contacts on the list. */
  contacts: number;
  /** Dial rate per hour, for each local hour (24 values). */
  perHour: number[];
  /** Live contacts who ask to be called later. */
  callLater: { probability: number; leadTime: Distribution };
  skills: string[];
  talkTime: Distribution;
  wrapUp: Distribution;
}

/** Which callbacks an operation applies to: named ones, or every callback matching a filter. */
export type CallbackSelector = { ids: string[] } | { queue?: string; kind?: string; state?: string };

/** A change made to callbacks during the run (the Scheduled Callbacks view's operations). */
export type OperationConfig =
  | { at: number; op: 'cancel'; select: CallbackSelector }
  | { at: number; op: 'reschedule'; select: CallbackSelector; dueAt: number }
  | { at: number; op: 'reassign'; select: CallbackSelector; queue?: string; agent?: AgentRef };

/** A stream of callback requests (a web form, an app, the callback API): callbacks due at once. */
export interface CallbackRequestConfig {
  queue: string;
  /** Poisson request rate per hour, for each hour of the local day (24 values). */
  perHour: number[];
  talkTime: Distribution;
  wrapUp: Distribution;
}

/** How called-back customers respond to a dial. */
export interface CalleeConfig {
  /** Probability of each outcome; they sum to 1. */
  outcomes: OutcomeProbabilities;
  /** Outcome probabilities of attempts 1, 2, …; the last entry applies to later attempts. Empty: `outcomes` always. */
  outcomesByAttempt: OutcomeProbabilities[];
  /**
   * Reachability by local hour of the day (24 multipliers of the chance of a live answer, 1 = as given);
   * the live answers it takes away become no answer. Empty: the same at every hour.
   */
  liveByHour: number[];
  /** Answering-machine detection errors. */
  answeringMachineDetection: {
    /** Probability that a live person is taken for a machine. */
    liveAsMachine: number;
    /** Probability that a machine is taken for a live person. */
    machineAsLive: number;
  };
  /** ms an agent spends leaving a message on a machine that was taken for a live person. */
  voicemailMessageTime: number;
  /** Time from dial to answer, for live and machine answers. */
  ringTime: Distribution;
  /** ms after which an unanswered dial is given up as no answer. */
  ringTimeout: number;
  /** ms from dial to the busy or special-information tone (busy, invalid, fax). */
  signalTime: number;
  /** How long a live customer who answered a Customer First dial waits for an agent. */
  patienceAfterAnswer: Distribution;
  /** The customers' IANA time zones and their shares (summing to 1); absent: every customer is in the scenario's zone. */
  timeZones?: Record<string, number>;
  /** Share (0–1) of customers whose number is on the do-not-call list; absent: none. */
  doNotCall?: number;
}

/** A validated scenario with every default resolved. */
export interface Scenario {
  name: string;
  description?: string;
  seed: number;
  /** The start as written (ISO date-time with offset). */
  start: string;
  /** The start as epoch milliseconds (UTC). */
  startEpochMs: number;
  /** IANA time zone for shifts and hour-of-day profiles; when absent, the fixed offset of `start`. */
  timeZone?: string;
  /** Offset of `start` from UTC in minutes (e.g. -300 for -05:00). */
  utcOffsetMinutes: number;
  /** ms simulated. */
  duration: number;
  /** ms at the start whose arrivals are not counted in KPIs. */
  warmup: number;
  queues: QueueConfig[];
  agents: AgentGroupConfig[];
  inbound: InboundConfig[];
  callbackRequests: CallbackRequestConfig[];
  /** Scheduled callbacks listed in the file. */
  callbacks: ListedCallback[];
  campaigns: CampaignConfig[];
  /** The declared outbound routes (queues may name others, which have unlimited lines). */
  outboundRoutes: OutboundRouteConfig[];
  operations: OperationConfig[];
  callee: CalleeConfig;
}
