import { sampler, sampleWhole, type Sampler } from '../kernel/distributions.js';
import type { RandomStream } from '../kernel/random.js';
import { AGENT_TIME_TAGS, agentMachine, type AgentContext, type AgentEvent, type AgentInput, type AgentTimeTag } from '../machines/agent.js';
import { classifyStates } from '../machines/state-tags.js';
import type { MachineEngine } from '../machines/engine.js';
import type { AgentGroupConfig } from '../model/scenario.js';
import { IdleAgents } from './idle-agents.js';
import type { SkillBook } from './skills.js';
import { WaitingLines, type Place, type Routing } from './waiting-lines.js';
export type { AgentRequester, Place, Routing } from './waiting-lines.js';
import type { WorkQueue } from './work-queue.js';
import type { EngineFactory, World } from './world-context.js';

/**
 * The events sent to agent machines, made once: engines and hosts only read
 * events, so the same object can be sent every time.
 */
const WITHDRAW: AgentEvent = Object.freeze({ type: 'WITHDRAW' });
const END_WITH_WRAP_UP: AgentEvent = Object.freeze({ type: 'END', wrapUp: true });
const END_WITHOUT_WRAP_UP: AgentEvent = Object.freeze({ type: 'END', wrapUp: false });
const WRAP_END: AgentEvent = Object.freeze({ type: 'WRAP_END' });
const LOG_ON: AgentEvent = Object.freeze({ type: 'LOG_ON' });
const LOG_OFF: AgentEvent = Object.freeze({ type: 'LOG_OFF' });

interface AgentRecord {
  index: number;
  group: AgentGroupConfig;
  queues: number[];
  /** Whether the agent serves each queue, by queue index. */
  serves: Uint8Array;
  /** The request the agent works on (alerted, talking or in after-call work), or null. */
  work: Place | null;
  answerTime: Sampler;
  dialTime: Sampler;
  answerStream: RandomStream;
  dialStream: RandomStream;
}

/**
 * The agents: their statecharts, their idle order per queue, and routing
 * between waiting interactions and available agents (longest-idle agent;
 * an available agent takes the best waiting interaction of its queues).
 */
export class AgentPool {
  /** The agent statechart engine. */
  readonly engine: MachineEngine<AgentInput, AgentEvent, AgentContext>;
  private readonly agents: AgentRecord[] = [];
  private readonly idle: IdleAgents[];
  private readonly shiftKind: number;
  private readonly groupMembers: number[][] = [];
  private readonly online: Int32Array;
  /** Per queue, the OFFER event of an offer answered at once, and the alerting timeout of the others. */
  private readonly offers: Array<{ atOnce: AgentEvent; alertingTimeout: number }>;
  /** The time tag of each agent state ('' — before the start — is offline). */
  private readonly timeTags: ReadonlyMap<string, AgentTimeTag>;
  /** Per queue, whether routing is longest-idle and best-skills. */
  private readonly longestIdle: Uint8Array;
  private readonly bestSkills: Uint8Array;
  /** Where interactions wait for agents. */
  readonly lines: WaitingLines;

  constructor(
    private readonly world: World,
    private readonly skills: SkillBook,
    createEngine: EngineFactory,
    /** Told, for each of its queues, when an agent becomes available with nothing to take. */
    private readonly idleWithNothing: (queue: number) => void,
  ) {
    const { sim, scenario, streams } = world;
    this.shiftKind = sim.register('agent.shiftChange', (g) => this.shiftChange(g));
    this.timeTags = new Map([['', 'offline'], ...classifyStates(agentMachine, AGENT_TIME_TAGS)]);
    const timers = world.timers.forEngine<AgentEvent>((a, e) => this.engine.send(a, e));
    this.engine = createEngine('agent', agentMachine, {
      perform: (agent, action) => this.perform(agent, action),
      delay: timers.delay,
      cancelDelay: timers.cancelDelay,
      changed: (agent, from, to) => this.changed(agent, from, to),
    });
    scenario.agents.forEach((group, g) => {
      const queues = group.queues.map((id) => world.queueIndex(id));
      const serves = new Uint8Array(world.queues.length);
      for (const q of queues) serves[q] = 1;
      const members: number[] = [];
      const answerTime = sampler(group.answerTime);
      const dialTime = sampler(group.dialTime);
      for (let i = 0; i < group.count; i++) {
        const index = this.agents.length;
        members.push(index);
        this.agents.push({
          index,
          group,
          queues,
          serves,
          work: null,
          answerTime,
          dialTime,
          answerStream: streams.stream('agent.answerTime', index),
          dialStream: streams.stream('agent.dialTime', index),
        });
      }
      this.groupMembers.push(members);
    });
    this.offers = world.queues.map((q) => {
      const alertingTimeout = q.config.callback.alertingTimeout;
      return {
        atOnce: Object.freeze({ type: 'OFFER', alertingTimeout, answerTime: 0 }),
        alertingTimeout,
      };
    });
    this.longestIdle = Uint8Array.from(world.queues, (q) => (q.config.routing === 'longestIdle' ? 1 : 0));
    this.bestSkills = Uint8Array.from(world.queues, (q) => (q.config.routing === 'bestSkills' ? 1 : 0));
    this.idle = world.queues.map(() => new IdleAgents(this.agents.length));
    this.online = new Int32Array(world.queues.length);
    this.lines = new WaitingLines(world.queues.length, this.agents.length);
  }

