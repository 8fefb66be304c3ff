import { Observable, Subject, Subscription } from 'rxjs';

/** A consumer that is called synchronously for every item of a stream, and once at its end. */
export interface DirectObserver<T extends { readonly type: string }> {
  /** One item, in the order published. */
  next(item: T): void;
  /** The stream has ended. */
  complete(): void;
  /**
   * The only types of item this observer needs, if it needs only some:
   * publishers may then skip building the others (see `wants`). It is a
   * hint, not a filter: the observer must ignore any other type it gets.
   */
  readonly types?: ReadonlyArray<T['type']>;
}

/**
 * A synchronous stream of typed items that is an rxjs `Observable` for
 * anyone, with a direct path for consumers that take every item of a run
 * (the KPI collector): `listen` registers a plain observer that `next` calls
 * without rxjs's per-item machinery (subscriber chains, error contexts, the
 * copy of the observer list). Each item goes to the direct observers first,
 * then to the rxjs subscribers.
 *
 * Publishers test `observed`, or `wants(type)`, to skip building items that
 * nobody would see.
 */
export class EventStream<T extends { readonly type: string }> extends Observable<T> {
  /** Whether anyone listens: a direct observer or an rxjs subscriber. */
  observed = false;
  private readonly subject = new Subject<T>();
  private direct: Array<DirectObserver<T>> = [];
  /** Calls every direct observer's `next` (null when there is none). */
  private sink: ((item: T) => void) | null = null;
  private subscribers = 0;
  /** Whether every type is wanted (an rxjs subscriber, or a direct observer without `types`). */
  private wantsAll = false;
  /** Types that some direct observer with `types` wants. */
  private wanted: Record<string, boolean> = {};

  constructor() {
    super((subscriber) => {
      const subscription = this.subject.subscribe(subscriber);
      this.subscribers++;
      this.update();
      return () => {
        subscription.unsubscribe();
        this.subscribers--;
        this.update();
      };
    });
  }

  /** Whether anyone would see an item of type `type`. */
  wants(type: T['type']): boolean {
    return this.wantsAll || this.wanted[type] === true;
  }

  /** Calls `observer` for every item from now on, until the returned subscription is unsubscribed. */
  listen(observer: DirectObserver<T>): Subscription {
    this.direct = [...this.direct, observer];
    this.update();
    return new Subscription(() => {
      this.direct = this.direct.filter((o) => o !== observer);
      this.update();
    });
  }

  /** Publishes one item to every observer. */
  next(item: T): void {
    const sink = this.sink;
    if (sink !== null) sink(item);
    if (this.subscribers > 0) this.subject.next(item);
  }

  /** Ends the stream for every observer. */
  complete(): void {
    const direct = this.direct;
    this.direct = [];
    for (const observer of direct) observer.complete();
    this.subject.complete();
    this.update();
  }

  private update(): void {
    const direct = this.direct;
    this.observed = direct.length > 0 || this.subscribers > 0;
    this.wantsAll = this.subscribers > 0 || direct.some((o) => o.types === undefined);
    const wanted: Record<string, boolean> = {};
    for (const o of direct) for (const type of o.types ?? []) wanted[type] = true;
    this.wanted = wanted;
    if (direct.length === 0) this.sink = null;
    else if (direct.length === 1) {
      const only = direct[0];
      this.sink = only.next.bind(only);
    } else {
      this.sink = (item) => {
        for (let i = 0; i < direct.length; i++) direct[i].next(item);
      };
    }
  }
}
