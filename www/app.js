// wb-ssl-check: the page, the widget and the offline file share this module. It defines the
// <wb-ssl-check> element, which renders the whole tool in a shadow root.
//
// scripts/build-web puts constants in front of this file: CSS (the text of www/app.css) and EXAMPLE
// (the files of examples/broken, as {name: text}). The widget and the offline file also get
// WASM_BASE64 (the WebAssembly module), and the offline file WORKER_SOURCE; otherwise the module and
// the worker are wb_ssl_check_bg.wasm and worker.js next to this file.
//
// Every piece of user data (file names, values, certificate subjects) reaches the DOM through
// textContent or attributes, never as HTML. Nothing is sent anywhere and nothing is stored.

/* global CSS, EXAMPLE */

// Channel titles, status words, role and input-kind labels come from the core (the worker's
// `metadata` operation, the wasm API's metadata()): the page does not repeat them. Until they arrive
// the ids stand in.
const CHANNEL_IDS = ['a', 'b', 'c', '-'];
let META = null;
function label(list, id) {
  const hit = META && META[list].find((n) => n.id === id);
  return hit ? hit.label : id;
}
/** "1 error", "3 errors", "1 file" — English plurals of the nouns the page counts. */
function count(n, noun) {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
/** "in 729 days", "today", "3 days ago". */
function relativeDays(days) {
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return 'yesterday';
  return days > 0 ? `in ${days} days` : `${-days} days ago`;
}
const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 };
const MAX_FILE_BYTES = 16 * 1024 * 1024 + 1;
const CHECK_TIMEOUT_MS = 30000;

// ---------------------------------------------------------------------------------------------
// DOM helpers: element creation with text only.

