import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/index.js';
import { errorsOf, issueAt } from '../scenario/helpers.js';

/** A valid base scenario; `extra` lines are spliced in at the marked places. */
function scenarioText(parts: { queue?: string; callback?: string; top?: string; inbound?: string } = {}): string {
  return [
    'name: rules',
    'duration: 2d',
    'queues:',
    '  - id: support',
    '    ani: "+15550100100"',
    ...(parts.queue ? [parts.queue] : []),
    '    callback:',
    '      mode: AgentFirst',
    ...(parts.callback ? [parts.callback] : []),
    'agents:',
    '  - group: tier1',
    '    count: 3',
    '    queues: [support]',
    'inbound:',
    '  - queue: support',
    '    arrivals: { poisson: { perHour: 10 } }',
    '    talkTime: { exponential: { mean: 4m } }',
    ...(parts.inbound ? [parts.inbound] : []),
    ...(parts.top ? [parts.top] : []),
  ].join('\n');
}

describe('callback limits enforced as validation errors (file:line:col, value, range)', () => {
  it('scheduling ahead: a listed callback due more than 30 days after it is scheduled', () => {
    const text = scenarioText({ top: 'callbacks:\n  - { id: far, at: 31d, queue: support, number: "+15551230001" }' });
    const issue = issueAt(errorsOf(text), 'callbacks[0].at');
    expect(issue.message).toContain('31 days after the callback is scheduled; a callback can be scheduled at most 30 days ahead');
    expect([issue.line, issue.col]).toEqual([17, 20]);
    expect(() => parseScenario(scenarioText({ top: 'callbacks:\n  - { id: near, at: 30d, queue: support, number: "+15551230001" }' }), 't.yaml')).not.toThrow();
  });

  it('scheduling ahead: a lead time that can exceed 30 days', () => {
    const text = scenarioText({ inbound: '    scheduleCallback: { probability: 0.1, leadTime: { uniform: { min: 1d, max: 31d } } }' });
    expect(issueAt(errorsOf(text), 'inbound[0].scheduleCallback.leadTime').message).toContain('at most 30 days ahead');
  });

  it('ownership period 1 hour to 30 days', () => {
    for (const [value, ok] of [['30m', false], ['1h', true], ['30d', true], ['31d', false]] as const) {
      const text = scenarioText({ queue: '    preferredAgentRouting: { enabled: true }', callback: `      agentOwnedCallbacks: { enabled: true, maxOwnership: ${value} }` });
      if (ok) expect(() => parseScenario(text, 't.yaml')).not.toThrow();
      else expect(issueAt(errorsOf(text), 'queues[0].callback.agentOwnedCallbacks.maxOwnership').message).toContain(`${value} is out of range; allowed 1h to 30d`);
    }
  });

  it('retry interval at least 1 minute', () => {
    expect(issueAt(errorsOf(scenarioText({ callback: '      retryDelay: 30s' })), 'queues[0].callback.retryDelay').message).toContain('allowed 1m to 24h');
  });

  it('agent-owned callbacks without a preferred-agent-routing rule', () => {
    const issue = issueAt(errorsOf(scenarioText({ callback: '      agentOwnedCallbacks: { enabled: true }' })), 'queues[0].callback.agentOwnedCallbacks.enabled');
    expect(issue.message).toContain('need a preferred-agent-routing rule');
    expect(issue.suggestion).toContain('preferredAgentRouting.enabled: true');
    expect(issue.line).toBe(8);
  });

  it('an owned callback on a queue that does not allow agent-owned callbacks', () => {
    const text = scenarioText({ top: 'callbacks:\n  - { id: mine, at: 1d, queue: support, number: "+15551230001", owner: "tier1#1" }' });
    expect(issueAt(errorsOf(text), 'callbacks[0].owner').message).toContain('does not allow agent-owned callbacks');
  });

  it('an owner who is not an agent of the scenario', () => {
    const text = scenarioText({
      queue: '    preferredAgentRouting: { enabled: true }',
      callback: '      agentOwnedCallbacks: { enabled: true }',
      top: 'callbacks:\n  - { id: mine, at: 1d, queue: support, number: "+15551230001", owner: "tier1#4" }',
    });
    expect(issueAt(errorsOf(text), 'callbacks[0].owner').message).toContain('has 3; allowed tier1#1 to tier1#3');
  });

  it("a script without its Callback property (Agent First)", () => {
    const issue = issueAt(errorsOf(scenarioText({ callback: '      script: { name: Callback script }' })), 'queues[0].callback.script.callbackEnabled');
    expect(issue.message).toContain('does not have its Callback property enabled');
    expect(issue.suggestion).toContain('callbackEnabled: true');
  });

  it('caller ID on the Create Callback step', () => {
    const issue = issueAt(
      errorsOf(scenarioText({ inbound: '    callbackOffer: { afterWait: 1m, acceptance: 0.5, callerId: "+15559990000" }' })),
      'inbound[0].callbackOffer.callerId',
    );
    expect(issue.message).toContain('cannot set caller ID');
    expect(issue.suggestion).toContain('callData.callerId');
  });

  it('an operation on a callback that is not listed', () => {
    const text = scenarioText({ top: 'callbacks:\n  - { id: vip-1, at: 1d, queue: support, number: "+15551230001" }\noperations:\n  - { at: 12h, cancel: vip-2 }' });
    const issue = issueAt(errorsOf(text), 'operations[0].cancel');
    expect(issue.message).toContain('vip-2 is not the id of a listed callback; the listed callbacks are vip-1');
    expect(issue.suggestion).toBe('did you mean "vip-1"?');
  });
});

describe('callback rules reported as warnings', () => {
  const warningsOf = (text: string) => parseScenario(text, 't.yaml').warnings;

  it('ACD voicemail on a Customer First queue', () => {
    const text = scenarioText({ queue: '    voicemail: { afterWait: 2m, probability: 0.2 }' }).replace('mode: AgentFirst', 'mode: CustomerFirst');
    const warning = warningsOf(text).find((w) => w.path === 'queues[0].voicemail');
    expect(warning?.message).toContain('the customer is dialed before an agent can listen');
    expect(warning?.line).toBe(6);
  });

  it('a callback script on a Customer First queue (it uses the voice script)', () => {
    const text = scenarioText({ callback: '      script: { name: Callback script, callbackEnabled: true }' }).replace('mode: AgentFirst', 'mode: CustomerFirst');
    expect(warningsOf(text).find((w) => w.path === 'queues[0].callback.script')?.message).toContain('uses the voice script');
  });

  it('an in-queue flow that transfers back to its own queue', () => {
    const text = scenarioText({ queue: '    inQueueFlow: { afterWait: 1m, transferTo: support }' });
    expect(warningsOf(text).find((w) => w.path === 'queues[0].inQueueFlow.transferTo')?.message).toContain('stops there with an error');
  });

  it('calls needing a skill no agent of their queue has', () => {
    const text = scenarioText({ inbound: '    skills: [spanish]' });
    expect(warningsOf(text).find((w) => w.path === 'inbound[0].skills')?.message).toContain('(spanish)');
  });
});
