// The compare report for people: both periods side by side, persistence of the top groups, and the
// decile transition table.

import { Chalk } from 'chalk';
import type { CompareReport, PeriodReport } from '../compare.js';
import { compareLabels, type CompareLabels } from './compareLabels.js';
import type { NumberFormat } from './format.js';
import { grid } from './grid.js';
import { labels } from './labels.js';
import type { TableStyle } from './table.js';

export function renderCompareTable(report: CompareReport, { colour, format: f }: TableStyle): string {
  const chalk = new Chalk({ level: colour ? 1 : 0 });
  const t = labels(f.lang);
  const c = compareLabels(f.lang);
  const out: string[] = [];
  const heading = (text: string) => out.push('', chalk.bold(text));
  const { population: pop, from, to } = report;

  out.push(
    chalk.bold('costcurve compare') +
      ` — ${c.overview(f.count(pop.persons), f.count(pop.inBoth), f.count(pop.onlyFrom), f.count(pop.onlyTo), f.count(pop.neither))}`,
  );
  const focus = report.persistence.find((row) => row.top === from.focus.top) ?? report.persistence[report.persistence.length - 1];
  if (focus) out.push('', chalk.bold(persistenceSentence(focus, f, c)));

  heading(c.bothPeriods);
  const both = <T>(pick: (period: CompareReport['from']) => T, show: (value: T) => string) => [show(pick(from)), show(pick(to))];
  const euros = (x: number | null) => `${f.money(x)} €`;
  out.push(
    ...grid(
      [
        ['', c.firstPeriod, c.secondPeriod],
        [c.filesAndRows, ...both((p) => p.input, (input) => `${f.count(input.files.length)}, ${f.count(input.rows)}`)],
        [t.total, ...both((p) => p.total, (x) => f.money(x))],
        [t.meanPerResident, ...both((p) => p.mean, euros)],
        [t.medianPerResident, ...both((p) => p.median, euros)],
        [t.residentsWithNoCosts, ...both((p) => p.population.zeroShare, (x) => f.percent(x))],
        [t.gini, ...both((p) => p.gini, (x) => f.decimal(x))],
        ...from.shares.map((s, k) => [`${t.top} ${f.cut(s.top)}`, f.percent(s.share), f.percent(to.shares[k].share)]),
        ...from.reach.map((r, k) => [t.reachOf(f.percent(r.share, 0)), f.percent(r.top), f.percent(to.reach[k].top)]),
      ],
      ['left', 'right', 'right'],
    ),
  );

  heading(c.persistenceTitle);
  out.push(
    ...grid(
      [
        [t.top, t.persons, c.stayed, t.persons, c.noCostLater],
        ...report.persistence.map((row) => [
          f.cut(row.top),
          f.count(round1(row.persons)),
          f.percent(row.stayed),
          f.count(row.stayedPersons === null ? null : round1(row.stayedPersons)),
          row.noCost === null ? f.percent(null) : `${f.count(round1(row.noCost))} (${f.percent(row.noCostShare)})`,
        ]),
      ],
      ['right', 'right', 'right', 'right', 'right'],
    ),
  );
  out.push(chalk.dim(`  ${c.persistenceNote}`));

  heading(c.transitionsTitle);
  out.push(
    ...grid(
      [
        [c.fromTo, ...Array.from({ length: 10 }, (_, e) => String(e + 1))],
        ...report.transitions.map((row) => [String(row.decile), ...row.to.map((x) => (x === null ? f.percent(null) : f.decimal(x * 100, 1)))]),
      ],
      ['right', ...new Array<'right'>(10).fill('right')],
    ),
  );

  const fileRows = (name: string, period: PeriodReport) => period.input.files.map((file) => [name, file.path, f.count(file.rows), f.count(file.rejected)]);
  heading(t.dataQuality);
  out.push(
    ...grid(
      [
        [c.period, t.file, t.rows, t.rejected],
        ...fileRows(c.first, from),
        ...fileRows(c.second, to),
      ],
      ['left', 'left', 'right', 'right'],
    ),
  );
  if (report.suppression.applied) out.push(chalk.yellow(`  ${t.suppressed(report.suppression.minCell)}`));
  return out.join('\n') + '\n';
}

/** The headline: "Of the top 10 % of the first period, 41.0 % were in the top 10 % of the second; …". */
export function persistenceSentence(row: CompareReport['persistence'][number], f: NumberFormat, c: CompareLabels): string {
  return c.persistence(f.cut(row.top), f.percent(row.stayed), row.noCostShare === null ? null : f.percent(row.noCostShare));
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
