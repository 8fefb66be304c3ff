/** The index of each id of a list (queues, routes), remembering the one resolved last (events of one queue or route often come in runs). */
export class IdIndex {
  private readonly byId = new Map<string, number>();
  private lastId: string | undefined;
  private last = -1;

  constructor(
    ids: readonly string[],
    /** What the ids name, for the error of an unknown one (`queue`, `outbound route`). */
    private readonly what: string,
  ) {
    ids.forEach((id, i) => this.byId.set(id, i));
  }

  /** The index of `id`; an unknown id is a programming error. */
  of(id: string): number {
    if (id === this.lastId) return this.last;
    const index = this.byId.get(id);
    if (index === undefined) throw new Error(`KPI collector: unknown ${this.what} ${id}`);
    this.lastId = id;
    this.last = index;
    return index;
  }
}
