// The start of a cost file read by the byte scanner: the header, the columns, and the first
// records the decimal mark is guessed from, as strings — exactly as readCostBytes reads them. Once
// the guess is decided, every record goes on to the reader that `start` returns.

import { DecimalGuess, resolveOrExplain } from './costFile.js';
import { fieldText } from './scannedRecords.js';
import type { RecordHandler, RecordScanner } from './scanner.js';
import { emptyFileError, headerOnlyError, isSeparatorLine } from './table.js';
import type { ColumnMap, DecimalMark, RawRecord, ReadOptions, SniffedDialect } from './types.js';

/** Everything needed to read a cost file's records once its head has been read. */
export interface CostLayout {
  /** The file as messages name it. */
  file: string;
  /** The service of rows without a service column (the file's name). */
  label: string;
  dialect: SniffedDialect;
  columns: ColumnMap;
  fieldCount: number;
  decimal: DecimalMark;
  weightDecimal: DecimalMark;
  /** See FileReport. */
  decimalAmbiguous: boolean;
  noId: boolean;
}

/**
 * A RecordHandler for the head of a cost file. Errors as readCostBytes raises them:
 * CC_DATA_EMPTY and CC_DATA_HEADER_ONLY (from `finish`), column usage errors and
 * CC_DATA_NO_HEADER when the first data record arrives.
 *
 * @example
 * const head = new CostHead(layoutBase, opts, (layout, records) => new CostRows(layout, …));
 * const scanner = new RecordScanner(0x3b, head); // … feed it, then head.finish(scanner)
 */
export class CostHead implements RecordHandler {
  /** Set once the decimal mark is decided. */
  layout: CostLayout | null = null;
  private top: RawRecord | null = null;
  private columns: ColumnMap | null = null;
  private guess: DecimalGuess | null = null;
  private head: RawRecord[] = [];
  private readonly text;

  constructor(
    private readonly base: Pick<CostLayout, 'file' | 'label' | 'dialect'>,
    private readonly opts: ReadOptions,
    private readonly start: (layout: CostLayout, head: RawRecord[]) => RecordHandler,
  ) {
    this.text = fieldText(base.dialect.encoding);
  }

  record(scanner: RecordScanner, line: number): void {
    const fields = new Array<string>(scanner.count);
    for (let k = 0; k < scanner.count; k++) fields[k] = this.text(scanner.bytes, scanner.starts[k], scanner.ends[k]);
    const record = { fields, line };
    if (this.top === null) {
      if (isSeparatorLine(record, this.base.dialect.delimiter)) return; // Excel's `sep=;` line
      this.top = record;
      if (this.opts.header) return;
    }
    if (this.columns === null) {
      const { top } = this;
      this.columns = resolveOrExplain(this.opts.header ? top.fields : null, top.fields.length, this.opts, this.base.file, this.base.dialect.delimiter, top.line);
      this.guess = new DecimalGuess(this.columns, top.fields.length, this.opts.decimal, this.base.dialect.delimiter);
    }
    this.head.push(record);
    if (this.guess!.add(record)) this.decide(scanner);
  }

  /** At the end of the input: the errors of a file without data, or the guess from what there is. */
  finish(scanner: RecordScanner): void {
    if (this.layout !== null) return;
    if (this.top === null) throw emptyFileError(this.base.file, this.opts.header);
    if (this.head.length === 0) throw headerOnlyError(this.base.file, this.top.line);
    this.decide(scanner);
  }

  private decide(scanner: RecordScanner): void {
    const { decimal, weightDecimal, decimalAmbiguous } = this.guess!.decide();
    this.layout = {
      ...this.base,
      columns: this.columns!,
      fieldCount: this.top!.fields.length,
      decimal,
      weightDecimal,
      decimalAmbiguous,
      noId: this.opts.noId,
    };
    const head = this.head;
    this.head = [];
    scanner.handler = this.start(this.layout, head);
  }
}