  /** Number of agents logged on and serving `queue`, in any status. */
  onlineOn(queue: number): number {
    return this.online[queue];
  }

  /** Number of agents. */
  get size(): number {
    return this.agents.length;
  }

  /** The group name of an agent. */
  groupOf(agent: number): string {
    return this.agents[agent].group.group;
  }

  /** Number of idle agents serving queue `queue`. */
  idleOn(queue: number): number {
    return this.idle[queue].size;
  }

  /** Creates the agents' machines and schedules every group's on-queue periods. */
  start(): void {
    for (const agent of this.agents) this.engine.start(agent.index, { notRespondingTime: agent.group.notRespondingTime });
    this.world.scenario.agents.forEach((_, g) => {
      const periods = this.world.onQueuePeriods(g);
      for (const period of periods) {
        this.world.sim.schedule(period.on, this.shiftKind, g * 2);
        if (period.off < this.world.horizon) this.world.sim.schedule(period.off, this.shiftKind, g * 2 + 1);
      }
    });
  }

  /**
   * Asks for an agent for the interaction of `place`, routed by `routing`:
   * a qualified idle agent is offered it at once if there is one (`place` is
   * then in no line), else it waits in its line until an agent who becomes
   * available takes it. Its requester is told of the offer, the answer or a
   * missed offer.
   */
  request(place: Place, routing: Routing): void {
    const agent = routing.reservedFor >= 0 ? this.reservedAgentIfIdle(routing) : this.pickIdle(routing.queue, routing.skills);
    if (agent >= 0) {
      place.line = null;
      place.queue = routing.queue;
      this.assign(agent, place);
      return;
    }
    this.lines.push(place, routing);
  }

  /** Takes the interaction of `place` out of its line (it must wait in one): it no longer asks for an agent. */
  withdraw(place: Place): void {
    this.lines.remove(place);
  }

  /** Interactions waiting for an agent on `queue` (not counting those reserved for one agent). */
  waitingOn(queue: number): number {
    return this.lines.waitingOn(queue);
  }

  /** Whether `agent` serves `queue`. */
  serves(agent: number, queue: number): boolean {
    return this.agents[agent].serves[queue] === 1;
  }

  /** Every agent who serves `queue`, in index order. */
  servingQueue(queue: number): number[] {
    return this.agents.filter((a) => a.serves[queue] === 1).map((a) => a.index);
  }

  /** The agents of group `group`, by index within the group. */
  membersOf(group: string): readonly number[] {
    const g = this.world.scenario.agents.findIndex((a) => a.group === group);
    return g >= 0 ? this.groupMembers[g] : [];
  }

  /** The agent's name as `group#n`. */
  nameOf(agent: number): string {
    const record = this.agents[agent];
    const g = this.world.scenario.agents.indexOf(record.group);
    return `${record.group.group}#${this.groupMembers[g].indexOf(agent) + 1}`;
  }

  private reservedAgentIfIdle(routing: Routing): number {
    const agent = routing.reservedFor;
    const record = this.agents[agent];
    const idle = record.queues.length > 0 && this.idle[record.queues[0]].has(agent);
    return idle && this.skills.qualified(agent, routing.skills) ? agent : -1;
  }

  /** The idle agent of `queue` that should take work needing skill set `skills`, or -1. */
  private pickIdle(queue: number, skills: number): number {
    const idle = this.idle[queue];
    if (idle.size === 0) return -1;
    if (skills === 0 && this.longestIdle[queue] === 1) return idle.first();
    const bestSkills = this.bestSkills[queue] === 1;
    let best = -1;
    let bestProficiency = -1;
    for (let agent = idle.first(); agent >= 0; agent = idle.next(agent)) {
      if (!this.skills.qualified(agent, skills)) continue;
      if (!bestSkills) return agent;
      const proficiency = this.skills.proficiency(agent, skills);
      if (proficiency > bestProficiency) {
        best = agent;
        bestProficiency = proficiency;
      }
    }
    return best;
  }

