// Windows-1252 output for the sample's "old system" export. Only the range that Windows-1252 shares
// with Latin-1 is needed (the Finnish and Swedish letters); anything else is a bug in the sample.

const OUTSIDE_SHARED_RANGE = /[^\u0000-\u007f\u00a0-\u00ff]/;

/**
 * Encodes text as Windows-1252. In U+0000–U+007F and U+00A0–U+00FF the code page equals Latin-1,
 * so Node's 'latin1' encoder gives the right bytes; other characters (€, curly quotes, …) throw
 * rather than turning silently into '?'.
 *
 * @example encodeWindows1252('Päivä') // <Buffer 50 e4 69 76 e4>
 */
export function encodeWindows1252(text: string): Buffer {
  const outside = OUTSIDE_SHARED_RANGE.exec(text);
  if (outside) {
    const code = outside[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    throw new Error(`encodeWindows1252: U+${code} is outside the range the sample encodes`);
  }
  return Buffer.from(text, 'latin1');
}
