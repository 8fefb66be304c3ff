import { describe, expect, it } from 'vitest';
import { formatIssue, parseScenario, ScenarioError } from '../../src/scenario/index.js';
import { errorsOf, fixture, issueAt, minimal, withCallback } from './helpers.js';

describe('range errors name the field, its line:col, the value and the allowed range', () => {
  it('pacingModifier: 11', () => {
    const issue = issueAt(errorsOf(withCallback('      mode: CustomerFirst\n      pacingModifier: 11'), 'support.yaml'), 'queues[0].callback.pacingModifier');
    expect(issue).toMatchObject({ severity: 'error', file: 'support.yaml', line: 8, col: 23 });
    expect(formatIssue(issue)).toBe('support.yaml:8:23: error: queues[0].callback.pacingModifier: 11 is out of range; allowed 1 to 10');
  });

  it('maxRetryCount: 21', () => {
    const issue = issueAt(errorsOf(withCallback('      maxRetryCount: 21')), 'queues[0].callback.maxRetryCount');
    expect(issue).toMatchObject({ line: 7, col: 22, message: '21 is out of range; allowed 0 to 20' });
  });

  it('retryDelay: 25h', () => {
    const issue = issueAt(errorsOf(withCallback('      retryDelay: 25h')), 'queues[0].callback.retryDelay');
    expect(issue).toMatchObject({ line: 7, col: 19, message: '25h is out of range; allowed 1m to 24h' });
  });

  it('a whole number where one is needed, and the other duration ranges', () => {
    const issues = errorsOf(withCallback('      maxRetryCount: 2.5\n      alertingTimeout: 5s\n      agentOwnedCallbacks: { maxOwnership: 31d }'));
    expect(issueAt(issues, 'queues[0].callback.maxRetryCount').message).toBe('2.5 is not a whole number; allowed 0 to 20');
    expect(issueAt(issues, 'queues[0].callback.alertingTimeout').message).toBe('5s is out of range; allowed 7s to 59s');
    expect(issueAt(issues, 'queues[0].callback.agentOwnedCallbacks.maxOwnership').message).toBe('31d is out of range; allowed 1h to 30d');
  });

  it('a bare number as a duration suggests a unit that fits the range', () => {
    const issues = errorsOf(withCallback('      retryDelay: 30\n      autoDialDelay: 30'));
    expect(issueAt(issues, 'queues[0].callback.retryDelay')).toMatchObject({ message: expect.stringMatching(/^30 has no unit/), suggestion: 'did you mean "30m"?' });
    expect(issueAt(issues, 'queues[0].callback.autoDialDelay').suggestion).toBe('did you mean "30s"?');
  });

  it('a misspelt duration unit suggests the right spelling', () => {
    const issue = issueAt(errorsOf(withCallback('      retryDelay: 30 min')), 'queues[0].callback.retryDelay');
    expect(issue.message).toBe('30 min is not a duration such as 90s, 3m or 1h30m; allowed 1m to 24h');
    expect(issue.suggestion).toBe('did you mean "30m"?');
  });
});

describe('unknown keys and enum values', () => {
  it('an unknown key is an error at the key, with a did-you-mean', () => {
    const issue = issueAt(errorsOf(withCallback('      mode: AgentFirst\n      retyDelay: 3m')), 'queues[0].callback.retyDelay');
    expect(issue).toMatchObject({ line: 8, col: 7, message: 'unknown key "retyDelay"', suggestion: 'did you mean "retryDelay"?' });
  });

  it('a case-insensitive match is suggested; with no close key the allowed keys are listed', () => {
    const issues = errorsOf(minimal('Callee: {}\nfrobnicate: 1\n'));
    expect(issueAt(issues, 'Callee').suggestion).toBe('did you mean "callee"?');
    const far = issueAt(issues, 'frobnicate');
    expect(far.suggestion).toBeUndefined();
    expect(far.message).toContain('allowed keys are name, description, seed');
  });

  it('an enum typo suggests the closest value', () => {
    const issue = issueAt(errorsOf(withCallback('      mode: CustomerFrist')), 'queues[0].callback.mode');
    expect(issue).toMatchObject({ line: 7, col: 13, message: 'CustomerFrist is not allowed; allowed AgentFirst or CustomerFirst', suggestion: 'did you mean "CustomerFirst"?' });
  });
});

describe('references between sections', () => {
  it('an unknown queue id in agents or inbound is an error with a did-you-mean', () => {
    const text = minimal(`inbound:
  - queue: suport
    arrivals: { poisson: { perHour: 10 } }
    talkTime: 4m
`).replace('queues: [support]', 'queues: [support, salse]');
    const issues = errorsOf(text, 'refs.yaml');
    expect(issueAt(issues, 'agents[0].queues[1]')).toMatchObject({ line: 11, col: 23, message: 'salse is not a queue id; the queues are support' });
    expect(issueAt(issues, 'inbound[0].queue')).toMatchObject({ line: 13, col: 12, suggestion: 'did you mean "support"?' });
  });

  it('duplicate queue ids are an error', () => {
    const text = minimal().replace('agents:', '  - id: support\n    ani: "+15550100101"\nagents:');
    expect(issueAt(errorsOf(text), 'queues[1].id').message).toBe('support is already the queue id of queues[0]; each queue id must be unique');
  });

  it('warmup must be shorter than duration', () => {
    expect(issueAt(errorsOf(minimal('warmup: 2d\n')), 'warmup').message).toBe('2d is not shorter than duration (1d); warmup must be less than duration');
  });
});

