import { createMachine } from 'xstate';
import { describe, expect, it } from 'vitest';
import { agentMachine } from '../../src/machines/agent.js';
import { AgentTime, agentTimeKinds } from '../../src/metrics/agent-time.js';
import { IntervalBuckets } from '../../src/metrics/interval-buckets.js';
import { AGENT_TIME_TAGS } from '../../src/metrics/tally.js';

const HOUR = 3_600_000;

/** The tag name of each state's kind of time. */
function tagsOf(kinds: ReadonlyMap<string, number>): Record<string, string> {
  return Object.fromEntries([...kinds].map(([state, kind]) => [state, AGENT_TIME_TAGS[kind]]));
}

describe('agent time by state tags', () => {
  it("reads each agent state's kind of time from its tag", () => {
    expect(tagsOf(agentTimeKinds(agentMachine))).toEqual({
      offline: 'offline',
      idle: 'idle',
      alerting: 'working',
      busy: 'working',
      wrapUp: 'working',
      notResponding: 'notResponding',
    });
  });

  it('refuses a machine with a state that carries no time tag, or two', () => {
    const untagged = createMachine({ id: 'untagged', initial: 'offline', states: { offline: { tags: ['offline'] }, coffee: {} } });
    expect(() => agentTimeKinds(untagged)).toThrow(/state 'coffee' must carry exactly one of the tags offline, idle, working, notResponding \(it has none\)/);
    const twice = createMachine({ id: 'twice', initial: 'offline', states: { offline: { tags: ['offline', 'idle'] } } });
    expect(() => agentTimeKinds(twice)).toThrow(/state 'offline' must carry exactly one .*\(it has offline, idle\)/);
    expect(() => new AgentTime(['g'], 0, new IntervalBuckets(1), untagged)).toThrow(/state 'coffee'/);
  });

  it("counts another machine's states by their tags, tags inherited from a parent state included", () => {
    const machine = createMachine({
      id: 'other',
      initial: 'away',
      states: {
        away: { tags: ['offline'] },
        ready: { tags: ['idle'] },
        onCall: { tags: ['working'], initial: 'talking', states: { talking: {}, holding: {} } },
        onBreak: { tags: ['notResponding'] },
      },
    });
    const intervals = new IntervalBuckets(1);
    const time = new AgentTime(['g', 'g'], 0, intervals, machine);
    time.enter(0, 0, 'ready');
    time.enter(HOUR, 0, 'talking');
    time.enter(1.5 * HOUR, 0, 'holding');
    time.enter(2 * HOUR, 0, 'onBreak');
    time.enter(2.5 * HOUR, 0, 'away');
    time.enter(HOUR, 1, 'ready');
    time.close(3 * HOUR);
    expect(time.total).toMatchObject({ staffed: 4.5 * HOUR, idle: 3 * HOUR, busy: HOUR, notResponding: 0.5 * HOUR });
    expect(time.groups().g).toMatchObject({ staffedHours: 4.5, busyHours: 1, idleHours: 3, notRespondingHours: 0.5 });
    expect(intervals.agents(2)).toMatchObject({ staffed: 0.5 * HOUR + 0.5 * HOUR, busy: 0.5 * HOUR, idle: 0.5 * HOUR });
    expect(() => time.enter(3 * HOUR, 0, 'busy')).toThrow(/'busy' is not a state of the agent machine/);
  });
});
