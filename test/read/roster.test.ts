// Reading a roster: every resident's id, with optional group and weight; bad records counted.
// Expected values read off fixtures/read/roster.csv by hand.

import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readRoster } from '../../src/read/roster.js';
import type { ReadOptions, RejectReason } from '../../src/read/types.js';

const path = fileURLToPath(new URL('../../fixtures/read/roster.csv', import.meta.url));
const defaults: ReadOptions = { header: true, noId: false, columns: {} };

describe('readRoster (roster.csv)', () => {
  it("lists each good record's id with its group and weight, an id listed twice twice", async () => {
    const rejected: [RejectReason, number][] = [];
    const roster = await readRoster(path, { ...defaults, columns: { group: 'ikaryhma', weight: 'paino' } }, (reason, where) =>
      rejected.push([reason, where.line]),
    );
    // Lines: 2 A1, 3 A2, 4 A1 again (the table keeps the first: see test/analyse.test.ts),
    // 5 A4 with an empty group, 6 an empty id.
    expect(roster.ids).toEqual(['A1', 'A2', 'A1', 'A4']);
    expect(roster.groups).toEqual(['0-17', '80+', '18-64', null]);
    expect(roster.weights).toEqual([1.5, 2, 9, 1]); // '1,5' with the decimal comma guessed from the weights
    expect(rejected).toEqual([['missingId', 6]]);
    expect(roster.report).toMatchObject({ rows: 5, rejected: 1, delimiter: ';', decimal: ',' });
  });

  it('reads only ids when no group or weight flag names a roster column', async () => {
    const roster = await readRoster(path, { ...defaults, columns: { group: 'ikaryhma_2023' } });
    expect(roster.ids).toEqual(['A1', 'A2', 'A1', 'A4']);
    expect(roster.groups).toBeNull();
    expect(roster.weights).toBeNull();
  });

  it('cannot be combined with --no-id', async () => {
    await expect(readRoster(path, { ...defaults, noId: true })).rejects.toMatchObject({ code: 'CC_USAGE' });
  });
});
