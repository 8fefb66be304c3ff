import { describe, expect, it } from 'vitest';
import * as cbsim from '../../src/index.js';
import * as testing from '../../src/testing/index.js';

/*
 * The public surface, pinned: a change here is a change of what users of the
 * package can import, and must be made on purpose (and said in the README).
 */
describe('the package exports', () => {
  it('cbsim exports exactly these values', () => {
    expect(Object.keys(cbsim).sort()).toEqual([
      'ABANDON_CEILING', 'BUILTIN_POLICY_NAMES', 'ENGINES', 'KPI_CATALOGUE', 'OUTPUT_VERSION', 'PACING_CONTRACT_VERSION', 'PacingError', 'SIM_EVENT_TYPES',
      'combine', 'erlangA', 'erlangC', 'formatIssue', 'kpi', 'loadPacingModules', 'preparePacing', 'registerPacingModule', 'replicate', 'replicationSeeds',
      'scenarioFromFile', 'scenarioFromObject', 'scenarioFromText', 'scenarioJsonSchema', 'simulate', 'sweep',
    ]);
  });

  it('cbsim/testing exports exactly these values', () => {
    expect(Object.keys(testing).sort()).toEqual([
      'agents', 'arbitraryPermitScenario', 'arbitraryScenario', 'builtinPacing', 'callbackSettings', 'checkAttemptLimit', 'checkCountsAddUp', 'checkDialingRules', 'checkDialsInFlight',
      'checkNoCallbackLost', 'checkRetrySpacing', 'checkRouteLines', 'eventsOfType', 'inbound', 'queue', 'recordRun', 'scenario',
    ]);
  });
});

describe('loading scenarios as a library does', () => {
  it('gives the CLI’s errors as data, with line and column, for text', () => {
    const result = cbsim.scenarioFromText('name: x\nduration: 1h\nqueues:\n  - id: q\n    ani: "+15550100100"\n    callback: { pacingModifier: 11 }\n', 'x.yaml');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]).toMatchObject({ severity: 'error', file: 'x.yaml', line: 6, col: 33, path: 'queues[0].callback.pacingModifier', message: '11 is out of range; allowed 1 to 10' });
    expect(cbsim.formatIssue(result.issues[0])).toBe('x.yaml:6:33: error: queues[0].callback.pacingModifier: 11 is out of range; allowed 1 to 10');
  });

  it('loads an object and runs it, with the same KPIs as the same scenario written as text', () => {
    const file = {
      name: 'lib', duration: '4h', warmup: '0s',
      queues: [{ id: 'q', ani: '+15550100100', callback: { mode: 'CustomerFirst', pacing: { name: 'ratio', options: { modifier: 2 } } } }],
      agents: [{ group: 'a', count: 4, queues: ['q'] }],
      callbackRequests: [{ queue: 'q', arrivals: { poisson: { perHour: 60 } }, talkTime: { exponential: { mean: '3m' } } }],
    };
    const fromObject = cbsim.scenarioFromObject(file);
    const fromText = cbsim.scenarioFromText(JSON.stringify(file, null, 2), 'lib.json');
    expect(fromObject.ok && fromText.ok).toBe(true);
    if (!fromObject.ok || !fromText.ok) return;
    const a = cbsim.simulate(fromObject.scenario, { intervals: false });
    expect(a.kpis.total.attempts).toBeGreaterThan(50);
    expect(a.kpis).toEqual(cbsim.simulate(fromText.scenario, { intervals: false }).kpis);
  });

  it('names an object’s bad fields by path alone', () => {
    const result = cbsim.scenarioFromObject({ name: 'x', duration: '1h', queues: [{ id: 'q', ani: 'nope' }] }, 'mine');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((i) => [i.file, i.path, i.line])).toEqual([['mine', 'queues[0].ani', undefined]]);
  });

  it('sweeps a grid on one thread and on two workers with the same rows', async () => {
    const text = JSON.stringify({
      name: 'grid', duration: '3h', warmup: '0s',
      queues: [{ id: 'q', ani: '+15550100100', callback: { mode: 'CustomerFirst' } }],
      agents: [{ group: 'a', count: 3, queues: ['q'] }],
      callbackRequests: [{ queue: 'q', arrivals: { poisson: { perHour: 200 } }, talkTime: { exponential: { mean: '3m' } } }],
    });
    const spec = { text, set: ['queues.q.callback.pacingModifier=1,4'], replications: 2 };
    const one = await cbsim.sweep(spec);
    expect(one.rows).toHaveLength(4);
    expect(one.cells.map((c) => c.label)).toEqual(['pacingModifier=1', 'pacingModifier=4']);
    expect(one.cells[1].kpis.total.attempts.mean).toBeGreaterThan(one.cells[0].kpis.total.attempts.mean);
    const two = await cbsim.sweep({ ...spec, workers: 2 });
    expect(JSON.stringify(two.rows)).toBe(JSON.stringify(one.rows));
    await expect(cbsim.sweep({ ...spec, set: ['seed=1,2'] })).rejects.toThrow(/seed cannot be an axis/);
  });

  it('reports a file it cannot read as an issue', () => {
    const result = cbsim.scenarioFromFile('no/such/file.yaml');
    expect(result).toEqual({ ok: false, issues: [{ severity: 'error', file: 'no/such/file.yaml', path: '', message: 'cannot read scenario: no such file' }] });
  });
});
