// Aligned plain-text columns for the terminal table.

export type Align = 'left' | 'right';

/**
 * Lays rows out in columns separated by two spaces; the first row is the header.
 * Widths count code points, so Finnish letters and the U+00A0 of Finnish numbers align.
 */
export function grid(rows: string[][], align: Align[], indent = '  '): string[] {
  const widths = align.map((_, c) => Math.max(...rows.map((r) => length(r[c] ?? ''))));
  return rows.map(
    (r) =>
      indent +
      r
        .map((cell, c) => {
          const pad = ' '.repeat(widths[c] - length(cell));
          return align[c] === 'right' ? pad + cell : cell + pad;
        })
        .join('  ')
        .trimEnd(),
  );
}

function length(s: string): number {
  return [...s].length;
}
