// The table's groups section (groups side by side, one column each) and its notes on weights and
// groups for the data-quality section.

import type { Report } from '../analyse.js';
import type { NumberFormat } from './format.js';
import { grid } from './grid.js';

/** Shown for the persons without a group value (JSON: `"group": null`). */
export const NO_GROUP = '(none)';

/** The groups section's lines (without its heading), or none without --group; `printable` cleans a label. */
export function groupLines(report: Report, f: NumberFormat, printable: (label: string) => string): string[] {
  if (report.groups.length === 0) return [];
  const { groups } = report;
  const focus = f.cut(report.focus.top);
  const weighted = report.definitions.weight !== undefined;
  type Group = Report['groups'][number];
  const row = (label: string, cell: (g: Group) => string): string[] => [label, ...groups.map(cell)];
  // A null figure is suppressed (`<5`) when its group or field is, else it is not defined (`–`).
  const shown = (g: Group, field: keyof Group): number | null => {
    const x = g[field] as number | null;
    const suppressed = g.persons === null || (g.suppressedFields ?? []).includes(field);
    return x === null && !suppressed ? NaN : x;
  };
  const share = (g: Group, k: number): number | null => {
    const s = g.shares[k];
    return s === undefined || (s.share === null && !s.suppressed) ? NaN : s.share;
  };
  const rows = [
    ['', ...groups.map((g) => (g.group === null ? NO_GROUP : printable(g.group)))],
    row('persons', (g) => f.count(g.persons)),
    ...(weighted ? [row('weighted persons', (g) => f.money(g.weight))] : []),
    row(`share of ${weighted ? 'the population' : 'residents'}`, (g) => f.percent(g.ofPopulation)),
    row(`share of the top ${focus}`, (g) => f.percent(shown(g, 'ofTop'))),
    row('total €', (g) => f.money(g.total)),
    row('mean €', (g) => f.money(shown(g, 'mean'))),
    row('no costs', (g) => f.percent(shown(g, 'zeroShare'))),
    ...report.shares.map((s, k) => row(`top ${f.cut(s.top)} of the group`, (g) => f.percent(share(g, k)))),
    row('Gini', (g) => f.decimal(shown(g, 'gini'))),
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
