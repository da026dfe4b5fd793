// The three channels: the diagram (browser ⇄ Workbench ⇄ Launcher, session → Workbench), the card of
// the selected channel, and the explanation shown before anything is checked.

import { el, inline, shorten } from './dom.js';
import { label, metadata, validity } from './words.js';

/** The narrowest width (CSS px) at which the diagram is drawn across: its 780-unit view box then
 * draws its smallest words (11 units) at 12 px or more. Narrower, it is drawn upright (340 units wide,
 * every word 16 units: app.css .narrow), which keeps them at 12 px or more down to 255 px. The element
 * decides by the room the diagram has, not by the screen: a widget in a narrow column of a wide
 * screen draws it upright too, and so does the results' column beside the plan. */
export const ACROSS_MIN_WIDTH = 860;

/** The diagram. With `onSelect`, each channel is a button coloured by its status; without, it is the
 * empty state's picture. */
export function renderDiagram(report, onSelect, width = Infinity) {
  const interactive = Boolean(onSelect);
  const status = Object.fromEntries(report.channels.map((c) => [c.id, c]));
  // How many of the ticket's symptoms are on each channel: a count on its wire, drawn over it.
  const symptoms = {};
  for (const s of (interactive && report.symptoms) || []) if (s.channel) symptoms[s.channel] = (symptoms[s.channel] || 0) + 1;
  const marks = [];
  const narrow = width < ACROSS_MIN_WIDTH;
  // On Kubernetes: users come through a route (an Ingress, ...) and the Service to the pods, and
  // sessions call back through the Service.
  const kube = interactive ? report.kubernetes : null;
  const entryKind = kube && kube.entry ? kube.entry.split(' ')[0] : '?';
  const via = kube ? (entryKind === 'LoadBalancer' || entryKind === 'NodePort' ? `${entryKind} Service` : `${entryKind} → Service`) : '';
  const pods = kube ? (kube.replicas > 1 ? `pods ×${kube.replicas}` : 'pod') : '';
  // A hop on a wire: a label in a box the wire passes through (the wire's own button stays under it).
  const hop = (x, y, text) => {
    const w = text.length * 6.4 + 14;
    return el('g', { class: 'hop', 'aria-hidden': 'true' }, el('rect', { x: x - w / 2, y: y - 10, width: w, height: 20, rx: 10 }), el('text', { x, y: y + 4, 'text-anchor': 'middle', class: 'hop-label', text }));
  };
  const cluster = Boolean(status.d);
  const d = narrow ? 2 : 0;
  const node = (x, y, name, sub, w = 160) =>
    el('g', { class: 'node' }, el('rect', { x: x - w / 2, y: y - 26, width: w, height: 52, rx: 10 }), el('text', { x, y: y - 2 - d, 'text-anchor': 'middle', class: 'node-label', text: name }), el('text', { x, y: y + 16 + d, 'text-anchor': 'middle', class: 'node-sub', text: sub }));
  // An arrowhead at (x, y) pointing in direction (dx, dy).
  const head = (x, y, dx, dy) => {
    const len = Math.hypot(dx, dy);
    const [ux, uy] = [dx / len, dy / len];
    const pts = [[x, y], [x - ux * 12 - uy * 7, y - uy * 12 + ux * 7], [x - ux * 12 + uy * 7, y - uy * 12 - ux * 7]];
    return el('polygon', { class: 'head', points: pts.map((p) => p.join(',')).join(' ') });
  };
  const arrow = (id, x1, y1, x2, y2, both, lx, ly, anchor = 'middle') => {
    const c = status[id] || { status: 'unknown', endpoint: null };
    const title = label('channels', id);
    // Upright, channel d's words sit between the wires of (b) and (c): fewer characters.
    const endpoint = c.endpoint ? shorten(c.endpoint, narrow ? (id === 'd' ? 14 : 24) : 30) : '';
    const select = () => onSelect(id);
    const n = symptoms[id];
    if (n) {
      const [x, y, r] = [(x1 + x2) / 2, (y1 + y2) / 2, narrow ? 12 : 9];
      marks.push(el('g', { class: 'symptom-mark', onclick: select }, el('title', { text: `${n} symptom${n > 1 ? 's' : ''} in the ticket` }), el('rect', { x: x - r, y: y - r, width: 2 * r, height: 2 * r, rx: r }), el('text', { x, y: y + r / 2, 'text-anchor': 'middle', class: 'symptom-count', 'data-channel': id, text: n })));
    }
    const attrs = interactive
      ? { class: `channel status-${c.status}`, 'data-channel': id, 'data-status': c.status, role: 'button', tabindex: 0, 'aria-label': `(${id}) ${label('statuses', c.status)}${endpoint && ' ' + endpoint}: channel ${title}. Show details.`, onclick: select, onkeydown: (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); select(); } } }
      : { class: 'channel status-unchecked', 'data-intro-channel': id };
    return el(
      'g',
      attrs,
      // The button's name is its aria-label (visible text first, as WCAG 2.5.3 asks); an SVG title
      // would add words to the visible text that the name does not have.
      interactive ? null : el('title', { text: title }),
      el('line', { x1, y1, x2, y2, class: 'hit' }),
      el('line', { x1, y1, x2, y2, class: 'wire' }),
      head(x2, y2, x2 - x1, y2 - y1),
      both ? head(x1, y1, x1 - x2, y1 - y2) : null,
      // The trailing space keeps the label and the endpoint apart in the button's visible text, which
      // must appear in its accessible name (axe's label-content-name-mismatch).
      el('text', { x: lx, y: ly, 'text-anchor': anchor, class: 'wire-label', text: interactive ? `(${id}) ${label('statuses', c.status)} ` : `(${id})` }),
      el('text', { x: lx, y: ly + 16 + 3 * d, 'text-anchor': anchor, class: 'wire-endpoint', text: endpoint }),
    );
  };
  // Upright: Browser, Workbench, then the Session and the Launcher side by side; (a) and (c) on the
  // left, (b) on the right, each label beside its own wire. A cluster's other nodes stand between
  // Workbench and that row, which moves down to make room, with channel d straight down the middle.
  const upright = () => {
    const low = cluster ? 180 : 0;
    return [
      node(170, 28, 'Browser', 'users', 330),
      node(170, 156, 'Workbench', kube ? `${via} → ${pods}` : cluster ? 'this node' : 'rserver', 330),
      ...(cluster ? [node(170, 300, 'Other nodes', status.d.nodes.length > 1 ? `${status.d.nodes.length - 1} given` : 'not given', 180)] : []),
      node(255, 328 + low, 'Job Launcher', kube ? 'in the pod' : 'launcher'),
      node(85, 328 + low, 'Session', kube ? (kube.callback ? 'pods, via Service' : 'session pods') : cluster ? 'R, Jupyter' : 'R, Jupyter, VS Code'),
      el('path', { d: `M255 ${354 + low}V${372 + low}H85V${354 + low}`, class: 'starts', fill: 'none' }),
      el('text', { x: 170, y: 392 + low, 'text-anchor': 'middle', class: 'node-sub', text: 'starts sessions' }),
      arrow('a', 48, 56, 48, 128, true, 62, 86, 'start'),
      ...(cluster ? [arrow('d', 170, 184, 170, 272, true, 184, 214, 'start')] : []),
      arrow('b', 322, 184, 322, 300 + low, true, 308, cluster ? 360 : 256, 'end'),
      arrow('c', 48, 300 + low, 48, 184, false, 62, cluster ? 420 : 210, 'start'),
    ];
  };
  const svg = el(
    'svg',
    { viewBox: narrow ? `0 0 340 ${cluster ? 580 : 400}` : '0 0 780 270', class: narrow ? 'diagram narrow' : 'diagram', role: 'group', 'aria-label': interactive ? `The ${cluster ? 'four' : 'three'} channels; select one for its details` : 'The three channels: (a) browser to Workbench, (b) Workbench to the Job Launcher, (c) sessions back to Workbench' },
    narrow
      ? upright()
      : [
          node(95, 70, 'Browser', 'users'),
          node(390, 70, 'Workbench', kube ? pods : 'rserver'),
          node(685, 70, 'Job Launcher', kube ? 'in the pod' : 'launcher'),
          node(390, 225, 'Session', kube ? 'session pods' : 'R, Jupyter, VS Code'),
          el('line', { x1: 685, y1: 96, x2: 472, y2: 212, class: 'starts' }),
          el('text', { x: 610, y: 170, class: 'node-sub', text: 'starts sessions' }),
          arrow('a', 180, 70, 305, 70, true, 242, 22),
          arrow('b', 475, 70, 600, 70, true, 537, 22),
          arrow('c', 390, 197, 390, 98, false, 402, 142, 'start'),
          // A load-balanced cluster: the other nodes, and channel d between the nodes.
          ...(cluster ? [node(95, 225, 'Other nodes', status.d.nodes.length > 1 ? `${status.d.nodes.length - 1} given` : 'files not given'), arrow('d', 318, 97, 150, 198, true, 250, 185, 'end')] : []),
          ...(kube ? [hop(242, 70, via), kube.callback ? hop(390, 174, 'Service') : null].filter(Boolean) : []),
        ],
  );
  svg.append(...marks);
  return el('figure', { class: 'diagram-wrap' }, svg, interactive ? el('figcaption', { text: kube ? `${kubePath(kube)} Select a channel for its details.` : 'Select a channel for its details.' }) : null);
}

