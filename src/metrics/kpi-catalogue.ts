/**
 * The KPI catalogue: every KPI of a run's `kpis` once, with its label, unit,
 * better direction and format, and the rows each view (the CLI's KPI table,
 * compare, the sweep summary, the HTML report) shows, in its order.
 */
import { ABANDON_CEILING } from '../model/regulation.js';
import type { RunResult } from '../runner/simulate.js';
import type { AgentKpis, QueueKpis } from './kpis.js';
import type { RouteKpis } from './route-lines.js';

/** What a KPI's number is. */
export type KpiUnit =
  | 'count'
  /** 0–1. */
  | 'share'
  | 'seconds'
  | 'hours'
  /** One count per another (attempts per callback). */
  | 'ratio'
  /** A time-weighted mean of a number of things (dials in flight). */
  | 'level';

/** Which way a KPI is better; `neither` when more is not in itself better or worse. */
export type KpiDirection = 'higher' | 'lower' | 'neither';

/** How a KPI's number is written: with `digits` decimals, as a percentage with `digits` decimals, or as a compact duration. */
export type KpiFormat = { readonly style: 'number'; readonly digits: number } | { readonly style: 'percent'; readonly digits: number } | { readonly style: 'duration' };

/**
 * What a KPI is judged good or bad against: a fixed ceiling (good at or
 * under it), or the target a view knows for its column (a queue's service
 * level), good on the better side of it.
 */
export type KpiLimit = { readonly kind: 'ceiling'; readonly value: number } | { readonly kind: 'target' };

/** Where a KPI lives in a run's `kpis`: see `KPI_SCOPE_PATHS`. */
export type KpiScope = 'queue' | 'agents' | 'campaign' | 'route';

/** The JSON objects that hold the KPIs of each scope (`<queue>` and the like stand for ids). */
export const KPI_SCOPE_PATHS: Readonly<Record<KpiScope, readonly string[]>> = {
  queue: ['kpis.queues.<queue>', 'kpis.total', 'kpis.callbackKinds.<kind> (the KPIs marked byKind)'],
  agents: ['kpis.agents', 'kpis.agents.groups.<group>'],
  campaign: ['kpis.campaigns.<campaign>'],
  route: ['kpis.routes.<route> (outbound routes that declare their lines)'],
};

type CampaignKpis = RunResult['kpis']['campaigns'][string];

/** Queue KPIs that are not scalars and so not in the catalogue, with the reason. */
export const EXCLUDED_KPIS = {
  attemptsDistribution: 'ended callbacks by the number of attempts they made: an array, drawn as a chart',
} as const satisfies Partial<Record<keyof QueueKpis, string>>;

type QueueKey = Exclude<keyof QueueKpis, keyof typeof EXCLUDED_KPIS>;

/** The key of a KPI: its field in the JSON objects of its scope. */
export type KpiKey = QueueKey | keyof AgentKpis | keyof CampaignKpis | keyof RouteKpis;

/** One KPI. */
export interface KpiDefinition {
  readonly key: KpiKey;
  readonly scope: KpiScope;
  readonly label: string;
  readonly unit: KpiUnit;
  readonly better: KpiDirection;
  readonly format: KpiFormat;
  readonly limit?: KpiLimit;
  /** The KPI this one is a variant of (the worst 24 h of the run's rate): views show it indented under it. */
  readonly parent?: KpiKey;
  /** Also given for each kind of callback (`kpis.callbackKinds`). */
  readonly byKind?: boolean;
}

type Spec = Omit<KpiDefinition, 'key' | 'scope'>;

const INTEGER: KpiFormat = { style: 'number', digits: 0 };
const decimals = (digits: number): KpiFormat => ({ style: 'number', digits });
const percent = (digits: number): KpiFormat => ({ style: 'percent', digits });
const DURATION: KpiFormat = { style: 'duration' };
const CEILING: KpiLimit = { kind: 'ceiling', value: ABANDON_CEILING };