describe('callee outcomes', () => {
  it('outcomes that do not sum to 1 are an error naming the sum', () => {
    const issue = issueAt(errorsOf(minimal('callee:\n  outcomes: { live: 0.6, machine: 0.18, noAnswer: 0.14, busy: 0.04 }\n')), 'callee.outcomes');
    expect(issue).toMatchObject({ line: 13, col: 13 });
    expect(issue.message).toBe('the probabilities sum to 0.96 (live 0.6 + machine 0.18 + noAnswer 0.14 + busy 0.04); they must sum to 1');
  });

  it('a ring timeout that does not exceed the longest ring time is an error', () => {
    const issue = issueAt(errorsOf(minimal('callee:\n  ringTime: { uniform: { min: 4s, max: 40s } }\n')), 'callee.ringTimeout');
    expect(issue.message).toBe("30s does not exceed the longest ring time (40s); ringTimeout must be more than ringTime's maximum");
  });
});

describe('syntax and shape of the file', () => {
  it('JSON input gets line:col too', () => {
    const issues = errorsOf(fixture('bad-ranges.json'), 'bad-ranges.json');
    expect(issues.map(formatIssue)).toEqual([
      'bad-ranges.json:8:64: error: queues[0].callback.pacingModifier: 11 is out of range; allowed 1 to 10',
      'bad-ranges.json:8:85: error: queues[0].callback.maxRetryCount: 21 is out of range; allowed 0 to 20',
      'bad-ranges.json:8:103: error: queues[0].callback.retryDelay: "25h" is out of range; allowed 1m to 24h',
    ]);
  });

  it('a YAML syntax error gives the parser line:col', () => {
    const [issue] = errorsOf('name: x\nqueues:\n  - id: a\n    ani: "+15550100100"\n   callback: {}\n', 'syntax.yaml');
    expect(issue).toMatchObject({ severity: 'error', file: 'syntax.yaml', line: 5, path: '' });
    expect(issue.message).toMatch(/^syntax error: /);
  });

  it('a JSON syntax error gives line:col and a hint', () => {
    const [issue] = errorsOf('{"name": "x",\n "duration": "1d" "queues": []}', 'x.json');
    expect(issue).toMatchObject({ file: 'x.json', line: 2 });
    expect(issue.message).toContain('check the commas, quotes and brackets');
  });

  it('duplicate keys are errors', () => {
    const [issue] = errorsOf('name: a\nduration: 1d\nname: b\n');
    expect(issue).toMatchObject({ line: 3, col: 1, message: 'duplicate key "name"; a key may appear only once in a mapping' });
  });

  it('a top level that is not a mapping is an error', () => {
    expect(errorsOf('- a\n- b\n')[0].message).toMatch(/^the top level is a list; a scenario is a mapping/);
    expect(errorsOf('')[0].message).toMatch(/^the file is empty/);
  });

  it('a missing required field is reported at its parent', () => {
    const issue = issueAt(errorsOf(minimal().replace('duration: 1d\n', '')), 'duration');
    expect(issue).toMatchObject({ line: 1, col: 1 });
    expect(issue.message).toMatch(/^required but missing; expected a duration/);
  });
});

describe('all errors are reported together', () => {
  const text = `name: many
duration: 0s
queues:
  - id: support
    ani: 15550100100
    callback:
      mode: customerfirst
      pacingModifier: 0
agents:
  - group: tier1
    count: -1
    queues: [support]
    schedule:
      - { days: [mon, thurs], start: 8, end: "17:00" }
inbound:
  - queue: support
    arrivals: { poisson: { perHour: [1, 2, 3] } }
    talkTime: { exponental: { mean: 4m } }
    wrapUp: { uniform: { min: 20s, max: 4s } }
`;

  it('collects every error in one pass, sorted by line', () => {
    const issues = errorsOf(text, 'many.yaml');
    expect(issues.map((i) => [i.line, i.path])).toEqual([
      [2, 'duration'],
      [5, 'queues[0].ani'],
      [7, 'queues[0].callback.mode'],
      [8, 'queues[0].callback.pacingModifier'],
      [11, 'agents[0].count'],
      [14, 'agents[0].schedule[0].days[1]'],
      [14, 'agents[0].schedule[0].start'],
      [17, 'inbound[0].arrivals.poisson.perHour'],
      [18, 'inbound[0].talkTime.exponental'],
      [19, 'inbound[0].wrapUp.uniform.max'],
    ]);
    const by = (p: string) => issueAt(issues, p);
    expect(by('queues[0].ani')).toMatchObject({ message: '15550100100 was read as a number, not text; put it in quotes', suggestion: 'write "+15550100100"' });
    expect(by('queues[0].callback.mode').suggestion).toBe('did you mean "CustomerFirst"?');
    expect(by('agents[0].schedule[0].days[1]').suggestion).toBe('did you mean "thu"?');
    expect(by('agents[0].schedule[0].start').suggestion).toBe('did you mean "08:00"?');
    expect(by('inbound[0].arrivals.poisson.perHour').message).toBe('[1, 2, 3] has 3 values; a profile needs 24, one per hour from 0 to 23');
    expect(by('inbound[0].wrapUp.uniform.max').message).toBe('4s is less than min (20s); max must be at least min');
  });

  it('formats them all in the error message, one per line', () => {
    try {
      parseScenario(text, 'many.yaml');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ScenarioError);
      const lines = (error as Error).message.split('\n');
      expect(lines).toHaveLength(10);
      expect(lines[0]).toBe('many.yaml:2:11: error: duration: 0s is out of range; allowed more than 0s, at most 400d');
    }
  });
});
