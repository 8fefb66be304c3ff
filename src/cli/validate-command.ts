import chalk from 'chalk';
import { Command } from 'commander';
import { formatDuration } from '../model/duration.js';
import { printable } from '../model/printable.js';
import type { ScenarioIssue } from '../scenario/index.js';
import { CliError } from './errors.js';
import { describeIssues, loadPolicies, loadScenario, ScenarioRefused, type LoadedScenario } from './load-scenario.js';
import { scenarioLimits } from './options.js';
import type { Output } from './run-command.js';
import { COMMAND_DESCRIPTIONS } from './command-list.js';

/** An issue as `validate --json` prints it: every field present, null where it does not apply. */
function issueJson(issue: ScenarioIssue) {
  return {
    severity: issue.severity,
    file: issue.file,
    line: issue.line ?? null,
    col: issue.col ?? null,
    path: issue.path,
    value: issue.value ?? null,
    message: issue.message,
    allowed: issue.allowed ?? null,
    suggestion: issue.suggestion ?? null,
  };
}

/** `cbsim validate FILE`: check a scenario without running it. */
export function validateCommand(out: Output): Command {
  return new Command('validate')
    .description(COMMAND_DESCRIPTIONS.validate)
    .argument('<file>', 'scenario file (YAML or JSON), or - for stdin')
    .option('--json', 'print the result as JSON on stdout: the errors and warnings (file, line, col, path, value, message, allowed), and the resolved scenario when valid')
    .addHelpText('after', '\nExamples:\n  $ cbsim validate scenarios/support-agent-first.yaml\n  $ cbsim validate - --json < my-queue.yaml')
    .action(async (file: string, options: { json?: boolean }) => {
      let loaded: LoadedScenario;
      try {
        loaded = loadScenario(file, {}, scenarioLimits(options, true));
        await loadPolicies(loaded.scenario);
      } catch (error) {
        if (!options.json || !(error instanceof CliError)) throw error;
        const issues: ScenarioIssue[] = error instanceof ScenarioRefused ? error.issues : [{ severity: 'error', file: file === '-' ? '<stdin>' : file, path: '', message: error.message }];
        const errors = issues.filter((i) => i.severity === 'error');
        out.print(JSON.stringify({ valid: false, errors: errors.map(issueJson), warnings: issues.filter((i) => i.severity === 'warning').map(issueJson) }, null, 2));
        throw new CliError('', error.exitCode);
      }
      const { scenario, warnings, work } = loaded;
      if (options.json) {
        out.print(JSON.stringify({ valid: true, errors: [], warnings: warnings.map(issueJson), work, scenario }, null, 2));
        return;
      }
      if (warnings.length > 0) out.error(describeIssues(warnings));
      const agents = scenario.agents.reduce((n, g) => n + g.count, 0);
      out.print(
        `${chalk.green('✓')} ${printable(loaded.file)}: ${chalk.bold(printable(scenario.name))} — ${scenario.queues.length} queue(s), ${agents} agent(s) in ${scenario.agents.length} group(s), ` +
          `${scenario.inbound.length} inbound stream(s), ${scenario.callbackRequests.length} callback request stream(s), ${formatDuration(scenario.duration)} simulated` +
          (warnings.length > 0 ? `, ${warnings.length} warning(s)` : ''),
      );
    });
}
