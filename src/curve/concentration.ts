// All figures for one population, with small cells suppressed: the curve stage's single entry point.

import { fsum } from 'd3-array';
import { deciles as decileBands, type Band } from './bands.js';
import { serviceBreakdown, type ServiceAmounts } from './breakdown.js';
import { gini, giniCorrected } from './gini.js';
import { median } from './median.js';
import { reach } from './reach.js';
import { tieBlocks, type TieBlocks } from './tieBlocks.js';
import { inclusionFractions, threshold, topCost, topCount, topShare } from './topShare.js';

/** Persons ready for the curve: totals after the negatives policy, in integer money units. */
export interface Population {
  totals: Float64Array;
  /** Survey weights (> 0), or null for weight 1 each. */
  weights: Float64Array | null;
  services: ServiceAmounts;
}

export interface ConcentrationOptions {
  /** Top cuts as fractions (0.01 for 1 %). */
  top: number[];
  /** The top group that breakdowns describe, as a fraction. */
  focus: number;
  /** Figures describing fewer persons than this are suppressed; 0 turns it off. */
  minCell: number;
  /** Shares of cost for `reach`. */
  reach: number[];
  /** Bottom groups, as fractions. */
  bottom: number[];
  /** Curve points every `curveStep` of the population. */
  curveStep: number;
  /** Money units per euro (10^scale): money figures are divided by it. */
  unit: number;
}

/** A figure that may be suppressed: null when it would describe fewer than `--min-cell` persons. */
export type Maybe = number | null;

export interface ShareFigure {
  top: number;
  share: Maybe;
  persons: number;
  threshold: Maybe;
  mean: Maybe;
  suppressed: boolean;
}

export interface DecileFigure {
  decile: number;
  share: Maybe;
  persons: number;
  mean: Maybe;
  min: Maybe;
  max: Maybe;
  suppressed: boolean;
  /** Which of the row's figures were suppressed (min and max reveal single persons' totals). */
  suppressedFields?: string[];
}

export interface ServiceFigure {
  service: string;
  total: Maybe;
  share: Maybe;
  topShare: Maybe;
  ofTop: Maybe;
  users: Maybe;
  suppressed: boolean;
}

export interface Concentration {
  persons: number;
  withCost: number;
  zeroCost: number;
  zeroShare: Maybe;
  weight: number;
  total: Maybe;
  mean: Maybe;
  median: Maybe;
  gini: Maybe;
  giniCorrected: Maybe;
  focus: ShareFigure;
  shares: ShareFigure[];
  bottom: { bottom: number; share: Maybe; suppressed: boolean }[];
  reach: { share: number; top: Maybe; suppressed: boolean }[];
  deciles: DecileFigure[];
  curve: [number, Maybe][];
  services: ServiceFigure[];
  /** True when any figure above was suppressed. */
  suppressedAny: boolean;
}

/**
 * Every figure DESIGN.md defines for one population. Pure: the same persons give the same result
 * in any order.
 */
