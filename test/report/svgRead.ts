// Test helper: the SVG chart read back as strict XML, and its curve read back as shares.

import { DOMParser, type Document, type Element } from '@xmldom/xmldom';
import { CHART } from '../../src/report/svg.js';

export function parseSvg(svg: string): Document {
  return new DOMParser({
    onError: (level, message) => {
      throw new Error(`${level}: ${message}`);
    },
  }).parseFromString(svg, 'image/svg+xml');
}

/** Every element with the tag, in document order. */
export const all = (doc: Document, tag: string): Element[] => Array.from(doc.getElementsByTagName(tag));

/** The path's vertices, mapped back from pixels to (share of residents, share of costs). */
export function pathPoints(d: string): [number, number][] {
  const w = CHART.width - CHART.left - CHART.right;
  const h = CHART.height - CHART.top - CHART.bottom;
  return [...d.matchAll(/[ML](-?[\d.]+) (-?[\d.]+)/g)].map((m) => [(Number(m[1]) - CHART.left) / w, 1 - (Number(m[2]) - CHART.top) / h]);
}
