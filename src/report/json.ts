// The report for programs: JSON version 1, byte-for-byte the same for the same input and options.

import type { Report } from '../analyse.js';

export function renderJson(report: Report): string {
  return JSON.stringify(report, null, 2) + '\n';
}
