import { describe, expect, it } from 'vitest';
import { formatIssue, parseScenario } from '../../src/scenario/index.js';
import { errorsOf, issueAt, minimal, withCallback } from './helpers.js';

const read = (text: string) => parseScenario(text, 'test.yaml').scenario;

describe('dial permit fields: read, defaulted to absent, and refused with the field, value and what is allowed', () => {
  it('absent by default: no calling hours, cap, lockout, zones or do-not-call share', () => {
    const s = read(minimal());
    expect(s.queues[0].callback.callingHours).toBeUndefined();
    expect(s.queues[0].callback.maxAttempts).toBeUndefined();
    expect(s.queues[0].compliance.redialLockout).toBeUndefined();
    expect(s.callee.timeZones).toBeUndefined();
    expect(s.callee.doNotCall).toBeUndefined();
  });

  it('reads calling hours as weekly windows, the attempt cap, the lockout, the zones and the do-not-call share', () => {
    const text = withCallback('      callingHours: [{ days: mon-sat, start: "08:00", end: "21:00" }]\n      maxAttempts: { count: 7, per: 7d }')
      .replace('    callback:\n', '    compliance: { redialLockout: 72h }\n    callback:\n')
      .concat('callee:\n  timeZones: { America/New_York: 0.5, America/Chicago: 0.3, America/Los_Angeles: 0.2 }\n  doNotCall: 0.05\n');
    const s = read(text);
    expect(s.queues[0].callback.callingHours).toEqual([{ days: [1, 2, 3, 4, 5, 6], startMinute: 480, endMinute: 1260 }]);
    expect(s.queues[0].callback.maxAttempts).toEqual({ count: 7, per: 7 * 86_400_000, then: 'defer' });
    expect(s.queues[0].compliance.redialLockout).toBe(72 * 3_600_000);
    expect(s.callee.timeZones).toEqual({ 'America/New_York': 0.5, 'America/Chicago': 0.3, 'America/Los_Angeles': 0.2 });
    expect(s.callee.doNotCall).toBe(0.05);
  });

  it('bad calling hours and attempt caps', () => {
    expect(issueAt(errorsOf(withCallback('      callingHours: []')), 'queues[0].callback.callingHours').message).toBe(
      '[] has no windows; list at least one, or leave callingHours out for no limit',
    );
    expect(issueAt(errorsOf(withCallback('      callingHours: [{ days: mon, start: "25:00", end: "21:00" }]')), 'queues[0].callback.callingHours[0].start').message).toMatch(
      /^"25:00" is not a time of day "HH:MM", 00:00 to 23:59/,
    );
    const cap = errorsOf(withCallback('      maxAttempts: { count: 0, per: 30s, then: skip }'));
    expect(issueAt(cap, 'queues[0].callback.maxAttempts.count').message).toBe('0 is out of range; allowed 1 to 1000');
    expect(issueAt(cap, 'queues[0].callback.maxAttempts.per').message).toBe('30s is out of range; allowed 1m to 400d');
    expect(issueAt(cap, 'queues[0].callback.maxAttempts.then').message).toMatch(/skip.*defer.*end/);
  });

  it('a lockout of 0 or over 30 days is refused', () => {
    const lockout = (value: string) => errorsOf(minimal().replace('    callback:\n', `    compliance: { redialLockout: ${value} }\n    callback:\n`));
    expect(issueAt(lockout('0s'), 'queues[0].compliance.redialLockout').message).toBe('0s is out of range; allowed more than 0s, at most 30d');
    expect(issueAt(lockout('31d'), 'queues[0].compliance.redialLockout').message).toBe('31d is out of range; allowed more than 0s, at most 30d');
  });

  it('unknown zones (with a suggestion), shares not summing to 1 and a do-not-call share over 1 are refused', () => {
    const zone = errorsOf(minimal('callee:\n  timeZones: { America/New_Yrok: 1 }\n'));
    expect(issueAt(zone, 'callee.timeZones')).toMatchObject({ message: '"America/New_Yrok" is not a known IANA time zone, such as America/New_York or Europe/London', suggestion: 'did you mean "America/New_York"?' });
    const sum = errorsOf(minimal('callee:\n  timeZones: { Europe/London: 0.5, Europe/Paris: 0.4 }\n'));
    expect(issueAt(sum, 'callee.timeZones').message).toBe('the shares sum to 0.9; they must sum to 1');
    expect(issueAt(errorsOf(minimal('callee:\n  timeZones: {}\n')), 'callee.timeZones').message).toMatch(/names no time zone/);
    expect(issueAt(errorsOf(minimal('callee:\n  doNotCall: 1.5\n')), 'callee.doNotCall').message).toBe('1.5 is out of range; allowed 0 to 1');
  });
});

describe('dial permit warnings', () => {
  const warningsOf = (text: string) => parseScenario(text, 'w.yaml').warnings.map(formatIssue);

  it('a redial lockout on an Agent First queue, and customer zones with no calling hours anywhere, do nothing', () => {
    const text = minimal('callee:\n  timeZones: { Europe/London: 1 }\n').replace('    callback:\n', '    compliance: { redialLockout: 72h }\n    callback:\n');
    expect(warningsOf(text)).toEqual([
      'w.yaml:6:19: warning: queues[0].compliance.redialLockout: redialLockout has no effect on queue "support": its mode is AgentFirst, whose dials have an agent reserved first and are not locked out (remove redialLockout, or set mode: CustomerFirst)',
      "w.yaml:14:3: warning: callee.timeZones: timeZones has no effect: no queue has callback.callingHours, which are checked in the customer's zone (give a queue callingHours, or remove timeZones)",
    ]);
  });

  it('no warning when the lockout is on a Customer First queue and some queue has calling hours', () => {
    const text = withCallback('      mode: CustomerFirst\n      callingHours: [{ days: daily, start: "08:00", end: "21:00" }]')
      .replace('    callback:\n', '    compliance: { redialLockout: 72h }\n    callback:\n')
      .concat('callee:\n  timeZones: { Europe/London: 1 }\n');
    expect(warningsOf(text)).toEqual([]);
  });
});