/** The Kubernetes path in words, under the diagram: the route in, the Service, the pods, and the
 * callback. */
function kubePath(k) {
  const entry = k.entry ? `${k.entry}${k.host ? ` (${k.host})` : ''}${k.tls ? `, TLS by ${k.tls}` : ', no TLS'}` : 'a route the inputs do not show';
  const service = k.service ? `Service ${k.service}` : 'a Service';
  const pods = k.replicas > 1 ? `${k.replicas} Workbench pods` : 'the Workbench pod';
  const back = k.callback ? ` Sessions call back through the Service (${k.callback}), not through the route.` : '';
  return `On Kubernetes, browsers reach ${pods} through ${entry}, then the ${service}.${back}`;
}

/** Before anything is checked: the three channels, what must agree on each, and which files check
 * it. The words come from the core (metadata); until they arrive, only the diagram is shown. */
export function renderIntro(width = Infinity) {
  const placeholder = { channels: ['a', 'b', 'c'].map((id) => ({ id, status: 'unknown', endpoint: null })) };
  const meta = metadata();
  const items = meta
    ? meta.channels.filter((c) => c.id !== '-' && c.id !== 'd').map((c) =>
        el(
          'li',
          { 'data-intro-channel': c.id },
          el('h4', { text: `(${c.id}) ${c.label}` }),
          el('p', { text: c.about }),
          el('p', {}, 'Must agree: ', ...c.settings.flatMap((k, i) => [i ? ', ' : '', el('code', { text: k })])),
          el('p', { class: 'needs', text: `To check it, give: ${c.needs.join(', ')}.` }),
        ),
      )
    : [];
  return [el('h3', { id: 'intro-title', text: 'What is checked: the three channels of Workbench' }), renderDiagram(placeholder, undefined, width), el('ol', { class: 'channels-intro' }, ...items)];
}

