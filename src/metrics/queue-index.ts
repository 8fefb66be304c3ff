/** The index of each queue by its id, remembering the one resolved last (events of one queue often come in runs). */
export class QueueIndex {
  private readonly byId = new Map<string, number>();
  private lastId: string | undefined;
  private last = -1;

  constructor(ids: readonly string[]) {
    ids.forEach((id, i) => this.byId.set(id, i));
  }

  /** The index of the queue `id`; an unknown id is a programming error. */
  of(id: string): number {
    if (id === this.lastId) return this.last;
    const index = this.byId.get(id);
    if (index === undefined) throw new Error(`KpiCollector: unknown queue ${id}`);
    this.lastId = id;
    this.last = index;
    return index;
  }
}
