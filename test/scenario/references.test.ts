import { describe, expect, it } from 'vitest';
import { NAME_FIELDS, REFERENCE_FIELDS } from '../../src/scenario/references.js';
import { scenarioFileSchema } from '../../src/scenario/schema.js';
import { cli } from '../helpers/cli.js';
import { schemaPaths } from '../helpers/schema-paths.js';
import { errorsOf, issueAt } from './helpers.js';

/** A key that looks as if it names a queue, group, agent, listed callback or campaign. */
const REFERENCE_LIKE = /(queue|group|agent|owner|routeToMe|transferTo|callbacks?|cancel|campaign)[^.]*$/i;

/** Paths whose key looks like a reference but that are not one, each with the reason. */
const NOT_REFERENCES: Record<string, string> = {
  queues: 'the list of definitions', 'queues.*': 'a definition', agents: 'the list of definitions', 'agents.*': 'a definition',
  callbacks: 'the list of definitions', 'callbacks.*': 'a definition', campaigns: 'the list of definitions', 'campaigns.*': 'a definition',
  callbackRequests: 'a list of request streams', 'callbackRequests.*': 'a request stream',
  'agents.*.group': 'defines a group name', 'agents.*.queues': 'the list whose items are references',
  'inbound.*.callbackOffer': 'a settings block', 'inbound.*.scheduleCallback': 'a settings block', 'queues.*.callback': 'a settings block',
  'queues.*.callback.agentOwnedCallbacks': 'a settings block', 'queues.*.inQueueFlow': 'a settings block', 'queues.*.preferredAgentRouting': 'a settings block',
  'inbound.*.scheduleCallback.routeToMe': 'a probability', 'inbound.*.scheduleCallback.routeToMeWait': 'a duration',
  'queues.*.callback.agentOwnedCallbacks.assignToQueueOnExpiration': 'true or false', 'queues.*.callback.agentOwnedCallbacks.maxOwnership': 'a duration',
  'queues.*.callback.script.callbackEnabled': 'true or false',
  'queues.*.compliance.dropGroup': 'defines a drop group name (queues naming the same one are measured together)',
};

describe('the reference table', () => {
  const paths = schemaPaths(scenarioFileSchema);
  const table = new Map(REFERENCE_FIELDS.map((f) => [f.path.join('.'), f.target]));

  it('has every field of the schema whose key looks like a reference', () => {
    const unchecked = paths.filter((p) => REFERENCE_LIKE.test(p.replace(/\.\*$/, ''))).filter((p) => {
      if (table.has(p) || p in NOT_REFERENCES) return false;
      // An item of a list of callback ids is checked with the list.
      return !(p.endsWith('.*') && table.get(p.slice(0, -2)) === 'callbackIds');
    });
    expect(unchecked).toEqual([]);
  });

  it('names only fields the schema has (no stale entries)', () => {
    for (const path of [...table.keys(), ...Object.keys(NOT_REFERENCES), ...NAME_FIELDS.map((n) => `${n.list}.*.${n.key}`)]) expect(paths).toContain(path);
  });
});

const base = `name: t
duration: 2d
queues:
  - { id: support, ani: "+15550100100", callback: { agentOwnedCallbacks: { enabled: true } }, preferredAgentRouting: { enabled: true } }
  - { id: billing, ani: "+15550100101" }
agents:
  - { group: tier1, count: 3, queues: [support] }
`;

describe('every reference is checked, with its place and the names allowed', () => {
  it('an in-queue flow that transfers to a queue that does not exist (run used to end in an internal error)', async () => {
    const text = base.replace('"+15550100101" }', '"+15550100101", inQueueFlow: { afterWait: 1m, transferTo: suport } }');
    const issue = issueAt(errorsOf(text), 'queues[1].inQueueFlow.transferTo');
    expect(issue).toMatchObject({ line: 5, message: 'suport is not a queue id; the queues are support or billing', suggestion: 'did you mean "support"?', value: 'suport', allowed: 'support or billing' });
    expect(issue.col).toBeGreaterThan(1);
  });

  it.each([
    ['inbound:\n  - { queue: support, arrivals: { poisson: { perHour: 10 } }, talkTime: 4m, scheduleCallback: { probability: 0.1, queue: nope } }\n', 'inbound[0].scheduleCallback.queue'],
    ['callbacks:\n  - { id: v1, at: 1d10:00, queue: nope, number: "+15551230001" }\n', 'callbacks[0].queue'],
    ['campaigns:\n  - { id: c1, queue: nope, contacts: 10, dialRate: { perHour: 5 }, callLater: { probability: 0.1 } }\n', 'campaigns[0].queue'],
    ['callbacks:\n  - { id: v1, at: 1d10:00, queue: support, number: "+15551230001" }\noperations:\n  - { at: 1d09:00, reassign: { callbacks: v1, queue: nope } }\n', 'operations[0].reassign.queue'],
    ['operations:\n  - { at: 1d09:00, cancel: { queue: nope } }\n', 'operations[0].cancel.queue'],
  ])('a queue that does not exist: %#', (extra, path) => {
    const issue = issueAt(errorsOf(base + extra), path);
    expect(issue.message).toBe('nope is not a queue id; the queues are support or billing');
    expect(issue.line).toBeGreaterThan(7);
  });

  it('agents named by group#n: the group exists, has that many agents, and serves the callback\'s queue', () => {
    const text = (owner: string, queue = 'support') => `${base}callbacks:\n  - { id: v1, at: 1d10:00, queue: ${queue}, number: "+15551230001", owner: "${owner}" }\n`;
    expect(issueAt(errorsOf(text('tier2#1')), 'callbacks[0].owner').message).toBe('"tier2#1" names group "tier2", which does not exist; the groups are tier1');
    expect(issueAt(errorsOf(text('tier1#4')), 'callbacks[0].owner').message).toBe('"tier1#4" is agent 4 of group "tier1", which has 3; allowed tier1#1 to tier1#3');
    const billing = errorsOf(text('tier1#1', 'billing')).find((i) => i.path === 'callbacks[0].owner' && /serve/.test(i.message));
    expect(billing?.message).toBe('"tier1#1" is in group "tier1", which does not serve queue "billing"');
  });

  it('campaign ids and listed callback ids are unique', () => {
    const camp = '  - { id: c1, queue: support, contacts: 10, dialRate: { perHour: 5 }, callLater: { probability: 0.1 } }\n';
    expect(issueAt(errorsOf(`${base}campaigns:\n${camp}${camp}`), 'campaigns[1].id').message).toBe('c1 is already the campaign id of campaigns[0]; each campaign id must be unique');
  });

  it('validate refuses what run would end in an internal error with (exit 2, file:line:col)', async () => {
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const file = join(mkdtempSync(join(tmpdir(), 'cbsim-ref-')), 'flow.yaml');
    writeFileSync(file, base.replace('"+15550100101" }', '"+15550100101", inQueueFlow: { afterWait: 1m, transferTo: ghost } }'));
    for (const command of ['validate', 'run']) {
      const run = await cli(command, file);
      expect(run.status).toBe(2);
      expect(run.stderr).toContain(`${file}:5:`);
      expect(run.stderr).not.toContain('internal error');
    }
  });
});
