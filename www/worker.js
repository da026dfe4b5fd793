// The checker's Web Worker. scripts/build-web appends this to the wasm-bindgen glue (which defines
// initSync, check, checkMarkdown, version and panicForTests), so that one self-contained
// module serves as dist/worker.js and, in the offline file, as a Blob worker.

/* global initSync, check, checkMarkdown, version, panicForTests */

let last = null;

const OPS = {
  init: (bytes) => {
    initSync({ module: bytes });
    return true;
  },
  // inputs: [{name, bytes}]; options: {nowMs, hostname, roles: {name: role}}. The last inputs are kept
  // so that "Copy report" renders the same check as Markdown.
  check: (inputs, options) => {
    last = [inputs.map((i) => i.name), inputs.map((i) => i.bytes), options.nowMs, options.hostname, Object.entries(options.roles || {}).flat()];
    return JSON.parse(check(...last));
  },
  markdown: () => checkMarkdown(...last),
  version: () => version(),
  // Let tests prove that the page survives a panic in the core, and a worker that never answers.
  panic: () => panicForTests(),
  hang: () => {
    for (;;);
  },
};

self.onmessage = (e) => {
  const { id, op, args } = e.data;
  try {
    if (!OPS[op]) throw new Error(`unknown operation ${op}`);
    self.postMessage({ id, result: OPS[op](...(args || [])) });
  } catch (err) {
    // A trap (a panic in Rust) leaves the instance unusable: the page replaces this worker.
    self.postMessage({ id, error: String((err && err.message) || err), fatal: err instanceof WebAssembly.RuntimeError });
  }
};
