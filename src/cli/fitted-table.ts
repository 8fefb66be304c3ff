import chalk from 'chalk';
import { visibleWidth, type Cell } from './table.js';

/** The terminal width tables are fitted to: the narrowest common terminal a planner pastes from. */
export const TABLE_WIDTH = 120;

/** Splits a header into lines of at most `width` characters at spaces (a word longer than `width` gets a line of its own). */
export function wrapHeader(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last].length + 1 + word.length <= width) lines[last] += ` ${word}`;
    else lines.push(word);
  }
  return lines.length > 0 ? lines : [''];
}

const pad = (text: string, width: number, left: boolean) => {
  const fill = ' '.repeat(Math.max(0, width - visibleWidth(text)));
  return left ? text + fill : fill + text;
};

/**
 * Renders a table no wider than `width` characters: each column is as wide as
 * its widest value (or longest header word), headers wrap onto several lines
 * at spaces (bottom-aligned, over a rule), the first column is left-aligned
 * and the others right-aligned. When the columns still do not fit, they are
 * split into several blocks, one under the other, each repeating the first
 * column; a single column wider than `width` is a block of its own.
 */
export function renderFittedTable(header: readonly string[], rows: readonly (readonly Cell[])[], width = TABLE_WIDTH): string {
  const widths = header.map((h, i) => {
    const longestWord = Math.max(0, ...h.split(/\s+/).map((w) => w.length));
    return Math.max(longestWord, ...rows.map((r) => visibleWidth(r[i] ?? '')));
  });
  const blocks: number[][] = [];
  let current: number[] = [];
  let used = widths[0];
  for (let i = 1; i < header.length; i++) {
    if (current.length > 0 && used + 2 + widths[i] > width) {
      blocks.push(current);
      current = [];
      used = widths[0];
    }
    current.push(i);
    used += 2 + widths[i];
  }
  if (current.length > 0 || blocks.length === 0) blocks.push(current);
  return blocks.map((columns) => block([0, ...columns], header, rows, widths)).join('\n\n');
}

/** One block of a fitted table: the given columns, headers wrapped to their widths. */
function block(columns: readonly number[], header: readonly string[], rows: readonly (readonly Cell[])[], widths: readonly number[]): string {
  const wrapped = columns.map((c) => wrapHeader(header[c], widths[c]));
  const height = Math.max(...wrapped.map((lines) => lines.length));
  const line = (cells: readonly string[]) => cells.map((text, k) => pad(text, widths[columns[k]], k === 0)).join('  ').trimEnd();
  const out: string[] = [];
  for (let h = 0; h < height; h++) out.push(chalk.bold(line(wrapped.map((lines) => lines[h - (height - lines.length)] ?? ''))));
  out.push(chalk.dim(columns.map((c) => '─'.repeat(widths[c])).join('  ')));
  for (const row of rows) out.push(line(columns.map((c) => row[c] ?? '')));
  return out.join('\n');
}
