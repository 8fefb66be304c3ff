import type { MachineHost } from '../../src/machines/engine.js';

/**
 * A machine host that writes down everything an engine asks of it, as short
 * strings, and keeps the pending delayed events so a test can fire them.
 *
 * - `a>b` the entity changed state from `a` to `b` (`>b` at start)
 * - `name` or `name {"param":…}` a named action to perform
 * - `delay <id> <ms>` / `cancel <id>` timers
 */
export class RecordingHost<TEvent extends { type: string }> implements MachineHost<TEvent> {
  /** What happened since the last `take()`. */
  log: string[] = [];
  /** Pending delayed events by `entity:id`. */
  readonly pending = new Map<string, { delay: number; event: TEvent }>();
  /** Called after an action is written down (to let a test react from inside a transition). */
  onPerform?: (entity: number, action: string) => void;

  perform(entity: number, action: string, params: Readonly<Record<string, unknown>> | undefined): void {
    this.log.push(params && Object.keys(params).length > 0 ? `${action} ${JSON.stringify(params)}` : action);
    this.onPerform?.(entity, action);
  }

  delay(entity: number, id: string, delay: number, event: TEvent): void {
    this.log.push(`delay ${id} ${delay}`);
    this.pending.set(`${entity}:${id}`, { delay, event });
  }

  cancelDelay(entity: number, id: string): void {
    this.log.push(`cancel ${id}`);
    this.pending.delete(`${entity}:${id}`);
  }

  changed(entity: number, from: string, to: string): void {
    this.log.push(`${from}>${to}`);
  }

  /** The log since the last call, cleared. */
  take(): string[] {
    const log = this.log;
    this.log = [];
    return log;
  }

  /** The pending delayed event of `entity` named `id`; throws if there is none. */
  due(entity: number, id: string): TEvent {
    const timer = this.pending.get(`${entity}:${id}`);
    if (!timer) throw new Error(`no pending timer ${id} for ${entity} (pending: ${[...this.pending.keys()].join(', ')})`);
    this.pending.delete(`${entity}:${id}`);
    return timer.event;
  }

  /** Ids of the pending timers of `entity`. */
  timersOf(entity: number): string[] {
    return [...this.pending.keys()].filter((k) => k.startsWith(`${entity}:`)).map((k) => k.slice(k.indexOf(':') + 1));
  }
}
