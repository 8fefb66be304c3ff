import type { AnyStateMachine } from 'xstate';
import { agentMachine } from '../machines/agent.js';
import { classifyStates } from '../machines/state-tags.js';
import type { IntervalBuckets } from './interval-buckets.js';
import { agentKpis, type AgentKpis } from './kpis.js';
import { AGENT_TIME_TAGS, AgentTimeTally, OFFLINE } from './tally.js';
import { TimeIntegrator } from './time-integrator.js';

/**
 * The kind of time (an index into `AGENT_TIME_TAGS`) of each state of an
 * agent machine, by state name, from the one of those tags each state
 * carries: a state that carries none, or several, throws.
 */
export function agentTimeKinds(machine: AnyStateMachine): ReadonlyMap<string, number> {
  const kinds = new Map<string, number>();
  for (const [state, tag] of classifyStates(machine, AGENT_TIME_TAGS)) kinds.set(state, AGENT_TIME_TAGS.indexOf(tag));
  return kinds;
}

/** A state name's kind of time (-1 for a name that is not a state). */
type KindOf = (state: string) => number;

/** The kind function of each machine, made once per machine. */
const kindFunctions = new WeakMap<AnyStateMachine, KindOf>();

/** `agentTimeKinds(machine)` as a switch, which costs less per event than a map lookup. */
function kindFunction(machine: AnyStateMachine): KindOf {
  let kindOf = kindFunctions.get(machine);
  if (kindOf === undefined) {
    const cases = [...agentTimeKinds(machine)].map(([state, kind]) => `case ${JSON.stringify(state)}: return ${kind};`);
    kindOf = new Function('state', `"use strict"; switch (state) { ${cases.join(' ')} } return -1;`) as KindOf;
    kindFunctions.set(machine, kindOf);
  }
  return kindOf;
}

// The agent machine's kinds, read when this module loads: an untagged state is an error at start-up.
kindFunction(agentMachine);

/**
 * Agent time by kind of state (offline, idle, working, not responding, as
 * the agent statechart tags its states), over the counted run: in total, per
 * agent group, and per 30-minute interval.
 */
export class AgentTime {
  /** Over every agent. */
  readonly total = new AgentTimeTally();
  private readonly groupNames: string[];
  private readonly groupTotals: AgentTimeTally[];
  private readonly groupOfAgent: Int32Array;
  private readonly time: TimeIntegrator;
  private readonly kindOf: KindOf;
  /** The interval counted in last, and its agent time. */
  private lastBucket = -1;
  private lastTally = new AgentTimeTally();

  constructor(
    /** The group of each agent, by agent index. */
    agentGroups: readonly string[],
    /** Time before this (ms) is not counted. */
    warmup: number,
    private readonly intervals: IntervalBuckets,
    /** The agents' statechart, whose state tags give each state's kind of time. */
    machine: AnyStateMachine = agentMachine,
  ) {
    this.groupNames = [...new Set(agentGroups)];
    this.groupOfAgent = Int32Array.from(agentGroups, (g) => this.groupNames.indexOf(g));
    this.groupTotals = this.groupNames.map(() => new AgentTimeTally());
    this.time = new TimeIntegrator(agentGroups.length, warmup, OFFLINE);
    this.kindOf = kindFunction(machine);
  }

  /** Agent `agent` went into state `state` at `t`. */
  enter(t: number, agent: number, state: string): void {
    const kind = this.kindOf(state);
    if (kind < 0) throw new Error(`agent time: '${state}' is not a state of the agent machine`);
    const time = this.time;
    for (let ms = time.set(agent, t, kind); ms > 0; ms = time.next()) this.add(agent, time.value, time.bucket, ms);
  }

  /** Counts every agent's time up to `t` (the end of the run). */
  close(t: number): void {
    const time = this.time;
    for (let agent = 0; agent < time.count; agent++) {
      for (let ms = time.advance(agent, t); ms > 0; ms = time.next()) this.add(agent, time.value, time.bucket, ms);
    }
  }

  /** The agent KPIs of each group, by group name. */
  groups(): Record<string, AgentKpis> {
    const groups: Record<string, AgentKpis> = {};
    this.groupNames.forEach((name, g) => (groups[name] = agentKpis(this.groupTotals[g])));
    return groups;
  }

  private add(agent: number, kind: number, bucket: number, ms: number): void {
    if (kind === OFFLINE) return;
    this.total.add(kind, ms);
    this.groupTotals[this.groupOfAgent[agent]].add(kind, ms);
    if (bucket !== this.lastBucket) {
      this.lastBucket = bucket;
      this.lastTally = this.intervals.agents(bucket);
    }
    this.lastTally.add(kind, ms);
  }
}
