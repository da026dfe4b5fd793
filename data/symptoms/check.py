#!/usr/bin/env python3
"""Validate data/symptoms: the symptom catalog and its real samples.

Checks (python3 standard library only):
  * catalog.json is an array of at least MIN_FAMILIES entries, each with every field of the
    documented shape and values of the right kind;
  * ids are unique kebab-case names;
  * a family printed by a browser with a channel carries "any_application": true, unless it is one
    of the IDE's own messages (ids `ide-…`);
  * every rule name in `causes[].rules` is a rule of docs/rules.md (or --rules FILE);
  * every family has samples/<id>.txt, made of blocks, each block (blank lines allowed inside)
    opening with a `# source: <url> — <what>` line, optionally followed by `# channel: X`
    and `# note: ...` lines;
  * every sample block matches at least one pattern of its own family and no pattern of any
    other family (collisions are listed);
  * prints the number of samples per channel (a sample's channel is its `# channel:` line,
    else its family's channel).

Pattern language (what the checker in Rust implements): a pattern is a literal substring in which
ASCII letters match in either case; `*` inside a pattern matches any run of characters within one
line.

Exit status 0 when everything passes, 1 otherwise.
"""

import argparse
import json
import os
import re
import sys
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
MIN_FAMILIES = 60
PRINTED_BY = {"browser", "rserver", "launcher", "session", "curl", "openssl", "kubernetes", "other"}
CHANNELS = {"a", "b", "c", "d", None}
ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
RULE_ROW_RE = re.compile(r"^\|\s*\[?`([a-z0-9-]+)`", re.M)


def compile_pattern(pattern):
    """A pattern as a regex: literal text, ASCII case folded, `*` = any run of characters within one line."""
    return re.compile("[^\n]*".join(re.escape(part) for part in pattern.split("*")), re.IGNORECASE | re.ASCII)


def load_rules(path):
    with open(path, encoding="utf-8") as f:
        return set(RULE_ROW_RE.findall(f.read()))


