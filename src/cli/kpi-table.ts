import chalk from 'chalk';
import type { AgentKpis, CallbackKindKpis, QueueKpis } from '../metrics/kpis.js';
import type { Interval } from '../model/statistics.js';
import type { Scenario } from '../model/scenario.js';
import type { Estimated, ReplicatedResult } from '../runner/replicate.js';
import type { RunResult } from '../runner/simulate.js';
import { num, pct, renderTable, seconds, type Row } from './table.js';

/** A KPI as printed: one run's value, or the mean and confidence interval of several. */
type Value = number | null | Interval;

/** Formats a number of one kind of KPI. */
type Format = (x: number | null) => string;

const count: Format = (x) => num(x);
const share: Format = (x) => pct(x);
const share2: Format = (x) => pct(x, 2);
const secs: Format = (x) => seconds(x);
const decimal = (digits: number): Format => (x) => num(x, digits);

/** Formats a value: a number as is, an interval as `mean ± half-width`. */
function show(value: Value | undefined, format: Format): string {
  if (value === undefined) return format(null);
  if (value === null || typeof value === 'number') return format(value);
  if (value.n === 0 || Number.isNaN(value.mean)) return format(null);
  return value.halfWidth === null ? format(value.mean) : `${format(value.mean)} ${chalk.dim(`± ${format(value.halfWidth)}`)}`;
}

/** The central value (the number, or an interval's mean). */
function central(value: Value | undefined): number | null {
  if (value === undefined || value === null) return null;
  return typeof value === 'number' ? value : value.n === 0 ? null : value.mean;
}

type Kpis = Record<string, Value>;
type Metric = { label: string; key: string; format: Format; colour?: (value: number, column: Column) => string | undefined };
type Column = { title: string; kpis: Kpis; slTarget?: number };

const metricRow = (m: Metric, columns: Column[]): Row => ({
  cells: [
    m.label,
    ...columns.map((c) => {
      const text = show(c.kpis[m.key], m.format);
      const value = central(c.kpis[m.key]);
      const colour = value === null ? undefined : m.colour?.(value, c);
      return colour === 'good' ? chalk.green(text) : colour === 'bad' ? chalk.red(text) : text;
    }),
  ],
});

const INBOUND: Metric[] = [
  { label: 'offered', key: 'offered', format: count },
  { label: 'answered', key: 'answered', format: count },
  { label: 'abandoned', key: 'abandoned', format: count },
  { label: 'abandon rate', key: 'abandonRate', format: share },
  { label: 'waited (pWait)', key: 'pWait', format: share },
  { label: 'ASA', key: 'asa', format: secs },
  {
    label: 'service level',
    key: 'serviceLevel',
    format: share,
    colour: (v, c) => (c.slTarget === undefined ? undefined : v >= c.slTarget ? 'good' : 'bad'),
  },
  { label: 'average talk time', key: 'averageTalkTime', format: secs },
  { label: 'accepted a callback', key: 'callbackAccepted', format: count },
];

const INBOUND_OPTIONAL: Metric[] = [
  { label: 'left a voicemail', key: 'voicemails', format: count },
  { label: 'transferred by in-queue flow', key: 'transferredOut', format: count },
  { label: 'in-queue flow errors', key: 'flowErrors', format: count },
];

const CALLBACKS: Metric[] = [
  { label: 'created', key: 'created', format: count },
  { label: 'completed', key: 'completed', format: count },
  { label: 'exhausted (retries used up)', key: 'exhausted', format: count },
  { label: 'cancelled', key: 'cancelled', format: count },
  { label: 'expired (ownership)', key: 'expired', format: count },
  { label: 'disconnected', key: 'disconnected', format: count },
  { label: 'active at horizon', key: 'active', format: count },
  { label: '  of which ended in analytics', key: 'endedInAnalytics', format: count },
  { label: 'attempts', key: 'attempts', format: count },
  { label: 'attempts per callback', key: 'attemptsPerCallback', format: decimal(2) },
  { label: 'connect rate', key: 'connectRate', format: share },
  { label: 'time to first dial', key: 'timeToFirstDial', format: secs },
  { label: 'time to connect', key: 'timeToConnect', format: secs },
];

const CUSTOMER_FIRST: Metric[] = [
  { label: 'customer answers (CF)', key: 'customerAnswers', format: count },
  { label: 'wait for agent after answer', key: 'waitAfterAnswer', format: secs },
  { label: 'abandoned after answer', key: 'abandonedAfterAnswer', format: count },
  { label: 'abandon after answer rate', key: 'abandonAfterAnswerRate', format: share2, colour: (v) => (v <= 0.03 ? 'good' : 'bad') },
  { label: '  worst 24 h', key: 'abandonAfterAnswerRateMax24h', format: share2, colour: (v) => (v <= 0.03 ? 'good' : 'bad') },
  { label: '  worst 30 days', key: 'abandonAfterAnswerRateMax30d', format: share2, colour: (v) => (v <= 0.03 ? 'good' : 'bad') },
  { label: 'live hung up as machine', key: 'liveHungUpAsMachine', format: count },
  { label: 'dials in flight (mean)', key: 'dialsInFlightMean', format: decimal(2) },
];

