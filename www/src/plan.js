// The plan: the report's findings as ordered steps (one change each), what each resolves and the
// channels it unblocks. The banner names the first step; each step opens to what it waits for, the
// other values the core considered, and its findings (shown alone in the list below).

import { el, inline } from './dom.js';
import { count, ids, label, severityNoun } from './words.js';

/** "clears 3 errors, 1 warning" and "unblocks Browser ⇄ Workbench": what a step does, as words. */
function effects(s) {
  const cleared = ids('severities').map((v) => [s.summary[`${v}s`], v]).filter(([n]) => n).map(([n, v]) => count(n, severityNoun(v)));
  return [cleared.length ? `clears ${cleared.join(', ')}` : '', s.unblocks.length ? `unblocks ${s.unblocks.map((c) => label('channels', c)).join(' and ')}` : ''].filter(Boolean);
}

/** Said apart from the list of effects, so that it does not read as one more channel. */
const STOPS = 'Until it is done, Workbench or the Launcher cannot start.';

/** The banner's line: the first step and what it does. */
export function renderFirstStep(r) {
  const s = r.plan[0];
  const e = s ? effects(s).join(', ') : '';
  return s ? el('p', { class: 'first-step', id: 'first-step' }, el('strong', { text: 'First: ' }), inline(s.action.replace(/\.$/, '')), e && ` — ${e}.`, s.service_fails_to_start ? ` ${STOPS}` : '') : null;
}

/** The plan's heading. "Nothing to do" only when something was checked and nothing is left
 * unexplained: symptoms no finding explains still need work, in the files not given. */
function planTitle(r) {
  if (r.plan.length) return `The plan: ${count(r.plan.length, 'step')}, in this order`;
  if (r.summary.nothing_checked) return 'No plan: nothing here could be checked';
  if (r.symptoms.some((s) => !s.confirmed_by.length)) return 'No plan from these files: they do not explain the symptoms above';
  return 'Nothing to do';
}

/** The steps in order. `show(step)` shows the step's findings alone. */
export function renderPlan(r, show) {
  const trusted = r.inputs.filter((i) => i.role === 'trusted-ca').map((i) => i.name);
  return el(
    'section',
    { class: 'plan', id: 'plan', 'aria-labelledby': 'plan-title' },
    el('h3', { id: 'plan-title', text: planTitle(r) }),
    // A CA marked trusted here ends the findings that asked for it, not the work on the machines.
    trusted.length ? el('p', { class: 'note', id: 'trusted-note', text: `You marked ${trusted.join(', ')} as trusted here: browsers, the Workbench host and every session host or image must trust it too.` }) : null,
    el(
      'ol',
      { class: 'steps' },
      ...r.plan.map((s) => {
        const waits = s.waits_for.length ? `after step ${s.waits_for.join(', ')}` : '';
        const d = el(
          'details',
          { ontoggle: () => d.open && show(s) },
          el('summary', {}, inline(s.action), el('span', { class: 'muted small' }, ` · ${[...effects(s), waits].filter(Boolean).join(' · ')}`), s.service_fails_to_start ? el('strong', { class: 'small stops', text: ` ${STOPS}` }) : null),
          s.waits_because ? el('p', { class: 'waits' }, el('strong', { text: `Waits for step ${s.waits_for.join(', ')}: ` }), inline(s.waits_because)) : null,
          s.fix ? el('p', { class: 'small' }, el('span', { class: `tag ${s.fix.safety}`, text: label('fix_safeties', s.fix.safety) }), s.waits_for.length ? ' (not applied for you while it waits)' : '') : null,
          ...(s.alternatives || []).map((a) => el('p', { class: 'small' }, 'Not chosen: ', inline(a.description), ` (${a.rule}): `, inline(a.why_not))),
          el('button', { type: 'button', class: 'quiet', onclick: () => show(s, true), text: `Show its ${count(s.resolves.length, 'finding')}` }),
        );
        return el('li', { class: `step ${s.kind}`, value: s.number, 'data-step': s.number, 'data-resolves': s.rules.join(' '), 'data-kind': s.kind }, d);
      }),
    ),
  );
}
