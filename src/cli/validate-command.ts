import chalk from 'chalk';
import { Command } from 'commander';
import { formatDuration } from '../model/duration.js';
import { describeIssues, loadPolicies, loadScenario } from './load-scenario.js';
import type { Output } from './run-command.js';

/** `cbsim validate FILE`: check a scenario without running it. */
export function validateCommand(out: Output): Command {
  return new Command('validate')
    .description('check a scenario file without running it; exits 2 if it has errors')
    .argument('<file>', 'scenario file (YAML or JSON)')
    .option('--json', 'print the resolved scenario (every default filled in, durations in ms) as JSON')
    .addHelpText('after', '\nExample:\n  $ cbsim validate scenarios/support-agent-first.yaml')
    .action(async (file: string, options: { json?: boolean }) => {
      const { scenario, warnings } = loadScenario(file);
      await loadPolicies(scenario);
      if (warnings.length > 0) out.error(describeIssues(warnings));
      if (options.json) {
        out.print(JSON.stringify({ valid: true, warnings, scenario }, null, 2));
        return;
      }
      const agents = scenario.agents.reduce((n, g) => n + g.count, 0);
      out.print(
        `${chalk.green('✓')} ${file}: ${chalk.bold(scenario.name)} — ${scenario.queues.length} queue(s), ${agents} agent(s) in ${scenario.agents.length} group(s), ` +
          `${scenario.inbound.length} inbound stream(s), ${scenario.callbackRequests.length} callback request stream(s), ${formatDuration(scenario.duration)} simulated` +
          (warnings.length > 0 ? `, ${warnings.length} warning(s)` : ''),
      );
    });
}
