// The table's groups section (groups side by side, one column each) and its notes on weights and
// groups for the data-quality section.

import type { Report } from '../analyse.js';
import type { NumberFormat } from './format.js';
import { grid } from './grid.js';

/** Shown for the persons without a group value (JSON: `"group": null`). */
export const NO_GROUP = '(none)';

/** The groups section's lines (without its heading), or none without --group. */
export function groupLines(report: Report, f: NumberFormat): string[] {
  if (report.groups.length === 0) return [];
  const { groups } = report;
  const focus = f.cut(report.focus.top);
  const weighted = report.definitions.weight !== undefined;
  const row = (label: string, cell: (g: Report['groups'][number]) => string): string[] => [label, ...groups.map(cell)];
  const rows = [
    ['', ...groups.map((g) => g.group ?? NO_GROUP)],
    row('persons', (g) => f.count(g.persons)),
    ...(weighted ? [row('weighted persons', (g) => f.money(g.weight))] : []),
    row(`share of ${weighted ? 'the population' : 'residents'}`, (g) => f.percent(g.ofPopulation)),
    row(`share of the top ${focus}`, (g) => f.percent(g.ofTop)),
    row('total €', (g) => f.money(g.total)),
    row('mean €', (g) => f.money(g.mean)),
    row('no costs', (g) => f.percent(g.zeroShare)),
    ...report.shares.map((s, k) => row(`top ${f.cut(s.top)} of the group`, (g) => f.percent(g.shares[k]?.share ?? null))),
    row('Gini', (g) => f.decimal(g.gini)),
  ];
  return grid(rows, ['left', ...groups.map(() => 'right' as const)]);
}

/** The data-quality notes about weights and groups. */
export function weightAndGroupNotes(report: Report, f: NumberFormat): string[] {
  const pop = report.population;
  const notes: string[] = [];
  const { weight, group } = report.definitions;
  if (pop.outOfScope !== undefined && pop.outOfScope > 0) {
    notes.push(`  ${f.count(pop.outOfScope)} persons with weight 0 (--weight ${weight}) are out of scope and left out.`);
  }
  if (pop.weightConflicts !== undefined && pop.weightConflicts > 0) {
    notes.push(`  ${f.count(pop.weightConflicts)} persons have different weights on different rows; the first (roster, then file and line) is used.`);
  }
  if (pop.groupConflicts !== undefined && pop.groupConflicts > 0) {
    notes.push(`  ${f.count(pop.groupConflicts)} persons have different values of ${group} on different rows; the first (roster, then file and line) is used.`);
  }
  return notes;
}
