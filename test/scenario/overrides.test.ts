import { describe, expect, it } from 'vitest';
import { formatIssue, parseScenario } from '../../src/scenario/index.js';
import { errorsOf, fixture, issueAt } from './helpers.js';

const design = fixture('design-example.yaml');
const load = (overrides: Parameters<typeof parseScenario>[2]) => parseScenario(design, 'design.yaml', overrides).scenario;

describe('command-line overrides', () => {
  it('--seed and --duration replace the file values', () => {
    const s = load({ seed: '42', duration: '7d' });
    expect(s.seed).toBe(42);
    expect(s.duration).toBe(7 * 86_400_000);
  });

  it('--set names list items by id, group or queue', () => {
    const s = load({
      set: ['queues.support.callback.pacingModifier=4', 'agents.tier1.count=30', 'inbound.support.callbackOffer.acceptance=0.5', 'callee.ringTimeout=45s'],
    });
    expect(s.queues[0].callback.pacingModifier).toBe(4);
    expect(s.agents[0].count).toBe(30);
    expect(s.inbound[0].callbackOffer?.acceptance).toBe(0.5);
    expect(s.callee.ringTimeout).toBe(45_000);
  });

  it('--set names list items by index, reads YAML scalars and creates missing mappings', () => {
    const s = load({
      set: ['queues.0.callback.mode=AgentFirst', 'queues.0.callback.enableAutoAnswer=true', 'queues.0.callback.agentOwnedCallbacks.maxOwnership=2d', 'agents.0.queues.0=support'],
    });
    expect(s.queues[0].callback.mode).toBe('AgentFirst');
    expect(s.queues[0].callback.enableAutoAnswer).toBe(true);
    expect(s.queues[0].callback.agentOwnedCallbacks.maxOwnership).toBe(2 * 86_400_000);
  });

  it('--set finds ids that contain dots', () => {
    const text = design.replace('id: support', 'id: support.us').replace('queues: [support]', 'queues: [support.us]').replace('queue: support', 'queue: support.us');
    const s = parseScenario(text, 'dots.yaml', { set: ['queues.support.us.callback.maxRetryCount=7'] }).scenario;
    expect(s.queues[0].callback.maxRetryCount).toBe(7);
  });

  it('a bad --duration or --seed is reported on the option, without line:col, saying what is allowed', () => {
    const issues = errorsOf(design, 'design.yaml', { seed: 'abc', duration: '7x' });
    expect(issues.map(formatIssue)).toEqual([
      '--seed: error: seed: abc is not a whole number; allowed 0 to 9007199254740991',
      '--duration: error: duration: 7x is not a duration such as 90s, 3m or 1h30m; allowed more than 0s, at most 400d',
    ]);
    expect(issues[0].line).toBeUndefined();
  });

  it('a --duration without a unit suggests one', () => {
    expect(errorsOf(design, 'design.yaml', { duration: '30' })[0]).toMatchObject({ file: '--duration', suggestion: 'did you mean "30s"?' });
  });

  it('a --set path naming no item is an error with a did-you-mean', () => {
    const [issue] = errorsOf(design, 'design.yaml', { set: ['queues.suport.callback.mode=AgentFirst'] });
    expect(issue).toMatchObject({ file: '--set', path: 'queues.suport.callback.mode', suggestion: 'did you mean "support"?' });
    expect(issue.message).toBe('no queue has id "suport"; the ids are "support"; or use an index');
  });

  it('a --set value out of range, a --set unknown key and a malformed --set are each reported', () => {
    const issues = errorsOf(design, 'design.yaml', {
      set: ['queues.support.callback.pacingModifier=11', 'queues.support.callback.retyDelay=5m', 'agents.5.count=1', 'nonsense'],
    });
    expect(issues.map(formatIssue)).toEqual([
      '--set: error: agents.5.count: index 5 is past the end; the list has 1 item',
      '--set: error: "nonsense" is not PATH=VALUE; e.g. queues.support.callback.pacingModifier=4',
      '--set: error: queues[0].callback.pacingModifier: 11 is out of range; allowed 1 to 10',
      '--set: error: queues[0].callback.retyDelay: unknown key "retyDelay" (did you mean "retryDelay"?)',
    ]);
  });

  it('errors in the file and in overrides are reported together', () => {
    const text = design.replace('pacingModifier: 3', 'pacingModifier: 12');
    const issues = errorsOf(text, 'design.yaml', { set: ['agents.tier1.queues.0=sales'] });
    expect(issues.map((i) => `${i.file}:${i.line ?? '-'}:${i.path}`)).toEqual([
      '--set:-:agents[0].queues[0]',
      'design.yaml:12:queues[0].callback.pacingModifier',
    ]);
  });
});
