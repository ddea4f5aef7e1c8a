// The table's section on --expect: each expectation, whether it holds, and the figure's value.

import type { ExpectationResult } from '../expect.js';
import type { NumberFormat } from './format.js';
import { grid } from './grid.js';

export function expectationSection(results: ExpectationResult[], f: NumberFormat, bold: (text: string) => string): string[] {
  const shown = (r: ExpectationResult): string => {
    if (r.figure === 'persons') return f.count(r.value);
    if (r.figure === 'total') return `${f.money(r.value, 2)} €`;
    return r.figure === 'gini' ? f.decimal(r.value) : f.percent(r.value, 2);
  };
  const met = results.filter((r) => r.pass).length;
  return [
    '',
    bold(`Expectations (${met} of ${results.length} met)`),
    ...grid(
      results.map((r) => [r.pass ? 'ok' : 'FAILED', r.expr, `${r.figure} = ${shown(r)}`]),
      ['left', 'left', 'left'],
    ),
  ];
}
