// Service events of one sector in compact typed arrays, so a million rows cost megabytes, not a
// million objects; rows are only turned into text when a file is written.

/** What a row is: a charge, a credit (negative amount), or one of the bad rows a reader must reject. */
export const RowKind = {
  charge: 0,
  credit: 1,
  emptyCost: 2,
  notANumber: 3,
  missingId: 4,
} as const;
export type RowKind = (typeof RowKind)[keyof typeof RowKind];

export class EventLog {
  length = 0;
  person = new Int32Array(1024);
  service = new Uint8Array(1024);
  /** Day of the year, 0-based. */
  day = new Uint16Array(1024);
  /** Euro cents; negative for credits. */
  cents = new Int32Array(1024);
  kind = new Uint8Array(1024);

  push(person: number, service: number, day: number, cents: number, kind: RowKind): void {
    if (this.length === this.person.length) this.grow();
    const i = this.length++;
    this.person[i] = person;
    this.service[i] = service;
    this.day[i] = day;
    this.cents[i] = cents;
    this.kind[i] = kind;
  }

  /**
   * Row indexes ordered by day, and by insertion within a day (a counting sort: O(n + days)).
   * Exports are usually sorted by date, which interleaves persons the way real files do.
   */
  orderByDay(days: number): Int32Array {
    const start = new Int32Array(days + 1);
    for (let i = 0; i < this.length; i++) start[this.day[i] + 1] += 1;
    for (let d = 0; d < days; d++) start[d + 1] += start[d];
    const order = new Int32Array(this.length);
    for (let i = 0; i < this.length; i++) order[start[this.day[i]]++] = i;
    return order;
  }

  private grow(): void {
    const size = this.person.length * 2;
    this.person = copyInto(new Int32Array(size), this.person);
    this.service = copyInto(new Uint8Array(size), this.service);
    this.day = copyInto(new Uint16Array(size), this.day);
    this.cents = copyInto(new Int32Array(size), this.cents);
    this.kind = copyInto(new Uint8Array(size), this.kind);
  }
}

function copyInto<T extends Int32Array | Uint8Array | Uint16Array>(target: T, source: T): T {
  target.set(source as never);
  return target;
}
