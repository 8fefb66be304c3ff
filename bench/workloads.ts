/**
 * The benchmark workloads, written out here in the scenario file format (the
 * public contract described in the README) and loaded with `parseScenario`, so that a
 * line of `npm run bench` is the same simulated work on every commit even
 * when the example files in scenarios/ are retuned, while fields added to the
 * resolved `Scenario` type later get their defaults from the loader. They
 * started as copies of the bundled scenario files at commit 6836afe; if one
 * must change, give it a new name so that old lines are not compared with
 * new ones.
 */
import type { Scenario } from '../src/model/scenario.js';
import { parseScenario } from '../src/scenario/index.js';

/** ms in one simulated day. */
export const DAY = 86_400_000;

/** One benchmark workload. */
export interface Workload {
  /** Name used on the output line and with `--only`. */
  name: string;
  /** One sentence for `--help` and the README. */
  description: string;
  /** Simulated days when `--days` is not given. */
  days: number;
  /** Whether the line reports inbound calls per second. */
  reportsCalls: boolean;
  /** Whether the line reports callbacks per second. */
  reportsCallbacks: boolean;
  /** The scenario, as a scenario file would say it (its `duration` is replaced by `days`). */
  file: Record<string, unknown>;
}

/** The callee of the support and Erlang C scenarios. */
const SUPPORT_CALLEE = {
  outcomes: { live: 0.62, machine: 0.18, noAnswer: 0.14, busy: 0.04, invalid: 0.02 },
  ringTime: { uniform: { min: '4s', max: '20s' } },
  patienceAfterAnswer: { exponential: { mean: '20s' } },
};

/** The workloads, in the order `npm run bench` prints them. */
export const WORKLOADS: readonly Workload[] = [
  {
    name: 'erlang-c',
    description: 'scenarios/erlang-c-55-agents.yaml: 55 agents, 720 calls/h, 4 min exponential talk, no wrap-up, no abandons, no callbacks',
    days: 30,
    reportsCalls: true,
    reportsCallbacks: false,
    file: {
      name: 'Erlang C, 55 agents, 720 calls/h',
      seed: 1,
      duration: '30d',
      queues: [{ id: 'inbound', ani: '+15550100200', serviceLevel: { percentage: 80, duration: '20s' } }],
      agents: [{ group: 'agents', count: 55, queues: ['inbound'] }],
      inbound: [{ queue: 'inbound', arrivals: { poisson: { perHour: 720 } }, talkTime: { exponential: { mean: '4m' } } }],
    },
  },
  {
    name: 'agent-first',
    description:
      'support line made callback-heavy: 25 agents, 320 calls/h, 5 min patience, callback offered after 20 s and 90 % accept, Agent First, 5 retries 30 min apart',
    days: 7,
    reportsCalls: true,
    reportsCallbacks: true,
    file: {
      name: 'Support line, Agent First callbacks, callback-heavy',
      seed: 7,
      start: '2026-03-02T08:00:00-05:00',
      duration: '7d',
      queues: [
        {
          id: 'support',
          ani: '+15550100100',
          serviceLevel: { percentage: 80, duration: '20s' },
          callback: { mode: 'AgentFirst', maxRetryCount: 5, retryDelay: '30m' },
        },
      ],
      agents: [{ group: 'tier1', count: 25, queues: ['support'], schedule: 'always', dialTime: { uniform: { min: '3s', max: '10s' } } }],
      inbound: [
        {
          queue: 'support',
          arrivals: { poisson: { perHour: 320 } },
          talkTime: { exponential: { mean: '4m' } },
          wrapUp: { constant: '30s' },
          patience: { exponential: { mean: '5m' } },
          callbackOffer: { afterWait: '20s', acceptance: 0.9 },
        },
      ],
      callee: SUPPORT_CALLEE,
    },
  },
  {
    name: 'customer-first',
    description: 'scenarios/customer-first-pacing.yaml: 200 callback requests/h, 12 agents, Customer First dialer at pacing 3, 4 retries 20 min apart',
    days: 7,
    reportsCalls: false,
    reportsCallbacks: true,
    file: customerFirstFile({ name: 'Web callback requests, Customer First', agents: 12, perHour: 200, maxRetryCount: 4, duration: '7d' }),
  },
  {
    name: 'customer-first-30d',
    description: "issue 15's Customer First workload: 165 callback requests/h, 12 agents, Customer First dialer at pacing 3, 3 retries 20 min apart, 30 days",
    days: 30,
    reportsCalls: false,
    reportsCallbacks: true,
    file: customerFirstFile({ name: 'Web callback requests, Customer First, 165/h', agents: 12, perHour: 165, maxRetryCount: 3, duration: '30d' }),
  },
];

/** The sweep line's scenario: the customer-first workload with 25 agents, 300 requests/h, 4 retries 20 min apart, 14 days. */
export const SWEEP_FILE: Record<string, unknown> = customerFirstFile({
  name: 'Web callback requests, Customer First, 25 agents, 300/h',
  agents: 25,
  perHour: 300,
  maxRetryCount: 4,
  duration: '14d',
});

/** What varies between the Customer First workloads. */
interface CustomerFirstShape {
  name: string;
  agents: number;
  perHour: number;
  maxRetryCount: number;
  duration: string;
}

