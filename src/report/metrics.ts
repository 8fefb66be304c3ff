/** Which KPIs the report's tables show, with their labels and formats. */
import { count, decimal, seconds, share, type Format } from './format.js';

/** One KPI of a queue (or of the agents) as a table shows it. */
export interface Metric {
  label: string;
  /** Key in `QueueKpis` (or `AgentKpis` for the agents section). */
  key: string;
  format: Format;
  /** A count: means of it get a decimal. */
  isCount?: boolean;
  /** Shown only when some column has a non-zero value. */
  optional?: boolean;
  /** A share where lower is better and 3 % is the usual regulatory ceiling. */
  ceiling?: number;
}

/** A titled group of metrics. */
export interface MetricSection {
  title: string;
  /** Where the values live: a queue's KPIs or the agents'. */
  source: 'queue' | 'agents';
  /** Shown only when some column has inbound calls / created callbacks. */
  showIf?: 'inbound' | 'callbacks';
  metrics: Metric[];
}

const c = (label: string, key: string, optional = false): Metric => ({ label, key, format: count, isCount: true, optional });

/** The sections of the KPI table of a run, in order. */
export const KPI_SECTIONS: readonly MetricSection[] = [
  {
    title: 'Inbound calls',
    source: 'queue',
    showIf: 'inbound',
    metrics: [
      c('offered', 'offered'),
      c('answered', 'answered'),
      c('abandoned', 'abandoned'),
      { label: 'abandon rate', key: 'abandonRate', format: share() },
      { label: 'waited (pWait)', key: 'pWait', format: share() },
      { label: 'ASA', key: 'asa', format: seconds },
      { label: 'service level', key: 'serviceLevel', format: share() },
      { label: 'average talk time', key: 'averageTalkTime', format: seconds },
      c('accepted a callback', 'callbackAccepted', true),
      c('left a voicemail', 'voicemails', true),
    ],
  },
  {
    title: 'Callbacks',
    source: 'queue',
    showIf: 'callbacks',
    metrics: [
      c('created', 'created'),
      c('completed', 'completed'),
      c('exhausted (retries used up)', 'exhausted'),
      c('cancelled', 'cancelled', true),
      c('expired (ownership)', 'expired', true),
      c('disconnected', 'disconnected', true),
      c('active at horizon', 'active'),
      c('attempts', 'attempts'),
      { label: 'attempts per callback', key: 'attemptsPerCallback', format: decimal(2) },
      { label: 'connect rate', key: 'connectRate', format: share() },
      { label: 'time to first dial', key: 'timeToFirstDial', format: seconds },
      { label: 'time to connect', key: 'timeToConnect', format: seconds },
      c('customer answers (Customer First)', 'customerAnswers', true),
      { label: 'wait for agent after answer', key: 'waitAfterAnswer', format: seconds, optional: true },
      c('abandoned after answer', 'abandonedAfterAnswer', true),
      { label: 'abandon-after-answer rate', key: 'abandonAfterAnswerRate', format: share(2), ceiling: 0.03, optional: true },
      { label: 'worst 24 h', key: 'abandonAfterAnswerRateMax24h', format: share(2), ceiling: 0.03, optional: true },
      { label: 'dials in flight (mean)', key: 'dialsInFlightMean', format: decimal(2), optional: true },
      { label: 'agent hours on failed attempts', key: 'failedAttemptAgentHours', format: decimal(1), optional: true },
    ],
  },
  {
    title: 'Agents',
    source: 'agents',
    metrics: [
      { label: 'occupancy', key: 'occupancy', format: share() },
      { label: 'idle share', key: 'idleShare', format: share() },
      { label: 'on-queue hours', key: 'staffedHours', format: decimal(1) },
    ],
  },
];

/** The columns of the sweep's table: one row per cell, these KPIs across. */
export const SWEEP_COLUMNS: readonly (Metric & { source: 'queue' | 'agents' })[] = [
  { label: 'offered', key: 'offered', format: count, isCount: true, optional: true, source: 'queue' },
  { label: 'service level', key: 'serviceLevel', format: share(), optional: true, source: 'queue' },
  { label: 'abandon rate', key: 'abandonRate', format: share(), optional: true, source: 'queue' },
  { label: 'callbacks created', key: 'created', format: count, isCount: true, optional: true, source: 'queue' },
  { label: 'completed', key: 'completed', format: count, isCount: true, optional: true, source: 'queue' },
  { label: 'active at horizon', key: 'active', format: count, isCount: true, optional: true, source: 'queue' },
  { label: 'attempts per callback', key: 'attemptsPerCallback', format: decimal(2), optional: true, source: 'queue' },
  { label: 'connect rate', key: 'connectRate', format: share(), optional: true, source: 'queue' },
  { label: 'time to connect', key: 'timeToConnect', format: seconds, optional: true, source: 'queue' },
  { label: 'abandon-after-answer rate', key: 'abandonAfterAnswerRate', format: share(2), ceiling: 0.03, optional: true, source: 'queue' },
  { label: 'dials in flight', key: 'dialsInFlightMean', format: decimal(2), optional: true, source: 'queue' },
  { label: 'occupancy', key: 'occupancy', format: share(), source: 'agents' },
];
