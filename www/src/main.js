// wb-ssl-check: the page, the widget and the offline file share this module (scripts/build-web
// bundles www/src/ into one script). It defines the <wb-ssl-check> element, which renders the whole
// tool in a shadow root; each module next to this one has one job: inputs, diagram, findings, chains,
// export, and the worker client.
//
// scripts/build-web puts constants in front of the bundle: CSS (the text of www/app.css), in the
// widget WIDGET (it never asks for public-roots.bin), in the inline widget and the offline file EXAMPLE
// (the files of examples/broken, as {name: text}; the page and the widget fetch example.json instead)
// and WASM_BASE64 (the WebAssembly module), and SYMPTOM_CATALOG, and in the offline file RULE_DOCS and WORKER_SOURCE;
// otherwise the module, the worker, the example and the rule docs are files next to the script.
//
// Nothing is sent anywhere and nothing is stored.

/* global CSS, EXAMPLE, SYMPTOM_CATALOG, CHART_DEFAULTS, WIDGET */

import { el, inline } from './dom.js';
import { capitalised, count, label, named, setMetadata, severityNoun } from './words.js';
import { CHECK_TIMEOUT_MS, Checker, MODULE_INLINE } from './worker-client.js';
import { fromText, inputsSummary, renderFileTable, renderInputs } from './inputs.js';
import { ACROSS_MIN_WIDTH, renderChannelCard, renderDiagram, renderIntro } from './diagram.js';
import { renderFilterBar, renderFindings, renderLines } from './findings.js';
import { renderCertificates } from './chains.js';
import { renderExport } from './export.js';
import { renderFixActions } from './fixes.js';
import { renderFirstStep, renderPlan } from './plan.js';
import { renderSymptoms } from './symptoms.js';

class WbSslCheck extends HTMLElement {
  constructor() {
    super();
    this.files = []; // {name, blob, role}: the content is read by the worker, never here
    this.report = null;
    // What is on screen, so that a replaced worker can be given the same check again.
    this.shown = null;
    this.selectedChannel = null;
    this.running = 0;
    // The core's words (metadata), once asked for; results are rendered only once they are here.
    this.meta = null;
    // A printed report is whole: every finding open with its fix, no filter. Window listeners, added
    // while the element is on the page.
    this.beforePrint = () => {
      const root = this.shadowRoot;
      const all = root.querySelector('.chip.all');
      if (all) all.click();
      // Every fold of the results: findings, plan steps, symptoms' meanings and causes, cards.
      this.printOpened = [...root.querySelectorAll('#results details:not([open])')];
      for (const d of this.printOpened) d.open = true;
    };
    this.afterPrint = () => {
      for (const d of this.printOpened || []) d.open = false;
      this.printOpened = null;
    };
    // The element resized (a phone turned, a window or a column narrowed): each diagram drawn again
    // when the room it has now calls for the other orientation, and the banner sticky or not.
    this.resized = new ResizeObserver(() => {
      this.fitDiagrams();
      this.fitBanner();
    });
    // A control focused under the sticky banner (Tab from below, a step opened) scrolls into view
    // below it (WCAG 2.4.11: focus not obscured).
    this.unhideFocus = (e) => {
      const banner = this.shadowRoot.querySelector('.banner.stuck');
      const target = e.composedPath()[0];
      if (!banner || !(target instanceof Element) || banner.contains(target)) return;
      const b = banner.getBoundingClientRect();
      const t = target.getBoundingClientRect();
      if (t.top < b.bottom + 4 && t.bottom > b.top) scrollBy(0, t.top - b.bottom - 12);
    };
  }

