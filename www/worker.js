// The checker's Web Worker. scripts/build-web bundles this with the wasm-bindgen glue into one classic
// script: dist/worker.js, and in the offline file a Blob worker. Its only job is to start the module;
// `workerMain` (Rust, web-sys) then handles every later message itself, reading the page's Files and
// Blobs with FileReaderSync.
//
// On the page and the widget, the module's URL is this script's fragment: the download and the
// compilation start as soon as the worker does, off the page's main thread. Otherwise (the inline
// builds, or a worker that replaces one) the first message carries the compiled WebAssembly.Module.
// Calls that arrive before the module is ready wait here, in order.

import { initSync, workerMain } from 'wb-ssl-check-glue';

async function compileFrom(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`cannot load ${url}: ${response.status}`);
  // Streaming (compiled while it downloads) needs the server to say application/wasm.
  return response.headers.get('content-type') === 'application/wasm' ? WebAssembly.compileStreaming(response) : WebAssembly.compile(await response.arrayBuffer());
}

const fetched = location.hash.length > 1 ? compileFrom(decodeURIComponent(location.hash.slice(1))) : null;
// Keep a failed download from being reported as unhandled before the page's first message asks for it.
fetched?.catch(() => {});
let waiting = [];

self.onmessage = async (e) => {
  const { id, op, args } = e.data;
  if (op !== 'init') {
    waiting.push(e);
    return;
  }
  // An async handler's exceptions reach nobody: every one is answered here instead.
  try {
    const module = await (fetched || args[0]);
    initSync({ module });
    workerMain();
    // Handed back so that the page can start a replacement worker without fetching again.
    self.postMessage({ id, result: fetched ? module : null });
  } catch (err) {
    self.postMessage({ id, error: err.message || String(err) });
    return;
  }
  // Dispatched as events, so that a panic in one is reported to the page as any other (an error
  // event; the page then ends this worker, and what is left here is never answered by it).
  for (const call of waiting) self.dispatchEvent(new MessageEvent('message', { data: call.data }));
  waiting = null;
};
