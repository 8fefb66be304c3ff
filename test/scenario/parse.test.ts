import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/index.js';
import { fixture, minimal } from './helpers.js';

const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

describe('parseScenario: the example scenario (fixtures/scenarios/design-example.yaml)', () => {
  const { scenario, warnings } = parseScenario(fixture('design-example.yaml'), 'design-example.yaml');

  it('loads without warnings', () => {
    expect(warnings).toEqual([]);
  });

  it('resolves the top level: seed, start instant and offset, durations in ms', () => {
    expect(scenario.name).toBe('Support line, Customer First at pacing 3');
    expect(scenario.seed).toBe(7);
    expect(scenario.start).toBe('2026-03-02T08:00:00-05:00');
    expect(scenario.startEpochMs).toBe(Date.UTC(2026, 2, 2, 13, 0, 0));
    expect(scenario.utcOffsetMinutes).toBe(-300);
    expect(scenario.timeZone).toBeUndefined();
    expect(scenario.duration).toBe(14 * DAY);
    expect(scenario.warmup).toBe(DAY);
  });

  it('resolves the queue with its callback settings and every default', () => {
    expect(scenario.queues).toEqual([
      {
        id: 'support',
        name: 'support',
        ani: '+15550100100',
        priority: 0,
        serviceLevel: { percentage: 80, threshold: 20_000 },
        callback: {
          mode: 'CustomerFirst',
          pacingModifier: 3,
          pacing: { name: 'genesys', module: null, options: {} },
          maxRetryCount: 5,
          retryDelay: 30 * MIN,
          enableAutoAnswer: false,
          enableAutoDialAndEnd: false,
          autoDialDelay: 300_000,
          autoEndDelay: 300_000,
          alertingTimeout: 8_000,
          liveVoiceReactionType: 'TransferToQueue',
          answeringMachineReactionType: 'HangUp',
          agentOwnedCallbacks: { enabled: false, maxOwnership: 24 * HOUR, assignToQueueOnExpiration: true },
          preserveSkillsAndPriority: false,
          retryOn: ['noAnswer', 'busy', 'machine', 'abandonedAfterAnswer'],
          answeredPosition: 'original',
          priority: 0,
        },
        compliance: { threshold: 2_000, ceiling: 0.03, minRing: 15_000, measureFrom: 'answer', denominator: 'liveAnswers', countAmdFalsePositives: false },
        skills: [],
        routing: 'longestIdle',
        preferredAgentRouting: { enabled: false, share: 0.3, timeout: 30_000 },
      },
    ]);
  });

  it('resolves agents with the default answer and dial times', () => {
    expect(scenario.agents).toEqual([
      {
        group: 'tier1',
        count: 25,
        queues: ['support'],
        schedule: 'always',
        answerTime: { kind: 'constant', value: 0 },
        dialTime: { kind: 'constant', value: 5_000 },
        notRespondingTime: 30_000,
        skills: {},
      },
    ]);
  });

  it('resolves inbound traffic to 24 hourly rates and distributions in ms', () => {
    expect(scenario.inbound).toEqual([
      {
        queue: 'support',
        perHour: new Array(24).fill(180),
        talkTime: { kind: 'exponential', mean: 4 * MIN },
        wrapUp: { kind: 'constant', value: 30_000 },
        patience: { kind: 'exponential', mean: 5 * MIN },
        callbackOffer: { afterWait: 2 * MIN, acceptance: 0.4 },
        skills: [],
      },
    ]);
  });

  it('resolves the callee, filling the missing outcome and the defaults', () => {
    expect(scenario.callee).toEqual({
      outcomes: { live: 0.62, machine: 0.18, noAnswer: 0.14, busy: 0.04, invalid: 0.02, fax: 0 },
      outcomesByAttempt: [],
      liveByHour: [],
      answeringMachineDetection: { liveAsMachine: 0, machineAsLive: 0 },
      voicemailMessageTime: 30_000,
      ringTime: { kind: 'uniform', min: 4_000, max: 20_000 },
      ringTimeout: 30_000,
      signalTime: 3_000,
      patienceAfterAnswer: { kind: 'exponential', mean: 20_000 },
    });
  });

  it('gives the same scenario from the JSON form of the file', () => {
    expect(parseScenario(fixture('design-example.json'), 'design-example.json').scenario).toEqual(scenario);
  });
});