  connectedCallback() {
    addEventListener('beforeprint', this.beforePrint);
    addEventListener('afterprint', this.afterPrint);
    this.resized.observe(this);
    // Moved on the page (removed, then added again): the checker starts again on the next call (now,
    // if the core's words were never loaded).
    if (this.shadowRoot) {
      if (!this.meta && this.$('intro')) this.metadataLoaded().catch(() => {});
      return;
    }
    const root = this.attachShadow({ mode: 'open' });
    root.addEventListener('focusin', this.unhideFocus);
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    root.adoptedStyleSheets = [sheet];
    // <wb-ssl-check check-timeout-ms="..."> shortens the 30 s limit on one check (the tests use it).
    const timeout = Number(this.getAttribute('check-timeout-ms')) || CHECK_TIMEOUT_MS;
    this.checker = new Checker(new URL('worker.js', import.meta.url), new URL('wb_ssl_check_bg.wasm', import.meta.url), timeout);
    this.checker.start().catch((e) => {
      // Shown once drawn if it comes before; not at all if the element has left the page.
      this.startFailure = this.isConnected ? `${capitalised(e.message)}.` : null;
      if (this.startFailure && this.$('status')) this.$('status').textContent = this.startFailure;
    });
    // Drawn in a task of its own: the tool's first layout takes tens of milliseconds, and the worker's
    // start needs this thread for a moment. In the module's task, the layout came first and the checker
    // was ready about 20 ms later; drawn once the worker runs, it was ready as soon but drawn 40 ms
    // later (bench/page.mjs, interleaved runs).
    setTimeout(() => {
      root.append(this.render());
      if (this.startFailure) this.$('status').textContent = this.startFailure;
      this.setReady(true);
      // Not for an element already removed again: that would start a worker nothing ends.
      if (this.isConnected) this.metadataLoaded().catch(() => {});
    });
  }

  /** Removed from the page: its worker ends and its window listeners go. */
  disconnectedCallback() {
    removeEventListener('beforeprint', this.beforePrint);
    removeEventListener('afterprint', this.afterPrint);
    this.resized.disconnect();
    this.checker.stop();
  }

  /** The core's words, asked for once (again after a failure). */
  metadataLoaded() {
    if (!this.meta) {
      this.meta = this.checker.call('metadata').then(
        (m) => {
          setMetadata(m);
          this.$('intro').replaceChildren(...renderIntro(this.room('intro')));
          if (this.files.length) this.renderFileList();
          return m;
        },
        (e) => {
          this.meta = null;
          throw e;
        },
      );
    }
    return this.meta;
  }

  $(id) {
    return this.shadowRoot.getElementById(id);
  }

  /** The width a diagram has to be drawn in: the box it is in once laid out, else what the element's
   * width will give it (the results' diagram shares the row with the plan from 900 px: app.css). */
  room(where) {
    const box = where === 'intro' ? this.shadowRoot?.getElementById('intro') : this.shadowRoot?.querySelector('.overview > .diagram-col');
    if (box && box.clientWidth) return box.clientWidth;
    const width = Math.min(this.clientWidth || innerWidth, 1100) - 32;
    return where === 'intro' || width < 900 ? width : width * 0.46;
  }

  /** Draws the diagrams again, as they are (after the report on screen changed in place). */
  redraw() {
    this.$('intro').replaceChildren(...renderIntro(this.room('intro')));
    this.shadowRoot.querySelector('.overview .diagram-wrap')?.replaceWith(renderDiagram(this.report, this.pick, this.room('results')));
    this.showChannel(this.selectedChannel);
  }

  /** Draws a diagram again where the room it has now calls for the other orientation. */
  fitDiagrams() {
    if (!this.shadowRoot) return;
    const upright = (svg) => svg && svg.classList.contains('narrow');
    const intro = this.shadowRoot.querySelector('#intro svg.diagram');
    if (intro && upright(intro) !== this.room('intro') < ACROSS_MIN_WIDTH) this.$('intro').replaceChildren(...renderIntro(this.room('intro')));
    const results = this.shadowRoot.querySelector('.overview svg.diagram');
    if (this.report && results && upright(results) !== this.room('results') < ACROSS_MIN_WIDTH) {
      results.closest('.diagram-wrap').replaceWith(renderDiagram(this.report, this.pick, this.room('results')));
      this.showChannel(this.selectedChannel);
    }
  }

  /** The banner stays at the top of the screen only where it leaves most of it free: at most a
   * quarter of the window's height, in an element at least 600 px wide. Elsewhere it scrolls away. */
  fitBanner() {
    const banner = this.shadowRoot?.getElementById('banner');
    if (!banner) return;
    banner.classList.remove('stuck');
    const stuck = banner.offsetHeight <= innerHeight / 4 && this.clientWidth >= 600;
    banner.classList.toggle('stuck', stuck);
    // On the element's own box inside its shadow root: the host page's element keeps its attributes.
    this.shadowRoot.querySelector('.app')?.style.setProperty('--banner-height', stuck ? `${banner.offsetHeight}px` : '0px');
  }

  setReady(ready) {
    this.toggleAttribute('data-ready', ready);
    this.dispatchEvent(new CustomEvent(ready ? 'wb-ready' : 'wb-busy', { bubbles: true, composed: true }));
  }