/**
 * A Customer First workload in the scenario file format: the web callback
 * requests of scenarios/customer-first-pacing.yaml (seed 3, genesys pacing at
 * modifier 3, retries 20 min apart, 4 min talk, 20 s wrap-up, its callee) with
 * `shape`'s team size, request rate, retries and horizon.
 */
function customerFirstFile(shape: CustomerFirstShape): Record<string, unknown> {
  return {
    name: shape.name,
    seed: 3,
    start: '2026-03-02T08:00:00-05:00',
    duration: shape.duration,
    queues: [
      {
        id: 'callbacks',
        ani: '+15550100300',
        callback: { mode: 'CustomerFirst', pacing: 'genesys', pacingModifier: 3, maxRetryCount: shape.maxRetryCount, retryDelay: '20m' },
      },
    ],
    agents: [{ group: 'callback-team', count: shape.agents, queues: ['callbacks'], dialTime: { uniform: { min: '3s', max: '10s' } } }],
    callbackRequests: [
      { queue: 'callbacks', arrivals: { poisson: { perHour: shape.perHour } }, talkTime: { exponential: { mean: '4m' } }, wrapUp: { constant: '20s' } },
    ],
    callee: {
      outcomes: { live: 0.55, machine: 0.2, noAnswer: 0.17, busy: 0.05, invalid: 0.03 },
      ringTime: { uniform: { min: '4s', max: '20s' } },
      ringTimeout: '30s',
      patienceAfterAnswer: { exponential: { mean: '45s' } },
    },
  };
}

/** The name of the statechart micro-benchmark line (not a simulation). */
export const TRANSITION = 'transition';

/** A memory line: a scenario that piles up scheduled callbacks, measured once they are all waiting. */
export interface MemoryLine {
  /** Name used on the output line and with `--only`. */
  name: string;
  /** One sentence for `--help` and the README. */
  description: string;
  /** Scheduled callbacks held at once. */
  callbacks: number;
}

/** Campaign dials per hour of the memory lines (all day). */
export const HELD_DIALS_PER_HOUR = 1_000_000;

/** The memory lines, in the order `npm run bench` prints them (after the workloads and the transition line). */
export const MEMORY_LINES: readonly MemoryLine[] = [
  {
    name: 'memory',
    description: 'a campaign whose 100,000 contacts all ask to be called back in 29 days: 100,000 scheduled callbacks held at once, no agents',
    callbacks: 100_000,
  },
  {
    name: 'memory-1m',
    description: 'the same with 1,000,000 contacts: one million scheduled callbacks held at once',
    callbacks: 1_000_000,
  },
];

/** The startup line: whole-process start of cbsim's lightest commands (bench/startup.ts). */
export const STARTUP = 'startup';

/** The process line: whole-process `cbsim run` of the workloads (bench/process.ts). */
export const PROCESS = 'process';

/** Every name `--only` accepts. */
export const NAMES: readonly string[] = [...WORKLOADS.map((w) => w.name), TRANSITION, ...MEMORY_LINES.map((m) => m.name), STARTUP, PROCESS];

/** The memory line called `name`, if it is one. */
export function memoryLine(name: string): MemoryLine | undefined {
  return MEMORY_LINES.find((m) => m.name === name);
}

/**
 * The scenario of a memory line, in the scenario file format: one queue
 * with no agents, and an outbound campaign that dials `callbacks` contacts at
 * a million dials an hour. Every contact answers live and asks to be called
 * back in 29 days (`callLater` probability 1, lead time 29 d), so each dial
 * makes one `campaign` callback that waits in the `scheduled` state with its
 * due timer pending — nothing else happens to it within the measurement.
 * After about `callbacks` / 1,000,000 simulated hours all of them are held at
 * once.
 */
export function memoryScenario(line: MemoryLine): Scenario {
  const file = {
    name: `${line.callbacks} scheduled callbacks held at once`,
    seed: 1,
    duration: '30d',
    queues: [{ id: 'held', ani: '+15550100400' }],
    agents: [],
    campaigns: [
      {
        id: 'call-me-later',
        queue: 'held',
        contacts: line.callbacks,
        dialRate: { perHour: HELD_DIALS_PER_HOUR },
        callLater: { probability: 1, leadTime: '29d' },
      },
    ],
    callee: { outcomes: { live: 1, machine: 0, noAnswer: 0, busy: 0, invalid: 0 } },
  };
  const { scenario } = parseScenario(JSON.stringify(file), `bench/workloads.ts#${line.name}`);
  return { ...scenario, warmup: 0 };
}

/** The workload called `name`. */
export function workload(name: string): Workload {
  const found = WORKLOADS.find((w) => w.name === name);
  if (!found) throw new Error(`unknown workload ${name} (known: ${NAMES.join(', ')})`);
  return found;
}

/**
 * The resolved scenario of workload `w` over `days` simulated days (fractions
 * allowed). The KPI warm-up is set to 0: it only decides which arrivals the
 * KPIs count (the simulated work is the same, event for event), and without
 * it `offered` and `created` count every call and callback of the run, which
 * is what calls/s and callbacks/s divide.
 */
export function buildScenario(w: Workload, days: number): Scenario {
  const { scenario } = parseScenario(JSON.stringify(w.file), `bench/workloads.ts#${w.name}`);
  return { ...scenario, duration: Math.round(days * DAY), warmup: 0 };
}
