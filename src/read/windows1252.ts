// Windows-1252 bytes to text for the few strings the scanner keeps (service and group names, odd
// ids). Node 20's TextDecoder decodes windows-1252 as Latin-1 unless it streams (0x80 comes out as
// U+0080, not €), so the table is taken from a streaming decode, which is right.

/** Per byte, its character. */
export const WINDOWS_1252: readonly string[] = [
  ...new TextDecoder('windows-1252').decode(Uint8Array.from({ length: 256 }, (_, i) => i), { stream: true }),
];

/**
 * Decodes `bytes[start .. end)` as Windows-1252.
 *
 * @example decodeWindows1252(Uint8Array.of(0x80, 0x20, 0xe4), 0, 3) // '€ ä'
 */
export function decodeWindows1252(bytes: Uint8Array, start: number, end: number): string {
  let text = '';
  for (let i = start; i < end; i++) text += WINDOWS_1252[bytes[i]];
  return text;
}
