// DOM helpers. Every piece of user data (file names, values, certificate subjects) reaches the DOM
// through these: as text or attributes, never as HTML.

const SVG_TAGS = new Set(['svg', 'g', 'line', 'rect', 'text', 'path', 'title', 'polygon', 'marker', 'defs']);

/** Creates an element: `on*` attributes become listeners, `text` its text content. */
export function el(tag, attrs = {}, ...children) {
  const node = SVG_TAGS.has(tag) ? document.createElementNS('http://www.w3.org/2000/svg', tag) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (k === 'text') node.textContent = v;
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

/** Text with `code` spans, as DOM (messages and docs quote settings that way). What the core says
 * of the CLI ("(page: the role menu; CLI: `--trusted-ca`)") is left out: the page says its own part. */
export function inline(s) {
  const frag = document.createDocumentFragment();
  s = s.replace(/ \(([^()]*CLI:[^()]*)\)/g, (_, p) => ((p = p.split('; ').filter((x) => !x.startsWith('CLI:')).join('; ').replace(/^page: /, '')) ? ` (${p})` : ''));
  s.split(/(`[^`]*`)/).forEach((part) => {
    if (part.startsWith('`') && part.endsWith('`') && part.length > 1) frag.append(el('code', { text: part.slice(1, -1) }));
    else if (part) frag.append(part);
  });
  return frag;
}

/** Renders the small Markdown subset of the rule docs (headings, lists, code) as DOM, safely. */
export function markdown(text) {
  const out = document.createDocumentFragment();
  const lines = text.split('\n');
  let list = null;
  let para = [];
  const flush = () => {
    if (para.length) out.append(el('p', {}, inline(para.join(' '))));
    para = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith('```')) {
      flush();
      list = null;
      const code = [];
      for (i++; i < lines.length && !lines[i].startsWith('```'); i++) code.push(lines[i]);
      out.append(el('pre', {}, el('code', { text: code.join('\n') })));
    } else if (/^#{2,3} /.test(line)) {
      flush();
      list = null;
      out.append(el('h5', { text: line.replace(/^#+ /, '') }));
    } else if (line.startsWith('- ')) {
      flush();
      if (!list) out.append((list = el('ul')));
      list.append(el('li', {}, inline(line.slice(2))));
    } else if (line.startsWith('  ') && list && list.lastChild) {
      list.lastChild.append(' ', inline(line.trim()));
    } else if (!line.trim()) {
      flush();
      list = null;
    } else {
      list = null;
      para.push(line.trim());
    }
  }
  flush();
  return out;
}

/** One numbered line of a file, as a block span: the number, an optional sign (− removed, + added),
 * the text (shortened). No newline between spans: it would show as an empty line. */
export function numberedLine(n, text, cls = '', sign = '') {
  return el('span', { class: cls ? `line ${cls}` : 'line' }, el('span', { class: 'ln', text: n === null ? '    ' : String(n).padStart(4) }), sign ? ` ${sign} ` : ' ', shorten(text || '', 200));
}

/** Saves `blob` as a file named `name`: a link clicked where `attach` puts it (inside the shadow root). */
export function download(attach, blob, name) {
  const a = el('a', { href: URL.createObjectURL(blob), download: name });
  attach(a);
  a.click();
  a.remove();
}

export function shorten(s, n) {
  return s.length > n ? s.slice(0, n - 1) + '…' : s;
}
