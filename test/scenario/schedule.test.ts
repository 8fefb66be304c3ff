import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/index.js';
import { parseDays, parseTimeOfDay } from '../../src/scenario/time.js';
import { errorsOf, fixture, issueAt } from './helpers.js';

describe('shifts', () => {
  const { scenario } = parseScenario(fixture('shifts.yaml'), 'shifts.yaml');
  const schedule = (group: string) => scenario.agents.find((a) => a.group === group)?.schedule;

  it('reads day ranges and times of day (0 = Sunday)', () => {
    expect(schedule('days')).toEqual([{ days: [1, 2, 3, 4, 5], startMinute: 8 * 60, endMinute: 17 * 60 }]);
  });

  it('reads lists of days, weekdays, weekends and daily', () => {
    expect(schedule('lists')).toEqual([
      { days: [1, 3, 5], startMinute: 9 * 60 + 30, endMinute: 13 * 60 },
      { days: [1, 2, 3, 4, 5], startMinute: 540, endMinute: 1020 },
      { days: [0, 6], startMinute: 600, endMinute: 960 },
      { days: [0, 1, 2, 3, 4, 5, 6], startMinute: 0, endMinute: 1440 },
    ]);
  });

  it('keeps overnight shifts as an end at or before the start', () => {
    expect(schedule('nights')).toEqual([
      { days: [0, 5, 6], startMinute: 22 * 60, endMinute: 6 * 60 },
      { days: [1], startMinute: 20 * 60, endMinute: 1440 },
    ]);
  });

  it('an unknown schedule word and an empty shift list are errors', () => {
    const text = fixture('shifts.yaml');
    expect(issueAt(errorsOf(text.replace('schedule: always', 'schedule: shifts')), 'agents[3].schedule').message).toBe(
      'shifts is not allowed; use always or a list of shifts',
    );
    expect(issueAt(errorsOf(text.replace('schedule: always', 'schedule: []')), 'agents[3].schedule').message).toBe(
      '[] has no shifts; list at least one, or use always',
    );
  });

  it('bad days and times are errors with suggestions', () => {
    const text = fixture('shifts.yaml').replace('days: mon-fri', 'days: mon-fir').replace('start: "08:00"', 'start: "25:00"');
    const issues = errorsOf(text);
    expect(issueAt(issues, 'agents[0].schedule[0].days').suggestion).toBe('did you mean "fri"?');
    expect(issueAt(issues, 'agents[0].schedule[0].start').message).toBe('"25:00" is not a time of day "HH:MM", 00:00 to 23:59');
  });
});

describe('day and time parsers', () => {
  it('parses day words, wrapping ranges and comma lists', () => {
    expect(parseDays('fri-mon')).toEqual({ days: [0, 1, 5, 6] });
    expect(parseDays('Monday, wed')).toEqual({ days: [1, 3] });
    expect(parseDays('weekdays')).toEqual({ days: [1, 2, 3, 4, 5] });
    expect(parseDays('mon-funday')).toEqual({ bad: 'funday' });
  });

  it('parses times of day from 00:00 to 24:00', () => {
    expect(parseTimeOfDay('8:05')).toBe(485);
    expect(parseTimeOfDay('24:00')).toBe(1440);
    expect(parseTimeOfDay('24:01')).toBeUndefined();
    expect(parseTimeOfDay('12:60')).toBeUndefined();
  });
});
