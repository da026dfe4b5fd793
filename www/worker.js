// The checker's Web Worker. scripts/build-web appends this to the wasm-bindgen glue (which defines
// initSync and the module's exports), so that one self-contained script serves as dist/worker.js and,
// in the offline file, as a Blob worker. Its only job is to start the module: the first message
// carries the WebAssembly.Module the page compiled, and `workerMain` (Rust, web-sys) then handles
// every later message itself, reading the page's Files and Blobs with FileReaderSync.

/* global initSync, workerMain */

self.onmessage = (e) => {
  const { id, op, args } = e.data;
  if (op !== 'init') {
    self.postMessage({ id, error: 'the checker is not started' });
    return;
  }
  initSync({ module: args[0] });
  workerMain();
};
