// The compare report for people: both periods side by side, persistence of the top groups, and the
// decile transition table.

import { Chalk } from 'chalk';
import type { CompareReport } from '../compare.js';
import type { NumberFormat } from './format.js';
import { grid } from './grid.js';
import type { TableStyle } from './table.js';

export function renderCompareTable(report: CompareReport, { colour, format: f }: TableStyle): string {
  const chalk = new Chalk({ level: colour ? 1 : 0 });
  const out: string[] = [];
  const heading = (text: string) => out.push('', chalk.bold(text));
  const { population: pop, from, to } = report;

  out.push(
    chalk.bold('costcurve compare') +
      ` — ${f.count(pop.persons)} residents: ${f.count(pop.inBoth)} with costs in both periods, ` +
      `${f.count(pop.onlyFrom)} only in the first, ${f.count(pop.onlyTo)} only in the second, ${f.count(pop.neither)} in neither`,
  );
  const focus = report.persistence.find((row) => row.top === from.focus.top) ?? report.persistence[report.persistence.length - 1];
  if (focus) out.push('', chalk.bold(persistenceSentence(focus, f)));

  heading('Both periods');
  const both = <T>(pick: (period: CompareReport['from']) => T, show: (value: T) => string) => [show(pick(from)), show(pick(to))];
  out.push(
    ...grid(
      [
        ['', 'first period', 'second period'],
        ['files, rows', ...both((p) => p.input, (input) => `${f.count(input.files.length)}, ${f.count(input.rows)}`)],
        ['total €', ...both((p) => p.total, (x) => f.money(x))],
        ['mean per resident €', ...both((p) => p.mean, (x) => f.money(x))],
        ['median per resident €', ...both((p) => p.median, (x) => f.money(x))],
        ['residents with no costs', ...both((p) => p.population.zeroShare, (x) => f.percent(x))],
        ['Gini', ...both((p) => p.gini, (x) => f.decimal(x))],
        ...from.shares.map((s, k) => [`top ${f.cut(s.top)}`, f.percent(s.share), f.percent(to.shares[k].share)]),
        ...from.reach.map((r, k) => [`${f.percent(r.share, 0)} of costs borne by the top`, f.percent(r.top), f.percent(to.reach[k].top)]),
      ],
      ['left', 'right', 'right'],
    ),
  );

  heading('Persistence: who stays in the top group');
  out.push(
    ...grid(
      [
        ['top', 'persons', 'stayed', 'persons', 'no costs in the second period'],
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
  out.push(chalk.dim("  stayed: the share of the first period's top group that is in the second period's top group of the same size"));

  heading('Decile transitions (% of each first-period decile in each second-period decile; 1 = costliest)');
  out.push(
    ...grid(
      [
        ['from \\ to', ...Array.from({ length: 10 }, (_, e) => String(e + 1))],
        ...report.transitions.map((row) => [String(row.decile), ...row.to.map((x) => (x === null ? f.percent(null) : f.decimal(x * 100, 1)))]),
      ],
      ['right', ...new Array<'right'>(10).fill('right')],
    ),
  );

  heading('Data quality');
  out.push(
    ...grid(
      [
        ['period', 'file', 'rows', 'rejected'],
        ...(['first', 'second'] as const).flatMap((name) =>
          (name === 'first' ? from : to).input.files.map((file) => [name, file.path, f.count(file.rows), f.count(file.rejected)]),
        ),
      ],
      ['left', 'left', 'right', 'right'],
    ),
  );
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

/** "Of the top 10 % of the first period, 41.0 % were in the top 10 % of the second; 3.2 % had no costs." */
export function persistenceSentence(row: CompareReport['persistence'][number], f: NumberFormat): string {
  const cut = f.cut(row.top);
  const noCost = row.noCostShare === null ? '' : `; ${f.percent(row.noCostShare)} had no costs in the second`;
  return `Of the top ${cut} of the first period, ${f.percent(row.stayed)} were in the top ${cut} of the second${noCost}.`;
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
