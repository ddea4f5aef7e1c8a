// The report for programs: JSON version 1, byte-for-byte the same for the same input and options.

import type { Report } from '../analyse.js';
import type { CompareReport } from '../compare.js';

export function renderJson(report: Report | CompareReport): string {
  return JSON.stringify(report, null, 2) + '\n';
}
