import { describe, expect, it } from 'vitest';
import { formatIssue, parseScenario } from '../../src/scenario/index.js';
import { minimal, withCallback } from './helpers.js';

const warningsOf = (text: string) => parseScenario(text, 'w.yaml').warnings;

describe('warnings', () => {
  it('pacing settings on an Agent First queue have no effect', () => {
    const warnings = warningsOf(withCallback('      mode: AgentFirst\n      pacingModifier: 4\n      pacing: ratio'));
    expect(warnings.map(formatIssue)).toEqual([
      'w.yaml:8:7: warning: queues[0].callback.pacingModifier: pacingModifier has no effect on queue "support": its mode is AgentFirst, and pacing applies to CustomerFirst only (remove pacingModifier, or set mode: CustomerFirst)',
      'w.yaml:9:7: warning: queues[0].callback.pacing: pacing has no effect on queue "support": its mode is AgentFirst, and pacing applies to CustomerFirst only (remove pacing, or set mode: CustomerFirst)',
    ]);
  });

  it('no warning for pacing on a Customer First queue', () => {
    expect(warningsOf(withCallback('      mode: CustomerFirst\n      pacingModifier: 4'))).toEqual([]);
  });

  it('a queue no agent group serves', () => {
    const text = minimal().replace('agents:', '  - id: sales\n    ani: "+15550100101"\nagents:');
    const [warning] = warningsOf(text);
    expect(warning).toMatchObject({ severity: 'warning', path: 'queues[1]', line: 8, col: 5 });
    expect(warning.message).toBe('queue "sales": no agent group serves it; its calls and callbacks will wait until the end');
  });

  it('a queue served only by empty groups', () => {
    const [warning] = warningsOf(minimal().replace('count: 5', 'count: 0'));
    expect(warning.message).toContain('only groups with 0 agents serve it (tier1)');
  });

  it('an inbound stream whose rates are all 0', () => {
    const [warning] = warningsOf(minimal('inbound:\n  - queue: support\n    arrivals: { poisson: { perHour: 0 } }\n    talkTime: 4m\n'));
    expect(warning).toMatchObject({ path: 'inbound[0].arrivals.poisson.perHour', line: 14, col: 37 });
  });

  it('an unbounded ring time whose tail passes the ring timeout', () => {
    const [warning] = warningsOf(minimal('callee:\n  ringTime: { exponential: { mean: 15s } }\n'));
    expect(warning.path).toBe('callee.ringTimeout');
    expect(warning.message).toMatch(/^30s is within 3 standard deviations of the mean ring time/);
  });

  it('a start offset that disagrees with the time zone', () => {
    const text = minimal().replace('duration: 1d', 'duration: 1d\nstart: 2026-07-01T09:00:00-05:00\ntimeZone: America/New_York');
    const [warning] = warningsOf(text);
    expect(warning.message).toBe('2026-07-01T09:00:00-05:00 has offset -05:00, but America/New_York is at -04:00 then; shifts and hourly profiles follow the time zone');
  });
});
