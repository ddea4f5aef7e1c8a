// What `costcurve inspect` prints: per file the dialect, the columns with their roles, the first
// records as parsed and the row counts — as aligned text for people, or JSON for programs.

import type { FileInspection } from '../read/inspect.js';
import { grid } from './grid.js';

/** `{ "files": [...] }`, pretty-printed; the same files give the same bytes. */
export function renderInspectionJson(files: FileInspection[]): string {
  return JSON.stringify({ files }, null, 2) + '\n';
}

export function renderInspectionTable(files: FileInspection[]): string {
  const out: string[] = [];
  for (const file of files) {
    if (out.length > 0) out.push('');
    out.push(file.path === '-' ? 'stdin' : file.path);
    const decimal = file.decimal === null ? 'decimal mark not decided' : `'${file.decimal}' decimal mark`;
    out.push(
      `  dialect  ${showDelimiter(file.delimiter)} delimiter, ${decimal}, ${file.encoding}${file.bom ? ' with BOM' : ''}, ${file.lineEnding} line endings`,
    );
    if (file.rows !== null) {
      const reasons = Object.entries(file.rejections).map(([reason, n]) => `${reason} ${count(n)}`);
      out.push(`  rows     ${count(file.rows)} read, ${count(file.rejectedRows ?? 0)} rejected${reasons.length > 0 ? ` (${reasons.join(', ')})` : ''}`);
    }
    if (file.problem !== null) out.push(`  problem  ${file.problem.message}`);
    out.push('', ...grid([['column', 'role', 'why'], ...file.columns.map((c) => [c.name, c.role ?? '?', c.why])], ['left', 'left', 'left']));
    if (file.sample.length > 0) {
      const n = file.sample.length;
      out.push('', `  the first ${n === 1 ? 'record' : `${n} records`} as parsed (ids are shown as •••):`);
      const header = ['line', ...file.columns.map((c) => c.name), '→', 'service', 'cost'];
      const rows = file.sample.flatMap((record) => {
        const fields = file.columns.map((_, i) => showField(record.fields[i] ?? ''));
        if (record.rejected !== null) return [[String(record.line), ...fields, '→', `rejected: ${record.rejected.reason}`, '']];
        if (record.costs === null) return [[String(record.line), ...fields, '→', '(not reached: see the problem)', '']];
        if (record.costs.length === 0) return [[String(record.line), ...fields, '→', '(no cost)', '']];
        return record.costs.map((c, k) => [k === 0 ? String(record.line) : '', ...(k === 0 ? fields : fields.map(() => '')), k === 0 ? '→' : '', c.service, String(c.cost)]);
      });
      out.push(...grid([header, ...rows], ['right', ...file.columns.map(() => 'left' as const), 'left', 'left', 'right']));
      const rejected = file.sample.filter((r) => r.rejected !== null);
      for (const r of rejected) out.push(`  line ${r.line}: ${r.rejected!.reason}: ${r.rejected!.detail}`);
    }
  }
  return out.join('\n') + '\n';
}

function showDelimiter(d: string): string {
  return d === '\t' ? 'tab' : `'${d}'`;
}

/** A field on one line: line breaks shown as ⏎, long values cut. */
function showField(value: string): string {
  const flat = value.replace(/\r\n|\r|\n/g, '⏎');
  return [...flat].length > 40 ? `${[...flat].slice(0, 39).join('')}…` : flat;
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}
