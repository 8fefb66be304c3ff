import { Command } from 'commander';
import { scenarioJsonSchema } from '../scenario/index.js';
import type { Output } from './run-command.js';
import { COMMAND_DESCRIPTIONS } from './command-list.js';

/** `cbsim schema`: the JSON Schema of scenario files, for editors and other tools. */
export function schemaCommand(out: Output): Command {
  return new Command('schema')
    .description(COMMAND_DESCRIPTIONS.schema)
    .addHelpText(
      'after',
      '\nExample:\n  $ cbsim schema > cbsim.schema.json\n  then, first line of a scenario file (YAML language server):\n  # yaml-language-server: $schema=./cbsim.schema.json',
    )
    .action(() => out.print(JSON.stringify(scenarioJsonSchema(), null, 2)));
}
