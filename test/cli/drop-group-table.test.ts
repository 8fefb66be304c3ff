import { describe, expect, it } from 'vitest';
import { kpiTable } from '../../src/cli/kpi-table.js';
import { simulate } from '../../src/runner/simulate.js';
import { pressedQueue } from '../contact-center/compliance-scenarios.js';
import { agents, scenario } from '../helpers/scenario.js';
import { callee, constant, HOUR, MINUTE, requests } from '../contact-center/support.js';

const ANSI = /\u001b\[[0-9;]*m/g;

describe('the KPI table’s drop groups', () => {
  const s = scenario({
    seed: 5,
    duration: 4 * HOUR,
    queues: [pressedQueue('east', { dropGroup: 'spring' }), pressedQueue('west', { dropGroup: 'spring' }), pressedQueue('solo')],
    agents: [agents('a', 4, ['east', 'west', 'solo'])],
    inbound: [],
    callbackRequests: ['east', 'west', 'solo'].map((q) => requests(q, 60, constant(4 * MINUTE))),
    callee: callee(),
  });
  const { kpis } = simulate(s, { intervals: false });
  const text = kpiTable(kpis, s).replace(ANSI, '');
  const table = text.slice(text.indexOf('Drop groups'), text.indexOf('Agents'));

  it('has a table with a column per drop group and its compliance figures, its optional rows only when some group has them', () => {
    expect(table).toMatch(/^Drop groups\s+spring\n/);
    const g = kpis.dropGroups.spring;
    expect(table).toMatch(new RegExp(`live answers\\s+${g.liveAnswers.toLocaleString('en-US')}\\n`));
    expect(table).toMatch(new RegExp(`compliance abandon rate\\s+${(g.complianceAbandonRate! * 100).toFixed(2)}%\\n`));
    expect(table).toContain('worst 30 days');
    expect(table).not.toContain('safe-harbour');
    expect(table).not.toContain('AMD false positives');
  });

  it('is left out when no queue names a drop group', () => {
    const plain = { ...s, queues: s.queues.map((q) => ({ ...q, compliance: { ...q.compliance, dropGroup: undefined } })) };
    expect(kpiTable(simulate(plain, { intervals: false }).kpis, plain)).not.toContain('Drop groups');
  });
});
