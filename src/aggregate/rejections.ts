// Bad rows: skipped, counted by reason, a few kept as examples; or, with --strict, the first one stops the run.

import { CostcurveError } from '../errors.js';
import { maskIdentityCodes } from './identityCodes.js';
import type { RejectReason, Where } from '../read/types.js';

/** How many examples of bad rows are kept (DESIGN.md: Bad input). */
export const MAX_EXAMPLES = 20;

export interface RejectionExample {
  file: string;
  line: number;
  reason: RejectReason;
  detail: string;
}

const explain: Record<RejectReason, string> = {
  emptyCost: 'the cost is empty',
  badCost: 'the cost is not a number',
  missingId: 'the id is empty',
  fieldCount: 'the row has the wrong number of fields',
  badWeight: 'the weight is negative or not a number',
};

export class Rejections {
  readonly counts: Partial<Record<RejectReason, number>> = {};
  readonly examples: RejectionExample[] = [];
  total = 0;

  constructor(private readonly strict: boolean) {}

  reject(reason: RejectReason, where: Where, quoted: string): void {
    // Details quote cells; a misplaced id column must not put an identity code in the report.
    const detail = maskIdentityCodes(quoted);
    if (this.strict) {
      throw new CostcurveError('CC_DATA_STRICT', `${explain[reason]}: ${detail} (--strict stops at the first bad row)`, where);
    }
    this.counts[reason] = (this.counts[reason] ?? 0) + 1;
    this.total++;
    this.keepExample({ file: where.file, line: where.line, reason, detail });
  }

  /**
   * Adds the rejections another Rejections counted (a worker thread's part of a file), its lines
   * moved by `lines`: the lines before that part.
   */
  merge(other: Pick<Rejections, 'counts' | 'examples' | 'total'>, lines: number): void {
    for (const [reason, n] of Object.entries(other.counts) as [RejectReason, number][]) this.counts[reason] = (this.counts[reason] ?? 0) + n;
    this.total += other.total;
    for (const example of other.examples) this.keepExample({ ...example, line: example.line + lines });
  }

  /**
   * Keeps the examples that come first by file and line (not by when they were read), so that the
   * examples do not depend on the order of files or on how a file was split between threads.
   */
  private keepExample(example: RejectionExample): void {
    const { examples } = this;
    if (examples.length === MAX_EXAMPLES && !before(example, examples[MAX_EXAMPLES - 1])) return;
    let at = examples.length;
    while (at > 0 && before(example, examples[at - 1])) at--;
    examples.splice(at, 0, example);
    if (examples.length > MAX_EXAMPLES) examples.pop();
  }

  /** Counts by reason in a fixed order, for output that does not depend on which bad row came first. */
  sortedCounts(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const reason of Object.keys(explain) as RejectReason[]) {
      if (this.counts[reason]) out[reason] = this.counts[reason]!;
    }
    return out;
  }
}

function before(a: RejectionExample, b: RejectionExample): boolean {
  return a.file < b.file || (a.file === b.file && a.line < b.line);
}