const QUEUE_KPIS: Record<QueueKey, Spec> = {
  offered: { label: 'offered', unit: 'count', better: 'neither', format: INTEGER },
  answered: { label: 'answered', unit: 'count', better: 'neither', format: INTEGER },
  abandoned: { label: 'abandoned', unit: 'count', better: 'lower', format: INTEGER },
  abandonRate: { label: 'abandon rate', unit: 'share', better: 'lower', format: percent(1) },
  pWait: { label: 'waited (pWait)', unit: 'share', better: 'lower', format: percent(1) },
  asa: { label: 'ASA', unit: 'seconds', better: 'lower', format: DURATION },
  serviceLevel: { label: 'service level', unit: 'share', better: 'higher', format: percent(1), limit: { kind: 'target' } },
  averageTalkTime: { label: 'average talk time', unit: 'seconds', better: 'neither', format: DURATION },
  callbackAccepted: { label: 'accepted a callback', unit: 'count', better: 'neither', format: INTEGER },
  voicemails: { label: 'left a voicemail', unit: 'count', better: 'neither', format: INTEGER },
  transferredOut: { label: 'transferred by in-queue flow', unit: 'count', better: 'neither', format: INTEGER },
  flowErrors: { label: 'in-queue flow errors', unit: 'count', better: 'lower', format: INTEGER },
  created: { label: 'created', unit: 'count', better: 'neither', format: INTEGER, byKind: true },
  completed: { label: 'completed', unit: 'count', better: 'higher', format: INTEGER, byKind: true },
  exhausted: { label: 'exhausted (retries used up)', unit: 'count', better: 'lower', format: INTEGER, byKind: true },
  cancelled: { label: 'cancelled', unit: 'count', better: 'neither', format: INTEGER, byKind: true },
  expired: { label: 'expired (ownership)', unit: 'count', better: 'lower', format: INTEGER, byKind: true },
  disconnected: { label: 'disconnected', unit: 'count', better: 'neither', format: INTEGER, byKind: true },
  active: { label: 'active at horizon', unit: 'count', better: 'lower', format: INTEGER, byKind: true },
  endedInAnalytics: { label: 'of which ended in analytics', unit: 'count', better: 'neither', format: INTEGER, parent: 'active', byKind: true },
  attempts: { label: 'attempts', unit: 'count', better: 'neither', format: INTEGER, byKind: true },
  attemptsPerCallback: { label: 'attempts per callback', unit: 'ratio', better: 'neither', format: decimals(2), byKind: true },
  connectRate: { label: 'connect rate', unit: 'share', better: 'higher', format: percent(1), byKind: true },
  timeToFirstDial: { label: 'time to first dial', unit: 'seconds', better: 'lower', format: DURATION, byKind: true },
  timeToConnect: { label: 'time to connect', unit: 'seconds', better: 'lower', format: DURATION, byKind: true },
  customerAnswers: { label: 'customer answers (CF)', unit: 'count', better: 'neither', format: INTEGER },
  waitAfterAnswer: { label: 'wait for agent after answer', unit: 'seconds', better: 'lower', format: DURATION },
  abandonedAfterAnswer: { label: 'abandoned after answer', unit: 'count', better: 'lower', format: INTEGER },
  abandonAfterAnswerRate: { label: 'abandon after answer rate', unit: 'share', better: 'lower', format: percent(2), limit: CEILING },
  abandonAfterAnswerRateMax24h: { label: 'worst 24 h', unit: 'share', better: 'lower', format: percent(2), limit: CEILING, parent: 'abandonAfterAnswerRate' },
  abandonAfterAnswerRateMax30d: { label: 'worst 30 days', unit: 'share', better: 'lower', format: percent(2), limit: CEILING, parent: 'abandonAfterAnswerRate' },
  liveAnswers: { label: 'live answers', unit: 'count', better: 'neither', format: INTEGER },
  complianceAbandoned: { label: 'compliance abandons', unit: 'count', better: 'lower', format: INTEGER },
  complianceAnswers: { label: 'answers counted (compliance)', unit: 'count', better: 'neither', format: INTEGER },
  complianceAbandonRate: { label: 'compliance abandon rate', unit: 'share', better: 'lower', format: percent(2), limit: CEILING },
  complianceAbandonRateMax24h: { label: 'worst 24 h', unit: 'share', better: 'lower', format: percent(2), limit: CEILING, parent: 'complianceAbandonRate' },
  complianceAbandonRateMax30d: { label: 'worst 30 days', unit: 'share', better: 'lower', format: percent(2), limit: CEILING, parent: 'complianceAbandonRate' },
  safeHarbourMessages: { label: 'safe-harbour messages', unit: 'count', better: 'neither', format: INTEGER },
  safeHarbourMessageMean: { label: 'safe-harbour message (mean heard)', unit: 'seconds', better: 'neither', format: DURATION },
  safeHarbourHours: { label: 'safe-harbour message hours', unit: 'hours', better: 'neither', format: decimals(2) },
  amdFalsePositiveAbandons: { label: 'AMD false positives counted', unit: 'count', better: 'lower', format: INTEGER },
  liveHungUpAsMachine: { label: 'live hung up as machine', unit: 'count', better: 'lower', format: INTEGER },
  dialsInFlightMean: { label: 'dials in flight (mean)', unit: 'level', better: 'neither', format: decimals(2) },
  dialsInFlightMax: { label: 'dials in flight (most)', unit: 'count', better: 'neither', format: INTEGER },
  failedAttemptAgentHours: { label: 'agent hours on failed attempts', unit: 'hours', better: 'lower', format: decimals(1) },
  doNotCall: { label: 'not dialed: on do-not-call list', unit: 'count', better: 'neither', format: INTEGER },
  attemptCapped: { label: 'ended by the attempt cap', unit: 'count', better: 'lower', format: INTEGER },
  dialsOutsideCallingHours: { label: 'dials outside calling hours', unit: 'count', better: 'lower', format: INTEGER },
  callbacksWaitedForHours: { label: 'waited for calling hours', unit: 'count', better: 'neither', format: INTEGER },
  hoursWaitMean: { label: 'mean wait for calling hours', unit: 'seconds', better: 'lower', format: DURATION, parent: 'callbacksWaitedForHours' },
  hoursWaitTotal: { label: 'total wait for calling hours (h)', unit: 'hours', better: 'lower', format: decimals(1), parent: 'callbacksWaitedForHours' },
  callbacksWaitedForLockout: { label: 'redials waited out the lockout', unit: 'count', better: 'neither', format: INTEGER },
  callbacksWaitedForAttemptCap: { label: 'waited for the attempt cap', unit: 'count', better: 'neither', format: INTEGER },
  operationsApplied: { label: 'operations applied', unit: 'count', better: 'neither', format: INTEGER },
  operationsRefused: { label: 'operations refused', unit: 'count', better: 'neither', format: INTEGER },
};