const AGENT_FIRST: Metric[] = [{ label: 'agent hours on failed attempts', key: 'failedAttemptAgentHours', format: decimal(1) }];

const OPERATIONS: Metric[] = [
  { label: 'operations applied', key: 'operationsApplied', format: count },
  { label: 'operations refused', key: 'operationsRefused', format: count },
];

const KIND_KEYS = ['created', 'completed', 'exhausted', 'cancelled', 'expired', 'disconnected', 'active', 'attemptsPerCallback', 'connectRate', 'timeToConnect'];
const KINDS: Metric[] = CALLBACKS.filter((m) => KIND_KEYS.includes(m.key)).map((m) => ({ ...m, label: m.label.replace(/ \(.*\)$/, '') }));

const AGENTS: Metric[] = [
  { label: 'occupancy', key: 'occupancy', format: share },
  { label: 'idle share', key: 'idleShare', format: share },
  { label: 'on-queue hours', key: 'staffedHours', format: decimal(1) },
  { label: 'idle hours', key: 'idleHours', format: decimal(1) },
  { label: 'not responding hours', key: 'notRespondingHours', format: decimal(1) },
];

const anyNonZero = (m: Metric, columns: Column[]) => columns.some((c) => (central(c.kpis[m.key]) ?? 0) !== 0);

/** The KPIs of one run, or of replications (each value with its 95 % confidence interval). */
type KpiSet = RunResult['kpis'] | Estimated<RunResult['kpis']>;

/**
 * The KPI tables of a run or of replications: one column per queue (and a
 * total when there are several), callbacks by kind, campaigns, and agents by
 * group.
 */
export function kpiTable(kpis: KpiSet, scenario: Scenario): string {
  const asKpis = (k: QueueKpis | Estimated<QueueKpis>) => k as unknown as Kpis;
  const columns: Column[] = scenario.queues.map((q) => ({ title: q.id, kpis: asKpis(kpis.queues[q.id]), slTarget: q.serviceLevel.percentage / 100 }));
  if (columns.length > 1) columns.push({ title: 'total', kpis: asKpis(kpis.total) });
  const rows: Row[] = [{ section: 'Inbound calls' }, ...INBOUND.map((m) => metricRow(m, columns))];
  rows.push(...INBOUND_OPTIONAL.filter((m) => anyNonZero(m, columns)).map((m) => metricRow(m, columns)));
  if (columns.some((c) => (central(c.kpis.created) ?? 0) > 0)) {
    rows.push({ section: 'Callbacks' }, ...CALLBACKS.map((m) => metricRow(m, columns)));
    if (scenario.queues.some((q) => q.callback.mode === 'CustomerFirst')) rows.push(...CUSTOMER_FIRST.map((m) => metricRow(m, columns)));
    if (scenario.queues.some((q) => q.callback.mode === 'AgentFirst')) rows.push(...AGENT_FIRST.map((m) => metricRow(m, columns)));
    if (OPERATIONS.some((m) => anyNonZero(m, columns))) rows.push(...OPERATIONS.map((m) => metricRow(m, columns)));
  }
  const sections = [renderTable(['', ...columns.map((c) => c.title)], rows)];

  const kinds = Object.entries(kpis.callbackKinds as Record<string, CallbackKindKpis | Estimated<CallbackKindKpis>>);
  if (kinds.length > 1) {
    const kindColumns = kinds.map(([kind, k]) => ({ title: kind, kpis: k as unknown as Kpis }));
    sections.push(renderTable(['Callbacks by kind', ...kinds.map(([kind]) => kind)], KINDS.map((m) => metricRow(m, kindColumns))));
  }

  const campaigns = Object.entries(kpis.campaigns as Record<string, Record<string, Value>>);
  if (campaigns.length > 0) {
    sections.push(
      renderTable(
        ['Campaigns', 'dialed', 'live', 'asked to be called later'],
        campaigns.map(([id, c]) => ({ cells: [id, show(c.dialed, count), show(c.live, count), show(c.callLater, count)] })),
      ),
    );
  }

  const agents = kpis.agents as unknown as Kpis & { groups: Record<string, AgentKpis | Estimated<AgentKpis>> };
  const groups = Object.entries(agents.groups);
  const agentColumns: Column[] =
    groups.length > 1
      ? [...groups.map(([name, k]) => ({ title: name, kpis: k as unknown as Kpis })), { title: 'all agents', kpis: agents }]
      : [{ title: groups[0]?.[0] ?? 'agents', kpis: agents }];
  sections.push(renderTable(['Agents', ...agentColumns.map((c) => c.title)], AGENTS.map((m) => metricRow(m, agentColumns))));
  return sections.join('\n\n');
}

/** One line naming the run: scenario, seed, horizon, warmup and engine. */
export function runHeading(result: RunResult | ReplicatedResult): string {
  const s = result.scenario;
  const runs = 'replications' in result ? ` · ${result.replications} replications, mean ± 95% half-width` : ` · seed ${s.seed}`;
  return `${chalk.bold(s.name)}  ${chalk.dim(`start ${s.start} · ${s.duration} simulated (warmup ${s.warmup}) · engine ${result.engine}${runs}`)}`;
}
