// Memory the process holds already and needs no more, lent to the figures' largest arrays.
//
// Why: a page of memory new to the process costs a fault when first written, and on these virtual
// machines a fault takes 12–15 µs (24 MB: 90 ms), where writing zeros over a page the process
// holds takes a fraction of a microsecond. The figures of 300 k persons take some 17 MB of arrays
// (the totals, the sort's buffers, the tie blocks), made after a thread's table is merged and its
// memory is of no more use: some 16 MB, its pages all in place.

/** A resizable ArrayBuffer (ES2024), as far as a Spare uses one. */
interface ResizableBuffer {
  resizable: boolean;
  resize(byteLength: number): void;
}

/** A stretch of a buffer free for use: bytes `byteOffset` … `byteOffset + byteLength`. */
export interface SpareRegion {
  buffer: ArrayBufferLike;
  byteOffset: number;
  byteLength: number;
}

/**
 * Zeroed typed arrays cut one after another from the regions lent to it, or new arrays once no
 * region has room (then what is left of resizable buffers is freed). An array it hands out is the
 * caller's for good (nothing is taken back), and no two overlap. The regions must be of no other
 * use from the time they are lent. An empty Spare makes new arrays.
 *
 * @example
 * const spare = new Spare([{ buffer: new ArrayBuffer(64), byteOffset: 0, byteLength: 64 }]);
 * spare.float64(4); // 32 bytes of the buffer, zeroed
 * spare.float64(8); // a new Float64Array: 32 bytes are left
 */
export class Spare {
  private regions: SpareRegion[] = [];

  constructor(regions: SpareRegion[] = []) {
    for (const region of regions) this.lend(region);
  }

  /** Lends another region (an empty one is ignored). */
  lend(region: SpareRegion): void {
    if (region.byteLength > 0) this.regions.push({ ...region });
  }

  /** Bytes it has left to lend. */
  get bytes(): number {
    let sum = 0;
    for (const region of this.regions) sum += Math.max(0, end(region) - region.byteOffset);
    return sum;
  }

  float64(length: number): Float64Array {
    const at = this.take(length * 8, 8);
    return at === null ? new Float64Array(length) : new Float64Array(at.buffer, at.byteOffset, length).fill(0);
  }

  uint32(length: number): Uint32Array {
    const at = this.take(length * 4, 4);
    return at === null ? new Uint32Array(length) : new Uint32Array(at.buffer, at.byteOffset, length).fill(0);
  }

  uint8(length: number): Uint8Array {
    const at = this.take(length, 1);
    return at === null ? new Uint8Array(length) : new Uint8Array(at.buffer, at.byteOffset, length).fill(0);
  }

  /**
   * `bytes` from the first region with room for them at an offset that is a multiple of `align`.
   * When none has room, the new array's memory will be new: a resizable buffer's room left is
   * freed first (cut back to what it lent), for the spare never to hold memory for nothing beside
   * new memory (at 20 M persons the sealed table's slots, 128 MB, held 28 MB no array fitted in).
   */
  private take(bytes: number, align: number): { buffer: ArrayBufferLike; byteOffset: number } | null {
    for (const region of this.regions) {
      const at = Math.ceil(region.byteOffset / align) * align;
      if (at + bytes > end(region)) continue;
      region.byteLength = region.byteOffset + region.byteLength - (at + bytes);
      region.byteOffset = at + bytes;
      return { buffer: region.buffer, byteOffset: at };
    }
    for (const region of this.regions) {
      const buffer = region.buffer as Partial<ResizableBuffer>;
      if (buffer.resizable === true && buffer.resize !== undefined && region.byteOffset + region.byteLength >= region.buffer.byteLength) {
        buffer.resize(Math.min(region.byteOffset, region.buffer.byteLength));
        region.byteLength = 0;
      }
    }
    this.regions = this.regions.filter((region) => region.byteLength > 0);
    return null;
  }
}

/** Where a region's room ends: a region cut back since it was lent (a resizable buffer) lends only what is left of it. */
function end(region: SpareRegion): number {
  return Math.min(region.byteOffset + region.byteLength, region.buffer.byteLength);
}
