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

// Message id 0 is the worker's start: its answer is the compiled module, or why it could not start.
const START = 0;

export class Checker {
  constructor(workerUrl, wasmUrl, timeoutMs = CHECK_TIMEOUT_MS) {
    this.workerUrl = workerUrl;
    this.wasmUrl = wasmUrl;
    this.timeoutMs = timeoutMs;
    // The compiled module, once there is one: a replaced worker gets it and starts without fetching
    // or compiling again. The inline widget and the offline file compile theirs from the script.
    this.module = MODULE_INLINE ? WebAssembly.compile(base64ToBytes(WASM_BASE64)) : null;
    this.seq = 0;
    this.pending = new Map();
    this.worker = null;
    // Bumped each time the worker is replaced: a new worker has not seen the last check.
    this.generation = 0;
  }

  /** Starts a worker; the promise settles when it has the module (or could not get it). Calls need
   * not wait for it: the worker keeps them until it has started. */
  start() {
    // The page and the widget let the worker fetch and compile wb_ssl_check_bg.wasm itself (its URL
    // in the worker script's fragment, which is never sent to the server): neither then waits for the
    // page's main thread, busy with its first layout while the module downloads. A classic worker
    // (the build bundles it as one script): Chromium refuses module workers from Blob URLs on file://
    // pages, where the offline file has no worker.js to load.
    const url = this.module ? this.workerUrl : `${this.workerUrl}#${encodeURIComponent(this.wasmUrl)}`;
    const worker = typeof WORKER_SOURCE === 'string' ? new Worker(URL.createObjectURL(new Blob([WORKER_SOURCE], { type: 'text/javascript' }))) : new Worker(url);
    this.worker = worker;
    // Only the current worker is listened to: a replaced one may still deliver what it had queued.
    const current = (handle) => (e) => {
      if (this.worker === worker) handle(e);
    };
    worker.onmessage = current((e) => this.settle(e.data));
    worker.onerror = current((e) => {
      e.preventDefault();
      // Until the start is answered, its entry waits in `pending`.
      const starting = this.pending.has(START);
      this.failAll(starting ? `the checker could not start: ${e.message || 'its worker did not load'}` : e.message || 'the checker stopped');
    });
    this.up = new Promise((resolve, reject) => this.pending.set(START, { resolve, reject }));
    if (this.module) {
      this.module.then(
        current((module) => worker.postMessage({ id: START, op: 'init', args: [module] })),
        current((e) => this.failAll(`the checker could not start: ${e.message}`)),
      );
    } else {
      worker.postMessage({ id: START, op: 'init', args: [] });
    }
    return this.up.then((module) => {
      if (module && !this.module) this.module = Promise.resolve(module);
      return worker;
    });
  }

  settle({ id, result, error, fatal }) {
    // A worker that could not start answers nothing else: every call waiting for it fails now, and
    // the next one starts a new worker (which tries the download again).
    if (id === START && error !== undefined) return this.failAll(`the checker could not start: ${error}`);
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

  /** From now on, the checker is the worker and module at these URLs (the full module, with the Kubernetes
   * reader and archives): the current worker ends, and the next call starts the new one. */
  switchTo(workerUrl, wasmUrl) {
    this.workerUrl = workerUrl;
    this.wasmUrl = wasmUrl;
    this.module = null;
    this.restart();
  }

  restart() {
    const old = this.worker;
    this.worker = null;
    this.generation += 1;
    if (old) old.terminate();
  }

  async call(op, args = []) {
    if (!this.worker) this.start().catch(() => {});
    const worker = this.worker;
    const up = this.up;
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      const entry = { resolve, reject };
      this.pending.set(id, entry);
      worker.postMessage({ id, op, args });
      // The time limit is the check's: it starts once the worker has its module, however long the
      // download took.
      up.then(
        () => {
          if (this.pending.get(id) !== entry) return;
          entry.timer = setTimeout(() => {
            this.pending.delete(id);
            reject(new Error(`the check took more than ${this.timeoutMs / 1000} s and was stopped`));
            // Unless another call's limit already replaced that worker.
            if (this.worker === worker) this.restart();
          }, this.timeoutMs);
        },
        () => {},
      );
    });
  }
}
