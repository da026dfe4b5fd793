// The checker's Web Worker. scripts/build-web appends this to the wasm-bindgen glue (which defines
// initSync, check, checkMarkdown and version), so that one self-contained
// module serves as dist/worker.js and, in the offline file, as a Blob worker.

/* global initSync, check, checkMarkdown, version */

let last = null;
// Mozilla's root program (public-roots.bin), loaded the first time a chain needs it: most checks (a
// private CA, plain HTTP) never do, so the first load stays small. The widget and the offline file
// have no roots URL and so never fetch anything.
let publicRoots = null;

async function loadRoots(url) {
  if (!publicRoots) {
    const r = await fetch(url);
    if (!r.ok) throw new Error(`cannot load ${url}: ${r.status}`);
    publicRoots = new Uint8Array(await r.arrayBuffer());
  }
  return publicRoots;
}

const OPS = {
  // module: the WebAssembly.Module the page compiled.
  init: (module) => {
    initSync({ module });
    return true;
  },
  // inputs: [{name, bytes}]; options: {nowMs, hostname, roles: {name: role}}. The last inputs are kept
  // so that "Copy report" renders the same check as Markdown.
  // options.rootsUrl: where public-roots.bin is (the page only). A chain that browsers may trust
  // through a public root shows as "trust-unknown" without the roots; then they are loaded and the
  // check runs again with them.
  check: async (inputs, options) => {
    last = { inputs, now: options.nowMs, hostname: options.hostname, roles: options.roles || {}, publicRoots: publicRoots || undefined };
    let report = check(last);
    const a = report.channels.find((c) => c.id === 'a');
    if (options.rootsUrl && !publicRoots && a && a.status === 'trust-unknown') {
      last.publicRoots = await loadRoots(options.rootsUrl);
      report = check(last);
    }
    return report;
  },
  markdown: () => checkMarkdown(last),
  version: () => version(),
};

self.onmessage = async (e) => {
  const { id, op, args } = e.data;
  try {
    if (!OPS[op]) throw new Error(`unknown operation ${op}`);
    self.postMessage({ id, result: await OPS[op](...(args || [])) });
  } catch (err) {
    // A trap (a panic in Rust) leaves the instance unusable: the page replaces this worker.
    self.postMessage({ id, error: String((err && err.message) || err), fatal: err instanceof WebAssembly.RuntimeError });
  }
};
