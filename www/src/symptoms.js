// What the ticket shows: the known error messages the core found in pasted text and logs, first among
// the results. Each says where it was printed, its channel (a button that selects it in the diagram),
// and the findings that explain it or the files to ask for; what it means and its usual causes fold.
// The quoted text comes from the user (redacted by the core): like everything else, it reaches the DOM
// as text only.

import { el, inline } from './dom.js';
import { count, label } from './words.js';

/** Channel ids as the core writes them in a sentence: "a, b, c or d". */
const either = (ids) => (ids.length > 1 ? `${ids.slice(0, -1).join(', ')} or ${ids.at(-1)}` : ids.join(''));

/** The symptoms, or an empty div when there are none. `pick(channel)` selects a channel. */
export function renderSymptoms(r, pick) {
  const list = r.symptoms || [];
  if (!list.length) return el('div');
  return el(
    'section',
    { class: 'symptoms', id: 'symptoms', 'aria-labelledby': 'symptoms-title' },
    el('h3', { id: 'symptoms-title', text: `What the ticket shows: ${count(list.length, 'known error')}` }),
    el('ol', { class: 'symptom-list' }, ...list.map((s) => renderSymptom(s, pick))),
  );
}

function renderSymptom(s, pick) {
  const c = s.channel;
  const explained = s.confirmed_by.length > 0;
  // A rule named as the explanation shows its finding (all of them shown again if a filter hid it).
  const finding = (rule) =>
    el('button', {
      type: 'button',
      class: 'link',
      text: rule,
      onclick: (e) => {
        const root = e.target.getRootNode();
        const f = [...root.querySelectorAll('.finding')].find((x) => x.dataset.rule === rule);
        if (!f) return;
        if (f.hidden) root.querySelector('.chip.all')?.click();
        f.open = true;
        f.scrollIntoView({ block: 'center' });
      },
    });
  // Explained: the rules, on the same line; else, on a line of its own, what to ask for.
  const verdict = explained
    ? el('span', { class: 'explained' }, ' · Explained by: ', ...s.confirmed_by.flatMap((rule, i) => [i ? ', ' : '', finding(rule)]))
    : el('p', { class: 'ask', text: s.ask_for.length ? `Nothing given explains it — ask for: ${s.ask_for.join('; ')}.` : c || s.candidates.length ? 'The given files explain none of its usual causes.' : 'Not about Workbench’s configuration.' });
  return el(
    'li',
    { class: `symptom ${explained ? 'confirmed' : 'open'}`, 'data-family': s.family, 'data-channel': c || 'none', 'data-confirmed': String(explained) },
    el('p', { class: 'quote' }, el('code', { text: s.text })),
    el(
      'p',
      { class: 'small' },
      el('span', { class: 'muted', text: `${s.input}:${s.line}${s.count > 1 ? ` ×${s.count}` : ''} · printed by ${label('printers', s.printed_by)}${s.host ? ` · ${s.host}` : ''} · ` }),
      c ? el('button', { type: 'button', class: 'link pick', onclick: () => pick(c), text: `(${c}) ${label('channels', c)}` }) : el('span', { class: 'undecided', text: s.candidates.length ? `not decided: ${either(s.candidates)}` : 'no Workbench channel' }),
      c ? null : el('span', { class: 'muted' }, ' — ', inline(s.decided_by)),
      explained ? verdict : null,
    ),
    explained ? null : verdict,
    el(
      'details',
      { class: 'causes' },
      el('summary', { text: 'What it means, and its usual causes' }),
      c ? el('p', {}, `Channel ${c}: `, inline(s.decided_by), '.') : null,
      el('p', {}, inline(s.meaning)),
      el('ul', {}, ...s.causes.map((k) => el('li', { class: k.confirmed ? 'confirmed' : null }, k.confirmed ? el('strong', { text: '✓ confirmed: ' }) : null, inline(k.text), k.rules.length ? el('span', { class: 'muted', text: ` (${k.rules.join(', ')})` }) : null))),
    ),
  );
}
