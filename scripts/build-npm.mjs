// Assembles the npm package from the page's build (dist/, target/pkg) and npm/, then `npm pack`s it.
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const dist = join(root, 'dist');
// The API ships the page's full module (the Kubernetes reader and archives, scripts/build-web): a
// package has no first-load budget to keep.
const pkg = join(root, 'target/pkg-full');
const outRoot = join(root, 'target/npm');
const out = join(outRoot, 'wb-ssl-check');
rmSync(outRoot, { recursive: true, force: true });
mkdirSync(join(out, 'widget'), { recursive: true });

const version = /^version = "(.*)"$/m.exec(readFileSync(join(root, 'Cargo.toml'), 'utf8'))[1];
const copy = (from, to = '') => copyFileSync(from, join(out, to || from.split('/').pop()));
copy(join(root, 'npm/index.js'));
copy(join(root, 'npm/index.d.ts'));
copy(join(root, 'npm/README.md'));
// The wasm-bindgen glue as an ES module, with the optimised full module the page ships.
copy(join(pkg, 'wb_ssl_check.js'));
copy(join(dist, 'wb_ssl_check_full_bg.wasm'), 'wb_ssl_check_bg.wasm');
copy(join(dist, 'chart-defaults.json'));
copy(join(dist, 'public-roots.bin'));
copy(join(dist, 'symptoms.json'));
// The report's types, as the glue declares them (src/wasm.d.ts), for index.d.ts.
copy(join(root, 'src/wasm.d.ts'), 'wasm.d.ts');
// The widget loads its module, worker, rule docs, example and symptom catalog from next to itself; the inline widget
// (for a CSP without connect-src) carries its module and example, and loads the worker and rule docs.
for (const f of ['wb-ssl-check-widget.js', 'wb-ssl-check-widget-inline.js', 'worker.js', 'wb_ssl_check_bg.wasm', 'rule-docs.js', 'example.json', 'symptoms.json']) copy(join(dist, f), `widget/${f}`);

const manifest = {
  name: 'wb-ssl-check',
  version,
  description: 'Checks Posit Workbench SSL and Job Launcher configuration: rserver.conf, launcher.conf and their certificates and keys. WebAssembly, for Node and browsers.',
  license: 'MIT',
  type: 'module',
  main: './index.js',
  types: './index.d.ts',
  exports: {
    '.': { types: './index.d.ts', default: './index.js' },
    './widget': './widget/wb-ssl-check-widget.js',
    './widget-inline': './widget/wb-ssl-check-widget-inline.js',
    './package.json': './package.json',
  },
  sideEffects: ['./widget/wb-ssl-check-widget.js', './widget/wb-ssl-check-widget-inline.js'],
  engines: { node: '>=18' },
  keywords: ['posit', 'workbench', 'rstudio', 'ssl', 'tls', 'x509', 'webassembly'],
};
writeFileSync(join(out, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', outRoot], { cwd: out, encoding: 'utf8' }).trim().split('\n').pop();
console.log(`target/npm/${tarball}`);
