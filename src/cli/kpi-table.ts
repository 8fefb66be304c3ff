import chalk from 'chalk';
import type { QueueKpis } from '../metrics/kpis.js';
import type { Scenario } from '../model/scenario.js';
import type { RunResult } from '../runner/simulate.js';
import { num, pct, renderTable, seconds, type Row } from './table.js';

type Column = { title: string; kpis: QueueKpis; slTarget?: number };

function row(label: string, columns: Column[], cell: (c: Column) => string): Row {
  return { cells: [label, ...columns.map(cell)] };
}

/** The KPI table of a run: one column per queue (and a total when there are several). */
export function kpiTable(result: RunResult, scenario: Scenario): string {
  const columns: Column[] = scenario.queues.map((q) => ({
    title: q.id,
    kpis: result.kpis.queues[q.id],
    slTarget: q.serviceLevel.percentage / 100,
  }));
  if (columns.length > 1) columns.push({ title: 'total', kpis: result.kpis.total });
  const anyCallbacks = columns.some((c) => c.kpis.created > 0);
  const anyCustomerFirst = scenario.queues.some((q) => q.callback.mode === 'CustomerFirst');
  const anyAgentFirst = scenario.queues.some((q) => q.callback.mode === 'AgentFirst');
  const rows: Row[] = [
    { section: 'Inbound calls' },
    row('offered', columns, (c) => num(c.kpis.offered)),
    row('answered', columns, (c) => num(c.kpis.answered)),
    row('abandoned', columns, (c) => num(c.kpis.abandoned)),
    row('abandon rate', columns, (c) => pct(c.kpis.abandonRate)),
    row('waited (pWait)', columns, (c) => pct(c.kpis.pWait)),
    row('ASA', columns, (c) => seconds(c.kpis.asa)),
    row('service level', columns, (c) => {
      const text = pct(c.kpis.serviceLevel);
      if (c.slTarget === undefined || c.kpis.serviceLevel === null) return text;
      return c.kpis.serviceLevel >= c.slTarget ? chalk.green(text) : chalk.red(text);
    }),
    row('average talk time', columns, (c) => seconds(c.kpis.averageTalkTime)),
    row('accepted a callback', columns, (c) => num(c.kpis.callbackAccepted)),
  ];
  if (anyCallbacks) {
    rows.push(
      { section: 'Callbacks' },
      row('created', columns, (c) => num(c.kpis.created)),
      row('completed', columns, (c) => num(c.kpis.completed)),
      row('exhausted (retries used up)', columns, (c) => num(c.kpis.exhausted)),
      row('cancelled', columns, (c) => num(c.kpis.cancelled)),
      row('expired (ownership)', columns, (c) => num(c.kpis.expired)),
      row('disconnected', columns, (c) => num(c.kpis.disconnected)),
      row('active at horizon', columns, (c) => num(c.kpis.active)),
      row('attempts', columns, (c) => num(c.kpis.attempts)),
      row('attempts per callback', columns, (c) => num(c.kpis.attemptsPerCallback, 2)),
      row('connect rate', columns, (c) => pct(c.kpis.connectRate)),
      row('time to first dial', columns, (c) => seconds(c.kpis.timeToFirstDial)),
      row('time to connect', columns, (c) => seconds(c.kpis.timeToConnect)),
    );
    if (anyCustomerFirst) {
      rows.push(
        row('customer answers (CF)', columns, (c) => num(c.kpis.customerAnswers)),
        row('wait for agent after answer', columns, (c) => seconds(c.kpis.waitAfterAnswer)),
        row('abandoned after answer', columns, (c) => num(c.kpis.abandonedAfterAnswer)),
        row('abandon after answer rate', columns, (c) => {
          const text = pct(c.kpis.abandonAfterAnswerRate, 2);
          if (c.kpis.abandonAfterAnswerRate === null) return text;
          return c.kpis.abandonAfterAnswerRate <= 0.03 ? chalk.green(text) : chalk.red(text);
        }),
      );
    }
    if (anyAgentFirst) {
      rows.push(row('agent hours on failed attempts', columns, (c) => num(c.kpis.failedAttemptAgentHours, 1)));
    }
  }
  const agents = result.kpis.agents;
  const groups = Object.entries(agents.groups);
  const agentColumns = groups.length > 1 ? [...groups.map(([name, k]) => ({ name, k })), { name: 'all agents', k: agents }] : [{ name: groups[0]?.[0] ?? 'agents', k: agents }];
  const agentRow = (label: string, cell: (k: typeof agents) => string): Row => ({ cells: [label, ...agentColumns.map((c) => cell(c.k as typeof agents))] });
  const agentRows: Row[] = [
    agentRow('occupancy', (k) => pct(k.occupancy)),
    agentRow('idle share', (k) => pct(k.idleShare)),
    agentRow('on-queue hours', (k) => num(k.staffedHours, 1)),
    agentRow('idle hours', (k) => num(k.idleHours, 1)),
    agentRow('not responding hours', (k) => num(k.notRespondingHours, 1)),
  ];
  return `${renderTable(['', ...columns.map((c) => c.title)], rows)}\n\n${renderTable(['Agents', ...agentColumns.map((c) => c.name)], agentRows)}`;
}

/** One line naming the run: scenario, seed, horizon, warmup and engine. */
export function runHeading(result: RunResult): string {
  const s = result.scenario;
  return `${chalk.bold(s.name)}  ${chalk.dim(`seed ${s.seed} · start ${s.start} · ${s.duration} simulated (warmup ${s.warmup}) · engine ${result.engine}`)}`;
}
