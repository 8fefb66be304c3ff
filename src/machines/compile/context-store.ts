/**
 * Machine contexts of many entities as columns (struct of arrays): one
 * column per context key, indexed by slot. Numbers live in a Float64Array,
 * booleans in a Uint8Array, short string enums as Int32 codes into a
 * dictionary, anything else (arrays, objects, undefined) in a plain array.
 * A column whose key later receives a value of another kind turns into a
 * plain-array column, so any value round-trips.
 *
 * The layout (keys, in order, and column kinds) is taken from the first
 * context stored. Guards and assignments read and write the columns of one
 * slot through a reusable view object whose own enumerable accessors are the
 * context keys, so no snapshot object is made per event.
 */

/** Strings an enum column holds before it becomes a plain-array column. */
const MAX_ENUM_SIZE = 256;

/** One context key's values, by slot. */
interface Column {
  /** The value at `slot`. */
  get(slot: number): unknown;
  /** Stores `value` at `slot`; false if the value does not fit this column's kind. */
  set(slot: number, value: unknown): boolean;
  /** Makes room for `capacity` slots. */
  grow(capacity: number): void;
  /** The value at `slot` as this column encodes it (for `setRaw`). */
  raw(slot: number): unknown;
  /** Stores a value `raw` gave (from this column). */
  setRaw(slot: number, raw: unknown): void;
}

class NumberColumn implements Column {
  data: Float64Array;
  constructor(capacity: number) {
    this.data = new Float64Array(capacity);
  }
  get(slot: number): unknown {
    return this.data[slot];
  }
  set(slot: number, value: unknown): boolean {
    if (typeof value !== 'number') return false;
    this.data[slot] = value;
    return true;
  }
  grow(capacity: number): void {
    const data = new Float64Array(capacity);
    data.set(this.data);
    this.data = data;
  }
  raw(slot: number): unknown {
    return this.data[slot];
  }
  setRaw(slot: number, raw: unknown): void {
    this.data[slot] = raw as never;
  }
}

class BooleanColumn implements Column {
  data: Uint8Array;
  constructor(capacity: number) {
    this.data = new Uint8Array(capacity);
  }
  get(slot: number): unknown {
    return this.data[slot] === 1;
  }
  set(slot: number, value: unknown): boolean {
    if (typeof value !== 'boolean') return false;
    this.data[slot] = value ? 1 : 0;
    return true;
  }
  grow(capacity: number): void {
    const data = new Uint8Array(capacity);
    data.set(this.data);
    this.data = data;
  }
  raw(slot: number): unknown {
    return this.data[slot];
  }
  setRaw(slot: number, raw: unknown): void {
    this.data[slot] = raw as never;
  }
}

class EnumColumn implements Column {
  data: Int32Array;
  readonly names: string[] = [];
  readonly codes = new Map<string, number>();
  constructor(capacity: number) {
    this.data = new Int32Array(capacity);
  }
  get(slot: number): unknown {
    return this.names[this.data[slot]];
  }
  set(slot: number, value: unknown): boolean {
    if (typeof value !== 'string') return false;
    let code = this.codes.get(value);
    if (code === undefined) {
      if (this.names.length >= MAX_ENUM_SIZE) return false;
      code = this.names.length;
      this.names.push(value);
      this.codes.set(value, code);
    }
    this.data[slot] = code;
    return true;
  }
  grow(capacity: number): void {
    const data = new Int32Array(capacity);
    data.set(this.data);
    this.data = data;
  }
  raw(slot: number): unknown {
    return this.data[slot];
  }
  setRaw(slot: number, raw: unknown): void {
    this.data[slot] = raw as never;
  }
}

class AnyColumn implements Column {
  readonly data: unknown[] = [];
  get(slot: number): unknown {
    return this.data[slot];
  }
  set(slot: number, value: unknown): boolean {
    this.data[slot] = value;
    return true;
  }
  grow(): void {}
  raw(slot: number): unknown {
    return this.data[slot];
  }
  setRaw(slot: number, raw: unknown): void {
    this.data[slot] = raw as never;
  }
}

function columnFor(value: unknown, capacity: number): Column {
  switch (typeof value) {
    case 'number':
      return new NumberColumn(capacity);
    case 'boolean':
      return new BooleanColumn(capacity);
    case 'string':
      return new EnumColumn(capacity);
    default:
      return new AnyColumn();
  }
}

/** A stored context, copied out of the columns (see `ContextStore.template`). */
export interface ContextTemplate {
  /** The layout generation it was taken in (a column that widens since makes it stale). */
  readonly generation: number;
  /** Each column's encoded value. */
  readonly raw: readonly unknown[];
}

/** The view's getter of column `column` at `store.slot`, specialized to the column's kind. */
function viewGetter(store: ContextStore, column: Column): () => unknown {
  if (column instanceof NumberColumn) return () => column.data[store.slot];
  if (column instanceof BooleanColumn) return () => column.data[store.slot] === 1;
  if (column instanceof EnumColumn) return () => column.names[column.data[store.slot]];
  return () => (column as AnyColumn).data[store.slot];
}

