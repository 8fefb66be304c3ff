/** The HTML report of a scorecard: the overall standing, and per situation its league table and each policy's frontier. */
import type { Interval } from '../model/statistics.js';
import type { PolicyResult, ScorecardDocument, SituationResult } from '../runner/scorecard.js';
import { escapeHtml } from './escape.js';
import { seconds, share } from './format.js';
import { frontierChartSpec, type FrontierPoint } from './frontier-chart.js';
import { charts, figure, note, page, type PageSection } from './page.js';
import { renderSvg } from './svg.js';

const WINDOW_WORDS: Record<ScorecardDocument['window'], string> = { '30d': 'the worst 30-day window (the whole run when shorter)', '24h': 'the worst 24 hours', run: 'the whole run' };

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const estimate = (v: Interval, format: (x: number | null) => string) =>
  `<span class="v">${escapeHtml(format(v.n === 0 ? null : v.mean))}</span>${v.halfWidth === null ? '' : ` <span class="hw">± ${escapeHtml(format(v.halfWidth))}</span>`}`;

function leagueTable(s: SituationResult): string {
  const head = '<tr><th class="key">#</th><th class="key">policy</th><th class="key">best setting</th><th>occupancy</th><th>compliance abandon</th><th>95% upper bound</th><th>callbacks completed</th><th>time to connect</th></tr>';
  const body = s.results.map((r) => {
    const tied = s.results.filter((o) => o.rank === r.rank).length > 1;
    const lead = `<td class="key">${tied ? '=' : ''}${r.rank}</td><td class="key">${escapeHtml(r.policy)}</td>`;
    if (r.best === null) {
      const lowest = Math.min(...r.points.map((p) => p.complianceUpper));
      return `<tr>${lead}<td class="key bad" colspan="6"><span class="v">cannot stay under ${escapeHtml(share(1)(s.ceiling))}: its lowest upper bound is ${escapeHtml(share(2)(lowest))}</span></td></tr>`;
    }
    const b = r.best;
    return (
      `<tr>${lead}<td class="key">${escapeHtml(b.value === null ? 'defaults' : `${r.option}=${b.value}`)}</td><td>${estimate(b.occupancy, share(1))}</td><td>${estimate(b.complianceAbandonRate, share(2))}</td>` +
      `<td class="good"><span class="v">${escapeHtml(share(2)(b.complianceUpper))}</span></td><td>${estimate(b.completed, (x) => (x === null ? '—' : Math.round(x).toLocaleString('en-US')))}</td>` +
      `<td>${estimate(b.timeToConnect, seconds)}</td></tr>`
    );
  });
  return `<div class="scroll"><table class="league">\n<thead>${head}</thead>\n<tbody>\n${body.join('\n')}\n</tbody>\n</table></div>`;
}

function overallTable(doc: ScorecardDocument): string {
  const head = '<tr><th class="key">#</th><th class="key">policy</th><th>situations won</th><th>mean rank</th><th>under the ceiling</th><th>mean best occupancy</th></tr>';
  const body = doc.overall.map(
    (o) =>
      `<tr><td class="key">${o.rank}</td><td class="key">${escapeHtml(o.policy)}</td><td>${o.wins}</td><td>${o.meanRank.toFixed(2)}</td>` +
      `<td>${o.underCeiling} of ${doc.situations.length}</td><td>${escapeHtml(share(1)(o.meanBestOccupancy))}</td></tr>`,
  );
  return `<div class="scroll"><table class="overall">\n<thead>${head}</thead>\n<tbody>\n${body.join('\n')}\n</tbody>\n</table></div>`;
}

function frontierPoints(results: readonly PolicyResult[]): FrontierPoint[] {
  const hw = (v: Interval) => v.halfWidth ?? 0;
  return results.flatMap((r) =>
    r.points
      .filter((p) => p.occupancy.n > 0)
      .map((p, order) => ({
        policy: r.policy,
        order,
        setting: p.label,
        rate: p.complianceAbandonRate.mean,
        rateLo: Math.max(0, p.complianceAbandonRate.mean - hw(p.complianceAbandonRate)),
        rateHi: p.complianceAbandonRate.mean + hw(p.complianceAbandonRate),
        occupancy: p.occupancy.mean,
        occupancyLo: p.occupancy.mean - hw(p.occupancy),
        occupancyHi: p.occupancy.mean + hw(p.occupancy),
      })),
  );
}

/**
 * Makes the self-contained HTML report of a scorecard document: the same
 * document always gives the same bytes.
 */
export async function scorecardReport(doc: ScorecardDocument): Promise<string> {
  const header = {
    title: 'Pacing scorecard',
    lines: [
      `${plural(doc.policies.length, 'policy', 'policies')} on ${plural(doc.situations.length, 'situation', 'situations')} · ${doc.replications} replications of every setting (common random numbers) · engine ${doc.engine} · cbsim ${doc.version}`,
      `A policy's score on a situation is the best agent occupancy it reaches at a setting whose compliance abandon rate, in ${WINDOW_WORDS[doc.window]}, has its upper 95 % bound under the ceiling.`,
    ],
  };
  const sections: PageSection[] = [
    {
      title: 'Overall',
      html: `${note('Policies ranked by situations won, then mean rank. On a situation, policies whose best occupancies differ by less than their 95 % half-widths together share a rank (=); a policy that cannot stay under the ceiling ranks after those that can.')}\n${overallTable(doc)}`,
    },
  ];
  for (const [i, s] of doc.situations.entries()) {
    const points = frontierPoints(s.results);
    const chart =
      points.length === 0
        ? note('No setting finished a run, so there is no frontier to draw.')
        : charts([
            figure(
              await renderSvg(frontierChartSpec(points, { value: s.ceiling, label: `${share(1)(s.ceiling)} ceiling` }), `chart-frontier-${i}`),
              `Frontier: ${s.situation}`,
              'Each line is one policy through the settings of its knob: agent occupancy against the compliance abandon rate, with 95 % confidence intervals on both (thin bars); the dashed line is the ceiling.',
              `chart-frontier-${i}`,
            ),
          ]);
    sections.push({ title: `${s.situation}: ${s.scenario}`, html: `${note(`Scenario file ${s.file}; ceiling ${share(1)(s.ceiling)}.`)}\n${leagueTable(s)}\n${chart}` });
  }
  return page(header, sections);
}
