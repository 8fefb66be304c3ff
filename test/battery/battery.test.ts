import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioFromFile } from '../../src/api/load.js';
import { formatIssue } from '../../src/scenario/issues.js';
import { simulate } from '../../src/runner/simulate.js';

const DIR = 'scenarios/battery';
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort();

describe('the pacing battery', () => {
  it('holds at least eight scenarios', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(8);
  });

  it.each(FILES)('%s says what it tests, validates without warnings, and runs with its own and with a reference policy', (file) => {
    const path = `${DIR}/${file}`;
    expect(readFileSync(path, 'utf8')).toMatch(/^# \S.*\n(#.*\n){3,}/);
    // As written, then with two reference policies over a shorter span (to keep the test cheap).
    for (const pacing of [null, 'predictive', 'vicidial']) {
      const loaded = scenarioFromFile(path, { set: pacing === null ? [] : [`queues.callbacks.callback.pacing=${pacing}`, 'duration=12h', 'warmup=0s'] });
      expect(loaded.ok, loaded.ok ? '' : loaded.issues.map(formatIssue).join('\n')).toBe(true);
      if (!loaded.ok) return;
      expect(loaded.warnings.map(formatIssue)).toEqual([]);
      const callbacks = loaded.scenario.queues.find((q) => q.id === 'callbacks');
      expect(callbacks?.callback.mode).toBe('CustomerFirst');
      const total = simulate(loaded.scenario, { intervals: false }).kpis.total;
      expect(total.liveAnswers).toBeGreaterThan(pacing === null ? 1000 : 200);
      expect(total.complianceAbandonRate).not.toBeNull();
    }
  });
});
