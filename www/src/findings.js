// The findings: a sticky bar that counts them per severity and per channel (a click filters), then the
// findings grouped by channel, each folding open to its fix, its lines and its rule's documentation.

import { el, inline, markdown, numberedLine } from './dom.js';
import { count, ids, label, severityNoun } from './words.js';
import { renderFixBox, renderPreviews } from './fixes.js';

/* global RULE_DOCS */

/** The rules' documentation, generated from their doc comments: inline in the offline file, else
 * rule-docs.js next to this module, loaded the first time a finding is opened. */
let ruleDocs = null;
function loadRuleDocs() {
  if (!ruleDocs) {
    ruleDocs = typeof RULE_DOCS === 'object' ? Promise.resolve(RULE_DOCS) : import(new URL('rule-docs.js', import.meta.url)).then((m) => m.default);
  }
  return ruleDocs;
}

async function fillDocs(rule, box) {
  if (box.childNodes.length) return;
  let text = '';
  try {
    text = (await loadRuleDocs())[rule] || '';
  } catch (e) {
    text = `The documentation could not be loaded (${e.message}).`;
  }
  box.replaceChildren(el('h5', { class: 'docs-title', text: `About ${rule}` }), markdown(text));
}

/** The counts bar. Each severity and each channel with findings is a toggle; one of each kind can be
 * on, and the findings below show only what matches both. `section.filter(kind, value)` sets one from
 * elsewhere (a channel of the diagram, a step of the plan: its findings alone); what is shown is said
 * in a live region. */
export function renderFilterBar(r, section) {
  const filter = { severity: null, channel: null, step: null };
  const chips = [];
  const note = el('p', { class: 'filter-note', id: 'filter-note', role: 'status', 'aria-live': 'polite' });
  const apply = () => {
    for (const b of chips) b.setAttribute('aria-pressed', String(filter[b.dataset.kind] === b.dataset.value));
    all.setAttribute('aria-pressed', String(!filter.severity && !filter.channel && !filter.step));
    let shown = 0;
    for (const f of section.querySelectorAll('.finding')) {
      const visible = (!filter.severity || f.dataset.severity === filter.severity) && (!filter.channel || f.dataset.channel === filter.channel) && (!filter.step || filter.step.resolves.includes(+f.dataset.index));
      f.hidden = !visible;
      shown += visible;
    }
    for (const g of section.querySelectorAll('.group')) {
      const empty = !g.querySelector('.finding:not([hidden])');
      g.hidden = empty;
      g.previousElementSibling.hidden = empty;
    }
    none.hidden = shown > 0 || !r.findings.length;
    const c = filter.channel;
    note.textContent = [filter.step && `Showing the findings of step ${filter.step.number}`, c && (c === '-' ? `Showing ${label('channels', c)}` : `Showing channel ${c}: ${label('channels', c)}`), filter.severity && `${severityNoun(filter.severity)}s only`].filter(Boolean).join(', ');
  };
  const none = el('p', { class: 'muted no-match', hidden: true, text: 'No finding matches this filter.' });
  section.append(none);
  section.filter = (kind, value) => {
    if (kind === 'step') filter.severity = filter.channel = null;
    else filter.step = null;
    filter[kind] = value;
    apply();
  };
  const chip = (kind, value, text, name, cls) => {
    const b = el('button', { type: 'button', class: `chip ${cls}`, 'data-kind': kind, 'data-value': value, 'aria-pressed': 'false', 'aria-label': name, text, onclick: () => section.filter(kind, filter[kind] === value ? null : value) });
    chips.push(b);
    return b;
  };
  const all = el('button', { type: 'button', class: 'chip all', 'data-kind': 'all', 'aria-pressed': 'true', text: `All ${r.findings.length}`, onclick: () => { filter.severity = filter.channel = filter.step = null; apply(); } });
  const bySeverity = ids('severities').map((s) => [s, r.findings.filter((f) => f.severity === s).length]).filter(([, n]) => n);
  const byChannel = ids('channels').map((c) => [c, r.findings.filter((f) => f.channel === c).length]).filter(([, n]) => n);
  return [
    el(
      'nav',
      { class: 'filter-bar', id: 'filter-bar', 'aria-label': 'Filter the findings' },
      all,
      ...bySeverity.map(([s, n]) => chip('severity', s, count(n, severityNoun(s)), `${count(n, severityNoun(s))}: show only these`, `sev ${s}`)),
      el('span', { class: 'sep', 'aria-hidden': 'true' }),
      ...byChannel.map(([c, n]) => {
        const name = c === '-' ? label('channels', c) : `(${c})`;
        return chip('channel', c, `${name} ${n}`, `${name} ${count(n, 'finding')}: ${label('channels', c)}; show only these`, 'chan');
      }),
    ),
    note,
  ];
}

