/**
 * The views of the KPI catalogue: which KPIs the CLI's KPI table, compare,
 * the sweep summary and the HTML report show, in which order and under
 * which labels. Every row names a KPI of the catalogue (`kpi-catalogue.ts`).
 */
import { kpi, type KpiDefinition, type KpiKey, type KpiScope } from './kpi-catalogue.js';

/** A KPI as a view shows it. */
export interface KpiRow {
  readonly kpi: KpiDefinition;
  /** The view's label: the catalogue's unless the view words it otherwise. */
  readonly label: string;
  /** Shown only when some column has a non-zero value. */
  readonly optional: boolean;
  /** Compare: the difference is shown dim whatever its sign (compare has never coloured these). */
  readonly neutral: boolean;
}

/** The choices a view makes for a row. */
type RowChoice = KpiKey | { key: KpiKey; label?: string; optional?: boolean; neutral?: boolean };

const rows = (...choices: RowChoice[]): KpiRow[] =>
  choices.map((c) => {
    const choice = typeof c === 'string' ? { key: c } : c;
    const definition = kpi(choice.key);
    return { kpi: definition, label: choice.label ?? definition.label, optional: choice.optional ?? false, neutral: choice.neutral ?? false };
  });
const optional = (...keys: KpiKey[]): KpiRow[] => rows(...keys.map((key) => ({ key, optional: true })));

/**
 * Rows a view shows together: always, when some queue uses that callback
 * mode, or (`anyNonZero`) all of them when one of them is non-zero somewhere.
 */
export interface KpiRowGroup {
  readonly when: 'always' | 'customerFirst' | 'agentFirst' | 'anyNonZero';
  readonly rows: readonly KpiRow[];
}

/** A titled section of a KPI table; with `shownIf`, shown only when some column has a non-zero value of that KPI. */
export interface KpiSection {
  readonly title: string;
  readonly scope: KpiScope;
  readonly shownIf?: KpiKey;
  readonly groups: readonly KpiRowGroup[];
}

const always = (...groupRows: KpiRow[][]): KpiRowGroup => ({ when: 'always', rows: groupRows.flat() });

const INBOUND = ['offered', 'answered', 'abandoned', 'abandonRate', 'pWait', 'asa', 'serviceLevel', 'averageTalkTime'] as const;
const CALLBACKS = ['created', 'completed', 'exhausted', 'cancelled', 'expired', 'disconnected', 'active', 'endedInAnalytics', 'attempts', 'attemptsPerCallback', 'connectRate', 'timeToFirstDial', 'timeToConnect'] as const;

/** `cbsim run`: the tables of queues, callbacks by kind, campaigns, outbound routes and agents. */
export const CLI_KPI_TABLE: {
  readonly queues: readonly KpiSection[];
  readonly kinds: readonly KpiRow[];
  readonly dropGroups: readonly KpiRow[];
  readonly campaigns: readonly KpiRow[];
  readonly routes: readonly KpiRow[];
  readonly agents: readonly KpiRow[];
} = {
  queues: [
    { title: 'Inbound calls', scope: 'queue', groups: [always(rows(...INBOUND, 'callbackAccepted'), optional('voicemails', 'transferredOut', 'flowErrors'))] },
    {
      title: 'Callbacks',
      scope: 'queue',
      shownIf: 'created',
      groups: [
        always(rows(...CALLBACKS)),
        {
          when: 'customerFirst',
          rows: rows(
            'customerAnswers',
            'waitAfterAnswer',
            'abandonedAfterAnswer',
            'abandonAfterAnswerRate',
            'abandonAfterAnswerRateMax24h',
            'abandonAfterAnswerRateMax30d',
            'liveAnswers',
            'complianceAbandoned',
            'complianceAbandonRate',
            'complianceAbandonRateMax24h',
            'complianceAbandonRateMax30d',
            'liveHungUpAsMachine',
            'dialsInFlightMean',
            { key: 'safeHarbourMessages', optional: true },
            { key: 'safeHarbourMessageMean', optional: true },
            { key: 'amdFalsePositiveAbandons', optional: true },
          ),
        },
        { when: 'agentFirst', rows: rows('failedAttemptAgentHours') },
        {
          when: 'anyNonZero',
          rows: rows('doNotCall', 'attemptCapped', 'callbacksWaitedForHours', 'hoursWaitMean', 'hoursWaitTotal', 'dialsOutsideCallingHours', 'callbacksWaitedForLockout', 'callbacksWaitedForAttemptCap'),
        },
        { when: 'anyNonZero', rows: rows('operationsApplied', 'operationsRefused') },
      ],
    },
  ],
  kinds: rows('created', 'completed', { key: 'exhausted', label: 'exhausted' }, 'cancelled', { key: 'expired', label: 'expired' }, 'disconnected', 'active', 'attemptsPerCallback', 'connectRate', 'timeToConnect'),
  dropGroups: rows(
    'liveAnswers',
    'complianceAnswers',
    'complianceAbandoned',
    'complianceAbandonRate',
    'complianceAbandonRateMax24h',
    'complianceAbandonRateMax30d',
    { key: 'safeHarbourMessages', optional: true },
    { key: 'amdFalsePositiveAbandons', optional: true },
  ),
  campaigns: rows('dialed', 'live', 'callLater'),
  routes: rows('lines', 'lineOccupancy', 'peakLinesBusy', 'dialsWaitedForLine', 'lineWaitMean', 'lineWaitMax'),
  agents: rows('occupancy', 'idleShare', 'staffedHours', 'idleHours', 'notRespondingHours'),
};

/**
 * `cbsim compare`: the rows of the chosen queue (optional ones shown when some
 * variant has a non-zero value, the others when some variant has a value),
 * then `agents` for every agent group and `allAgents` when there are several,
 * then `routes` for every outbound route that declares its lines.
 */
