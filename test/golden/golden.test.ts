import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/index.js';
import { simulate } from '../../src/runner/simulate.js';

/**
 * Golden outputs: each bundled scenario, run for two simulated days, must
 * give exactly the JSON recorded in test/golden/<name>.json. A change that
 * moves any number fails here and must be looked at; when the change is
 * meant, record the new outputs with CBSIM_UPDATE_GOLDEN=1 npm test and
 * review the diff.
 */
const scenariosDir = new URL('../../scenarios/', import.meta.url);
const files = readdirSync(scenariosDir).filter((f) => /\.ya?ml$/.test(f));

describe('golden outputs of the bundled scenarios', () => {
  for (const file of files) {
    it(file, () => {
      const { scenario } = parseScenario(readFileSync(new URL(file, scenariosDir), 'utf8'), `scenarios/${file}`, { duration: '2d' });
      const actual = `${JSON.stringify(simulate(scenario), null, 1)}\n`;
      const golden = new URL(`${file.replace(/\.ya?ml$/, '')}.json`, import.meta.url);
      if (process.env.CBSIM_UPDATE_GOLDEN === '1') writeFileSync(golden, actual);
      expect(existsSync(golden), `no golden output for ${file}; record it with CBSIM_UPDATE_GOLDEN=1 npm test`).toBe(true);
      expect(actual).toBe(readFileSync(golden, 'utf8'));
    });
  }
});