def parse_samples(path):
    """Blocks of a sample file: [(line_no, source, channel_or_'missing', text)].

    A block opens with a `# source: ` line and runs to the next one; `# channel: ` and `# note: `
    lines right after the source line are metadata; blank lines at the ends of the
    text are dropped (blank lines inside it are kept: logs and error pages have them).
    """
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    blocks = []
    for number, line in enumerate(lines, 1):
        if line.startswith("# source: "):
            blocks.append([number, line[len("# source: "):], "missing", [], True])
        elif not blocks:
            if line.strip():
                blocks.append([number, None, "missing", [line], False])
        elif blocks[-1][4] and line.startswith("# channel: "):
            blocks[-1][2] = line[len("# channel: "):].strip()
        elif blocks[-1][4] and line.startswith("# note: "):
            continue
        else:
            blocks[-1][4] = False
            blocks[-1][3].append(line)
    return [(n, s, c, "\n".join(body).strip("\n")) for n, s, c, body, _ in blocks]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dir", default=HERE, help="the data/symptoms folder (default: this script's)")
    parser.add_argument("--rules", default=os.path.join(HERE, "..", "..", "docs", "rules.md"), help="the rule catalog whose table names the rules (default: docs/rules.md, generated from the registry)")
    args = parser.parse_args()

    errors = []
    catalog_path = os.path.join(args.dir, "catalog.json")
    with open(catalog_path, encoding="utf-8") as f:
        catalog = json.load(f)
    if not isinstance(catalog, list):
        print("catalog.json: not an array")
        return 1
    rules = load_rules(args.rules)
    if not rules:
        errors.append(f"{args.rules}: no rule names found")

    ids = Counter()
    families = {}
    for index, entry in enumerate(catalog):
        where = f"catalog.json[{index}]"
        if not isinstance(entry, dict):
            errors.append(f"{where}: not an object")
            continue
        fid = entry.get("id")
        where = f"catalog.json[{index}] ({fid})"
        for key, kind in (("id", str), ("printed_by", str), ("patterns", list), ("channel_hint", str),
                          ("meaning", str), ("causes", list), ("sources", list)):
            if not isinstance(entry.get(key), kind):
                errors.append(f"{where}: field {key!r} missing or not a {kind.__name__}")
        if "proxy" in entry:
            errors.append(f"{where}: field 'proxy' is now 'any_application'")
        if "any_application" in entry and not isinstance(entry["any_application"], bool):
            errors.append(f"{where}: field 'any_application' is not a boolean")
        if entry.get("any_application") and entry.get("channel") is None:
            errors.append(f"{where}: an any-application family needs the channel it is on when the text shows Workbench")
        # A browser prints the same page for every website: only the IDE's own messages (`ide-…`,
        # RStudio's words) may hold a channel without evidence of Workbench in the text.
        if (entry.get("printed_by") == "browser" and entry.get("channel") is not None
                and not entry.get("any_application") and not str(fid).startswith("ide-")):
            errors.append(f"{where}: a browser's page needs \"any_application\": true (only the IDE's own messages, ide-…, hold a channel by their words)")
        if "channel" not in entry:
            errors.append(f"{where}: field 'channel' missing")
        elif entry["channel"] not in CHANNELS:
            errors.append(f"{where}: channel {entry['channel']!r} is not a, b, c, d or null")
        if isinstance(fid, str) and not ID_RE.match(fid):
            errors.append(f"{where}: id is not kebab-case")
        if entry.get("printed_by") not in PRINTED_BY:
            errors.append(f"{where}: printed_by {entry.get('printed_by')!r} not one of {sorted(PRINTED_BY)}")
        patterns = entry.get("patterns") or []
        if not patterns:
            errors.append(f"{where}: no patterns")
        for p in patterns:
            if not isinstance(p, str) or not p.strip("*").strip():
                errors.append(f"{where}: empty or non-text pattern {p!r}")
            elif "\n" in p:
                errors.append(f"{where}: pattern {p!r} spans lines")
        folded = [p.lower() for p in patterns if isinstance(p, str)]
        for p in sorted({p for p in folded if folded.count(p) > 1}):
            errors.append(f"{where}: pattern {p!r} twice (letters match in either case)")
        for c_index, cause in enumerate(entry.get("causes") or []):
            if not isinstance(cause, dict) or not isinstance(cause.get("text"), str) or not isinstance(cause.get("rules"), list):
                errors.append(f"{where}: causes[{c_index}] needs text (string) and rules (array)")
                continue
            for rule in cause["rules"]:
                if rule not in rules:
                    errors.append(f"{where}: causes[{c_index}] names rule {rule!r}, not in {args.rules}")
        if not entry.get("causes"):
            errors.append(f"{where}: no causes")
        for s_index, source in enumerate(entry.get("sources") or []):
            if not isinstance(source, dict) or not all(isinstance(source.get(k), str) for k in ("title", "url", "what")):
                errors.append(f"{where}: sources[{s_index}] needs title, url, what")
            elif not source["url"].startswith("https://"):
                errors.append(f"{where}: sources[{s_index}] url is not https://")
        if not entry.get("sources"):
            errors.append(f"{where}: no sources")
        if isinstance(fid, str):
            ids[fid] += 1
            families[fid] = entry

    for fid, count in ids.items():
        if count > 1:
            errors.append(f"id {fid!r} appears {count} times")
    if len(families) < MIN_FAMILIES:
        errors.append(f"{len(families)} families; at least {MIN_FAMILIES} needed")

    compiled = {fid: [(p, compile_pattern(p)) for p in e.get("patterns") or [] if isinstance(p, str)]
                for fid, e in families.items()}
    per_channel = Counter()
    per_family = {}
    collisions = []
    sample_dir = os.path.join(args.dir, "samples")
    for fid, entry in families.items():
        path = os.path.join(sample_dir, f"{fid}.txt")
        if not os.path.exists(path):
            errors.append(f"samples/{fid}.txt missing")
            continue
        blocks = parse_samples(path)
        if not blocks:
            errors.append(f"samples/{fid}.txt: no sample blocks")
        per_family[fid] = len(blocks)
        for line_no, source, channel, text in blocks:
            where = f"samples/{fid}.txt:{line_no}"
            if not source or " — " not in source or not source.startswith("https://"):
                errors.append(f"{where}: block must open with '# source: https://... — what'")
            if channel == "missing":
                channel = entry.get("channel")
            elif channel == "null":
                channel = None
            elif channel not in {"a", "b", "c", "d"}:
                errors.append(f"{where}: '# channel: {channel}' is not a, b, c, d or null")
            if not text.strip():
                errors.append(f"{where}: block has no sample text")
                continue
            if not any(rx.search(text) for _, rx in compiled[fid]):
                errors.append(f"{where}: matches no pattern of its own family")
            for other, pats in compiled.items():
                if other == fid:
                    continue
                hit = [p for p, rx in pats if rx.search(text)]
                if hit:
                    collisions.append(f"{where}: also matches {other} ({', '.join(repr(h) for h in hit)})")
            per_channel["null" if channel is None else channel] += 1

    unused = set(os.listdir(sample_dir)) - {f"{fid}.txt" for fid in families} if os.path.isdir(sample_dir) else set()
    for name in sorted(unused):
        errors.append(f"samples/{name}: no family with that id")

    print(f"families: {len(families)}")
    print(f"samples: {sum(per_family.values())} in {len(per_family)} files")
    print("samples per channel: " + ", ".join(f"{k}={per_channel.get(k, 0)}" for k in ("a", "b", "c", "d", "null")))
    printed = Counter(e.get("printed_by") for e in families.values())
    print("families per printer: " + ", ".join(f"{k}={v}" for k, v in sorted(printed.items())))
    thin = sorted(fid for fid, n in per_family.items() if n == 1)
    if thin:
        print(f"families with one sample ({len(thin)}): {', '.join(thin)}")
    for c in collisions:
        print("COLLISION " + c)
    for e in errors:
        print("ERROR " + e)
    ok = not errors and not collisions
    print("OK" if ok else f"FAILED: {len(errors)} errors, {len(collisions)} collisions")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
