// The library API: the table of contents of costcurve.

export { analyse, compare } from './library.js';
export type { AnalyseFlags } from './options/analyse.js';
export type { CompareFlags } from './options/compare.js';
export type { ReadFlags } from './options/read.js';
export { analyseFiles, type AnalyseOptions, type ConfidenceOptions, type Report } from './analyse.js';
export { compareFiles, type CompareOptions, type CompareReport, type PeriodReport, type PersistenceRow, type TransitionRow } from './compare.js';
export type { Expectation, ExpectationResult } from './expect.js';
export { concentration, type Concentration, type ConcentrationOptions, type GroupFigure, type Population } from './curve/concentration.js';
export { serviceAmountsOf, type ServiceAmounts } from './curve/breakdown.js';
export { compareGroups, groupBreakdown, type PersonGroups } from './curve/groups.js';
export { isIdentityCode } from './aggregate/identityCodes.js';
export { tieBlocks, type TieBlocks } from './curve/tieBlocks.js';
export { topShare, threshold, inclusionFractions } from './curve/topShare.js';
export { reach } from './curve/reach.js';
export { gini, giniCorrected } from './curve/gini.js';
export { median } from './curve/median.js';
export { band, deciles } from './curve/bands.js';
export { bootstrapIntervals, type BootstrapIntervals, type BootstrapOptions, type Interval } from './curve/bootstrap.js';
export { persistence, type Periods, type PersistenceFigure } from './curve/persistence.js';
export { decileTransitions, type Transitions } from './curve/transitions.js';
export { CostcurveError, ExitCode } from './errors.js';
