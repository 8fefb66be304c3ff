import chalk from 'chalk';
import type { OverallResult, ScorecardPoint, ScorecardWindow, SituationResult } from '../runner/scorecard.js';
import type { Interval } from '../model/statistics.js';
import { num, pct, renderTable, seconds, type Row } from './table.js';

/** How the window a scorecard judges by reads in its headings. */
export const WINDOW_WORDS: Record<ScorecardWindow, string> = { '30d': 'worst 30-day window', '24h': 'worst 24 h', run: 'whole run' };

const withHalfWidth = (v: Interval, text: (x: number) => string) => (v.n === 0 ? chalk.dim('—') : `${text(v.mean)}${v.halfWidth === null ? '' : chalk.dim(` ±${text(v.halfWidth)}`)}`);

function settingCells(option: string | null, best: ScorecardPoint): string[] {
  return [
    best.value === null ? 'defaults' : `${option}=${best.value}`,
    withHalfWidth(best.occupancy, (x) => pct(x)),
    `${withHalfWidth(best.complianceAbandonRate, (x) => pct(x, 2))} ${chalk.dim(`(≤ ${pct(best.complianceUpper, 2)})`)}`,
    num(best.completed.mean),
    seconds(Number.isNaN(best.timeToConnect.mean) ? null : best.timeToConnect.mean),
  ];
}

/** The league table of each situation and the overall standing, as the terminal shows them. */
export function scorecardTables(situations: readonly SituationResult[], overall: readonly OverallResult[], context: { window: ScorecardWindow; replications: number }): string {
  const header = ['policy', 'best setting', 'occupancy', 'compliance abandon (95% upper)', 'completed', 'time to connect'];
  const blocks = situations.map((s) => {
    const tied = (rank: number) => s.results.filter((o) => o.rank === rank).length > 1;
    const rows: Row[] = s.results.map((r) => ({
      cells: [`${tied(r.rank) ? '=' : ''}${r.rank}. ${r.policy}`, ...(r.best !== null ? settingCells(r.option, r.best) : [chalk.red('over the ceiling'), '', '', '', ''])],
    }));
    const over = s.results
      .filter((r) => r.best === null)
      .map((r) => chalk.red(`${r.policy} cannot stay under ${pct(s.ceiling, 1)} at any setting tried: its lowest 95% upper bound is ${pct(Math.min(...r.points.map((p) => p.complianceUpper)), 2)}`));
    const title = `${chalk.bold(s.situation)}  ${chalk.dim(`${s.scenario} · ${s.file} · ceiling ${pct(s.ceiling, 1)}, ${WINDOW_WORDS[context.window]} · ${context.replications} replications`)}`;
    const ties = s.results.some((r) => tied(r.rank)) ? [chalk.dim('=: tied, the best occupancies differ by less than their 95% intervals together')] : [];
    return [title, renderTable(header, rows), ...ties, ...over].join('\n');
  });
  const overallRows: Row[] = overall.map((o) => ({
    cells: [`${o.rank}. ${o.policy}`, String(o.wins), o.meanRank.toFixed(2), `${o.underCeiling} of ${situations.length}`, pct(o.meanBestOccupancy)],
  }));
  const overallTable = `${chalk.bold('overall')}  ${chalk.dim(`${situations.length} situation${situations.length === 1 ? "" : "s"}`)}\n${renderTable(['policy', 'wins', 'mean rank', 'under the ceiling', 'mean best occupancy'], overallRows)}`;
  return [...blocks, overallTable].join('\n\n');
}
