import type { ContextStore, ContextTemplate } from './context-store.js';

/** What a start from a template led to: the settled state and the host ops, with the delays their timers resolved to. */
export interface StartOutcome {
  readonly state: number;
  readonly ops: Int32Array;
  readonly delays: Float64Array;
}

/** Whether every value of `context` is a primitive, one of `input`'s own values or a frozen object (which every start may share). */
function onlyValuesOf(context: Record<string, unknown>, input: object): boolean {
  const given = Object.values(input);
  return Object.values(context).every((v) => (typeof v !== 'object' && typeof v !== 'function') || v === null || given.includes(v) || (typeof v === 'object' && Object.isFrozen(v)));
}

/**
 * What an engine remembers of starts from frozen inputs. A machine's context
 * factory is a pure function of its input (machines are pure), so the
 * context made from a frozen input is kept as a template and copied for the
 * next start with that input (unless it holds objects of its own making,
 * which each start must get anew); and when nothing on the way in assigns,
 * the outcome of the first start from a template is kept to be replayed.
 */
export class StartMemory {
  private readonly templates = new WeakMap<object, ContextTemplate>();
  private readonly outcomes = new WeakMap<ContextTemplate, StartOutcome>();
  /** The input whose template was looked up last, and that template. */
  private lastInput: unknown = undefined;
  private lastTemplate: ContextTemplate | undefined = undefined;
  /** The template whose outcome was looked up or kept last, and that outcome. */
  private lastOutcomeOf: ContextTemplate | undefined = undefined;
  private lastOutcome: StartOutcome | undefined = undefined;

  /** The template kept for `input`, if any. */
  templateOf(input: unknown): ContextTemplate | undefined {
    if (this.lastInput === input) return this.lastTemplate;
    if (typeof input !== 'object' || input === null || !Object.isFrozen(input)) return undefined;
    this.lastInput = input;
    return (this.lastTemplate = this.templates.get(input));
  }

  /** Keeps the context just stored at `slot` of `store` as the template of a frozen `input`, when it may be shared; returns it. */
  keep(input: unknown, context: Record<string, unknown>, store: ContextStore, slot: number): ContextTemplate | undefined {
    if (typeof input !== 'object' || input === null || !Object.isFrozen(input) || !onlyValuesOf(context, input)) return undefined;
    const template = store.template(slot);
    this.templates.set(input, template);
    this.lastInput = input;
    this.lastTemplate = template;
    return template;
  }

  /** The outcome of the first start from `template`, if kept. */
  outcomeOf(template: ContextTemplate): StartOutcome | undefined {
    if (template === this.lastOutcomeOf) return this.lastOutcome;
    const outcome = this.outcomes.get(template);
    if (outcome !== undefined) {
      this.lastOutcomeOf = template;
      this.lastOutcome = outcome;
    }
    return outcome;
  }

  /** Keeps the outcome of a start from `template`. */
  keepOutcome(template: ContextTemplate, outcome: StartOutcome): void {
    this.outcomes.set(template, outcome);
    this.lastOutcomeOf = template;
    this.lastOutcome = outcome;
  }
}
