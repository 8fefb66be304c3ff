import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema } from '../../src/scenario/index.js';

type Schema = { properties: Record<string, Schema>; items: Schema; required?: string[]; [k: string]: unknown };

describe('scenarioJsonSchema', () => {
  const schema = scenarioJsonSchema() as Schema;
  const callback = schema.properties.queues.items.properties.callback;

  it('is a draft 2020-12 object schema without extra keys', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.type).toBe('object');
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(expect.arrayContaining(['name', 'duration', 'queues']));
  });

  it('has every queue callback setting with its range and default', () => {
    expect(Object.keys(callback.properties)).toEqual(
      expect.arrayContaining([
        'mode', 'pacingModifier', 'pacing', 'maxRetryCount', 'retryDelay', 'enableAutoAnswer', 'enableAutoDialAndEnd',
        'autoDialDelay', 'autoEndDelay', 'alertingTimeout', 'liveVoiceReactionType', 'answeringMachineReactionType',
        'agentOwnedCallbacks', 'preserveSkillsAndPriority', 'outboundRoute', 'priority', 'talkTime', 'wrapUp',
      ]),
    );
    expect(callback.properties.pacingModifier).toMatchObject({ type: 'number', minimum: 1, maximum: 10, default: 1 });
    expect(callback.properties.maxRetryCount).toMatchObject({ type: 'integer', minimum: 0, maximum: 20, default: 0 });
    expect(callback.properties.mode).toMatchObject({ enum: ['AgentFirst', 'CustomerFirst'], default: 'AgentFirst' });
    expect(callback.properties.retryDelay).toMatchObject({ type: 'string', default: '10m' });
    expect(callback.properties.retryDelay.description).toContain('1m to 24h');
  });

  it('describes durations with the same range text as the error messages', () => {
    expect(callback.properties.alertingTimeout.description).toContain('7s to 59s');
    expect(String(callback.properties.alertingTimeout.pattern)).toMatch(/ms\|s\|m\|h\|d\|w/);
  });
});