function el(tag, attrs = {}, ...children) {
  const svg = ['svg', 'g', 'line', 'rect', 'text', 'path', 'title', 'polygon', 'marker', 'defs'].includes(tag);
  const node = svg ? document.createElementNS('http://www.w3.org/2000/svg', tag) : document.createElement(tag);
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

/** Text with `code` spans, as DOM (messages and docs quote settings that way). */
function inline(s) {
  const frag = document.createDocumentFragment();
  s.split(/(`[^`]*`)/).forEach((part) => {
    if (part.startsWith('`') && part.endsWith('`') && part.length > 1) frag.append(el('code', { text: part.slice(1, -1) }));
    else if (part) frag.append(part);
  });
  return frag;
}

/** Renders the small Markdown subset of the rule docs (headings, lists, code) as DOM, safely. */
function markdown(text) {
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

/** The rules' documentation, generated from their doc comments: inline in the offline file, else
 * rule-docs.js next to this module, loaded the first time a finding is opened. */
let ruleDocs = null;
function loadRuleDocs() {
  if (!ruleDocs) {
    // eslint-disable-next-line no-undef
    ruleDocs = typeof RULE_DOCS === 'object' ? Promise.resolve(RULE_DOCS) : import(new URL('rule-docs.js', import.meta.url)).then((m) => m.default);
  }
  return ruleDocs;
}

function base64ToBytes(b64) {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

function daysLeft(iso, now) {
  return Math.floor((Date.parse(iso) - now) / 86400000);
}

// ---------------------------------------------------------------------------------------------
// The checker runs in a Web Worker, so that a large input never freezes the page. A panic in the
// core traps the WebAssembly instance: the worker reports it and is replaced before the next check.

class Checker {
  constructor(workerUrl, wasmUrl) {
    this.workerUrl = workerUrl;
    // The widget and the offline file carry the module inline (no network at all); the page fetches
    // its own wb_ssl_check_bg.wasm, which its CSP allows (connect-src 'self') and which compresses better.
    // Compiled once here (streaming: while it downloads) and handed to each worker as a Module, so a
    // replaced worker starts without compiling again.
    this.wasm =
      typeof WASM_BASE64 === 'string'
        ? WebAssembly.compile(base64ToBytes(WASM_BASE64))
        : WebAssembly.compileStreaming(
            fetch(wasmUrl).then((r) => {
              if (!r.ok) throw new Error(`cannot load ${wasmUrl}: ${r.status}`);
              return r;
            }),
          );
    this.seq = 0;
    this.pending = new Map();
    this.started = null;
    // Bumped each time the worker is replaced: a new worker has not seen the last check.
    this.generation = 0;
  }

  start() {
    // The worker's script loads while the module compiles; it gets the module when both are ready.
    let worker;
    if (typeof WORKER_SOURCE === 'string') {
      // The offline file: the worker comes from a Blob (there is no file to load from file://).
      // A classic worker: Chromium refuses module workers from Blob URLs on file:// pages.
      worker = new Worker(URL.createObjectURL(new Blob([WORKER_SOURCE], { type: 'text/javascript' })));
    } else {
      worker = new Worker(this.workerUrl, { type: 'module' });
    }
    worker.onmessage = (e) => this.settle(e.data);
    worker.onerror = (e) => {
      e.preventDefault();
      this.failAll(e.message || 'the checker stopped');
    };
    this.started = this.wasm.then(
      (module) => {
        worker.postMessage({ id: 0, op: 'init', args: [module] });
        return worker;
      },
      (e) => {
        worker.terminate();
        throw e;
      },
    );
    return this.started;
  }

  settle({ id, result, error, fatal }) {
    if (fatal) this.restart();
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    clearTimeout(p.timer);
    if (error !== undefined) p.reject(new Error(error));
    else p.resolve(result);
  }

  failAll(message) {
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(new Error(message));
    }
    this.pending.clear();
    this.restart();
  }

  restart() {
    const old = this.started;
    this.started = null;
    this.generation += 1;
    if (old) old.then((w) => w.terminate(), () => {});
  }

  async call(op, args = []) {
    if (!this.started) this.start();
    const worker = await this.started;
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`the check took more than ${this.timeoutMs / 1000} s and was stopped`));
        this.restart();
      }, this.timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      worker.postMessage({ id, op, args });
    });
  }

  get timeoutMs() {
    return this.timeout || CHECK_TIMEOUT_MS;
  }
}

// ---------------------------------------------------------------------------------------------
// The element.

class WbSslCheck extends HTMLElement {
  constructor() {
    super();
    this.files = []; // {name, blob, role}: the content is read by the worker, never here
    this.report = null;
    this.selectedChannel = null;
    this.running = 0;
  }

  connectedCallback() {
    if (this.shadowRoot) return;
    const root = this.attachShadow({ mode: 'open' });
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    root.adoptedStyleSheets = [sheet];
    this.checker = new Checker(new URL('worker.js', import.meta.url), new URL('wb_ssl_check_bg.wasm', import.meta.url));
    // <wb-ssl-check check-timeout-ms="..."> shortens the 30 s limit on one check (the tests use it).
    this.checker.timeout = Number(this.getAttribute('check-timeout-ms')) || CHECK_TIMEOUT_MS;
    this.checker.start().catch((e) => {
      this.$('status').textContent = `The checker could not start: ${e.message}`;
    });
    this.checker.call('metadata').then(
      (m) => {
        META = m;
        this.$('intro').replaceChildren(...this.introContent());
        if (this.files.length) this.renderFileList();
      },
      () => {},
    );
    root.append(this.render());
    this.setReady(true);
  }

  /** Before anything is checked: the three channels, what must agree on each, and which files check
   * it. The words come from the core (metadata); until they arrive, only the diagram is shown. */
  introContent() {
    const placeholder = { channels: ['a', 'b', 'c'].map((id) => ({ id, status: 'unknown', endpoint: null })) };
    const items = META
      ? META.channels.filter((c) => c.id !== '-').map((c) =>
          el(
            'li',
            { 'data-intro-channel': c.id },
            el('h4', { text: `(${c.id}) ${c.label}` }),
            el('p', { text: c.about }),
            el('p', {}, 'Must agree: ', ...c.settings.flatMap((k, i) => [i ? ', ' : '', el('code', { text: k })])),
            el('p', { class: 'needs', text: `To check it, give: ${c.needs.join(', ')}.` }),
          ),
        )
      : [];
    return [el('h3', { id: 'intro-title', text: 'What is checked: the three channels of Workbench' }), this.renderDiagram(placeholder, false), el('ol', { class: 'channels-intro' }, ...items)];
  }

  setReady(ready) {
    this.toggleAttribute('data-ready', ready);
    this.dispatchEvent(new CustomEvent(ready ? 'wb-ready' : 'wb-busy', { bubbles: true, composed: true }));
  }

  // ----- layout -----

  render() {
    const $ = (id) => this.shadowRoot.getElementById(id);
    this.$ = $;
    const fileInput = el('input', { type: 'file', multiple: true, id: 'file-input', class: 'visually-hidden', tabindex: '-1', 'aria-hidden': 'true', onchange: (e) => this.addFileList(e.target.files) });
    const dirInput = el('input', { type: 'file', webkitdirectory: true, id: 'dir-input', class: 'visually-hidden', tabindex: '-1', 'aria-hidden': 'true', onchange: (e) => this.addFileList(e.target.files) });
    const drop = el(
      'div',
      {
        id: 'drop',
        class: 'drop',
        role: 'group',
        'aria-label': 'Add files',
        ondragover: (e) => { e.preventDefault(); drop.classList.add('over'); },
        ondragleave: () => drop.classList.remove('over'),
        ondrop: (e) => { e.preventDefault(); drop.classList.remove('over'); this.addDropped(e.dataTransfer); },
      },
      el('p', { class: 'drop-title', text: 'Drop /etc/rstudio here: rserver.conf, launcher.conf, certificates, keys, or a whole folder' }),
      el(
        'div',
        { class: 'buttons' },
        el('button', { type: 'button', id: 'choose-files', onclick: () => fileInput.click(), text: 'Choose files' }),
        el('button', { type: 'button', id: 'choose-folder', onclick: () => dirInput.click(), text: 'Choose folder' }),
        el('button', { type: 'button', id: 'load-example', onclick: () => this.loadExample(), text: 'Load example' }),
        el('button', { type: 'button', id: 'clear', class: 'quiet', onclick: () => this.clear(), text: 'Clear' }),
      ),
      fileInput,
      dirInput,
    );
    const paste = el(
      'details',
      { class: 'paste' },
      el('summary', { text: 'Paste a file instead' }),
      el(
        'form',
        { id: 'paste-form', onsubmit: (e) => { e.preventDefault(); this.addPasted(); } },
        el('label', { for: 'paste-name', text: 'File name' }),
        el('input', { id: 'paste-name', list: 'known-names', placeholder: 'rserver.conf', required: true, autocomplete: 'off' }),
        el('datalist', { id: 'known-names' }, ...['rserver.conf', 'launcher.conf', 'jupyter.conf', 'vscode.conf', 'load-balancer', 'launcher.pem', 'launcher.pub', 'server.crt', 'server.key', 'ls-l.txt'].map((n) => el('option', { value: n }))),
        el('label', { for: 'paste-text', text: 'Content' }),
        el('textarea', { id: 'paste-text', rows: 6, spellcheck: 'false', placeholder: 'Paste the file here. For permissions, paste the output of ls -l /etc/rstudio.' }),
        el('button', { type: 'submit', text: 'Add' }),
      ),
    );
    const host = el(
      'div',
      { class: 'field' },
      el('label', { for: 'hostname', text: 'Public host name users type (optional)' }),
      el('input', { id: 'hostname', placeholder: 'workbench.example.org', autocomplete: 'off', spellcheck: 'false', onchange: () => this.run() }),
    );
    return el(
      'div',
      { class: 'app' },
      el('header', {}, el('h2', { text: 'wb-ssl-check' }), el('p', { class: 'tagline', text: 'Posit Workbench SSL and Job Launcher checker' }), el('p', { class: 'promise', id: 'promise', text: 'Your files never leave this browser: everything is checked right here, with no upload.' })),
      el('div', { id: 'status', class: 'status', role: 'status', 'aria-live': 'polite' }),
      el(
        'details',
        { id: 'inputs-fold', class: 'inputs-fold', open: true },
        el('summary', { id: 'inputs-summary', text: 'Files to check' }),
        el('section', { class: 'inputs', 'aria-labelledby': 'inputs-title' }, el('h3', { id: 'inputs-title', class: 'visually-hidden', text: 'Inputs' }), drop, paste, host, el('div', { id: 'file-list' })),
      ),
      // Results come right after the inputs, which fold into one line once there are results.
      el('section', { id: 'results', class: 'results', 'aria-label': 'Results', hidden: true }),
      el('section', { id: 'intro', class: 'intro', 'aria-labelledby': 'intro-title' }, ...this.introContent()),
    );
  }

  // ----- inputs -----

  async addFileList(list) {
    const files = [];
    for (const f of list) files.push(await this.readFile(f, f.webkitRelativePath || f.name));
    this.addFiles(files);
  }

  async addDropped(dt) {
    const entries = [...dt.items].map((i) => (i.webkitGetAsEntry ? i.webkitGetAsEntry() : null)).filter(Boolean);
    if (!entries.length) return this.addFileList(dt.files);
    const files = [];
    const walk = async (entry, depth) => {
      if (entry.isFile) {
        const file = await new Promise((res, rej) => entry.file(res, rej));
        files.push(await this.readFile(file, entry.fullPath.replace(/^\//, '')));
      } else if (entry.isDirectory && depth < 3) {
        const reader = entry.createReader();
        for (;;) {
          const batch = await new Promise((res, rej) => reader.readEntries(res, rej));
          if (!batch.length) break;
          for (const e of batch) await walk(e, depth + 1);
        }
      }
    };
    for (const e of entries) await walk(e, 0);
    this.addFiles(files);
  }

  async readFile(file, name) {
    // Not read here: the worker reads the Blob (at most one byte over the core's limit, so that it
    // reports the file as too large).
    return { name, blob: file.slice(0, MAX_FILE_BYTES), role: '' };
  }

  addPasted() {
    const name = this.$('paste-name').value.trim();
    const text = this.$('paste-text').value;
    if (!name) return;
    this.addFiles([{ name, blob: new Blob([text]), role: '' }]);
    this.$('paste-text').value = '';
    this.$('paste-name').value = '';
  }

  addFiles(files) {
    for (const f of files) {
      const i = this.files.findIndex((x) => x.name === f.name);
      if (i >= 0) this.files[i] = f;
      else this.files.push(f);
    }
    this.run();
  }

  loadExample() {
    this.files = Object.entries(EXAMPLE).map(([name, text]) => ({ name, blob: new Blob([text]), role: '' }));
    this.$('hostname').value = '';
    this.run();
  }

  clear() {
    this.files = [];
    this.report = null;
    this.shown = null;
    this.renderFileList();
    this.$('results').hidden = true;
    this.$('intro').hidden = false;
    this.$('inputs-fold').open = true;
    this.shadowRoot.querySelector('.app').classList.remove('has-results');
    this.$('status').textContent = '';
  }

  // ----- checking -----

  async run() {
    this.renderFileList();
    if (!this.files.length) return this.clear();
    const token = ++this.running;
    this.setReady(false);
    this.$('status').textContent = 'Checking…';
    const roles = Object.fromEntries(this.files.filter((f) => f.role).map((f) => [f.name, f.role]));
    const request = { inputs: this.files.map((f) => ({ name: f.name, bytes: f.blob })), now: Date.now(), hostname: this.$('hostname').value.trim() || undefined, roles };
    // Only the page serves public-roots.bin; the widget and the offline file fetch nothing.
    const rootsUrl = typeof WASM_BASE64 !== 'string' ? new URL('public-roots.bin', import.meta.url).href : undefined;
    try {
      const report = await this.checker.call('check', [request, rootsUrl]);
      if (token !== this.running) return;
      this.report = report;
      // What is on screen, so that a replaced worker can be given the same check again.
      this.shown = { args: [request, rootsUrl], generation: this.checker.generation };
      this.renderFileList();
      this.renderResults();
      this.$('status').textContent = this.summaryText(report);
    } catch (err) {
      if (token !== this.running) return;
      this.$('status').textContent = `The check failed: ${err.message}. The page still works: change an input to try again.`;
      this.$('status').classList.add('failed');
    } finally {
      if (token === this.running) this.setReady(true);
    }
  }

  summaryText(r) {
    const s = r.summary;
    return `Checked ${count(r.inputs.length, 'file')}: ${count(s.errors, 'error')}, ${count(s.warnings, 'warning')}, ${count(s.infos, 'note')}.`;
  }

  // ----- rendering: inputs -----

  renderFileList() {
    const list = this.$('file-list');
    list.replaceChildren();
    this.$('inputs-summary').textContent = this.files.length ? `${count(this.files.length, 'file')} · add, remove or change roles` : 'Files to check';
    this.$('status').classList.remove('failed');
    if (!this.files.length) return;
    const known = new Map((this.report ? this.report.inputs : []).map((i) => [i.name, i]));
    const table = el('table', { class: 'files' }, el('caption', { class: 'visually-hidden', text: 'Files being checked' }), el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'File' }), el('th', { scope: 'col', text: 'Detected' }), el('th', { scope: 'col', text: 'Role' }), el('th', { scope: 'col', text: '' }))));
    const body = el('tbody');
    this.files.forEach((f, idx) => {
      const info = known.get(f.name);
      const isPki = info && ['pem-bundle', 'der', 'pkcs12'].includes(info.kind);
      const select = el('select', { 'aria-label': `Role of ${f.name}`, 'data-file': f.name, onchange: (e) => { f.role = e.target.value; this.run(); } });
      const roles = [['', 'Automatic'], ...(META ? META.roles.filter((r) => r.assignable).map((r) => [r.id, r.label]) : [])];
      if (f.role && !roles.some(([v]) => v === f.role)) roles.push([f.role, label('roles', f.role)]);
      for (const [value, text] of roles) {
        const auto = value === '' && info && info.role ? `Automatic: ${label('roles', info.role)}` : text;
        select.append(el('option', { value, selected: f.role === value, text: auto }));
      }
      body.append(
        el(
          'tr',
          { 'data-input': f.name },
          el('td', { class: 'name', text: f.name }),
          el('td', { 'data-kind': info ? info.kind : '', text: info ? `${label('kinds', info.kind)}${info.description ? ' · ' + info.description : ''}` : '…' }),
          el('td', {}, isPki || f.role ? select : el('span', { class: 'muted', text: '—' })),
          el('td', {}, el('button', { type: 'button', class: 'quiet', 'aria-label': `Remove ${f.name}`, onclick: () => { this.files.splice(idx, 1); this.run(); }, text: '✕' })),
        ),
      );
    });
    table.append(body);
    list.append(table);
  }

  // ----- rendering: results -----

  renderResults() {
    const r = this.report;
    const results = this.$('results');
    results.hidden = false;
    // Results first: the explanation gives way, and the inputs fold into their one-line summary.
    this.$('intro').hidden = true;
    this.$('inputs-fold').open = false;
    // The banner says what the status line says; the line stays for screen readers.
    this.shadowRoot.querySelector('.app').classList.add('has-results');
    results.replaceChildren(
      this.renderBanner(r),
      // The diagram and the selected channel side by side on wide screens, so that the first findings
      // are in view without scrolling.
      el('div', { class: 'overview' }, this.renderDiagram(r), el('div', { id: 'channel-detail', class: 'channel-detail' })),
      this.renderFindings(r),
      this.renderCertificates(r),
      this.renderNotChecked(r),
      this.renderExport(),
    );
    this.showChannel(this.selectedChannel || (r.channels.find((c) => c.status === 'broken') || r.channels[0] || {}).id);
  }

  renderBanner(r) {
    const s = r.summary;
    const verified = r.channels.length === 3 && r.channels.every((c) => c.status === 'verified');
    const kind = s.errors ? 'bad' : s.warnings ? 'warn' : 'good';
    const title = verified && !s.errors ? 'All three channels verified' : s.errors ? `${count(s.errors, 'error')} will break Workbench or leave it insecure` : s.warnings ? 'No errors, but warnings worth a look' : 'No problems found';
    return el(
      'div',
      { class: `banner ${kind}`, id: 'banner', 'data-errors': s.errors, 'data-warnings': s.warnings, 'data-verified': String(verified) },
      el('strong', { text: title }),
      el('span', { text: ` · ${count(s.errors, 'error')}, ${count(s.warnings, 'warning')}, ${count(s.infos, 'note')}` }),
    );
  }

  renderDiagram(r, interactive = true) {
    const status = Object.fromEntries(r.channels.map((c) => [c.id, c]));
    const node = (x, y, label, sub) =>
      el('g', { class: 'node' }, el('rect', { x: x - 80, y: y - 26, width: 160, height: 52, rx: 10 }), el('text', { x, y: y - 2, 'text-anchor': 'middle', class: 'node-label', text: label }), el('text', { x, y: y + 16, 'text-anchor': 'middle', class: 'node-sub', text: sub }));
    // An arrowhead at (x, y) pointing in direction (dx, dy).
    const head = (x, y, dx, dy) => {
      const len = Math.hypot(dx, dy);
      const [ux, uy] = [dx / len, dy / len];
      const pts = [[x, y], [x - ux * 12 - uy * 7, y - uy * 12 + ux * 7], [x - ux * 12 + uy * 7, y - uy * 12 - ux * 7]];
      return el('polygon', { class: 'head', points: pts.map((p) => p.join(',')).join(' ') });
    };
    const arrow = (id, x1, y1, x2, y2, both, lx, ly, anchor = 'middle') => {
      const c = status[id] || { status: 'unknown', endpoint: null };
      const title = label('channels', id);
      const attrs = interactive
        ? { class: `channel status-${c.status}`, 'data-channel': id, 'data-status': c.status, role: 'button', tabindex: 0, 'aria-label': `(${id}) ${label('statuses', c.status)}${c.endpoint ? ' ' + shorten(c.endpoint, 30) : ''}: channel ${title}. Show details.`, onclick: () => this.showChannel(id), onkeydown: (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); this.showChannel(id); } } }
        : { class: 'channel status-unchecked', 'data-intro-channel': id };
      return el(
        'g',
        attrs,
        // The button's name is its aria-label (visible text first, as WCAG 2.5.3 asks); an SVG title
        // would add words to the visible text that the name does not have.
        interactive ? null : el('title', { text: title }),
        el('line', { x1, y1, x2, y2, class: 'hit' }),
        el('line', { x1, y1, x2, y2, class: 'wire' }),
        head(x2, y2, x2 - x1, y2 - y1),
        both ? head(x1, y1, x1 - x2, y1 - y2) : null,
        // The trailing space keeps the label and the endpoint apart in the button's visible text, which
        // must appear in its accessible name (axe's label-content-name-mismatch).
        el('text', { x: lx, y: ly, 'text-anchor': anchor, class: 'wire-label', text: interactive ? `(${id}) ${label('statuses', c.status)} ` : `(${id})` }),
        el('text', { x: lx, y: ly + 16, 'text-anchor': anchor, class: 'wire-endpoint', text: c.endpoint ? shorten(c.endpoint, 30) : '' }),
      );
    };
    const svg = el(
      'svg',
      { viewBox: '0 0 780 270', class: 'diagram', role: 'group', 'aria-label': 'The three channels; select one for its details' },
      node(95, 70, 'Browser', 'users'),
      node(390, 70, 'Workbench', 'rserver'),
      node(685, 70, 'Job Launcher', 'launcher'),
      node(390, 225, 'Session', 'R, Jupyter, VS Code'),
      el('line', { x1: 685, y1: 96, x2: 472, y2: 212, class: 'starts' }),
      el('text', { x: 610, y: 170, class: 'node-sub', text: 'starts sessions' }),
      arrow('a', 180, 70, 305, 70, true, 242, 22),
      arrow('b', 475, 70, 600, 70, true, 537, 22),
      arrow('c', 390, 197, 390, 98, false, 402, 142, 'start'),
    );
    if (!interactive) svg.setAttribute('aria-label', 'The three channels: (a) browser to Workbench, (b) Workbench to the Job Launcher, (c) sessions back to Workbench');
    return el('figure', { class: 'diagram-wrap' }, svg, interactive ? el('figcaption', { text: 'Select a channel for its details.' }) : null);
  }

  showChannel(id) {
    const r = this.report;
    if (!r || !id) return;
    this.selectedChannel = id;
    const c = r.channels.find((x) => x.id === id);
    const box = this.$('channel-detail');
    if (!c) return box.replaceChildren();
    for (const g of this.shadowRoot.querySelectorAll('svg g.channel')) g.classList.toggle('selected', g.dataset.channel === id);
    const settings = el(
      'table',
      { class: 'settings' },
      el('caption', { text: 'Settings involved' }),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'Setting' }), el('th', { scope: 'col', text: 'Value in effect' }), el('th', { scope: 'col', text: 'Where' }))),
      el('tbody', {}, ...c.settings.map((s) => el('tr', {}, el('td', {}, el('code', { text: s.key })), el('td', {}, s.value ? el('code', { text: s.value }) : el('span', { class: 'muted', text: 'not set' })), el('td', { text: s.default ? 'default' : `${s.file}:${s.line}` })))),
    );
    const cert = c.certificate
      ? el('div', { class: 'cert-ref' }, el('strong', { text: 'Certificate: ' }), c.certificate.subject, el('br'), 'Names: ', c.certificate.sans.join(', ') || '—', el('br'), `Expires ${c.certificate.not_after.slice(0, 10)} · SHA-256 ${c.certificate.sha256.slice(0, 23)}…`)
      : null;
    box.replaceChildren(
      el(
        'article',
        { class: `channel-card status-${c.status}`, 'data-channel': c.id, 'data-status': c.status, 'aria-live': 'polite' },
        el('h3', {}, `(${c.id}) ${label('channels', c.id)}: `, el('span', { class: 'pill', text: label('statuses', c.status) })),
        c.endpoint ? el('p', {}, 'Endpoint: ', el('code', { text: c.endpoint })) : null,
        el('p', {}, inline(c.explanation)),
        cert,
        c.trust.length ? el('ul', { class: 'trust' }, ...c.trust.map((t) => el('li', {}, inline(t)))) : null,
        c.settings.length ? el('details', { class: 'settings-fold' }, el('summary', { text: `Settings involved (${c.settings.length})` }), settings) : null,
      ),
    );
  }

  renderFindings(r) {
    const section = el('section', { class: 'findings', 'aria-labelledby': 'findings-title' }, el('h3', { id: 'findings-title', text: 'Findings' }));
    if (!r.findings.length) section.append(el('p', { class: 'muted', text: 'No findings.' }));
    for (const id of CHANNEL_IDS) {
      const group = r.findings.filter((f) => f.channel === id).sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
      if (!group.length) continue;
      section.append(el('h4', { text: `${id === '-' ? '' : `(${id}) `}${label('channels', id)}` }), el('div', { class: 'group', 'data-group': id }, ...group.map((f) => this.renderFinding(f))));
    }
    return section;
  }

  renderFinding(f) {
    const where = f.block ? `${f.file}, block ${f.block}` : f.line ? `${f.file}:${f.line}` : f.file;
    const configLine = f.line && !f.block;
    const docs = el('div', { class: 'docs' });
    const lineBox = el('div', { class: 'source' });
    const details = el(
      'details',
      { class: `finding sev-${f.severity}`, 'data-rule': f.rule, 'data-severity': f.severity, 'data-channel': f.channel, ontoggle: () => details.open && this.fillDocs(f.rule, docs) },
      el('summary', {}, el('span', { class: `badge ${f.severity}`, text: f.severity }), ' ', el('code', { class: 'rule', text: f.rule }), ' ', el('span', { class: 'msg' }, inline(f.message))),
      el(
        'div',
        { class: 'body' },
        el('p', { class: 'fix' }, el('strong', { text: 'Fix: ' }), inline(f.help)),
        el('p', { class: 'where' }, 'Where: ', configLine ? el('button', { type: 'button', class: 'link', onclick: () => this.showLine(f, lineBox), text: where }) : el('code', { text: where })),
        lineBox,
        docs,
      ),
    );
    return details;
  }

  async fillDocs(rule, box) {
    if (box.childNodes.length) return;
    let text = '';
    try {
      text = (await loadRuleDocs())[rule] || '';
    } catch (e) {
      text = `The documentation could not be loaded (${e.message}).`;
    }
    box.replaceChildren(el('h5', { class: 'docs-title', text: `About ${rule}` }), markdown(text));
  }

  /** Shows the line a finding points at, for config files only (never key or certificate content):
   * the worker, which holds the files, returns those lines (or nothing for any other kind of file). */
  async showLine(f, box) {
    const info = this.report.inputs.find((i) => i.name === f.file);
    const from = Math.max(1, f.line - 2);
    const got = info && /conf|load-balancer/.test(info.kind) ? await this.callOnShown('lines', [f.file, from, f.line + 2]).catch(() => null) : null;
    if (!got || !got.length) {
      box.replaceChildren(el('p', { class: 'muted', text: 'This file’s content is not shown.' }));
      return;
    }
    const lines = [];
    lines[from - 1] = undefined;
    got.forEach((l, i) => (lines[from - 1 + i] = l));
    const to = from + got.length - 1;
    const pre = el('pre', { class: 'lines', 'aria-label': `${f.file} lines ${from} to ${to}` });
    for (let n = from; n <= to; n++) {
      pre.append(el('span', { class: n === f.line ? 'line hit' : 'line' }, el('span', { class: 'ln', text: String(n).padStart(4) }), ' ', shorten(lines[n - 1] || '', 200)), '\n');
    }
    box.replaceChildren(pre);
  }

  renderCertificates(r) {
    if (!r.certificates.length) return el('div');
    const now = Date.now();
    return el(
      'section',
      { class: 'certs', 'aria-labelledby': 'certs-title' },
      el('h3', { id: 'certs-title', text: 'Certificates' }),
      el(
        'div',
        { class: 'cards' },
        ...r.certificates.slice(0, 200).map((c) => {
          const left = daysLeft(c.not_after, now);
          const cn = (c.subject.match(/CN=([^,]+)/) || [])[1] || c.subject || '(empty subject)';
          return el(
            'article',
            { class: 'cert', 'data-file': c.file, 'data-block': c.block },
            el('h4', { text: cn }),
            el('p', { class: 'muted', text: `${c.file} · block ${c.block} · ${label('roles', c.role)}` }),
            el(
              'dl',
              {},
              el('dt', { text: 'Names' }), el('dd', { text: c.sans.join(', ') || '—' }),
              el('dt', { text: 'Issuer' }), el('dd', { text: c.issuer }),
              el('dt', { text: 'Valid' }), el('dd', { class: left < 0 ? 'bad' : left < 30 ? 'warn' : '', title: `${c.not_before} to ${c.not_after}` }, left < 0 ? `expired ${relativeDays(left)}` : `expires ${relativeDays(left)}`),
              el('dt', { text: 'Key' }), el('dd', { text: `${c.key} · ${c.signature}` }),
              el('dt', { text: 'Type' }), el('dd', { text: [c.ca ? 'CA' : 'server', c.self_signed ? 'self-signed' : null].filter(Boolean).join(', ') }),
              el('dt', { text: 'SHA-256' }), el('dd', {}, el('code', { class: 'fp', text: c.sha256 })),
            ),
          );
        }),
      ),
      r.certificates.length > 200 ? el('p', { class: 'muted', text: `${r.certificates.length - 200} more certificates are in the JSON report.` }) : null,
    );
  }

  renderNotChecked(r) {
    if (!r.not_checked.length) return el('div');
    return el('section', { class: 'not-checked' }, el('h3', { text: 'Not checked' }), el('ul', {}, ...r.not_checked.map((n) => el('li', {}, inline(n)))));
  }

  renderExport() {
    const note = el('span', { class: 'muted', role: 'status', id: 'export-note' });
    return el(
      'section',
      { class: 'export', 'aria-label': 'Export' },
      el('button', { type: 'button', id: 'copy-report', onclick: () => this.copyReport(note), text: 'Copy report' }),
      el('button', { type: 'button', id: 'download-json', onclick: () => this.downloadJson(), text: 'Download JSON' }),
      note,
    );
  }

  /** Calls the worker about the results on screen; a worker that replaced the one that checked them
   * (after a panic or a time-out) is first given the same check again. */
  async callOnShown(op, args = []) {
    if (!this.shown) throw new Error('nothing was checked yet');
    if (this.shown.generation !== this.checker.generation) {
      await this.checker.call('check', this.shown.args);
      this.shown.generation = this.checker.generation;
    }
    return this.checker.call(op, args);
  }

  async copyReport(note) {
    let text;
    try {
      text = await this.callOnShown('markdown');
    } catch (e) {
      note.textContent = `The report could not be made: ${e.message}. Check the files again and retry.`;
      return;
    }
    this.lastMarkdown = text;
    try {
      await navigator.clipboard.writeText(text);
      note.textContent = 'Report copied as Markdown: paste it into your support ticket.';
    } catch (e) {
      const area = el('textarea', { rows: 8, readonly: true, 'aria-label': 'Report as Markdown' });
      area.value = text;
      note.replaceChildren('Copy the report from here:', area);
      area.select();
    }
  }

  downloadJson() {
    const blob = new Blob([JSON.stringify(this.report, null, 2)], { type: 'application/json' });
    const a = el('a', { href: URL.createObjectURL(blob), download: 'wb-ssl-check-report.json' });
    this.shadowRoot.append(a);
    a.click();
    a.remove();
  }
}

function shorten(s, n) {
  return s.length > n ? s.slice(0, n - 1) + '…' : s;
}

if (!customElements.get('wb-ssl-check')) customElements.define('wb-ssl-check', WbSslCheck);
