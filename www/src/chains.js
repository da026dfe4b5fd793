// The certificates: each served certificate file drawn as its chain (leaf → intermediates → anchor),
// with the checks of every link and, per client, the name it dials and how it trusts the anchor. The
// same certificate given twice (a CA in two files) is one card; the cards fold under their chain, and
// the certificates of no chain (CA bundles, trusted CAs) follow.

import { el, inline } from './dom.js';
import { capitalised, count, label, validity } from './words.js';

const MARK = { pass: '✓', fail: '✗', unknown: '?' };
const MAX_CARDS = 200;

function checkChip(c) {
  return el('li', { class: `check ${c.result}`, 'data-check': c.check, 'data-result': c.result }, el('span', { 'aria-hidden': 'true', text: MARK[c.result] + ' ' }), el('span', { class: 'visually-hidden', text: `${c.result}: ` }), el('strong', { text: label('checks', c.check) }), ' ', inline(c.detail));
}

/** Certificates by fingerprint, each with every (file, block) that holds it. */
function merged(certificates) {
  const byHash = new Map();
  for (const c of certificates) {
    const seen = byHash.get(c.sha256);
    if (seen) seen.places.push(c);
    else byHash.set(c.sha256, { cert: c, places: [c] });
  }
  return byHash;
}

function card(entry, now) {
  const c = entry.cert;
  const valid = validity(c.not_after, now);
  const where = entry.places.map((p) => `${p.file} · block ${p.block}`).join('; ');
  return el(
    'article',
    { class: 'cert', 'data-file': c.file, 'data-block': c.block, 'data-sha256': c.sha256, 'data-places': entry.places.length },
    el('h4', { text: c.name }),
    el('p', { class: 'muted', text: `${where} · ${label('roles', c.role)}` }),
    el(
      'dl',
      {},
      el('dt', { text: 'Names' }), el('dd', { text: c.sans.join(', ') || '—' }),
      el('dt', { text: 'Issuer' }), el('dd', { text: c.issuer }),
      el('dt', { text: 'Valid' }), el('dd', { class: valid.tone, title: `${c.not_before} to ${c.not_after}` }, valid.text),
      el('dt', { text: 'Key' }), el('dd', { text: c.key }),
      el('dt', { text: 'Signed with' }), el('dd', { text: c.signature }),
      el('dt', { text: 'Type' }), el('dd', { text: [c.ca ? 'CA' : 'server', c.self_signed ? 'self-signed' : null].filter(Boolean).join(', ') }),
      el('dt', { text: 'SHA-256' }), el('dd', {}, el('code', { class: 'fp', text: c.sha256 })),
    ),
  );
}

function renderChain(chain, certs, now) {
  const links = el('ol', { class: 'chain-links' });
  chain.links.forEach((l, i) => {
    const entry = certs.get(l.sha256);
    const also = entry && entry.places.length > 1 ? ` (also in ${entry.places.filter((p) => p.file !== l.file).map((p) => p.file).join(', ') || 'the same file twice'})` : '';
    links.append(
      el(
        'li',
        { class: `chain-link ${l.position}`, 'data-position': l.position, 'data-sha256': l.sha256 },
        el('p', { class: 'link-head' }, el('span', { class: 'pos', text: capitalised(label('positions', l.position)) }), ' ', el('strong', { text: entry ? entry.cert.name : l.subject })),
        el('p', { class: 'muted small', text: `${l.file} · block ${l.block}${also}` }),
        el('ul', { class: 'checks' }, ...l.checks.map(checkChip)),
        i < chain.links.length - 1 ? el('p', { class: 'issued-by', 'aria-hidden': 'true', text: '↓ issued by' }) : null,
      ),
    );
  });
  // The anchor when it is not among the inputs: only its name is known.
  if (!chain.anchor.given) {
    links.append(el('li', { class: 'chain-link missing', 'data-position': 'missing' }, el('p', { class: 'link-head' }, el('span', { class: 'pos', text: 'CA your machines must trust (not given)' }), ' ', el('strong', { text: chain.anchor.name })), el('p', { class: 'muted small', text: 'Its certificate is not among the files: clients must already have it.' })));
  }
  const clients = el(
    'ul',
    { class: 'chain-clients' },
    ...chain.clients.map((c) =>
      el(
        'li',
        { class: `client status-${c.status}`, 'data-channel': c.channel, 'data-status': c.status, 'data-trust': c.trust },
        el('strong', { text: `(${c.channel}) ${label('channels', c.channel)}: ` }),
        el('span', { class: 'pill', text: label('statuses', c.status) }),
        el('ul', { class: 'checks' }, checkChip(c.names), el('li', { class: 'check trust', 'data-check': 'trust' }, el('strong', { text: 'CA at the top' }), ` ${label('trusts', c.trust)}`)),
        el('p', { class: 'small' }, inline(c.detail)),
      ),
    ),
  );
  const cards = [...new Set(chain.links.map((l) => l.sha256))].map((h) => certs.get(h)).filter(Boolean);
  return el(
    'article',
    { class: 'chain', 'data-file': chain.file },
    el('h4', {}, el('code', { text: chain.file }), ` · ${label('roles', chain.role)}`),
    links,
    clients,
    el('details', { class: 'cards-fold' }, el('summary', { text: `Certificate details (${cards.length})` }), el('div', { class: 'cards' }, ...cards.map((e) => card(e, now)))),
  );
}

export function renderCertificates(r) {
  if (!r.certificates.length) return el('div');
  const now = Date.now();
  const certs = merged(r.certificates);
  const inChains = new Set(r.chains.flatMap((c) => c.links.map((l) => l.sha256)));
  const others = [...certs.values()].filter((e) => !inChains.has(e.cert.sha256));
  return el(
    'section',
    { class: 'certs', 'aria-labelledby': 'certs-title' },
    el('h3', { id: 'certs-title', text: r.chains.length ? 'Certificate chains' : 'Certificates' }),
    ...r.chains.map((c) => renderChain(c, certs, now)),
    others.length
      ? el(
          'div',
          { class: 'other-certs' },
          r.chains.length ? el('h4', { text: `Other certificates (${others.length})` }) : null,
          el('div', { class: 'cards' }, ...others.slice(0, MAX_CARDS).map((e) => card(e, now))),
          others.length > MAX_CARDS ? el('p', { class: 'muted', text: `${count(others.length - MAX_CARDS, 'more certificate')} in the JSON report.` }) : null,
        )
      : null,
  );
}
