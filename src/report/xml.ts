// Writing XML and HTML elements as text, with every piece of data escaped on the way in.

/** Escapes text for an XML/HTML text node or a double-quoted attribute. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export type Attributes = Record<string, string | number | undefined>;

/**
 * One element: attributes escaped (undefined ones left out), `children` inserted as they are
 * (already-built elements). Without children the element closes itself.
 *
 * @example el('circle', { cx: 1, cy: 2, r: 4 }) // '<circle cx="1" cy="2" r="4"/>'
 */
export function el(name: string, attributes: Attributes, ...children: string[]): string {
  const attrs = Object.entries(attributes)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join('');
  return children.length === 0 ? `<${name}${attrs}/>` : `<${name}${attrs}>${children.join('')}</${name}>`;
}

/** A text element's content: escaped text. */
export function text(content: string): string {
  return escapeXml(content);
}
