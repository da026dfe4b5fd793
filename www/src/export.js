// Export: the report as Markdown for a support ticket (made by the core, in the worker) and as JSON.

import { download, el } from './dom.js';

/** `shell.markdown()` resolves to the report as Markdown; `shell.report()` is the report on screen;
 * `shell.attach(node)` puts a node where a click can reach it. */
export function renderExport(shell) {
  const note = el('span', { class: 'muted', role: 'status', id: 'export-note' });
  return el(
    'section',
    { class: 'export', 'aria-label': 'Export' },
    el('button', { type: 'button', id: 'copy-report', onclick: () => copyReport(shell, note), text: 'Copy report' }),
    el('button', { type: 'button', id: 'download-json', onclick: () => downloadJson(shell), text: 'Download JSON' }),
    note,
  );
}

async function copyReport(shell, note) {
  let text;
  try {
    text = await shell.markdown();
  } catch (e) {
    note.textContent = `The report could not be made: ${e.message}. Check the files again and retry.`;
    return;
  }
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

function downloadJson(shell) {
  download(shell.attach, new Blob([JSON.stringify(shell.report(), null, 2)], { type: 'application/json' }), 'wb-ssl-check-report.json');
}