/** The contexts of one engine's entities, by slot. */
export class ContextStore {
  /** The context keys, in the order of the first context stored. */
  readonly keys: string[] = [];
  /** The slot the view reads and writes. */
  slot = 0;
  /** The context of the current slot, as guards and assignments see it. */
  readonly view: Record<string, unknown> = {};
  private readonly columnOf = new Map<string, number>();
  private columns: Column[] = [];
  /** The columns that hold references (plain-array columns): the only ones `clear` has to visit. */
  private referenceColumns: AnyColumn[] = [];
  private capacity = 0;
  private laidOut = false;
  /** Changes whenever a column changes kind. */
  private generation = 0;

  /** @param machine the machine's id, for error messages */
  constructor(private readonly machine: string) {}

  /** Whether the layout has been taken from a first context. */
  get ready(): boolean {
    return this.laidOut;
  }

  /** Column index of `key`, or -1. */
  indexOf(key: string): number {
    return this.columnOf.get(key) ?? -1;
  }

  /** Makes room for slots `0 .. capacity - 1`. */
  ensureCapacity(capacity: number): void {
    if (capacity <= this.capacity) return;
    let next = Math.max(16, this.capacity);
    while (next < capacity) next *= 2;
    for (const column of this.columns) column.grow(next);
    this.capacity = next;
  }

  /** Stores a whole context at `slot` (the layout comes from the first one). */
  store(slot: number, context: Readonly<Record<string, unknown>>): void {
    const keys = Object.keys(context);
    if (!this.laidOut) this.layOut(keys, context);
    const layout = this.keys;
    let sameOrder = keys.length === layout.length;
    for (let i = 0; sameOrder && i < keys.length; i++) sameOrder = keys[i] === layout[i];
    if (sameOrder) {
      for (let i = 0; i < keys.length; i++) this.write(i, slot, context[keys[i]]);
      return;
    }
    if (keys.length !== layout.length || !keys.every((k) => this.columnOf.has(k))) {
      throw new Error(`${this.machine}: the compiled engine needs every context to have the keys [${layout.join(', ')}]; got [${keys.join(', ')}]`);
    }
    for (let i = 0; i < keys.length; i++) this.write(this.columnOf.get(keys[i])!, slot, context[keys[i]]);
  }

  /** The value of column `column` at `slot`. */
  read(column: number, slot: number): unknown {
    return this.columns[column].get(slot);
  }

  /** Stores `value` in column `column` at `slot`, widening the column if the value does not fit. */
  write(column: number, slot: number, value: unknown): void {
    if (this.columns[column].set(slot, value)) return;
    const old = this.columns[column];
    const widened = new AnyColumn();
    for (let s = 0; s < this.capacity; s++) widened.data[s] = old.get(s);
    widened.data[slot] = value;
    this.columns[column] = widened;
    this.referenceColumns.push(widened);
    this.generation++;
    this.defineView(column);
  }

  /** A copy of the context stored at `slot`, to store again with `restore`. */
  template(slot: number): ContextTemplate {
    return { generation: this.generation, raw: this.columns.map((c) => c.raw(slot)) };
  }

  /** Stores `template` at `slot`; false (nothing stored) if a column has changed kind since it was taken. */
  restore(template: ContextTemplate, slot: number): boolean {
    if (template.generation !== this.generation) return false;
    const columns = this.columns;
    const raw = template.raw;
    for (let i = 0; i < columns.length; i++) columns[i].setRaw(slot, raw[i]);
    return true;
  }

  /** Stores `value` under context key `key` at `slot`. */
  writeKey(key: string, slot: number, value: unknown): void {
    const column = this.columnOf.get(key);
    if (column === undefined) throw new Error(`${this.machine}: an assignment writes context key '${key}', which the initial context does not have`);
    this.write(column, slot, value);
  }

  /** A plain object with the context of `slot`, keys in layout order. */
  toObject(slot: number): Record<string, unknown> {
    const context: Record<string, unknown> = {};
    for (let i = 0; i < this.keys.length; i++) context[this.keys[i]] = this.columns[i].get(slot);
    return context;
  }

  /** Drops references held for `slot`. */
  clear(slot: number): void {
    const columns = this.referenceColumns;
    for (let i = 0; i < columns.length; i++) columns[i].data[slot] = undefined;
  }

  private layOut(keys: string[], context: Readonly<Record<string, unknown>>): void {
    this.laidOut = true;
    const columns = this.columns;
    for (const key of keys) {
      const index = this.keys.length;
      this.keys.push(key);
      this.columnOf.set(key, index);
      const column = columnFor(context[key], this.capacity);
      columns.push(column);
      if (column instanceof AnyColumn) this.referenceColumns.push(column);
      this.defineView(index);
    }
  }

  /** (Re)defines the view's accessor of column `index`, for the column's current kind. */
  private defineView(index: number): void {
    const store = this;
    Object.defineProperty(this.view, this.keys[index], {
      enumerable: true,
      configurable: true,
      get: viewGetter(this, this.columns[index]),
      set(value: unknown) {
        store.write(index, store.slot, value);
      },
    });
  }
}