  render() {
    const inputs = renderInputs({
      add: (files) => this.addFiles(files),
      example: () => this.loadExample(),
      clear: () => this.clear(),
      hostChanged: () => this.run(true, true),
    });
    return el(
      'div',
      { class: 'app' },
      el('header', {}, el('h2', { text: 'wb-ssl-check' }), el('p', { class: 'tagline', text: 'Posit Workbench SSL and Job Launcher checker' }), el('p', { class: 'promise', id: 'promise', text: 'Your files never leave this browser: everything is checked right here, with no upload.' })),
      el('div', { id: 'status', class: 'status', role: 'status', 'aria-live': 'polite' }),
      el(
        'details',
        { id: 'inputs-fold', class: 'inputs-fold', open: true },
        el('summary', { id: 'inputs-summary', text: inputsSummary([]) }),
        el('section', { class: 'inputs', 'aria-labelledby': 'inputs-title' }, el('h3', { id: 'inputs-title', class: 'visually-hidden', text: 'Inputs' }), ...inputs, el('div', { id: 'file-list' })),
      ),
      // Results come right after the inputs, which fold into one line once there are results.
      el('section', { id: 'results', class: 'results', 'aria-label': 'Results', hidden: true }),
      el('section', { id: 'intro', class: 'intro', 'aria-labelledby': 'intro-title' }, ...renderIntro(this.room('intro'))),
    );
  }

  // ----- inputs -----

  addFiles(files) {
    // The user's own first file after the example starts over: the two never mix.
    if (this.example) {
      this.files = [];
      this.example = false;
      this.exampleLeft = true;
    }
    this.focusAfter = true;
    for (const f of files) {
      const i = this.files.findIndex((x) => x.name === f.name);
      if (i >= 0) this.files[i] = f;
      else this.files.push(f);
    }
    this.run();
  }

  /** Puts fixed config files in place of the inputs of the same names, and checks again. They are
   * changed in this browser only, until downloaded. */
  replaceFiles(fixed) {
    for (const f of fixed) {
      const input = this.files.find((x) => x.name === f.name);
      if (input) Object.assign(input, { blob: new Blob([f.text]), changed: true });
    }
    this.focusAfter = true;
    this.run(true);
  }

  async loadExample() {
    // Inline in the inline widget and the offline file; the page and the widget fetch example.json.
    let example;
    try {
      example = typeof EXAMPLE === 'object' ? EXAMPLE : await fetch(new URL('example.json', import.meta.url)).then((r) => (r.ok ? r.json() : Promise.reject(new Error(`status ${r.status}`))));
    } catch (e) {
      this.$('status').textContent = `The example could not be loaded: ${e.message}.`;
      return;
    }
    this.files = Object.entries(example).map(([name, text]) => fromText(name, text));
    this.example = true;
    this.focusAfter = true;
    this.$('hostname').value = '';
    this.run();
  }

  clear() {
    this.files = [];
    this.example = false;
    this.picked = false;
    this.report = null;
    this.shown = null;
    this.renderFileList();
    this.$('results').hidden = true;
    this.$('intro').hidden = false;
    this.$('inputs-fold').open = true;
    this.shadowRoot.querySelector('.app').classList.remove('has-results');
    this.$('status').textContent = this.$('host-note').textContent = '';
  }

  renderFileList() {
    // The one-line summary of the inputs says whenever the example is on screen, and once when the
    // user's own files replaced it: on the line above the verdict, costing no room.
    const note = this.example
      ? 'The example, a deliberately broken server (not your files; your first file replaces it)'
      : this.exampleLeft && this.report
        ? 'The example was set aside: only your own files are checked'
        : '';
    this.$('inputs-summary').replaceChildren(...(note ? [el('span', { class: 'example-note', id: 'example-note', text: note }), ' · '] : []), inputsSummary(this.files));
    this.$('status').classList.remove('failed');
    // A role menu in use keeps the focus when the table is drawn again.
    const focused = this.shadowRoot.activeElement;
    const file = focused && focused.dataset.file;
    this.$('file-list').replaceChildren(...renderFileTable(this.files, this.report, { changed: () => this.run(true) }));
    if (file) [...this.$('file-list').querySelectorAll('select')].find((s) => s.dataset.file === file)?.focus({ preventScroll: true });
  }

  // ----- checking -----

