// The words the page shows. Channel titles, status words, role and input-kind labels, severities,
// chain and fix words, and the numbers results are shown by (the expiry warning's threshold) come from
// the core (the worker's `metadata` operation, the wasm API's metadata()): the page does not repeat
// them. Until they arrive the ids stand in; results are only rendered once they are here.

let META = null;

export function setMetadata(m) {
  META = m;
}

export function metadata() {
  return META;
}

/** What the core says of `id` in one of its lists (channels, statuses, roles, kinds, severities,
 * positions, checks, trusts, fix_safeties), or undefined. */
export function named(list, id) {
  return META ? META[list].find((n) => n.id === id) : undefined;
}

/** The page's own words for a few statuses (the ids stay the core's). */
const PEOPLE = { 'trust-unknown': 'CA not given yet' };

/** The label the core gives `id` in one of its lists. */
export function label(list, id) {
  const hit = named(list, id);
  return (list === 'statuses' && PEOPLE[id]) || (hit ? hit.label : id);
}

/** The ids of one of the core's lists, in its order (channels a, b, c, -; severities, most severe first). */
export function ids(list) {
  return META ? META[list].map((n) => n.id) : [];
}

/** The noun a count of findings of `severity` takes ("3 notes"). */
export function severityNoun(severity) {
  const hit = named('severities', severity);
  return hit ? hit.noun : severity;
}

/** "Server certificate": a label at the start of a line. */
export function capitalised(s) {
  return s.charAt(0).toUpperCase() + s.slice(1);
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

/** "expires in 729 days" / "expired 3 days ago", and the class that colours it: a warning within the
 * days that cert-expires-soon warns of. */
export function validity(notAfter, now) {
  const left = daysLeft(notAfter, now);
  const soon = META ? META.limits.expires_soon_days : 0;
  return { text: left < 0 ? `expired ${relativeDays(left)}` : `expires ${relativeDays(left)}`, tone: left < 0 ? 'bad' : left < soon ? 'warn' : '' };
}
