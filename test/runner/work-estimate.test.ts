import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_WORK_BUDGET, estimateWork, overBudget } from '../../src/runner/work-estimate.js';
import { simulate } from '../../src/runner/simulate.js';
import { parseScenario } from '../../src/scenario/index.js';
import { ROOT } from '../helpers/cli.js';

const bundled = readdirSync(join(ROOT, 'scenarios')).filter((f) => f.endsWith('.yaml')).sort();
const load = (file: string, duration: string) => parseScenario(readFileSync(join(ROOT, 'scenarios', file), 'utf8'), file, { duration, set: ['warmup=0s'] }).scenario;

describe('estimateWork', () => {
  it.each(bundled)('is within a factor of 2.5 of the events of a real run of %s (3 days)', (file) => {
    const scenario = load(file, '3d');
    const events = simulate(scenario, { intervals: false }).run.events;
    const estimate = estimateWork(scenario).events;
    expect(estimate / events).toBeGreaterThan(1 / 2.5);
    expect(estimate / events).toBeLessThan(2.5);
  });

  it('grows with the horizon and the rates, and puts the bundled scenarios well within the default budget', () => {
    const week = estimateWork(load('erlang-c-55-agents.yaml', '7d'));
    const month = estimateWork(load('erlang-c-55-agents.yaml', '28d'));
    expect(month.events / week.events).toBeCloseTo(4, 1);
    expect(month.arrivals / week.arrivals).toBeCloseTo(4, 5);
    for (const file of bundled) expect(overBudget(estimateWork(load(file, '30d')), DEFAULT_WORK_BUDGET)).toEqual([]);
  });

  it('puts 10⁹ calls per hour beyond the budget in events and memory', () => {
    const s = parseScenario(readFileSync(join(ROOT, 'scenarios/erlang-c-55-agents.yaml'), 'utf8'), 'x', { duration: '1d', set: ['inbound.0.arrivals.poisson.perHour=1000000000'] }).scenario;
    const e = estimateWork(s);
    expect(e.arrivals).toBeCloseTo(24e9, -6);
    expect(overBudget(e, DEFAULT_WORK_BUDGET)).toEqual(['events', 'memory']);
  });
});
