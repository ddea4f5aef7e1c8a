// Ids interned from their bytes: an open-addressing hash table that hands out dense indexes (0, 1,
// 2, … in order of first appearance) for typed arrays of per-person sums. No string per id, and no
// V8 Map, which cannot hold more than 2^24 entries.

/** Entries are numbered in 27 bits of a slot; the other 5 hold a piece of the hash. */
export const MAX_ENTRIES = 2 ** 27 - 2;

const INDEX_BITS = 27;
const INDEX_MASK = (1 << INDEX_BITS) - 1;
/** Slots in use per slot, at most: 3/4 (linear probing, the hash tag skips most wrong keys). */
const MAX_LOAD = 0.75;

/**
 * A set of byte strings, each with a dense index (its entry). Entries may also be keyless (a
 * person without an id): those are numbered like the others but never found.
 *
 * Memory: 4 bytes per entry for where its key starts, the key bytes, and 4 bytes per slot
 * (1.33–2.67 slots per key).
 *
 * @example
 * const ids = new IdTable();
 * ids.intern(Buffer.from('A1;A2;A1'), 0, 2); // 0
 * ids.intern(Buffer.from('A1;A2;A1'), 3, 5); // 1
 * ids.intern(Buffer.from('A1;A2;A1'), 6, 8); // 0
 */
export class IdTable {
  /** Entries, keyed and keyless. */
  length = 0;
  /** Entry i's key is keys[keyStart[i] .. keyStart[i + 1]); keyless entries have an empty one. */
  private keyStart = new Uint32Array(1025);
  private keys = new Uint8Array(16 * 1024);
  /** 0 for an empty slot, else (hash >>> 27) << 27 | (entry + 1). */
  private slots = new Int32Array(1024);
  private mask = 1023;
  private keyed = 0;

  /** The key's entry, added when new. */
  intern(bytes: Uint8Array, start: number, end: number): number {
    const h = hashBytes(bytes, start, end);
    const tag = h >>> INDEX_BITS;
    const slots = this.slots;
    const mask = this.mask;
    let slot = h & mask;
    for (;;) {
      const v = slots[slot];
      if (v === 0) break;
      if (v >>> INDEX_BITS === tag) {
        const entry = (v & INDEX_MASK) - 1;
        if (this.equals(entry, bytes, start, end)) return entry;
      }
      slot = (slot + 1) & mask;
    }
    const entry = this.append(bytes, start, end);
    slots[slot] = (tag << INDEX_BITS) | (entry + 1);
    if (++this.keyed > MAX_LOAD * slots.length) this.rehash(slots.length * 2);
    return entry;
  }

  /** The key's entry, or -1. */
  find(bytes: Uint8Array, start: number, end: number): number {
    const h = hashBytes(bytes, start, end);
    const tag = h >>> INDEX_BITS;
    let slot = h & this.mask;
    for (;;) {
      const v = this.slots[slot];
      if (v === 0) return -1;
      if (v >>> INDEX_BITS === tag) {
        const entry = (v & INDEX_MASK) - 1;
        if (this.equals(entry, bytes, start, end)) return entry;
      }
      slot = (slot + 1) & this.mask;
    }
  }

  /** A new entry without a key. */
  addKeyless(): number {
    return this.append(this.keys, 0, 0);
  }

  /** Entry i's key bytes (a view: copy it to keep it), empty for a keyless entry. */
  key(entry: number): Uint8Array {
    return this.keys.subarray(this.keyStart[entry], this.keyStart[entry + 1]);
  }

  /** The entries' keys, concatenated: entry i's are `bytes[starts[i] .. starts[i + 1])`. */
  keyBytes(): { bytes: Uint8Array; starts: Uint32Array } {
    return { bytes: this.keys.subarray(0, this.keyStart[this.length]), starts: this.keyStart.subarray(0, this.length + 1) };
  }

  private equals(entry: number, bytes: Uint8Array, start: number, end: number): boolean {
    const from = this.keyStart[entry];
    if (this.keyStart[entry + 1] - from !== end - start) return false;
    const keys = this.keys;
    for (let i = start, k = from; i < end; i++, k++) if (keys[k] !== bytes[i]) return false;
    return true;
  }

  private append(bytes: Uint8Array, start: number, end: number): number {
    const entry = this.length;
    if (entry === MAX_ENTRIES) {
      throw new RangeError(`more than ${MAX_ENTRIES} distinct ids: too many persons for one table`);
    }
    if (entry + 2 > this.keyStart.length) {
      const starts = new Uint32Array(this.keyStart.length * 2);
      starts.set(this.keyStart);
      this.keyStart = starts;
    }
    const from = this.keyStart[entry];
    const to = from + (end - start);
    if (to > this.keys.length) {
      if (to > 2 ** 32 - 1) throw new RangeError('more than 4 GiB of ids: too many persons for one table');
      const keys = new Uint8Array(Math.min(2 ** 32 - 1, Math.max(to, this.keys.length * 2)));
      keys.set(this.keys.subarray(0, from));
      this.keys = keys;
    }
    for (let i = start, k = from; i < end; i++, k++) this.keys[k] = bytes[i];
    this.keyStart[entry + 1] = to;
    this.length = entry + 1;
    return entry;
  }

  private rehash(size: number): void {
    const slots = new Int32Array(size);
    const mask = size - 1;
    const { keys, keyStart } = this;
    for (let entry = 0; entry < this.length; entry++) {
      const from = keyStart[entry];
      const to = keyStart[entry + 1];
      if (from === to) continue;
      const h = hashBytes(keys, from, to);
      let slot = h & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = ((h >>> INDEX_BITS) << INDEX_BITS) | (entry + 1);
    }
    this.slots = slots;
    this.mask = mask;
  }
}

/** FNV-1a over the bytes, then MurmurHash3's finaliser so that the low bits mix well. */
export function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
