// The report for people: headline, shares, reach, Gini, deciles, services and data quality.

import { Chalk } from 'chalk';
import type { Report } from '../analyse.js';
import { grid } from './grid.js';
import type { NumberFormat } from './format.js';

export interface TableStyle {
  /** ANSI colours (a terminal without NO_COLOR); plain text otherwise. */
  colour: boolean;
  format: NumberFormat;
}

export function renderTable(report: Report, { colour, format: f }: TableStyle): string {
  const chalk = new Chalk({ level: colour ? 1 : 0 });
  const out: string[] = [];
  const heading = (text: string) => out.push('', chalk.bold(text));
  const { population: pop, input } = report;

  out.push(
    chalk.bold('costcurve') +
      ` — ${f.count(pop.persons)} residents, ${input.files.length} ${input.files.length === 1 ? 'file' : 'files'}, ` +
      `total ${f.money(report.total)} €`,
  );
  out.push('', chalk.bold(headline(report, f)));

  heading('Top shares');
  out.push(
    ...grid(
      [
        ['top', 'share of costs', 'persons', 'threshold €', 'mean €'],
        ...report.shares.map((s) => [f.cut(s.top), f.percent(s.share), f.count(round1(s.persons)), f.money(s.threshold), f.money(s.mean)]),
      ],
      ['right', 'right', 'right', 'right', 'right'],
    ),
  );
  for (const b of report.bottom) out.push(`  The bottom ${f.cut(b.bottom)} account for ${f.percent(b.share)} of costs.`);

  heading('Reach');
  out.push(
    ...grid(
      [['share of costs', 'borne by the top'], ...report.reach.map((r) => [f.percent(r.share, 0), f.percent(r.top)])],
      ['right', 'right'],
    ),
  );

  heading('Distribution');
  out.push(
    ...grid(
      [
        ['Gini', f.decimal(report.gini) + (report.giniCorrected !== null ? `  (corrected ${f.decimal(report.giniCorrected)})` : '')],
        ['mean per resident', `${f.money(report.mean)} €`],
        ['median per resident', `${f.money(report.median)} €`],
        ['residents with no costs', `${f.count(pop.zeroCost)} (${f.percent(pop.zeroShare)})`],
      ],
      ['left', 'left'],
    ),
  );

  heading('Deciles (1 = costliest tenth)');
  out.push(
    ...grid(
      [
        ['decile', 'share of costs', 'persons', 'mean €', 'min €', 'max €'],
        ...report.deciles.map((d) => [String(d.decile), f.percent(d.share), f.count(round1(d.persons)), f.money(d.mean), f.money(d.min), f.money(d.max)]),
      ],
      ['right', 'right', 'right', 'right', 'right', 'right'],
    ),
  );

  if (report.services.length > 0) {
    const focus = f.cut(report.focus.top);
    heading(`Services (focus: the top ${focus})`);
    out.push(
      ...grid(
        [
          ['service', 'total €', 'share', `in top ${focus}`, `of top ${focus}`],
          ...report.services.map((s) => [s.service, f.money(s.total), f.percent(s.share), f.percent(s.topShare), f.percent(s.ofTop)]),
        ],
        ['left', 'right', 'right', 'right', 'right'],
      ),
    );
    out.push(chalk.dim(`  in top: the share of the service's cost that falls in the top ${focus}; of top: the service's share of the top ${focus}'s cost`));
  }

  heading('Data quality');
  out.push(
    ...grid(
      [
        ['file', 'rows', 'rejected', 'encoding', 'delimiter', 'decimal'],
        ...input.files.map((file) => [
          file.path,
          f.count(file.rows),
          f.count(file.rejected),
          file.encoding + (file.bom ? ' (BOM)' : ''),
          showDelimiter(file.delimiter),
          file.decimal,
        ]),
      ],
      ['left', 'right', 'right', 'left', 'left', 'left'],
    ),
  );
  if (input.rejectedRows > 0) {
    const reasons = Object.entries(input.rejections).map(([r, n]) => `${r} ${f.count(n)}`).join(', ');
    out.push(`  ${f.count(input.rejectedRows)} rows skipped (${reasons}), e.g.:`);
    for (const e of input.examples.slice(0, 5)) out.push(chalk.dim(`    ${e.file}:${e.line}: ${e.reason}: ${e.detail}`));
  }
  if (pop.notInRoster !== undefined && pop.notInRoster > 0) {
    out.push(`  ${f.count(pop.notInRoster)} residents with costs are missing from the roster; they are counted.`);
  }
  if (pop.negative > 0) {
    out.push(
      pop.clippedNegative > 0
        ? `  ${f.count(pop.clippedNegative)} residents with a negative net total were counted as zero (--negatives clip).`
        : `  ${f.count(pop.negative)} residents with a negative net total were kept as they are (--negatives keep).`,
    );
  }
  if (report.suppression.applied) {
    out.push(
      chalk.yellow(
        `  Figures that describe fewer than ${report.suppression.minCell} persons are suppressed (shown as <${report.suppression.minCell}); ` +
          '--min-cell 0 turns this off.',
      ),
    );
  }
  return out.join('\n') + '\n';
}

/** "The top 10 % of residents account for 81.2 % of costs; the top 5 % for 66.0 %." */
export function headline(report: Report, f: NumberFormat): string {
  const focus = report.focus;
  const main = `The top ${f.cut(focus.top)} of residents account for ${f.percent(focus.share)} of costs`;
  // The largest cut below the focus, when it is shown: "…; the top 5 % for 66.0 %".
  const below = report.shares.filter((s) => s.top < focus.top && s.share !== null);
  const next = below.reduce<(typeof below)[number] | undefined>((best, s) => (best && best.top > s.top ? best : s), undefined);
  return next ? `${main}; the top ${f.cut(next.top)} for ${f.percent(next.share)}.` : `${main}.`;
}

function showDelimiter(d: string): string {
  return d === '\t' ? 'tab' : d;
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