  /** The agent's conversation ends, with after-call work to follow (`endAfterCallWork` ends it) or none. */
  endTalk(agent: number, wrapUp: boolean): void {
    if (!wrapUp) this.agents[agent].work = null;
    this.send(agent, wrapUp ? END_WITH_WRAP_UP : END_WITHOUT_WRAP_UP);
  }

  /** The agent's after-call work ends. */
  endAfterCallWork(agent: number): void {
    this.agents[agent].work = null;
    this.send(agent, WRAP_END);
  }

  /** The interaction being offered to `agent` went away before it was answered. */
  withdrawOffer(agent: number): void {
    this.agents[agent].work = null;
    this.send(agent, WITHDRAW);
  }

  /** Time the agent takes to dial an Agent First callback by hand. */
  dialTime(agent: number): number {
    const record = this.agents[agent];
    return sampleWhole(record.dialTime, record.dialStream);
  }

  private send(agent: number, event: AgentEvent): void {
    this.engine.send(agent, event);
  }

  private assign(agent: number, place: Place): void {
    const record = this.agents[agent];
    const queues = record.queues;
    for (let i = 0; i < queues.length; i++) this.idle[queues[i]].remove(agent);
    record.work = place;
    const autoAnswer = place.requester.offered(place.id, agent);
    const answerTime = autoAnswer ? 0 : sampleWhole(record.answerTime, record.answerStream);
    const { atOnce, alertingTimeout } = this.offers[place.queue];
    // An agent who would answer only after the offer times out does not answer it.
    this.send(agent, answerTime === 0 ? atOnce : { type: 'OFFER', alertingTimeout, answerTime: answerTime < alertingTimeout ? answerTime : Infinity });
  }

  private available(agent: number): void {
    const record = this.agents[agent];
    let bestLine: WorkQueue | undefined = this.lines.reservedFor(agent);
    let bestKey = bestLine ? bestLine.frontKey() : Infinity;
    const queues = record.queues;
    for (let i = 0; i < queues.length; i++) {
      const q = queues[i];
      const sets = this.lines.skillSetsOf(q);
      for (let j = 0; j < sets.length; j++) {
        const set = sets[j];
        if (!this.skills.qualified(agent, set)) continue;
        const line = this.lines.openLine(q, set);
        const key = line.frontKey();
        if (key < bestKey) {
          bestKey = key;
          bestLine = line;
        }
      }
    }
    if (bestKey < Infinity && bestLine) {
      this.assign(agent, this.lines.shift(bestLine));
      return;
    }
    for (let i = 0; i < queues.length; i++) this.idle[queues[i]].append(agent);
    for (let i = 0; i < queues.length; i++) this.idleWithNothing(queues[i]);
  }

  private perform(agent: number, action: string): void {
    switch (action) {
      case 'available':
        this.available(agent);
        break;
      case 'alerted': {
        const place = this.agents[agent].work;
        if (place) place.requester.alerted(place.id, agent);
        break;
      }
      case 'answered': {
        const place = this.agents[agent].work;
        if (place) place.requester.answered(place.id, agent);
        break;
      }
      case 'offerMissed': {
        const record = this.agents[agent];
        const place = record.work;
        record.work = null;
        if (place) place.requester.missed(place.id, agent);
        break;
      }
      default:
        throw new Error(`agent machine: unknown action ${action}`);
    }
  }

  private changed(agent: number, from: string, to: string): void {
    const queues = this.agents[agent].queues;
    const was = this.timeTags.get(from);
    const is = this.timeTags.get(to);
    if (was === 'idle') for (let i = 0; i < queues.length; i++) this.idle[queues[i]].remove(agent);
    if (was === 'offline' && from !== '') for (let i = 0; i < queues.length; i++) this.online[queues[i]]++;
    if (is === 'offline' && from !== '') for (let i = 0; i < queues.length; i++) this.online[queues[i]]--;
    this.world.channel.agentState(this.world.sim.now, agent, from, to);
  }

  private shiftChange(target: number): void {
    const group = target >> 1;
    const event = target & 1 ? LOG_OFF : LOG_ON;
    for (const agent of this.groupMembers[group]) this.send(agent, event);
  }
}
