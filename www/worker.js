// The checker's Web Worker. scripts/build-web bundles this with the wasm-bindgen glue into one classic
// script: dist/worker.js, and in the offline file a Blob worker. Its only job is to start the module:
// the first message carries the WebAssembly.Module the page compiled, and `workerMain` (Rust, web-sys)
// then handles every later message itself, reading the page's Files and Blobs with FileReaderSync.

import { initSync, workerMain } from 'wb-ssl-check-glue';

self.onmessage = (e) => {
  const { id, op, args } = e.data;
  if (op !== 'init') {
    self.postMessage({ id, error: 'the checker is not started' });
    return;
  }
  initSync({ module: args[0] });
  workerMain();
};