  /** Checks the files. `keep`: the inputs stay as they are (a role or the host name changed, fixes were
   * applied), not folded; `host`: say what the host name changed. */
  async run(keep, host) {
    const before = this.report;
    this.renderFileList();
    if (!this.files.length) return this.clear();
    const token = ++this.running;
    this.setReady(false);
    this.$('status').textContent = 'Checking…';
    const roles = Object.fromEntries(this.files.filter((f) => f.role).map((f) => [f.name, f.role]));
    const request = { inputs: this.files.map((f) => ({ name: f.name, bytes: f.blob })), now: Date.now(), hostname: this.$('hostname').value.trim() || undefined, roles };
    // Only the page serves public-roots.bin; the widgets and the offline file never ask for it.
    const rootsUrl = MODULE_INLINE || typeof WIDGET == 'number' ? undefined : new URL('public-roots.bin', import.meta.url).href;
    // The symptom catalog: symptoms.json next to the script, loaded by the worker when pasted text or
    // a log needs it; the inline widget and the offline file carry it (SYMPTOM_CATALOG).
    if (typeof SYMPTOM_CATALOG == 'object') request.symptomCatalog = SYMPTOM_CATALOG;
    const symptomsUrl = MODULE_INLINE ? undefined : new URL('symptoms.json', import.meta.url).href;
    // The Helm chart's defaults, for values files: the offline file carries them (CHART_DEFAULTS); the
    // page's Kubernetes module loads chart-defaults.json when a values file needs it.
    if (typeof CHART_DEFAULTS == 'object') request.chartDefaults = CHART_DEFAULTS;
    const chartUrl = MODULE_INLINE ? undefined : new URL('chart-defaults.json', import.meta.url).href;
    const args = [request, rootsUrl, symptomsUrl, chartUrl];
    try {
      await this.metadataLoaded();
      let { report, verdict } = await this.checker.call('check', args);
      if (token !== this.running) return;
      // A Kubernetes input (Helm values, a helm command, objects) or an archive: the page's first
      // module reads neither (they do not fit the first load's budget). The page moves, once, to the
      // full module, and checks again; the widget and the inline builds say it was not read.
      const unread = report.summary.kubernetes_unread || report.summary.archives_unread;
      if (unread && !MODULE_INLINE && typeof WIDGET != 'number' && !this.fullModule) {
        this.fullModule = true;
        this.$('status').textContent = report.summary.archives_unread ? 'Loading the archive reader…' : 'Loading the Kubernetes reader…';
        this.checker.switchTo(new URL('worker-full.js', import.meta.url), new URL('wb_ssl_check_full_bg.wasm', import.meta.url));
        ({ report, verdict } = await this.checker.call('check', args));
        if (token !== this.running) return;
      }
      this.report = report;
      this.verdict = verdict;
      this.shown = { args, generation: this.checker.generation };
      this.renderFileList();
      this.exampleLeft = false;
      this.renderResults(keep);
      // Focus goes to what the action produced: the verdict (Load example, files added, fixes applied).
      if (this.focusAfter) this.$('banner')?.focus();
      this.focusAfter = false;
      if (host) this.$('host-note').textContent = hostNote(request.hostname, before, report);
      const s = report.summary;
      this.$('status').textContent = `Checked ${count(report.inputs.length, 'file')}: ${count(s.errors, severityNoun('error'))}, ${count(s.warnings, severityNoun('warning'))}, ${count(s.infos, severityNoun('info'))}.`;
    } catch (err) {
      if (token !== this.running) return;
      this.$('status').textContent = `The check failed: ${err.message}. The page still works: change an input to try again.`;
      this.$('status').classList.add('failed');
    } finally {
      if (token === this.running) this.setReady(true);
    }
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

  // ----- results -----

  renderResults(keep) {
    const r = this.report;
    const results = this.$('results');
    results.hidden = false;
    // Results first: the explanation gives way, and the inputs fold into their one-line summary
    // (unless the check was for a change made in them).
    this.$('intro').hidden = true;
    if (!keep) this.$('inputs-fold').open = false;
    // The banner says what the status line says; the line stays for screen readers.
    this.shadowRoot.querySelector('.app').classList.add('has-results');
    const findings = renderFindings(r, { showLine: (f, box) => this.showLine(f, box), fixPreview: (i) => this.callOnShown('fixPreview', [i]) });
    // A step of the plan shows its findings alone (and, asked, scrolls to them).
    const show = (step, scroll) => {
      findings.filter('step', step);
      // Asked for ("Show its findings"), the focus goes to the first of them.
      const first = scroll && findings.querySelector('.finding:not([hidden]) > summary');
      if (first) {
        first.scrollIntoView({ block: 'center' });
        first.focus({ preventScroll: true });
      }
    };
    // A channel picked in the diagram: its card, and its findings alone.
    const pick = (this.pick = (id) => {
      this.picked = true;
      this.showChannel(id);
      findings.filter('channel', id);
    });
    results.replaceChildren(
      renderBanner(r, this.verdict, renderFilterBar(r, findings)),
      // What the ticket shows leads: the known error messages pasted with the files, each on its channel.
      renderSymptoms(r, pick),
      // The plan leads; the diagram and the selected channel beside it on wide screens.
      el('div', { class: 'overview' }, renderPlan(r, show), el('div', { class: 'diagram-col' }, renderDiagram(r, pick, this.room('results')), el('div', { id: 'channel-detail', class: 'channel-detail' }))),
      findings,
      renderFixActions(r, { fixed: (all) => this.callOnShown('fixed', [all]), replace: (files) => this.replaceFiles(files), attach: (a) => this.shadowRoot.append(a), changed: this.files.filter((f) => f.changed) }),
      renderCertificates(r),
      r.not_checked.length ? el('section', { class: 'not-checked' }, el('h3', { text: 'Not checked' }), el('ul', {}, ...r.not_checked.map((n) => el('li', {}, inline(n))))) : el('div'),
      renderExport({ markdown: () => this.callOnShown('markdown'), report: () => this.report, attach: (a) => this.shadowRoot.append(a) }),
    );
    this.showChannel(this.selectedChannel || (r.channels.find((c) => c.status === 'broken') || r.channels[0] || {}).id);
    this.fitDiagrams();
    this.fitBanner();
  }

  showChannel(id) {
    const r = this.report;
    if (!r || !id) return;
    this.selectedChannel = id;
    const c = r.channels.find((x) => x.id === id);
    const box = this.$('channel-detail');
    if (!c) return box.replaceChildren();
    for (const g of this.shadowRoot.querySelectorAll('svg g.channel')) g.classList.toggle('selected', g.dataset.channel === id);
    box.replaceChildren(renderChannelCard(c, Date.now()));
    // Once a channel is picked, the hint to pick one goes.
    if (this.picked) this.shadowRoot.querySelector('.diagram-wrap figcaption')?.remove();
  }

  /** Shows the lines a finding points at, for config files only (never key or certificate content):
   * the worker, which holds the files, returns those lines (or nothing for any other kind of file). */
  async showLine(f, box) {
    const info = this.report.inputs.find((i) => i.name === f.file);
    const from = Math.max(1, f.line - 2);
    const kind = info && named('kinds', info.kind);
    const got = kind && kind.config ? await this.callOnShown('lines', [f.file, from, f.line + 2]).catch(() => null) : null;
    box.replaceChildren(got && got.length ? renderLines(f, from, got) : el('p', { class: 'muted', text: 'This file’s content is not shown.' }));
  }
}

/** The core's verdict in one line, and under it the counts that filter the findings. It stays at the
 * top of the screen while the results scroll. */
function renderBanner(r, verdict, filters) {
  const s = r.summary;
  return el(
    'div',
    { class: `banner ${verdict.tone}`, id: 'banner', tabindex: -1, 'data-errors': s.errors, 'data-warnings': s.warnings, 'data-verified': String(verdict.verified) },
    el('strong', { class: 'verdict', text: verdict.text }),
    verdict.detail ? el('p', { class: 'verdict-detail', text: verdict.detail }) : null,
    renderFirstStep(r),
    r.findings.length ? filters : null,
  );
}

/** What typing a host name changed: "Checked again for wb.example.org: channel a now verified (was
 * CA not given yet)", or the status of channel a when no channel changed. */
function hostNote(host, before, after) {
  const was = Object.fromEntries((before ? before.channels : []).map((c) => [c.id, c.status]));
  const changed = after.channels.filter((c) => c.id !== '-' && was[c.id] && was[c.id] !== c.status).map((c) => `channel ${c.id} now ${label('statuses', c.status)} (was ${label('statuses', was[c.id])})`);
  const a = after.channels.find((c) => c.id === 'a');
  return `Checked again ${host ? `for ${host}` : 'without a host name'}: ${changed.join(', ') || (a ? `channel a still ${label('statuses', a.status)}` : 'nothing changed')}.`;
}

if (!customElements.get('wb-ssl-check')) customElements.define('wb-ssl-check', WbSslCheck);
