import { createActor, type AnyStateMachine, type AnyMachineSnapshot } from 'xstate';
import type { Mailbox, MachineEngine, MachineHost } from './engine.js';

/** The leaf state key of a snapshot's value (`{ a: { b: 'c' } }` → `c`; no parallel states). */
function leafOf(value: unknown): string {
  let v = value;
  while (typeof v === 'object' && v !== null) v = Object.values(v)[0];
  return String(v);
}

interface ExecutedAction {
  type: string;
  params?: Record<string, unknown>;
}

/**
 * The reference engine: XState's own algorithm, one snapshot per entity,
 * driven through `machine.transition` with one reused actor scope. Delayed
 * events and cancellations come out as `xstate.raise` / `xstate.cancel`
 * actions and go to the host's clock.
 */
export class XStateEngine<TInput, TEvent extends { type: string }, TContext> implements MachineEngine<TInput, TEvent, TContext> {
  readonly name = 'xstate';
  transitions = 0;

  private readonly snapshots: Array<AnyMachineSnapshot | undefined> = [];
  /** Per entity, the ids of the timers handed to the host and not cancelled since. */
  private readonly armed: Array<Set<string> | undefined> = [];
  private readonly scope: unknown;
  private collected: ExecutedAction[] = [];
  private readonly deliver = (entity: number, event: TEvent): void => this.apply(entity, event);

  constructor(
    private readonly machine: AnyStateMachine,
    private readonly host: MachineHost<TEvent>,
    private readonly mailbox: Mailbox,
  ) {
    const self = createActor(machine);
    this.scope = {
      self,
      id: '',
      sessionId: '',
      system: self.system,
      defer: () => {},
      logger: () => {},
      stopChild: () => {},
      emit: () => {},
      actionExecutor: (action: ExecutedAction) => {
        this.collected.push(action);
      },
    };
  }

  start(entity: number, input: TInput): void {
    this.mailbox.post<TInput>((id, given) => {
      this.collected = [];
      const snapshot = this.machine.getInitialSnapshot(this.scope as never, given) as AnyMachineSnapshot;
      this.snapshots[entity] = snapshot;
      this.transitions++;
      const initEvent = { type: 'xstate.init' } as unknown as TEvent;
      this.host.changed(id, '', leafOf(snapshot.value), initEvent);
      this.performAll(id, this.collected, initEvent);
    }, entity, input);
  }

  send(entity: number, event: TEvent): void {
    this.mailbox.post(this.deliver, entity, event);
  }

  stateOf(entity: number): string {
    return leafOf(this.snapshot(entity).value);
  }

  hasTag(entity: number, tag: string): boolean {
    return this.snapshot(entity).hasTag(tag);
  }

  can(entity: number, event: TEvent): boolean {
    return this.snapshot(entity).can(event as never);
  }

  contextOf(entity: number): Readonly<TContext> {
    return this.snapshot(entity).context as TContext;
  }

  read<K extends keyof TContext & string>(entity: number, key: K): TContext[K] {
    return (this.snapshot(entity).context as TContext)[key];
  }

  release(entity: number): void {
    this.snapshots[entity] = undefined;
    this.armed[entity] = undefined;
  }

  private snapshot(entity: number): AnyMachineSnapshot {
    const snapshot = this.snapshots[entity];
    if (snapshot === undefined) throw new Error(`${this.machine.id} ${entity} does not exist`);
    return snapshot;
  }

  private apply(entity: number, event: TEvent): void {
    const before = this.snapshot(entity);
    if (before.status !== 'active') return;
    this.collected = [];
    const after = this.machine.transition(before, event, this.scope as never) as AnyMachineSnapshot;
    // A self-transition that changes no context returns the same snapshot, yet its actions still run.
    if (after === before && this.collected.length === 0) return;
    this.snapshots[entity] = after;
    this.transitions++;
    const from = leafOf(before.value);
    const to = leafOf(after.value);
    if (from !== to) this.host.changed(entity, from, to, event);
    this.performAll(entity, this.collected, event);
  }

  /** Cancels `entity`'s timer `id` with the host if it was handed over (a timer that never fires was not). */
  private disarm(entity: number, id: string): void {
    if (this.armed[entity]?.delete(id)) this.host.cancelDelay(entity, id);
  }

  private performAll(entity: number, actions: ExecutedAction[], event: TEvent): void {
    for (const action of actions) {
      const params = action.params;
      switch (action.type) {
        case 'xstate.raise': {
          const delay = params?.delay;
          if (typeof delay !== 'number') throw new Error(`${this.machine.id}: immediate raise is not supported`);
          const id = String(params?.id);
          if (delay === Infinity) {
            this.disarm(entity, id);
          } else {
            let armed = this.armed[entity];
            if (armed === undefined) armed = this.armed[entity] = new Set();
            armed.add(id);
            this.host.delay(entity, id, delay, params?.event as TEvent);
          }
          break;
        }
        case 'xstate.cancel':
          this.disarm(entity, String(params?.sendId));
          break;
        default:
          if (action.type.startsWith('xstate.')) throw new Error(`${this.machine.id}: action ${action.type} is not supported`);
          this.host.perform(entity, action.type, params, event);
      }
    }
  }
}