/** The card of one channel: status, endpoint, why, the certificate served, who must trust what, and
 * the settings involved (folded). */
export function renderChannelCard(c, now) {
  const settings = el(
    'table',
    { class: 'settings' },
    el('caption', { text: 'Settings involved' }),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'Setting' }), el('th', { scope: 'col', text: 'Value in effect' }), el('th', { scope: 'col', text: 'Where' }))),
    el('tbody', {}, ...c.settings.map((s) => el('tr', {}, el('td', {}, el('code', { text: s.key })), el('td', {}, s.value ? el('code', { text: s.value }) : el('span', { class: 'muted', text: 'not set' })), el('td', { text: s.default ? 'default' : `${s.file}:${s.line}` })))),
  );
  const cert = c.certificate;
  const valid = cert && validity(cert.not_after, now);
  return el(
    'article',
    { class: `channel-card status-${c.status}`, 'data-channel': c.id, 'data-status': c.status, 'aria-live': 'polite' },
    el('h3', {}, `(${c.id}) ${label('channels', c.id)}: `, el('span', { class: 'pill', text: label('statuses', c.status) })),
    c.endpoint ? el('p', {}, 'Endpoint: ', el('code', { text: c.endpoint })) : null,
    el('p', {}, inline(c.explanation)),
    (c.nodes || []).length
      ? el(
          'ul',
          { class: 'nodes' },
          ...c.nodes.map((n) => {
            // On channel d each node's own certificate, the one the other nodes are served.
            const v = n.certificate && validity(n.certificate.not_after, now);
            return el(
              'li',
              { 'data-node': n.node, 'data-status': n.status },
              `${n.node}: `,
              el('span', { class: 'pill', text: label('statuses', n.status) }),
              n.endpoint ? ' ' : '',
              n.endpoint ? el('code', { text: n.endpoint }) : null,
              n.certificate ? el('span', { class: 'node-cert' }, el('br'), `Certificate: ${n.certificate.subject} · names: ${n.certificate.sans.join(', ') || '—'} · `, el('span', { class: v.tone, title: n.certificate.not_after }, v.text)) : null,
            );
          }),
        )
      : null,
    cert
      ? el('div', { class: 'cert-ref' }, el('strong', { text: 'Certificate: ' }), cert.subject, el('br'), 'Names: ', cert.sans.join(', ') || '—', el('br'), el('span', { class: valid.tone, title: cert.not_after }, valid.text), ` · SHA-256 ${cert.sha256.slice(0, 23)}…`)
      : null,
    c.trust.length ? el('ul', { class: 'trust' }, ...c.trust.map((t) => el('li', {}, inline(t)))) : null,
    (c.served || []).length ? renderServed(c.served, now) : null,
    c.settings.length ? el('details', { class: 'settings-fold' }, el('summary', { text: `Settings involved (${c.settings.length})` }), settings) : null,
  );
}

