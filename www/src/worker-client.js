// The checker runs in a Web Worker, so that a large input never freezes the page. A panic in the
// core traps the WebAssembly instance: the worker reports it and is replaced before the next check.

/* global WASM_BASE64, WORKER_SOURCE */

export const CHECK_TIMEOUT_MS = 30000;

function base64ToBytes(b64) {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

/** Whether the wasm module is inline (the inline widget and the offline file): they fetch nothing at all. */
export const MODULE_INLINE = typeof WASM_BASE64 === 'string';

export class Checker {
  constructor(workerUrl, wasmUrl, timeoutMs = CHECK_TIMEOUT_MS) {
    this.workerUrl = workerUrl;
    this.timeoutMs = timeoutMs;
    // The inline widget and the offline file carry the module inline; the page and the widget fetch
    // wb_ssl_check_bg.wasm from beside their script, which their CSP allows (connect-src 'self') and
    // which compresses better. Compiled once here (streaming: while it downloads, when the server says
    // application/wasm; otherwise once downloaded) and handed to each worker as a Module, so a
    // replaced worker starts without compiling again.
    this.wasm = MODULE_INLINE
      ? WebAssembly.compile(base64ToBytes(WASM_BASE64))
      : fetch(wasmUrl).then((r) => {
          if (!r.ok) throw new Error(`cannot load ${wasmUrl}: ${r.status}`);
          return r.headers.get('content-type') == 'application/wasm' ? WebAssembly.compileStreaming(r) : r.arrayBuffer().then(WebAssembly.compile);
        });
    this.seq = 0;
    this.pending = new Map();
    this.started = null;
    // Bumped each time the worker is replaced: a new worker has not seen the last check.
    this.generation = 0;
  }

  start() {
    // The worker's script loads while the module compiles; it gets the module when both are ready.
    // A classic worker (the build bundles it as one script): Chromium refuses module workers from
    // Blob URLs on file:// pages, where the offline file has no worker.js to load.
    const worker = typeof WORKER_SOURCE === 'string' ? new Worker(URL.createObjectURL(new Blob([WORKER_SOURCE], { type: 'text/javascript' }))) : new Worker(this.workerUrl);
    worker.onmessage = (e) => this.settle(e.data);
    worker.onerror = (e) => {
      e.preventDefault();
      this.failAll(e.message || 'the checker stopped');
    };
    this.started = this.wasm.then(
      (module) => {
        worker.postMessage({ id: 0, op: 'init', args: [module] });
        return worker;
      },
      (e) => {
        worker.terminate();
        throw e;
      },
    );
    return this.started;
  }

  settle({ id, result, error, fatal }) {
    if (fatal) this.restart();
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    clearTimeout(p.timer);
    if (error !== undefined) p.reject(new Error(error));
    else p.resolve(result);
  }

  failAll(message) {
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(new Error(message));
    }
    this.pending.clear();
    this.restart();
  }

  /** Ends the worker (the element left the page): calls waiting for it fail, and the next call starts a
   * new one. */
  stop() {
    this.failAll('the checker was stopped');
  }

  restart() {
    const old = this.started;
    this.started = null;
    this.generation += 1;
    if (old) old.then((w) => w.terminate(), () => {});
  }

  async call(op, args = []) {
    if (!this.started) this.start();
    const worker = await this.started;
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`the check took more than ${this.timeoutMs / 1000} s and was stopped`));
        this.restart();
      }, this.timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      worker.postMessage({ id, op, args });
    });
  }
}