export const COMPARE_ROWS: { readonly queue: readonly KpiRow[]; readonly agents: readonly KpiRow[]; readonly allAgents: readonly KpiRow[]; readonly routes: readonly KpiRow[] } = {
  queue: rows(
    { key: 'offered', label: 'inbound offered', optional: true },
    { key: 'serviceLevel', label: 'inbound service level', optional: true, neutral: true },
    { key: 'abandonRate', label: 'inbound abandon rate', optional: true },
    { key: 'asa', label: 'inbound ASA', optional: true },
    { key: 'created', label: 'callbacks created' },
    { key: 'completed', label: 'callbacks completed', neutral: true },
    'exhausted',
    { key: 'active', label: 'still active at horizon' },
    'attempts',
    'attemptsPerCallback',
    { key: 'connectRate', neutral: true },
    'timeToFirstDial',
    'timeToConnect',
    'customerAnswers',
    'waitAfterAnswer',
    'abandonAfterAnswerRate',
    'abandonAfterAnswerRateMax24h',
    'complianceAbandonRate',
    'dialsInFlightMean',
    'failedAttemptAgentHours',
  ),
  agents: rows('occupancy', 'idleShare'),
  allAgents: rows('occupancy'),
  routes: rows('lineOccupancy', 'peakLinesBusy', 'dialsWaitedForLine', 'lineWaitMean'),
};

/**
 * `cbsim sweep`: the KPIs of its table (headed by these labels, which stand
 * alone) and of `summary.csv` (named by key), of the chosen queue or all
 * queues, and of all agents.
 */
export const SWEEP_SUMMARY_ROWS: readonly KpiRow[] = rows(
  { key: 'serviceLevel', label: 'inbound service level' },
  { key: 'abandonRate', label: 'inbound abandon rate' },
  { key: 'asa', label: 'inbound ASA' },
  { key: 'created', label: 'callbacks created' },
  'completed',
  { key: 'exhausted', label: 'exhausted' },
  { key: 'active', label: 'active at horizon' },
  'attemptsPerCallback',
  'connectRate',
  'timeToConnect',
  { key: 'abandonAfterAnswerRate', label: 'abandon after answer' },
  { key: 'abandonAfterAnswerRateMax24h', label: 'abandon after answer worst 24 h' },
  { key: 'abandonAfterAnswerRateMax30d', label: 'abandon after answer worst 30 days' },
  { key: 'complianceAbandonRate', label: 'compliance abandon' },
  { key: 'complianceAbandonRateMax24h', label: 'compliance abandon worst 24 h' },
  { key: 'complianceAbandonRateMax30d', label: 'compliance abandon worst 30 days' },
  { key: 'waitAfterAnswer', label: 'wait after answer' },
  'occupancy',
  'idleShare',
);

const AAR_LABEL = 'abandon-after-answer rate';

/** The HTML report's KPI table of a run: queue sections, then agents, then outbound routes; sections and optional rows with nothing to show are left out. */
export const REPORT_KPI_SECTIONS: readonly KpiSection[] = [
  { title: 'Inbound calls', scope: 'queue', shownIf: 'offered', groups: [always(rows(...INBOUND), optional('callbackAccepted', 'voicemails'))] },
  {
    title: 'Callbacks',
    scope: 'queue',
    shownIf: 'created',
    groups: [
      always(
        rows('created', 'completed', 'exhausted'),
        optional('cancelled', 'expired', 'disconnected'),
        rows('active', 'attempts', 'attemptsPerCallback', 'connectRate', 'timeToFirstDial', 'timeToConnect'),
        rows(
          { key: 'customerAnswers', label: 'customer answers (Customer First)', optional: true },
          { key: 'waitAfterAnswer', optional: true },
          { key: 'abandonedAfterAnswer', optional: true },
          { key: 'abandonAfterAnswerRate', label: AAR_LABEL, optional: true },
          { key: 'abandonAfterAnswerRateMax24h', optional: true },
          { key: 'abandonAfterAnswerRateMax30d', optional: true },
          { key: 'complianceAbandonRate', optional: true },
          { key: 'complianceAbandonRateMax24h', optional: true },
          { key: 'complianceAbandonRateMax30d', optional: true },
        ),
        optional('dialsInFlightMean', 'failedAttemptAgentHours'),
      ),
    ],
  },
  { title: 'Agents', scope: 'agents', groups: [always(rows('occupancy', 'idleShare', 'staffedHours'))] },
  { title: 'Outbound routes', scope: 'route', groups: [always(rows('lines', 'lineOccupancy', 'peakLinesBusy', 'dialsWaitedForLine'), optional('lineWaitMean', 'lineWaitMax'))] },
];

/** The HTML report's sweep table: one row per cell, these KPIs across (optional ones when some cell has a non-zero value). */
export const REPORT_SWEEP_COLUMNS: readonly KpiRow[] = [
  ...optional('offered', 'serviceLevel', 'abandonRate'),
  ...rows(
    { key: 'created', label: 'callbacks created', optional: true },
    { key: 'completed', optional: true },
    { key: 'active', optional: true },
    { key: 'attemptsPerCallback', optional: true },
    { key: 'connectRate', optional: true },
    { key: 'timeToConnect', optional: true },
    { key: 'abandonAfterAnswerRate', label: AAR_LABEL, optional: true },
    { key: 'abandonAfterAnswerRateMax24h', label: 'worst 24 h', optional: true },
    { key: 'abandonAfterAnswerRateMax30d', label: 'worst 30 days', optional: true },
    { key: 'complianceAbandonRate', label: 'compliance abandon rate', optional: true },
    { key: 'dialsInFlightMean', label: 'dials in flight', optional: true },
    'occupancy',
  ),
];
