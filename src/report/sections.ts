// The report's tables as data — a title, a header, aligned rows of formatted cells and notes — so the
// terminal table, Markdown and HTML show the same figures under the same labels.

import type { Report } from '../analyse.js';
import type { NumberFormat } from './format.js';
import type { Align } from './grid.js';
import type { Labels } from './labels.js';

export type SectionId = 'shares' | 'reach' | 'summary' | 'ci' | 'deciles' | 'services' | 'groups' | 'files' | 'expectations';

/** A line under a table; `tone` lets the terminal dim an example or highlight a warning. */
export interface Note {
  text: string;
  tone: 'plain' | 'dim' | 'warn';
  /** An item of a list that the note before it introduces (a rejected row's example). */
  item?: boolean;
}

export interface Section {
  id: SectionId;
  title: string;
  /** The header row; null for a list of figures (label, value) that reads without one. */
  columns: string[] | null;
  align: Align[];
  rows: string[][];
  notes: Note[];
}

/** Every section that has something to show, in reading order. */
export function sections(report: Report, f: NumberFormat, t: Labels): Section[] {
  const all = [shares(report, f, t), reach(report, f, t), summary(report, f, t)];
  if (report.ci) all.push(confidence(report, f, t));
  all.push(deciles(report, f, t));
  if (report.services.length > 0) all.push(services(report, f, t));
  if (report.groups.length > 0) all.push(groups(report, f, t));
  all.push(files(report, f, t));
  if (report.expectations) all.push(expectations(report, f, t));
  return all;
}

/** The headline sentence: the focus group and the largest shown cut below it. */
export function headline(report: Report, f: NumberFormat, t: Labels): string {
  const focus = report.focus;
  if (focus.share === null) return t.headlineSuppressed(f.cut(focus.top), report.suppression.minCell);
  const below = report.shares.filter((s) => s.top < focus.top && s.share !== null);
  const next = below.reduce<(typeof below)[number] | undefined>((best, s) => (best && best.top > s.top ? best : s), undefined);
  return t.headline(f.cut(focus.top), f.percent(focus.share), next && { cut: f.cut(next.top), share: f.percent(next.share) });
}

/** "20,008 residents, 5 files, total 81,571,935 €" */
export function overview(report: Report, f: NumberFormat, t: Labels): string {
  const { persons, weight } = report.population;
  const column = report.definitions.weight;
  return t.overview(f.count(persons), persons, report.input.files.length, f.money(report.total)) + (column !== undefined ? t.weightedBy(column, f.money(weight)) : '');
}

const right = (n: number): Align[] => Array.from({ length: n }, () => 'right');

function shares(report: Report, f: NumberFormat, t: Labels): Section {
  return {
    id: 'shares',
    title: t.topShares,
    columns: [t.top, t.shareOfCosts, t.persons, t.threshold, t.mean],
    align: right(5),
    rows: report.shares.map((s) => [f.cut(s.top), f.percent(s.share), f.count(round1(s.persons)), f.money(s.threshold), f.money(s.mean)]),
    notes: report.bottom.map((b) => ({ text: t.bottom(f.cut(b.bottom), f.percent(b.share)), tone: 'plain' })),
  };
}

function reach(report: Report, f: NumberFormat, t: Labels): Section {
  return {
    id: 'reach',
    title: t.reach,
    columns: [t.shareOfCosts, t.borneByTop],
    align: right(2),
    rows: report.reach.map((r) => [f.percent(r.share, 0), f.percent(r.top)]),
    notes: [],
  };
}

function summary(report: Report, f: NumberFormat, t: Labels): Section {
  const pop = report.population;
  return {
    id: 'summary',
    title: t.distribution,
    columns: null,
    align: ['left', 'left'],
    rows: [
      [t.gini, f.decimal(report.gini) + (report.giniCorrected !== null ? `  ${t.corrected(f.decimal(report.giniCorrected))}` : '')],
      [t.meanPerResident, `${f.money(report.mean)} €`],
      [t.medianPerResident, `${f.money(report.median)} €`],
      [t.residentsWithNoCosts, `${f.count(pop.zeroCost)} (${f.percent(pop.zeroShare)})`],
    ],
    notes: [],
  };
}

/** With --ci: each top share, reach and the Gini beside its bootstrap interval. */
function confidence(report: Report, f: NumberFormat, t: Labels): Section {
  const ci = report.ci!;
  const range = (interval: [number, number] | null | undefined, show: (x: number) => string): string =>
    interval ? t.range(show(interval[0]), show(interval[1])) : f.percent(null);
  const percent = (x: number) => f.percent(x);
  return {
    id: 'ci',
    title: t.ciTitle(f.cut(ci.level), f.count(ci.replicates), ci.seed),
    columns: [t.figure, t.value, t.interval(f.cut(ci.level))],
    align: ['left', 'right', 'right'],
    rows: [
      ...report.shares.map((s) => [`${t.top} ${f.cut(s.top)}`, f.percent(s.share), range(s.ci, percent)]),
      ...report.reach.map((r) => [t.reachOf(f.percent(r.share, 0)), f.percent(r.top), range(r.ci, percent)]),
      [t.gini, f.decimal(report.gini), range(report.giniCi, (x) => f.decimal(x))],
    ],
    notes: [{ text: t.ciNote, tone: 'dim' }],
  };
}

/** With --expect: each expectation, whether it holds, and the figure's value. */
function expectations(report: Report, f: NumberFormat, t: Labels): Section {
  const results = report.expectations!;
  const shown = (figure: string, value: number | null): string => {
    if (figure === 'persons') return f.count(value);
    if (figure === 'total') return `${f.money(value, 2)} €`;
    return figure === 'gini' ? f.decimal(value) : f.percent(value, 2);
  };
  return {
    id: 'expectations',
    title: t.expectations(results.filter((r) => r.pass).length, results.length),
    columns: null,
    align: ['left', 'left', 'left'],
    rows: results.map((r) => [r.pass ? t.met : t.failed, r.expr, `${r.figure} = ${shown(r.figure, r.value)}`]),
    notes: [],
  };
}