describe('parseScenario: defaults and forms', () => {
  it('fills the documented defaults of a minimal file', () => {
    const { scenario } = parseScenario(minimal(), 'min.yaml');
    expect(scenario.seed).toBe(1);
    expect(scenario.start).toBe('2026-01-05T00:00:00Z');
    expect(scenario.startEpochMs).toBe(Date.UTC(2026, 0, 5));
    expect(scenario.utcOffsetMinutes).toBe(0);
    expect(scenario.warmup).toBe(0);
    expect(scenario.inbound).toEqual([]);
    const cb = scenario.queues[0].callback;
    expect([cb.mode, cb.pacingModifier, cb.pacing, cb.maxRetryCount, cb.retryDelay]).toEqual(['AgentFirst', 1, { name: 'genesys', module: null, options: {} }, 0, 10 * MIN]);
    expect(scenario.callee.outcomes).toEqual({ live: 0.62, machine: 0.18, noAnswer: 0.14, busy: 0.04, invalid: 0.02, fax: 0 });
    expect(scenario.callee.ringTime).toEqual({ kind: 'uniform', min: 4_000, max: 20_000 });
    expect(scenario.callee.patienceAfterAnswer).toEqual({ kind: 'exponential', mean: 20_000 });
  });

  it("gives callbacks the queue's priority unless they name their own", () => {
    const text = minimal().replace('    callback:\n', '    priority: 3\n    callback:\n');
    expect(parseScenario(text, 'p.yaml').scenario.queues[0].callback.priority).toBe(3);
    const own = text.replace('mode: AgentFirst', 'priority: 9');
    expect(parseScenario(own, 'p.yaml').scenario.queues[0].callback.priority).toBe(9);
  });

  it('reads every distribution form', () => {
    const text = minimal(`inbound:
  - queue: support
    arrivals: { poisson: { perHour: 10 } }
    talkTime: 90s
    wrapUp: { uniform: { min: 10s, max: 1m } }
    patience: { lognormal: { mean: 3m, sd: 1m } }
  - queue: support
    arrivals: { poisson: { perHour: 10 } }
    talkTime: { gamma: { mean: 4m, sd: 2m } }
    wrapUp: { empirical: [1m, 2m, 90s] }
    patience: { constant: 250ms }
`);
    const [a, b] = parseScenario(text, 'd.yaml').scenario.inbound;
    expect(a.talkTime).toEqual({ kind: 'constant', value: 90_000 });
    expect(a.wrapUp).toEqual({ kind: 'uniform', min: 10_000, max: 60_000 });
    expect(a.patience).toEqual({ kind: 'lognormal', mean: 180_000, sd: 60_000 });
    expect(b.talkTime).toEqual({ kind: 'gamma', mean: 240_000, sd: 120_000 });
    expect(b.wrapUp).toEqual({ kind: 'empirical', values: [60_000, 120_000, 90_000] });
    expect(b.patience).toEqual({ kind: 'constant', value: 250 });
  });

  it('reads hourly rates as one number, 24 numbers or a mapping of hour to rate', () => {
    const stream = (perHour: string) =>
      parseScenario(minimal(`inbound:\n  - queue: support\n    arrivals: { poisson: { perHour: ${perHour} } }\n    talkTime: 4m\n`), 'r.yaml').scenario.inbound[0].perHour;
    const list = Array.from({ length: 24 }, (_, h) => h * 10);
    expect(stream(JSON.stringify(list))).toEqual(list);
    const mapped = stream('{ "08:00": 120, "9": 180, 17: 60 }');
    expect(mapped).toHaveLength(24);
    expect(mapped[8]).toBe(120);
    expect(mapped[9]).toBe(180);
    expect(mapped[17]).toBe(60);
    expect(mapped.filter((r) => r > 0)).toHaveLength(3);
  });

  it('reads an IANA time zone and the offset of the start', () => {
    const text = minimal().replace('duration: 1d', 'duration: 1d\nstart: 2026-07-01T09:30:00+02:00\ntimeZone: Europe/Paris');
    const { scenario, warnings } = parseScenario(text, 'tz.yaml');
    expect(scenario.timeZone).toBe('Europe/Paris');
    expect(scenario.utcOffsetMinutes).toBe(120);
    expect(scenario.startEpochMs).toBe(Date.UTC(2026, 6, 1, 7, 30));
    expect(warnings).toEqual([]);
  });

  it('reads callee outcomes by attempt, reachability by hour and detection errors', () => {
    const { callee } = parseScenario(
      minimal(`callee:
  outcomesByAttempt:
    - { live: 0.7, noAnswer: 0.3 }
    - { live: 0.5, noAnswer: 0.5 }
  liveByHour: { "12": 0.5 }
  answeringMachineDetection: { liveAsMachine: 0.02 }
`),
      'c.yaml',
    ).scenario;
    expect(callee.outcomesByAttempt).toEqual([
      { live: 0.7, machine: 0, noAnswer: 0.3, busy: 0, invalid: 0, fax: 0 },
      { live: 0.5, machine: 0, noAnswer: 0.5, busy: 0, invalid: 0, fax: 0 },
    ]);
    expect(callee.liveByHour).toHaveLength(24);
    expect(callee.liveByHour[12]).toBe(0.5);
    expect(callee.liveByHour[11]).toBe(1);
    expect(callee.answeringMachineDetection).toEqual({ liveAsMachine: 0.02, machineAsLive: 0 });
  });
});
