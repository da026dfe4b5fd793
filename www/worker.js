// The checker's Web Worker. scripts/build-web appends this to the wasm-bindgen glue (which defines
// initSync, check, explain, markdownReport, listRules and panicForTests), so that one self-contained
// module serves as dist/worker.js and, in the offline file, as a Blob worker.

/* global initSync, check, explain, markdownReport, listRules, panicForTests */

const OPS = {
  init: (bytes) => {
    initSync({ module: bytes });
    return true;
  },
  check: (inputs, options) => check(inputs, options),
  explain: (rule) => explain(rule),
  markdown: (report) => markdownReport(report),
  rules: () => listRules(),
  // Lets tests prove that the page survives a panic in the core.
  panic: () => panicForTests(),
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
