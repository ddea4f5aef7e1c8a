// How messages speak of a cell's content without repeating it: a bad cell may hold anything,
// a resident's id included (an id and a cost swapped), and no output may contain an id.

/**
 * What exports write for a missing amount: no one's identifier, so messages show them as they are.
 * (–, —, ä and € as escapes: the bundle stays ASCII; see scripts/bundle.mjs.)
 */
const PLACEHOLDER = /^(?:n\/?a|nan|null|none|nil|-+|\u2013|\u2014|\?+|x+|#n\/a|#value!|#ref!|#div\/0!|tyhj\u00e4|puuttuu|ei tietoa|eur|\u20ac)$/i;

const MAX_SHAPE = 24;

/**
 * A cell as a message may show it: a known placeholder as it is (`'n/a'`), anything else as its
 * shape — digits as 9, letters as a, other characters kept, at most 24 characters, control
 * characters escaped — so `12,3,4` reads `'99,9,9'` and an id `A7777777` reads `'a9999999'`.
 *
 * @example describeCell('n/a')      // "'n/a'"
 * @example describeCell('1.234,5,6') // "'9.999,9,9' (shape)"
 */
export function describeCell(text: string): string {
  const trimmed = text.trim();
  if (PLACEHOLDER.test(trimmed)) return `'${trimmed}'`;
  const chars = [...trimmed];
  const shape = chars
    .slice(0, MAX_SHAPE)
    .map((c) => (/\d/.test(c) ? '9' : /\p{L}/u.test(c) ? 'a' : /[\p{Cc}]/u.test(c) ? '␣' : c))
    .join('');
  return `'${shape}${chars.length > MAX_SHAPE ? '…' : ''}' (shape: digits as 9, letters as a)`;
}
