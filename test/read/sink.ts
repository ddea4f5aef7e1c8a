// Test helper: a RowSink that keeps everything it is given, and byte sources cut into chunks.

import type { CostRow, RejectReason, RowSink, Where } from '../../src/read/types.js';

export interface Collected extends RowSink {
  rows: (CostRow & { line: number })[];
  rejects: { reason: RejectReason; line: number; detail: string }[];
}

export function collectingSink(): Collected {
  const rows: Collected['rows'] = [];
  const rejects: Collected['rejects'] = [];
  return {
    rows,
    rejects,
    row(row: CostRow, where: Where) {
      rows.push({ ...row, line: where.line });
    },
    reject(reason: RejectReason, where: Where, detail: string) {
      rejects.push({ reason, line: where.line, detail });
    },
  };
}

/** The bytes cut at the given offsets (sorted, within the buffer), as a stream of chunks. */
export async function* chunked(bytes: Uint8Array, cuts: number[] = []): AsyncGenerator<Buffer> {
  let start = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    if (cut <= start || cut >= bytes.length) continue;
    yield Buffer.from(bytes.subarray(start, cut));
    start = cut;
  }
  if (start < bytes.length) yield Buffer.from(bytes.subarray(start));
}
