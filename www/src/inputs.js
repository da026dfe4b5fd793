// The inputs: files dropped, chosen or pasted, the optional host name, and the table of files with
// what the core detected and the role each plays. The page never reads a file's content: it keeps the
// File, and the worker reads it (no more of it than the core's size limit).

import { el } from './dom.js';
import { count, label, metadata } from './words.js';

/** What the two CA roles mean, where they are chosen. */
const ROLE_WORDS = { 'trusted-ca': ' (your machines trust it: the anchor)', 'ca-certificates': ' (only carried in chains)' };

/** Names to suggest when pasting (examples; the core classifies by content first). */
const KNOWN_NAMES = ['rserver.conf', 'launcher.conf', 'jupyter.conf', 'vscode.conf', 'load-balancer', 'launcher.pem', 'launcher.pub', 'server.crt', 'server.key', 'ls-l.txt'];

function input(file, name) {
  return { name, blob: file, role: '' };
}

export function fromFileList(list) {
  return [...list].map((f) => input(f, f.webkitRelativePath || f.name));
}

/** The files of a drop, folders walked (three levels deep: /etc/rstudio and its subfolders). */
export async function fromDrop(dt) {
  const entries = [...dt.items].map((i) => (i.webkitGetAsEntry ? i.webkitGetAsEntry() : null)).filter(Boolean);
  if (!entries.length) return fromFileList(dt.files);
  const files = [];
  const walk = async (entry, depth) => {
    if (entry.isFile) {
      const file = await new Promise((res, rej) => entry.file(res, rej));
      files.push(input(file, entry.fullPath.replace(/^\//, '')));
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
  return files;
}

export function fromText(name, text) {
  return { name, blob: new Blob([text]), role: '' };
}

/** The drop zone, the paste form and the host-name field. `on` has add(files), example(), clear()
 * and hostChanged(). */
export function renderInputs(on) {
  const chosen = (e) => on.add(fromFileList(e.target.files));
  const fileInput = el('input', { type: 'file', multiple: true, id: 'file-input', class: 'visually-hidden', tabindex: '-1', 'aria-hidden': 'true', onchange: chosen });
  const dirInput = el('input', { type: 'file', webkitdirectory: true, id: 'dir-input', class: 'visually-hidden', tabindex: '-1', 'aria-hidden': 'true', onchange: chosen });
  const drop = el(
    'div',
    {
      id: 'drop',
      class: 'drop',
      role: 'group',
      'aria-label': 'Add files',
      ondragover: (e) => { e.preventDefault(); drop.classList.add('over'); },
      ondragleave: () => drop.classList.remove('over'),
      ondrop: async (e) => { e.preventDefault(); drop.classList.remove('over'); on.add(await fromDrop(e.dataTransfer)); },
    },
    el('p', { class: 'drop-title', text: 'Drop /etc/rstudio here: rserver.conf, launcher.conf, certificates, keys, or a whole folder' }),
    el(
      'div',
      { class: 'buttons' },
      el('button', { type: 'button', id: 'choose-files', onclick: () => fileInput.click(), text: 'Choose files' }),
      el('button', { type: 'button', id: 'choose-folder', onclick: () => dirInput.click(), text: 'Choose folder' }),
      el('button', { type: 'button', id: 'load-example', onclick: () => on.example(), text: 'Load example' }),
      el('button', { type: 'button', id: 'clear', class: 'quiet', onclick: () => on.clear(), text: 'Clear' }),
    ),
    fileInput,
    dirInput,
  );
  // The name is optional: the checker recognises what was pasted by its content (a ticket or a log has
  // no file name), and a name only says which file of the server it is.
  const name = el('input', { id: 'paste-name', list: 'known-names', placeholder: 'optional, e.g. rserver.conf', autocomplete: 'off', 'aria-describedby': 'paste-name-help' });
  const text = el('textarea', { id: 'paste-text', rows: 6, spellcheck: 'false', required: true, placeholder: 'Paste a config file, a certificate, the error text of a ticket or a log (rserver.log, the browser\'s message), the output of ls -l /etc/rstudio, or what a server really serves: openssl s_client -connect host:port -showcerts or curl -v https://host:port/ (with the command line).' });
  let pasted = 0;
  const paste = el(
    'details',
    { class: 'paste' },
    el('summary', { text: 'Paste a file, error text or a log, or s_client / curl -v output, instead' }),
    el(
      'form',
      {
        id: 'paste-form',
        onsubmit: (e) => {
          e.preventDefault();
          if (!text.value.trim()) return;
          on.add([fromText(name.value.trim() || `pasted-${++pasted}.txt`, text.value)]);
          text.value = '';
          name.value = '';
        },
      },
      el('label', { for: 'paste-name', text: 'File name (optional)' }),
      name,
      el('p', { id: 'paste-name-help', class: 'muted small', text: 'Give it when you paste a file of the server, so that findings name it; error text and logs need none.' }),
      el('datalist', { id: 'known-names' }, ...KNOWN_NAMES.map((n) => el('option', { value: n }))),
      el('label', { for: 'paste-text', text: 'Content' }),
      text,
      el('button', { type: 'submit', text: 'Add' }),
    ),
  );
  const host = el(
    'div',
    { class: 'field' },
    el('label', { for: 'hostname', text: 'Public host name users type (optional)' }),
    el('input', { id: 'hostname', placeholder: 'workbench.example.org', autocomplete: 'off', spellcheck: 'false', onchange: () => on.hostChanged() }),
    el('p', { id: 'host-note', class: 'muted small', role: 'status' }),
  );
  return [drop, paste, host];
}

/** The one-line summary the inputs fold into once there are results. */
export function inputsSummary(files) {
  return files.length ? `${count(files.length, 'file')} · add, remove or change roles` : 'Files to check';
}

/** The table of files: name, what the core detected, the role (for certificates and keys), remove.
 * `on` has changed() (a role was chosen or a file removed). */
export function renderFileTable(files, report, on) {
  if (!files.length) return [];
  const known = new Map((report ? report.inputs : []).map((i) => [i.name, i]));
  const meta = metadata();
  const body = el('tbody');
  files.forEach((f, idx) => {
    const info = known.get(f.name);
    const select = el('select', { 'aria-label': `Role of ${f.name}`, 'data-file': f.name, onchange: (e) => { f.role = e.target.value; on.changed(); } });
    const roles = [['', 'Automatic'], ...(meta ? meta.roles.filter((r) => r.assignable).map((r) => [r.id, r.label]) : [])];
    if (f.role && !roles.some(([v]) => v === f.role)) roles.push([f.role, label('roles', f.role)]);
    for (const [value, text] of roles) {
      const shown = value === '' && info && info.role ? `Automatic: ${label('roles', info.role)}` : text;
      select.append(el('option', { value, selected: f.role === value, text: shown + (ROLE_WORDS[value || (info && info.role)] || '') }));
    }
    // The core gives a role to the certificate and key files (PEM, DER, PKCS#12) only.
    const pki = info && info.role !== null;
    body.append(
      el(
        'tr',
        { 'data-input': f.name },
        el('td', { class: 'name' }, f.name, f.changed ? el('span', { class: 'changed', text: ' · changed in this browser only' }) : null),
        el('td', { 'data-kind': info ? info.kind : '', text: info ? detected(label('kinds', info.kind), info.description) : '…' }),
        el('td', {}, pki || f.role ? select : el('span', { class: 'muted', text: '—' })),
        el('td', {}, el('button', { type: 'button', class: 'quiet', 'aria-label': `Remove ${f.name}`, onclick: () => { files.splice(idx, 1); on.changed(); }, text: '✕' })),
      ),
    );
    // What the file made, under it: an archive's members, the files a values file renders. They go
    // with their file (no menu, no button of their own).
    for (const made of report ? report.inputs : []) {
      const rest = made.name.startsWith(`${f.name}/`) ? made.name.slice(f.name.length + 1) : made.name.startsWith(`${f.name} ▸ `) ? made.name.slice(f.name.length + 3) : null;
      if (rest === null) continue;
      body.append(
        el(
          'tr',
          { class: 'made', 'data-input': made.name },
          el('td', { class: 'name' }, el('span', { class: 'muted', 'aria-hidden': 'true', text: '↳ ' }), rest),
          el('td', { 'data-kind': made.kind, text: detected(label('kinds', made.kind), made.description) }),
          el('td', {}, el('span', { class: 'muted', text: made.role ? label('roles', made.role) : '—' })),
          el('td', {}),
        ),
      );
    }
  });
  const cas = files.some((f) => f.role === 'trusted-ca' || (known.get(f.name) || {}).role === 'ca-certificates');
  // The caller spreads these into replaceChildren, which would write an absent note as "null".
  return [
    el(
      'table',
      { class: 'files' },
      el('caption', { class: 'visually-hidden', text: 'Files being checked' }),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'File' }), el('th', { scope: 'col', text: 'Detected' }), el('th', { scope: 'col', text: 'Role' }), el('th', { scope: 'col', text: '' }))),
      body,
    ),
    cas ? el('p', { class: 'muted small', id: 'role-words' }, el('strong', { text: 'Trusted CA' }), ': your machines trust this CA; use it as the anchor. ', el('strong', { text: 'CA certificates' }), ': only carried in chains; giving them trusts nothing.') : null,
  ].filter(Boolean);
}

/** The Detected column: the kind, then what the core says of the file, without saying the kind twice
 * ("launcher.conf with 11 settings", not "launcher.conf · launcher.conf with 11 settings"). */
export function detected(kind, description) {
  if (!description) return kind;
  return description.toLowerCase().startsWith(kind.toLowerCase()) ? description : `${kind} · ${description}`;
}