function deciles(report: Report, f: NumberFormat, t: Labels): Section {
  return {
    id: 'deciles',
    title: t.deciles,
    columns: [t.decile, t.shareOfCosts, t.persons, t.mean, t.min, t.max],
    align: right(6),
    rows: report.deciles.map((d) => [String(d.decile), f.percent(d.share), f.count(round1(d.persons)), f.money(d.mean), f.money(d.min), f.money(d.max)]),
    notes: [],
  };
}

function services(report: Report, f: NumberFormat, t: Labels): Section {
  const focus = f.cut(report.focus.top);
  return {
    id: 'services',
    title: t.services(focus),
    columns: [t.service, t.total, t.share, t.inTop(focus), t.ofTop(focus)],
    align: ['left', ...right(4)],
    rows: report.services.map((s) => [
      printable(s.service),
      f.money(defined(s.total, s.suppressed)),
      f.percent(defined(s.share, s.suppressed)),
      f.percent(defined(s.topShare, s.suppressed)),
      f.percent(defined(s.ofTop, s.suppressed)),
    ]),
    notes: [{ text: t.servicesNote(focus), tone: 'dim' }],
  };
}

/** The groups side by side — a column per group, a row per figure — the persons without a value as "(none)". */
function groups(report: Report, f: NumberFormat, t: Labels): Section {
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
  return {
    id: 'groups',
    title: t.groupsBy(report.definitions.group ?? '', focus),
    columns: ['', ...groups.map((g) => (g.group === null ? t.noGroup : printable(g.group)))],
    align: ['left', ...groups.map(() => 'right' as const)],
    rows: [
      row(t.persons, (g) => f.count(g.persons)),
      ...(weighted ? [row(t.weightedPersons, (g) => f.money(g.weight))] : []),
      row(t.shareOfPopulation(weighted), (g) => f.percent(g.ofPopulation)),
      row(t.shareOfTop(focus), (g) => f.percent(shown(g, 'ofTop'))),
      row(t.total, (g) => f.money(g.total)),
      row(t.mean, (g) => f.money(shown(g, 'mean'))),
      row(t.noCosts, (g) => f.percent(shown(g, 'zeroShare'))),
      ...report.shares.map((s, k) => row(t.topOfGroup(f.cut(s.top)), (g) => f.percent(share(g, k)))),
      row(t.gini, (g) => f.decimal(shown(g, 'gini'))),
    ],
    notes: [],
  };
}

function files(report: Report, f: NumberFormat, t: Labels): Section {
  const { input, population: pop } = report;
  const notes: Note[] = [];
  if (input.rejectedRows > 0) {
    const reasons = Object.entries(input.rejections).map(([r, n]) => `${r} ${f.count(n)}`).join(', ');
    notes.push({ text: t.skipped(f.count(input.rejectedRows), input.rejectedRows, reasons), tone: 'plain' });
    for (const e of input.examples.slice(0, 5)) notes.push({ text: `${e.file}:${e.line}: ${e.reason}: ${e.detail}`, tone: 'dim', item: true });
  }
  if (pop.rosterDuplicates !== undefined && pop.rosterDuplicates > 0) {
    notes.push({ text: t.rosterDuplicates(f.count(pop.rosterDuplicates), pop.rosterDuplicates), tone: 'plain' });
  }
  if (pop.notInRoster !== undefined && pop.notInRoster > 0) notes.push({ text: t.notInRoster(f.count(pop.notInRoster), pop.notInRoster), tone: 'plain' });
  if (pop.negative > 0) {
    notes.push({
      text: pop.clippedNegative > 0 ? t.clipped(f.count(pop.clippedNegative), pop.clippedNegative) : t.kept(f.count(pop.negative), pop.negative),
      tone: 'plain',
    });
  }
  const { weight, group } = report.definitions;
  if (pop.outOfScope !== undefined && pop.outOfScope > 0) notes.push({ text: t.outOfScope(f.count(pop.outOfScope), weight ?? ''), tone: 'plain' });
  if (pop.weightConflicts !== undefined && pop.weightConflicts > 0) notes.push({ text: t.weightConflicts(f.count(pop.weightConflicts)), tone: 'plain' });
  if (pop.groupConflicts !== undefined && pop.groupConflicts > 0) notes.push({ text: t.groupConflicts(f.count(pop.groupConflicts), group ?? ''), tone: 'plain' });
  if (report.suppression.applied) notes.push({ text: t.suppressed(report.suppression.minCell), tone: 'warn' });
  return {
    id: 'files',
    title: t.dataQuality,
    columns: [t.file, t.rows, t.rejected, t.encoding, t.delimiter, t.decimal],
    align: ['left', 'right', 'right', 'left', 'left', 'left'],
    rows: input.files.map((file) => [
      file.path,
      f.count(file.rows),
      f.count(file.rejected),
      file.encoding + (file.bom ? ' (BOM)' : ''),
      file.delimiter === '\t' ? t.tab : file.delimiter,
      file.decimal,
    ]),
    notes,
  };
}

/** A null that is not suppressed is a figure that is not defined: shown as –. */
function defined(x: number | null, suppressed: boolean): number | null {
  return x === null && !suppressed ? NaN : x;
}

/** Control characters (a newline in a service name) would break the table's rows. */
function printable(text: string): string {
  return text.replace(/\p{Cc}/gu, ' ');
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
