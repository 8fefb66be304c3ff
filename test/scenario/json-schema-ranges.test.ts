import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseScenario, scenarioJsonSchema, ScenarioError } from '../../src/scenario/index.js';
import { ROOT } from '../helpers/cli.js';
import { jsonSchemaAccepts } from '../helpers/json-schema-check.js';
import { BUNDLED } from '../helpers/scenario-mutations.js';

const schema = scenarioJsonSchema() as Record<string, unknown>;

function loaderAccepts(data: unknown): boolean {
  try {
    parseScenario(JSON.stringify(data), 'x.json');
    return true;
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    return false;
  }
}

/** The scenario with one value replaced (path segments: keys and indices). */
function withValue(file: string, path: Array<string | number>, value: unknown): unknown {
  const data = parse(readFileSync(join(ROOT, 'scenarios', file), 'utf8')) as Record<string, unknown>;
  let node = data as Record<string | number, unknown>;
  for (const seg of path.slice(0, -1)) node = node[seg] as Record<string | number, unknown>;
  node[path[path.length - 1]] = value;
  return data;
}

const S = 'support-agent-first.yaml';
const K = 'every-callback-kind.yaml';
/** Values the loader refuses whose rule JSON Schema can express: ranges, enums, patterns, list sizes, unknown keys. */
const REFUSED: Array<[string, Array<string | number>, unknown]> = [
  [S, ['queues', 0, 'callback', 'pacingModifier'], 11],
  [S, ['queues', 0, 'callback', 'pacingModifier'], 0.5],
  [S, ['queues', 0, 'callback', 'maxRetryCount'], 21],
  [S, ['queues', 0, 'callback', 'maxRetryCount'], 1.5],
  [S, ['queues', 0, 'callback', 'mode'], 'customerfirst'],
  [S, ['queues', 0, 'callback', 'retryDelay'], '25 hours'],
  [S, ['queues', 0, 'callback', 'retryDelay'], 30],
  [S, ['queues', 0, 'priority'], 1001],
  [S, ['queues', 0, 'ani'], '5550100'],
  [S, ['queues', 0, 'id'], 'a b'],
  [S, ['queues', 0, 'serviceLevel', 'percentage'], 101],
  [S, ['queues', 0, 'foo'], 1],
  [S, ['queues'], []],
  [S, ['seed'], -1],
  [S, ['start'], '2026-03-02 08:00'],
  [S, ['duration'], '7 days'],
  [S, ['agents', 0, 'count'], -1],
  [S, ['agents', 0, 'count'], 100_001],
  [S, ['agents', 0, 'queues'], []],
  [S, ['agents', 0, 'skills'], { billing: 6 }],
  [S, ['agents', 0, 'schedule'], [{ days: 'mon-fri', start: '25:00', end: '17:00' }]],
  [S, ['agents', 0, 'schedule'], [{ days: 'someday', start: '08:00', end: '17:00' }]],
  [S, ['agents', 0, 'schedule'], [{ days: ['mon', 'fri-weekends'], start: '08:00', end: '17:00' }]],
  [S, ['callee', 'outcomes', 'live'], 1.5],
  [S, ['inbound', 0, 'arrivals', 'poisson', 'perHour'], [1, 2, 3]],
  [S, ['inbound', 0, 'arrivals', 'poisson', 'perHour'], -5],
  [S, ['inbound', 0, 'arrivals', 'poisson', 'perHour'], { '25:00': 10 }],
  [S, ['inbound', 0, 'talkTime'], { exponential: { mean: '4m' }, constant: '1m' }],
  [S, ['inbound', 0, 'callbackOffer', 'acceptance'], -0.1],
  [S, ['inbound', 0, 'callbackOffer', 'callerId'], '+15550100199'],
  [K, ['callbacks', 0, 'owner'], 'tier1#0'],
  [K, ['callbacks', 0, 'at'], 'tomorrow'],
  [K, ['operations', 0, 'cancel'], []],
  [K, ['campaigns', 0, 'contacts'], 10_000_001],
];

describe('the JSON Schema carries the ranges the loader enforces', () => {
  it('accepts every bundled scenario, as the loader does', () => {
    for (const { name, data } of BUNDLED) {
      expect(loaderAccepts(data), name).toBe(true);
      expect(jsonSchemaAccepts(schema, data), name).toBe(true);
    }
  });

  it('accepts the day forms the loader reads: any case, ranges, lists', () => {
    for (const days of ['Mon-FRI', 'weekdays, sat', 'sunday', ['mon', 'wed - fri']]) {
      const data = withValue(S, ['agents', 0, 'schedule'], [{ days, start: '08:00', end: '17:00' }]);
      expect(loaderAccepts(data), JSON.stringify(days)).toBe(true);
      expect(jsonSchemaAccepts(schema, data), JSON.stringify(days)).toBe(true);
    }
  });

  it.each(REFUSED)('%s: %j = %j is refused by the loader and by the JSON Schema', (file, path, value) => {
    const data = withValue(file, path, value);
    expect(loaderAccepts(data)).toBe(false);
    expect(jsonSchemaAccepts(schema, data)).toBe(false);
  });
});