const AGENT_KPIS: Record<keyof AgentKpis, Spec> = {
  occupancy: { label: 'occupancy', unit: 'share', better: 'neither', format: percent(1) },
  idleShare: { label: 'idle share', unit: 'share', better: 'neither', format: percent(1) },
  staffedHours: { label: 'on-queue hours', unit: 'hours', better: 'neither', format: decimals(1) },
  busyHours: { label: 'busy hours', unit: 'hours', better: 'neither', format: decimals(1) },
  idleHours: { label: 'idle hours', unit: 'hours', better: 'neither', format: decimals(1) },
  notRespondingHours: { label: 'not responding hours', unit: 'hours', better: 'neither', format: decimals(1) },
};

const CAMPAIGN_KPIS: Record<keyof CampaignKpis, Spec> = {
  dialed: { label: 'dialed', unit: 'count', better: 'neither', format: INTEGER },
  live: { label: 'live', unit: 'count', better: 'neither', format: INTEGER },
  callLater: { label: 'asked to be called later', unit: 'count', better: 'neither', format: INTEGER },
};

const ROUTE_KPIS: Record<keyof RouteKpis, Spec> = {
  lines: { label: 'lines', unit: 'count', better: 'neither', format: INTEGER },
  lineOccupancy: { label: 'line occupancy', unit: 'share', better: 'neither', format: percent(1) },
  peakLinesBusy: { label: 'most lines busy', unit: 'count', better: 'neither', format: INTEGER },
  dialsWaitedForLine: { label: 'dials that waited for a line', unit: 'count', better: 'lower', format: INTEGER },
  lineWaitMean: { label: 'wait for a line (mean)', unit: 'seconds', better: 'lower', format: DURATION },
  lineWaitMax: { label: 'wait for a line (longest)', unit: 'seconds', better: 'lower', format: DURATION },
};

const entries = (scope: KpiScope, specs: Partial<Record<KpiKey, Spec>>): KpiDefinition[] =>
  Object.entries(specs).map(([key, spec]) => ({ key: key as KpiKey, scope, ...spec! }));

/** Every KPI: those of a queue, then of agents, of a campaign, of an outbound route. */
export const KPI_CATALOGUE: readonly KpiDefinition[] = [
  ...entries('queue', QUEUE_KPIS),
  ...entries('agents', AGENT_KPIS),
  ...entries('campaign', CAMPAIGN_KPIS),
  ...entries('route', ROUTE_KPIS),
];

const BY_KEY = new Map(KPI_CATALOGUE.map((k) => [k.key, k]));

/** The catalogue entry of a KPI. */
export function kpi(key: KpiKey): KpiDefinition {
  return BY_KEY.get(key)!;
}

/**
 * Whether a value of a KPI is good or bad: against its ceiling, or against
 * the target a view gives (none: not judged); `undefined` when the KPI has no limit.
 */
export function judge(definition: KpiDefinition, value: number, target?: number): 'good' | 'bad' | undefined {
  const limit = definition.limit;
  if (limit === undefined) return undefined;
  if (limit.kind === 'ceiling') return value <= limit.value ? 'good' : 'bad';
  if (target === undefined || definition.better === 'neither') return undefined;
  return (definition.better === 'higher' ? value >= target : value <= target) ? 'good' : 'bad';
}
