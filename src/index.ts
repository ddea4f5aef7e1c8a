// The library API: the table of contents of costcurve.

export { analyseFiles, type AnalyseOptions, type Report } from './analyse.js';
export { concentration, type Concentration, type ConcentrationOptions, type GroupFigure, type Population } from './curve/concentration.js';
export { compareGroups, groupBreakdown, type PersonGroups } from './curve/groups.js';
export { isIdentityCode } from './aggregate/identityCodes.js';
export { tieBlocks, type TieBlocks } from './curve/tieBlocks.js';
export { topShare, threshold, inclusionFractions } from './curve/topShare.js';
export { reach } from './curve/reach.js';
export { gini, giniCorrected } from './curve/gini.js';
export { median } from './curve/median.js';
export { band, deciles } from './curve/bands.js';
export { CostcurveError, ExitCode } from './errors.js';