export function concentration(population: Population, options: ConcentrationOptions): Concentration {
  const { totals, weights } = population;
  const blocks = tieBlocks(totals, weights);
  const { minCell, unit } = options;
  const W = blocks.totalWeight;
  const T = blocks.totalCost;
  let suppressedAny = false;
  /** Passes `value` through when `count` persons is enough to publish, else null. */
  const cell = (count: number, value: number): Maybe => {
    if (count < minCell) {
      suppressedAny = true;
      return null;
    }
    return finite(value);
  };
  const whole = blocks.persons;

  let zeroWeight = 0;
  let zeroCost = 0;
  for (let b = 0; b < blocks.length; b++) {
    if (blocks.value[b] === 0) {
      zeroWeight = blocks.cumWeight[b + 1] - blocks.cumWeight[b];
      zeroCost = blocks.count[b];
    }
  }

  const share = (p: number): ShareFigure => {
    const count = topCount(blocks, p);
    const persons = p * W;
    const s = cell(count, topShare(blocks, p));
    return {
      top: p,
      share: s,
      persons,
      threshold: s === null ? null : money(threshold(blocks, p), unit),
      mean: s === null || persons === 0 ? null : finite(topCost(blocks, p) / persons / unit),
      suppressed: s === null,
    };
  };

  const plain = gini(blocks);
  const result: Concentration = {
    persons: whole,
    withCost: whole - zeroCost,
    zeroCost,
    zeroShare: cell(whole, W > 0 ? zeroWeight / W : NaN),
    weight: W,
    total: cell(whole, T / unit),
    mean: cell(whole, T / W / unit),
    median: cell(whole, median(blocks) / unit),
    gini: cell(whole, plain),
    giniCorrected: weights === null ? cell(whole, giniCorrected(plain, whole)) : null,
    focus: share(options.focus),
    shares: options.top.map(share),
    bottom: options.bottom.map((p) => {
      const s = cell(whole - topCount(blocks, 1 - p), 1 - topShare(blocks, 1 - p));
      return { bottom: p, share: s, suppressed: s === null };
    }),
    reach: options.reach.map((q) => {
      const p = reach(blocks, q);
      const top = cell(topCount(blocks, p), p);
      return { share: q, top, suppressed: top === null };
    }),
    deciles: decileBands(blocks).map((b, d) => decileFigure(b, d + 1, minCell, unit, () => (suppressedAny = true))),
    curve: curvePoints(blocks, options.curveStep, (p) => cell(topCount(blocks, p), topShare(blocks, p))),
    services: services(blocks, population, options, cell),
    suppressedAny: false,
  };
  result.suppressedAny = suppressedAny;
  return result;
}

function decileFigure(b: Band, decile: number, minCell: number, unit: number, onSuppress: () => void): DecileFigure {
  if (b.count < minCell) {
    onSuppress();
    return { decile, share: null, persons: b.persons, mean: null, min: null, max: null, suppressed: true };
  }
  const suppressedFields: string[] = [];
  // A minimum or maximum is one person's total unless enough persons share it.
  const min = b.minCount >= minCell ? money(b.min, unit) : (suppressedFields.push('min'), null);
  const max = b.maxCount >= minCell ? money(b.max, unit) : (suppressedFields.push('max'), null);
  if (suppressedFields.length > 0) onSuppress();
  return {
    decile,
    share: finite(b.share),
    persons: b.persons,
    mean: finite(b.mean / unit),
    min,
    max,
    suppressed: suppressedFields.length > 0,
    ...(suppressedFields.length > 0 ? { suppressedFields } : {}),
  };
}

/** Points (p, C(p)) at every `step` of the population, from 0 to 1 inclusive. */
function curvePoints(blocks: TieBlocks, step: number, at: (p: number) => Maybe): [number, Maybe][] {
  const steps = Math.round(1 / step);
  const points: [number, Maybe][] = [[0, 0]];
  for (let i = 1; i <= steps; i++) {
    const p = i / steps;
    points.push([p, i === steps ? finite(topShare(blocks, 1)) : at(p)]);
  }
  return points;
}

function services(
  blocks: TieBlocks,
  population: Population,
  options: ConcentrationOptions,
  cell: (count: number, value: number) => Maybe,
): ServiceFigure[] {
  const fractions = inclusionFractions(blocks, options.focus);
  const rows = serviceBreakdown(blocks, population.weights, fractions, population.services);
  // The focus group's cost as the services add it up, so that ofTop sums to 1.
  const focusCost = fsum(rows, (row) => row.topCost);
  const T = blocks.totalCost;
  return rows
    .map((row) => {
      const total = cell(row.users, row.total / options.unit);
      const topShare = total === null ? null : cell(row.topUsers, row.topCost / row.total);
      return {
        service: row.name,
        total,
        share: total === null ? null : finite(row.total / T),
        topShare,
        ofTop: topShare === null ? null : finite(row.topCost / focusCost),
        users: total === null ? null : row.users,
        suppressed: total === null || topShare === null,
      };
    })
    .sort((a, b) => (b.total ?? -Infinity) - (a.total ?? -Infinity) || compareText(a.service, b.service));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function money(value: number | null, unit: number): Maybe {
  return value === null ? null : finite(value / unit);
}

/** NaN and infinities (a zero total) become null in the figures. */
function finite(value: number): Maybe {
  return Number.isFinite(value) ? value : null;
}
