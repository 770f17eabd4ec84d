// A small XML writer for the hand-off formats: elements as data, serialised with escaping and indentation. PURE.

export interface XmlElement {
  name: string
  /** Attributes in order; undefined ones are left out. */
  attrs?: Record<string, string | number | undefined>
  /** Child elements, or the element's text. */
  children?: XmlElement[] | string
}

export function el(name: string, attrs: XmlElement['attrs'] = {}, children: XmlElement['children'] = []): XmlElement {
  return { name, attrs, children }
}

/** An element holding only text (or a number). */
export const text = (name: string, value: string | number): XmlElement => el(name, {}, String(value))

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' }

/** Text safe inside an element or an attribute (control characters XML 1.0 forbids are dropped). */
export function escapeXml(value: string): string {
  return withoutForbiddenControls(value).replace(/[&<>"']/g, (c) => ESCAPES[c]!)
}

/** XML 1.0 allows tab, newline and carriage return of the characters below 0x20, no others. */
function withoutForbiddenControls(value: string): string {
  let out = ''
  for (const ch of value) {
    const code = ch.codePointAt(0)!
    if (code >= 0x20 || code === 0x09 || code === 0x0a || code === 0x0d) out += ch
  }
  return out
}

function serialise(node: XmlElement, depth: number, out: string[]): void {
  const pad = '  '.repeat(depth)
  const attrs = Object.entries(node.attrs ?? {})
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join('')
  const children = node.children ?? []
  if (typeof children === 'string') {
    out.push(`${pad}<${node.name}${attrs}>${escapeXml(children)}</${node.name}>`)
  } else if (children.length === 0) {
    out.push(`${pad}<${node.name}${attrs}/>`)
  } else {
    out.push(`${pad}<${node.name}${attrs}>`)
    for (const child of children) serialise(child, depth + 1, out)
    out.push(`${pad}</${node.name}>`)
  }
}

/** The whole document: declaration, an optional DOCTYPE line, the root element, a final newline. */
export function xmlDocument(root: XmlElement, doctype?: string): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>']
  if (doctype) out.push(doctype)
  serialise(root, 0, out)
  return `${out.join('\n')}\n`
}
