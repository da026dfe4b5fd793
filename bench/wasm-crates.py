#!/usr/bin/env python3
"""Where the module's bytes go, per crate (and per module of ours): twiggy's items of an unstripped
build (target/wasm32-unknown-unknown/release/wb_ssl_check.wasm, before wasm-opt), summed by the first
`crate::` path in each function's name. Usage: bench/wasm-crates.py [WASM] [--ours]"""
import csv, io, re, subprocess, sys
from collections import Counter

args = [a for a in sys.argv[1:] if not a.startswith('--')]
ours = '--ours' in sys.argv
wasm = args[0] if args else 'target/wasm32-unknown-unknown/release/wb_ssl_check.wasm'
out = subprocess.run(['twiggy', 'top', '-n', '1000000', '-f', 'csv', wasm],
                     capture_output=True, text=True, check=True).stdout
sizes = Counter()
total = 0
for row in csv.DictReader(io.StringIO(out)):
    name, size = row['Name'], int(row['ShallowSize'])
    if 'function names' in name or '__wasm_bindgen_unstable' in name or name.startswith('custom section'):
        continue
    total += size
    m = re.search(r'([a-z_][a-z0-9_]*)(?:\[[0-9a-f]+\])?::', name)
    key = m.group(1) if m else ('data' if name.startswith('data') else 'other')
    if ours and key == 'wb_ssl_check':
        m2 = re.search(r'wb_ssl_check::([a-z_0-9]+)', name)
        key = 'wb_ssl_check::' + (m2.group(1) if m2 else '?')
    elif ours:
        continue
    sizes[key] += size
print(f'{"bytes":>9}  {"%":>5}  item')
for k, v in sizes.most_common(30):
    print(f'{v:>9}  {100*v/total:5.1f}  {k}')
print(f'{total:>9}  total (code and data, names and wasm-bindgen sections left out)')
