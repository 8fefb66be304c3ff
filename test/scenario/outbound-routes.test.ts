import { describe, expect, it } from 'vitest';
import { formatIssue, parseScenario } from '../../src/scenario/index.js';
import { errorsOf, issueAt, withCallback } from './helpers.js';

/** A valid scenario whose queue is on `route` (its callback block: mode and outboundRoute), with `routes` appended at the top level. */
const onRoute = (route: string, routes = '') => withCallback(`      mode: CustomerFirst\n      outboundRoute: ${route}`) + routes;
const EDGES = 'outboundRoutes:\n  - { id: east-edge, lines: 23 }\n  - { id: west-edge, lines: 4 }\n';

describe('outbound routes in the scenario', () => {
  it('are read with their lines, and a queue names one of them', () => {
    const { scenario, warnings } = parseScenario(onRoute('east-edge', EDGES), 'r.yaml');
    expect(scenario.outboundRoutes).toEqual([{ id: 'east-edge', lines: 23 }, { id: 'west-edge', lines: 4 }]);
    expect(scenario.queues[0].callback.outboundRoute).toBe('east-edge');
    expect(warnings).toEqual([]);
  });

  it('default to none', () => {
    expect(parseScenario(withCallback('      mode: AgentFirst'), 'r.yaml').scenario.outboundRoutes).toEqual([]);
  });

  it('a queue naming a route that is not declared, when routes are declared, is an error naming the field, the value and the routes, with a did-you-mean', () => {
    const issue = issueAt(errorsOf(onRoute('east-egde', EDGES), 'r.yaml'), 'queues[0].callback.outboundRoute');
    expect(issue).toMatchObject({
      file: 'r.yaml',
      line: 8,
      message: 'east-egde is not a declared outbound route; the routes under outboundRoutes are east-edge or west-edge',
      suggestion: 'did you mean "east-edge"?',
      allowed: 'east-edge or west-edge',
    });
  });

  it('a route named when none is declared stays valid, with unlimited lines, and a warning says so', () => {
    const { scenario, warnings } = parseScenario(onRoute('east-edge'), 'w.yaml');
    expect(scenario.outboundRoutes).toEqual([]);
    expect(warnings.map(formatIssue)).toEqual([
      'w.yaml:8:22: warning: queues[0].callback.outboundRoute: east-edge is not declared under outboundRoutes, so its lines are unlimited: calls never wait for a line (declare it to limit its lines: outboundRoutes: [{ id: east-edge, lines: <n> }])',
    ]);
  });

  it('route ids are unique', () => {
    const twice = 'outboundRoutes:\n  - { id: east-edge, lines: 23 }\n  - { id: east-edge, lines: 4 }\n';
    expect(issueAt(errorsOf(onRoute('east-edge', twice)), 'outboundRoutes[1].id').message).toBe('east-edge is already the route id of outboundRoutes[0]; each route id must be unique');
  });

  it.each([
    ['0', '0 is out of range; allowed 1 to 1000000'],
    ['2.5', '2.5 is not a whole number; allowed 1 to 1000000'],
    ['"ten"', '"ten" is not a whole number; allowed 1 to 1000000'],
  ])('lines must be a positive whole number: %s', (lines, message) => {
    const text = onRoute('east-edge', `outboundRoutes:\n  - { id: east-edge, lines: ${lines} }\n`);
    expect(issueAt(errorsOf(text), 'outboundRoutes[0].lines').message).toBe(message);
  });

  it('a route needs its lines', () => {
    const issue = issueAt(errorsOf(onRoute('east-edge', 'outboundRoutes:\n  - { id: east-edge }\n')), 'outboundRoutes[0].lines');
    expect(issue.message).toBe('required but missing; expected a whole number, 1 to 1000000');
  });
});
