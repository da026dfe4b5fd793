// Fixes as edits: a finding's edit shown as the lines before and after, and the whole set applied to
// the files on the page ("Apply all safe fixes", which checks again) or downloaded ("Download fixed
// files"). Config files only: the worker never returns a certificate or a key.

import { download, el, inline, numberedLine } from './dom.js';
import { count, label } from './words.js';

/** The box of a finding's fix: what it does, and (filled when the finding is opened) its lines. */
export function renderFixBox(f) {
  return el(
    'div',
    { class: `edit ${f.fix.safety}`, 'data-safety': f.fix.safety },
    el('p', { class: 'edit-head' }, el('span', { class: `tag ${f.fix.safety}`, text: label('fix_safeties', f.fix.safety) }), ' ', inline(f.fix.description), '.'),
    el('div', { class: 'edit-lines' }),
  );
}

/** The lines of each file a fix changes: unchanged context, then the lines removed (−) and added (+). */
export function renderPreviews(previews) {
  return previews.map((p) => {
    let head = 0;
    while (head < p.before.length && head < p.after.length && p.before[head] === p.after[head]) head++;
    let tail = 0;
    while (tail < p.before.length - head && tail < p.after.length - head && p.before[p.before.length - 1 - tail] === p.after[p.after.length - 1 - tail]) tail++;
    const pre = el('pre', { class: 'diff', 'aria-label': `Edit of ${p.file} from line ${p.line}` });
    const line = (sign, cls, n, text) => pre.append(numberedLine(n, text, cls, sign));
    for (let i = 0; i < head; i++) line(' ', 'same', p.line + i, p.before[i]);
    for (let i = head; i < p.before.length - tail; i++) line('−', 'del', p.line + i, p.before[i]);
    for (let i = head; i < p.after.length - tail; i++) line('+', 'add', null, p.after[i]);
    for (let i = p.before.length - tail; i < p.before.length; i++) line(' ', 'same', p.line + i, p.before[i]);
    return el('div', {}, el('p', { class: 'muted small', text: p.file }), pre);
  });
}

/** "Apply all safe fixes" and "Download fixed files", with the choice to include the fixes that need
 * review. `shell.fixed(unsafe)` resolves to [{name, text}]; `shell.replace(files)` puts them in place of
 * the inputs and checks again; `shell.attach(node)` as for the export. */
export function renderFixActions(r, shell) {
  const safe = r.findings.filter((f) => f.fix && f.fix.safety === 'safe').length;
  const all = r.findings.filter((f) => f.fix).length;
  const changed = shell.changed;
  if (!all && !changed.length) return el('div');
  const note = el('span', { class: 'muted', role: 'status', id: 'fix-note' });
  // Fixes applied here change the files in this browser; the server changes when they are downloaded.
  const here = changed.length
    ? el('p', { class: 'note', id: 'changed-note' }, `Changed in this browser only: ${changed.map((f) => f.name).join(', ')}. Download the files to change your server. `, el('button', { type: 'button', id: 'download-changed', onclick: () => changed.forEach((f) => download(shell.attach, f.blob, f.name.split('/').pop())), text: `Download ${count(changed.length, 'changed file')}` }))
    : null;
  const applyButton = el('button', { type: 'button', id: 'apply-fixes', text: 'Apply the safe fixes' });
  // With no safe fix, applying "the safe fixes" would do nothing: the button waits for the box.
  const review = el('input', {
    type: 'checkbox',
    id: 'fix-review',
    onchange: () => {
      applyButton.textContent = review.checked ? 'Apply all the fixes' : 'Apply the safe fixes';
      applyButton.disabled = !review.checked && safe === 0;
    },
  });
  applyButton.disabled = safe === 0;
  const wanted = () => review.checked;
  const apply = async () => {
    try {
      const files = await shell.fixed(wanted());
      if (!files.length) {
        note.textContent = 'There is nothing to apply.';
        return;
      }
      note.textContent = `Applied to ${count(files.length, 'file')} in this browser; checked again.`;
      shell.replace(files);
    } catch (e) {
      note.textContent = `The fixes could not be applied: ${e.message}.`;
    }
  };
  const downloadFixed = async () => {
    try {
      const files = await shell.fixed(wanted());
      for (const f of files) download(shell.attach, new Blob([f.text], { type: 'text/plain' }), f.name.split('/').pop());
      note.textContent = files.length ? `Downloaded ${count(files.length, 'fixed file')}: ${files.map((f) => f.name).join(', ')}.` : 'There is nothing to download.';
    } catch (e) {
      note.textContent = `The fixed files could not be made: ${e.message}.`;
    }
  };
  applyButton.addEventListener('click', apply);
  return el(
    'section',
    { class: 'fix-actions', 'aria-labelledby': 'fix-title' },
    el('h3', { id: 'fix-title', text: 'Fixes' }),
    here,
    !all ? null : el('p', { text: `${count(all, 'finding')} can be fixed by editing your config files: ${safe === 0 ? 'none with a safe fix' : `${safe} with ${safe === 1 ? 'a safe fix' : 'safe fixes'} (they change nothing else)`}, ${all - safe} with ${all - safe === 1 ? 'a fix' : 'fixes'} that need${all - safe === 1 ? 's' : ''} review. Certificates and keys are never changed.` }),
    !all ? null : el('p', {}, review, el('label', { for: 'fix-review', class: 'inline', text: ' Include the fixes that need review' })),
    !all ? null : el('div', { class: 'buttons left' }, applyButton, el('button', { type: 'button', id: 'download-fixed', class: 'quiet', onclick: downloadFixed, text: 'Download fixed files' }), note),
  );
}
