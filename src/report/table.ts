// The report for people: headline, shares, reach, Gini, deciles, services and data quality.

import { Chalk } from 'chalk';
import type { Report } from '../analyse.js';
import { grid } from './grid.js';
import { groupLines, weightAndGroupNotes } from './groupsTable.js';
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
      ` — ${plural(pop.persons, 'resident', f)}, ${plural(input.files.length, 'file', f)}, ` +
      `total ${f.money(report.total)} €` +
      (report.definitions.weight !== undefined ? ` (weighted by ${report.definitions.weight}: ${f.money(pop.weight)} persons)` : ''),
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
          ...report.services.map((s) => [
            printable(s.service),
            f.money(defined(s.total, s.suppressed)),
            f.percent(defined(s.share, s.suppressed)),
            f.percent(defined(s.topShare, s.suppressed)),
            f.percent(defined(s.ofTop, s.suppressed)),
          ]),
        ],
        ['left', 'right', 'right', 'right', 'right'],
      ),
    );
    out.push(chalk.dim(`  in top: the share of the service's cost that falls in the top ${focus}; of top: the service's share of the top ${focus}'s cost`));
  }

  if (report.groups.length > 0) {
    heading(`Groups by ${report.definitions.group} (focus: the top ${f.cut(report.focus.top)})`);
    out.push(...groupLines(report, f, printable));
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
    out.push(`  ${plural(input.rejectedRows, 'row', f)} skipped (${reasons}), e.g.:`);
    for (const e of input.examples.slice(0, 5)) out.push(chalk.dim(`    ${e.file}:${e.line}: ${e.reason}: ${e.detail}`));
  }
  if (pop.rosterDuplicates !== undefined && pop.rosterDuplicates > 0) {
    out.push(`  ${plural(pop.rosterDuplicates, 'id', f)} listed twice in the roster (counted once).`);
  }
  if (pop.notInRoster !== undefined && pop.notInRoster > 0) {
    out.push(`  ${plural(pop.notInRoster, 'resident', f)} with costs ${pop.notInRoster === 1 ? 'is' : 'are'} missing from the roster; counted all the same.`);
  }
  if (pop.negative > 0) {
    out.push(
      pop.clippedNegative > 0
        ? `  ${plural(pop.clippedNegative, 'resident', f)} with a negative net total counted as zero (--negatives clip).`
        : `  ${plural(pop.negative, 'resident', f)} with a negative net total kept as they are (--negatives keep).`,
    );
  }
  out.push(...weightAndGroupNotes(report, f));
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

/** "1 row", "303 rows". */
function plural(n: number, noun: string, f: NumberFormat): string {
  return `${f.count(n)} ${noun}${n === 1 ? '' : 's'}`;
}

/** A null that is not suppressed is a figure that is not defined: shown as –. */
function defined(x: number | null, suppressed: boolean): number | null {
  return x === null && !suppressed ? NaN : x;
}

/** Control characters (a newline in a service name) would break the table's rows. */
function printable(text: string): string {
  return text.replace(/\p{Cc}/gu, ' ');
}

function showDelimiter(d: string): string {
  return d === '\t' ? 'tab' : d;
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
