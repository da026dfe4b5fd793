// The words the page shows. Channel titles, status words, role and input-kind labels come from the
// core (the worker's `metadata` operation, the wasm API's metadata()): the page does not repeat them.
// Until they arrive the ids stand in.

let META = null;

export function setMetadata(m) {
  META = m;
}

export function metadata() {
  return META;
}

/** The label the core gives `id` in one of its lists (channels, statuses, roles, kinds). */
export function label(list, id) {
  const hit = META && META[list].find((n) => n.id === id);
  return hit ? hit.label : id;
}

/** "1 error", "3 errors", "1 file" — English plurals of the nouns the page counts. */
export function count(n, noun) {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** "in 729 days", "today", "3 days ago". */
export function relativeDays(days) {
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return 'yesterday';
  return days > 0 ? `in ${days} days` : `${-days} days ago`;
}

export function daysLeft(iso, now) {
  return Math.floor((Date.parse(iso) - now) / 86400000);
}

/** "expires in 729 days" / "expired 3 days ago", and the class that colours it. */
export function validity(notAfter, now) {
  const left = daysLeft(notAfter, now);
  return { text: left < 0 ? `expired ${relativeDays(left)}` : `expires ${relativeDays(left)}`, tone: left < 0 ? 'bad' : left < 30 ? 'warn' : '' };
}

/** The common name of a subject DN, else the whole DN. */
export function commonName(subject) {
  return (subject.match(/CN=([^,]+)/) || [])[1] || subject || '(empty subject)';
}

export const CHANNEL_IDS = ['a', 'b', 'c', '-'];
export const SEVERITIES = ['error', 'warning', 'info'];
/** The noun each severity is counted with ("3 notes": infos are notes to people). */
export const SEVERITY_NOUN = { error: 'error', warning: 'warning', info: 'note' };
