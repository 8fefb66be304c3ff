/**
 * How the world drives statecharts without actors' own timers: an engine
 * holds the state of many entities of one machine, applies events to them,
 * and hands every effect back to a host. Engines are interchangeable (the
 * XState reference engine, and faster ones derived from the same machine).
 */

/** The world that an engine reports to. */
export interface MachineHost<TEvent> {
  /** Carry out a named action of the machine for `entity`. */
  perform(entity: number, action: string, params: Readonly<Record<string, unknown>> | undefined, event: TEvent): void;
  /**
   * Deliver `event` to `entity` in `delay` ms unless cancelled; `id` names the
   * timer. A delay of `Infinity` never fires, so it is never handed over.
   */
  delay(entity: number, id: string, delay: number, event: TEvent): void;
  /** Cancel the timer `id` of `entity` if it is pending (only timers handed to `delay` are cancelled). */
  cancelDelay(entity: number, id: string): void;
  /** `entity` moved from state `from` to state `to` on `event` (`from` is '' at start). */
  changed(entity: number, from: string, to: string, event: TEvent): void;
}

/** A statechart run for many entities at once, by integer entity id. */
export interface MachineEngine<TInput, TEvent extends { type: string }, TContext> {
  /** The engine's name, as reported in output (`xstate`, `compiled`). */
  readonly name: string;
  /** Transitions taken so far, over all entities. */
  readonly transitions: number;
  /** Create `entity` in the machine's initial state. */
  start(entity: number, input: TInput): void;
  /** Apply `event` to `entity`; events sent while another is being handled wait their turn. */
  send(entity: number, event: TEvent): void;
  /** The entity's current state name. */
  stateOf(entity: number): string;
  /** Whether the entity's current state, or a state above it, carries `tag` (XState's `snapshot.hasTag`). */
  hasTag(entity: number, tag: string): boolean;
  /**
   * Whether `event` would be taken now (XState's `snapshot.can`): the first
   * candidate whose guard passes, in the current state or above it, has a
   * target or actions. Guards are evaluated against the current context;
   * nothing runs and nothing changes.
   */
  can(entity: number, event: TEvent): boolean;
  /** The entity's current context. */
  contextOf(entity: number): Readonly<TContext>;
  /** One value of the entity's current context (no copy of the whole context is made). */
  read<K extends keyof TContext & string>(entity: number, key: K): TContext[K];
  /** Forget a finished entity. */
  release(entity: number): void;
}

/**
 * Run-to-completion for every engine that shares it: an event sent while
 * another event is being handled (by any machine) is queued and handled
 * after it, in the order sent. This keeps a machine's actions from running
 * inside another transition of the same machine.
 */
export class Mailbox {
  /** Whether an event is being handled: a delivery now has to wait its turn (`enqueue`). */
  busy = false;
  /** Queued deliveries `head .. count - 1`; the arrays are reused, never shrunk. */
  private readonly targets: Array<((entity: number, event: unknown) => void) | undefined> = [];
  private readonly entities: number[] = [];
  private readonly events: unknown[] = [];
  private head = 0;
  private count = 0;

  /** Runs `deliver(entity, event)` now if nothing is being handled, else after what is queued. */
  post<TEvent>(deliver: (entity: number, event: TEvent) => void, entity: number, event: TEvent): void {
    if (this.busy) {
      this.enqueue(deliver, entity, event);
      return;
    }
    this.busy = true;
    try {
      deliver(entity, event);
      this.drain();
    } finally {
      this.done();
    }
  }

  /** Queues a delivery while `busy` (an engine's own fast path to `post`). */
  enqueue<TEvent>(deliver: (entity: number, event: TEvent) => void, entity: number, event: TEvent): void {
    const i = this.count++;
    this.targets[i] = deliver as (entity: number, event: unknown) => void;
    this.entities[i] = entity;
    this.events[i] = event;
  }

  /** Runs the queued deliveries, including those they queue, in order (while `busy`). */
  drain(): void {
    while (this.head < this.count) {
      const i = this.head++;
      const target = this.targets[i]!;
      const queued = this.events[i];
      this.targets[i] = undefined;
      this.events[i] = undefined;
      target(this.entities[i], queued);
    }
  }

  /** Ends the handling that set `busy` (also after an exception: the queue is dropped). */
  done(): void {
    this.head = 0;
    this.count = 0;
    this.busy = false;
  }
}
