import chalk from 'chalk';
import { Command } from 'commander';
import { agentsForServiceLevel, erlangA, erlangC } from '../model/erlang.js';
import { CliError } from './errors.js';
import { durationOption, numberOption, percentOption, rangeOption } from './options.js';
import { num, pct, renderTable, seconds, type Row } from './table.js';
import { COMMAND_DESCRIPTIONS } from './command-list.js';

interface ErlangOptions {
  callsPerHour: string;
  aht: string;
  agents?: string;
  sl: string;
  target: string;
  patience?: string;
  json?: boolean;
}

/** `cbsim erlang`: Erlang C (or Erlang A with --patience) staffing figures. */
export function erlangCommand(print: (text: string) => void): Command {
  return new Command('erlang')
    .description(COMMAND_DESCRIPTIONS.erlang)
    .requiredOption('--calls-per-hour <n>', 'arrival rate, calls per hour')
    .requiredOption('--aht <duration>', 'mean handle (talk) time, e.g. 4m')
    .option('--agents <n|a..b>', 'agents, or a range of agent counts (default: around the count that meets --target)')
    .option('--sl <duration>', 'service-level threshold', '20s')
    .option('--target <percent>', 'service-level target, for the default agent range', '80%')
    .option('--patience <duration>', 'mean caller patience (exponential): Erlang A instead of Erlang C')
    .option('--json', 'print JSON instead of a table')
    .addHelpText('after', '\nExample:\n  $ cbsim erlang --calls-per-hour 720 --aht 4m --sl 20s --agents 50..60\n  $ cbsim erlang --calls-per-hour 180 --aht 4m --patience 5m')
    .action((options: ErlangOptions) => {
      const perHour = numberOption('--calls-per-hour', options.callsPerHour, 0, 1e7);
      const aht = durationOption('--aht', options.aht, 1) / 1000;
      const threshold = durationOption('--sl', options.sl) / 1000;
      const target = percentOption('--target', options.target);
      const patience = options.patience === undefined ? undefined : durationOption('--patience', options.patience, 1) / 1000;
      const base = { arrivalRate: perHour / 3600, meanServiceTime: aht, serviceLevelThreshold: threshold };
      let range: [number, number];
      if (options.agents !== undefined) range = rangeOption('--agents', options.agents, 1, 100_000);
      else {
        let needed: number;
        try {
          needed = agentsForServiceLevel({ ...base, target });
        } catch (error) {
          throw new CliError(`erlang: ${(error as Error).message}`);
        }
        range = [Math.max(1, needed - 3), needed + 3];
      }
      if (range[1] - range[0] > 1000) throw new CliError('--agents: at most 1001 agent counts at once');
      const rows = [];
      for (let n = range[0]; n <= range[1]; n++) {
        if (patience === undefined) {
          const r = erlangC({ ...base, agents: n });
          rows.push({ agents: n, model: 'erlangC', pWait: r.pWait, asa: r.asa, serviceLevel: r.serviceLevel, occupancy: r.occupancy, pAbandon: 0 });
        } else {
          const r = erlangA({ ...base, agents: n, meanPatience: patience });
          rows.push({ agents: n, model: 'erlangA', pWait: r.pWait, asa: r.asa, serviceLevel: r.serviceLevel, occupancy: r.occupancy, pAbandon: r.pAbandon });
        }
      }
      if (options.json) {
        const finite = (x: number) => (Number.isFinite(x) ? x : null);
        print(JSON.stringify({ inputs: { callsPerHour: perHour, ahtSeconds: aht, slSeconds: threshold, patienceSeconds: patience ?? null, offeredLoad: base.arrivalRate * aht }, rows: rows.map((r) => ({ ...r, asa: finite(r.asa) })) }, null, 2));
        return;
      }
      const load = base.arrivalRate * aht;
      const title = patience === undefined ? 'Erlang C' : `Erlang A (mean patience ${seconds(patience)})`;
      print(chalk.bold(`${title}: ${num(perHour)} calls/h × ${seconds(aht)} = ${num(load, 2)} Erlangs, service level ${pct(target, 0)} in ${seconds(threshold)}`));
      const header = ['agents', 'occupancy', 'P(wait)', 'ASA', 'service level', ...(patience === undefined ? [] : ['P(abandon)'])];
      const tableRows: Row[] = rows.map((r) => ({
        cells: [
          String(r.agents),
          pct(r.occupancy),
          pct(r.pWait),
          seconds(r.asa),
          r.serviceLevel >= target ? chalk.green(pct(r.serviceLevel)) : chalk.red(pct(r.serviceLevel)),
          ...(patience === undefined ? [] : [pct(r.pAbandon, 2)]),
        ],
      }));
      print(renderTable(header, tableRows));
    });
}