/** The findings, grouped by channel, errors first. `shell.showLine(finding, box)` fills a finding's
 * lines; `shell.fixPreview(index)` resolves to the lines its fix changes. */
export function renderFindings(r, shell) {
  const section = el('section', { class: 'findings', id: 'findings', 'aria-labelledby': 'findings-title' }, el('h3', { id: 'findings-title', text: 'Findings' }));
  if (!r.findings.length) section.append(el('p', { class: 'muted', text: 'No findings.' }));
  // The core's orders: channels a, b, c, then the others; in each, the most severe first.
  const severities = ids('severities');
  for (const id of ids('channels')) {
    const group = r.findings.filter((f) => f.channel === id).sort((a, b) => severities.indexOf(a.severity) - severities.indexOf(b.severity));
    if (!group.length) continue;
    section.append(el('h4', { text: `${id === '-' ? '' : `(${id}) `}${label('channels', id)}` }), el('div', { class: 'group', 'data-group': id }, ...group.map((f) => renderFinding(f, r.findings.indexOf(f), shell))));
  }
  return section;
}

function renderFinding(f, index, shell) {
  const where = f.block ? `${f.file}, block ${f.block}` : f.line ? `${f.file}:${f.line}` : f.file;
  const configLine = f.line && !f.block;
  const docs = el('div', { class: 'docs' });
  const lineBox = el('div', { class: 'source' });
  const fixBox = f.fix ? renderFixBox(f) : null;
  const opened = () => {
    fillDocs(f.rule, docs);
    const box = fixBox && fixBox.querySelector('.edit-lines');
    if (box && !box.childNodes.length) {
      shell.fixPreview(index).then(
        (previews) => box.replaceChildren(...renderPreviews(previews)),
        (e) => box.replaceChildren(el('p', { class: 'muted', text: `The edit could not be shown: ${e.message}.` })),
      );
    }
  };
  const details = el(
    'details',
    { class: `finding sev-${f.severity}`, 'data-index': index, 'data-rule': f.rule, 'data-severity': f.severity, 'data-channel': f.channel, 'data-fix': f.fix ? f.fix.safety : null, ontoggle: () => details.open && opened() },
    el('summary', {}, el('span', { class: `badge ${f.severity}`, text: label('severities', f.severity) }), ' ', el('code', { class: 'rule', text: f.rule }), ' ', el('span', { class: 'msg' }, inline(f.message))),
    el(
      'div',
      { class: 'body' },
      el('p', { class: 'fix' }, el('strong', { text: 'Fix: ' }), inline(f.help)),
      fixBox,
      f.step ? el('p', { class: 'muted small', text: `Resolved by step ${f.step} of the plan.` }) : null,
      el('p', { class: 'where' }, 'Where: ', configLine ? el('button', { type: 'button', class: 'link', onclick: () => shell.showLine(f, lineBox), text: where }) : el('code', { text: where })),
      lineBox,
      docs,
    ),
  );
  return details;
}

/** The lines around a finding, as the worker returned them (`got`, starting at line `from`). */
export function renderLines(f, from, got) {
  const to = from + got.length - 1;
  const pre = el('pre', { class: 'lines', 'aria-label': `${f.file} lines ${from} to ${to}` });
  got.forEach((text, i) => {
    const n = from + i;
    pre.append(numberedLine(n, text, n === f.line ? 'hit' : ''));
  });
  return pre;
}
