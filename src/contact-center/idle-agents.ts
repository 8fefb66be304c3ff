/**
 * The idle agents of one queue in the order they became idle (longest idle
 * first), as an intrusive doubly linked list over agent indexes.
 */
export class IdleAgents {
  private readonly next_: Int32Array;
  private readonly prev: Int32Array;
  private readonly member: Uint8Array;
  private head = -1;
  private tail = -1;
  /** Number of agents in the list. */
  size = 0;

  constructor(agentCount: number) {
    this.next_ = new Int32Array(agentCount).fill(-1);
    this.prev = new Int32Array(agentCount).fill(-1);
    this.member = new Uint8Array(agentCount);
  }

  /** The agent idle longest, or -1. */
  first(): number {
    return this.head;
  }

  /** The agent after `agent` (idle less long), or -1. */
  next(agent: number): number {
    return this.next_[agent];
  }

  /** Whether `agent` is in the list. */
  has(agent: number): boolean {
    return this.member[agent] === 1;
  }

  /** Adds `agent` as the most recently idle. */
  append(agent: number): void {
    if (this.member[agent]) return;
    this.member[agent] = 1;
    this.prev[agent] = this.tail;
    this.next_[agent] = -1;
    if (this.tail >= 0) this.next_[this.tail] = agent;
    else this.head = agent;
    this.tail = agent;
    this.size++;
  }

  /** Removes `agent` if present. */
  remove(agent: number): void {
    if (!this.member[agent]) return;
    this.member[agent] = 0;
    const p = this.prev[agent];
    const n = this.next_[agent];
    if (p >= 0) this.next_[p] = n;
    else this.head = n;
    if (n >= 0) this.prev[n] = p;
    else this.tail = p;
    this.size--;
  }
}
