/** The HTML report of a run, of replications or of a sweep: self-contained, charts as inline SVG, deterministic. */
export { runReport, calendarOf, type RunReportOptions } from './run-report.js';
export { sweepReport, type SweepReportOptions } from './sweep-report.js';
export { escapeHtml } from './escape.js';