/** What the channel's endpoint was seen to serve: who saw it, where, how, the chain as sent, and
 * whether it is the configured file's certificate. */
function renderServed(served, now) {
  const same = (s) => (s.same_as_file === true ? 'the configured file\u2019s certificate' : s.same_as_file === false ? 'not the configured file\u2019s certificate' : null);
  return el(
    'div',
    { class: 'served' },
    el('h4', { text: 'Served (observed)' }),
    ...served.map((s) =>
      el(
        'div',
        { class: `served-item status-${s.status}`, 'data-served': s.result, 'data-status': s.status },
        el('p', {}, el('code', { text: s.dialled }), s.address ? ` (${s.address})` : '', ` · ${s.source} · `, el('span', { class: 'pill', text: label('statuses', s.status) })),
        el('p', { text: s.detail }),
        s.certificates.length
          ? el(
              'ol',
              { class: 'served-chain' },
              ...s.certificates.map((c) => {
                const v = validity(c.not_after, now);
                return el('li', {}, c.subject, ' · ', el('span', { class: v.tone, title: c.not_after }, v.text), ` · SHA-256 ${c.sha256.slice(0, 23)}…`);
              }),
            )
          : null,
        same(s) ? el('p', { class: s.same_as_file ? 'ok' : 'warn', text: same(s) }) : null,
        s.http ? el('p', {}, 'HTTP answer: ', el('code', { text: s.http })) : null,
      ),
    ),
  );
}
