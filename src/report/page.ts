/** The HTML page around the report: head with inline CSS, header, sections and figures. Every argument named `text` is escaped here; `html` arguments are markup already. */
import { escapeHtml } from './escape.js';

const CSS = `
:root { color-scheme: light; }
body { font: 14px/1.45 Helvetica, Arial, sans-serif; color: #222; background: #fafafa; margin: 0; }
main { max-width: 1180px; margin: 0 auto; padding: 24px 28px 48px; background: #fff; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 32px 0 8px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
h3 { font-size: 14px; margin: 0 0 4px; }
p.sub { color: #555; margin: 0 0 6px; }
p.note { color: #666; font-size: 12.5px; margin: 6px 0; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 8px 0; }
dl.facts dt { color: #666; }
dl.facts dd { margin: 0; }
table { border-collapse: collapse; margin: 8px 0; font-variant-numeric: tabular-nums; }
th, td { padding: 3px 8px; border-bottom: 1px solid #eee; text-align: right; white-space: nowrap; }
th { font-weight: 600; border-bottom: 1px solid #bbb; vertical-align: bottom; white-space: normal; max-width: 7.5em; }
th:first-child, td:first-child, td.key, th.key { text-align: left; }
tr.section td { font-weight: 600; color: #246; padding-top: 10px; text-align: left; }
td .hw { color: #888; font-size: 12px; }
td.bad .v { color: #b00; }
td.good .v { color: #080; }
code { font-size: 12.5px; background: #f2f2f2; padding: 0 3px; border-radius: 3px; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(560px, 1fr)); gap: 20px 24px; }
figure { margin: 8px 0; }
figure svg { display: block; max-width: 100%; height: auto; }
figcaption { color: #555; font-size: 12.5px; margin-top: 4px; max-width: 620px; }
.scroll { overflow-x: auto; }
`.trim();

/** A section of the page: a heading and its content. */
export interface PageSection {
  /** Heading text (escaped). */
  title: string;
  /** The section's markup. */
  html: string;
}

/** The header of the page. */
export interface PageHeader {
  /** Main heading text (escaped), e.g. the scenario name. */
  title: string;
  /** Lines under the heading (escaped). */
  lines: string[];
}

/** Assembles the complete self-contained HTML document. */
export function page(header: PageHeader, sections: readonly PageSection[]): string {
  const body = [
    `<h1>${escapeHtml(header.title)}</h1>`,
    ...header.lines.map((line) => `<p class="sub">${escapeHtml(line)}</p>`),
    ...sections.map((s) => `<section>\n<h2>${escapeHtml(s.title)}</h2>\n${s.html}\n</section>`),
  ].join('\n');
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(`${header.title} — cbsim report`)}</title>`,
    `<style>\n${CSS}\n</style>`,
    '</head>',
    '<body>',
    '<main>',
    body,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** A list of facts: term (escaped) and description (markup). */
export function facts(items: ReadonlyArray<[string, string]>): string {
  return `<dl class="facts">\n${items.map(([term, html]) => `<dt>${escapeHtml(term)}</dt><dd>${html}</dd>`).join('\n')}\n</dl>`;
}

/** A chart: its SVG markup with a heading and a caption (both escaped). */
export function figure(svg: string, title: string, caption: string, id: string): string {
  return `<figure id="${escapeHtml(id)}" class="chart">\n<h3>${escapeHtml(title)}</h3>\n${svg}\n<figcaption>${escapeHtml(caption)}</figcaption>\n</figure>`;
}

/** A grid of figures. */
export function charts(figures: readonly string[]): string {
  return `<div class="charts">\n${figures.join('\n')}\n</div>`;
}

/** A note paragraph (escaped). */
export function note(text: string): string {
  return `<p class="note">${escapeHtml(text)}</p>`;
}
