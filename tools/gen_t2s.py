#!/usr/bin/env python3
"""Generate src/normalize/t2s.rs, the one-character traditional -> simplified
table read by `zh_econ::normalize::fold`, from OpenCC's TSCharacters.txt.

Python 3 standard library only.

Usage (from the crate root):

    python3 tools/gen_t2s.py PATH/TO/TSCharacters.txt            # (re)write the file
    python3 tools/gen_t2s.py PATH/TO/TSCharacters.txt --check    # exit 1 if it differs

Getting the input: OpenCC's dictionary text ships in the npm package `opencc`
(data/dictionary/TSCharacters.txt). The committed table was made from
opencc 1.4.2:

    cd /tmp && npm pack opencc@1.4.2 && tar -xzf opencc-1.4.2.tgz
    python3 tools/gen_t2s.py /tmp/package/data/dictionary/TSCharacters.txt

The source named in the header is read from the package.json (npm) or the
*.dist-info/METADATA (PyPI wheel) found above the input file; pass
`--source "NAME VERSION"` to name it yourself. Do not commit the package.
OpenCC's data is Apache-2.0: see tools/LICENSE-OpenCC.txt.

Rules, in order:

1. Lines that are empty or start with `#` are comments (OpenCC >= 1.2 annotates
   its tables; `@tofu-risk` lines list the original character as the first
   candidate, so rule 3 drops them).
2. Only single-character keys are kept.
3. The first candidate is taken; pairs where it equals the key, or where it is
   not a single character, are dropped.
4. Chains are cut so that `fold` stays idempotent (normalize.rs promises
   `fold(fold(c)) == fold(c)`): a pair whose simplified side is itself a key of
   the table is dropped, and reported on stderr. In opencc 1.4.2 that is the
   only one, 薴 -> 苧 (苧 -> 苎 stays): following the chain would give 薴 -> 苎,
   the character of ramie, not of limonene (苧烯), so 薴 is left as written.
5. SUPPLEMENT adds pairs OpenCC lacks (used only when OpenCC has no pair for
   that key; a supplement OpenCC now covers is reported as redundant).
6. Every pair in REQUIRED must be in the result, or the generator fails: these
   are the characters the extractors depend on (numerals, magnitudes, units,
   qualifiers, administrative and statistical words).

Note on 乾: OpenCC's character table maps 乾 -> 干 (first candidate; 乾 itself
is the second, used through TSPhrases for 乾隆, 乾坤 ...). We keep OpenCC's
choice, so 乾 reads as 干 everywhere; a generated test pins this so a change in
either direction is noticed.
"""

import argparse
import hashlib
import json
import re
import sys
import unicodedata
from pathlib import Path

OUTPUT = Path(__file__).resolve().parent.parent / "src" / "normalize" / "t2s.rs"

PAIRS_PER_LINE = 8

# Pairs OpenCC's TSCharacters.txt lacks, added by hand (traditional, simplified).
# Empty: opencc 1.4.2 covers everything in REQUIRED.
SUPPLEMENT = {}

# Mappings the crate relies on; checked after generation (and emitted as tests).
REQUIRED = [
    (p[0], p[1])
    for p in (
        "億亿 萬万 兩两 個个 點点 餘余 約约 噸吨 畝亩 標标 臺台 輛辆 項项 員员 價价 發发 專专 "
        "區区 縣县 產产 業业 貳贰 參参 陸陆 傘伞 總总 實实 現现 長长 興兴 鎮镇 統统 計计"
    ).split()
]

# Characters that must NOT be in the table (already simplified, or identical).
UNMAPPED = ["万", "亿", "元", "利", "个", "发", "台", "干", "5", "a", "%"]


def parse(path):
    """Returns ({trad: simp}, [messages]) following rules 1-3."""
    table = {}
    notes = []
    with open(path, encoding="utf-8") as f:
        for lineno, raw in enumerate(f, 1):
            line = raw.rstrip("\r\n")
            if not line.strip() or line.startswith("#"):
                continue
            key, sep, values = line.partition("\t")
            if not sep:
                raise SystemExit(f"{path}:{lineno}: no tab in {line!r}")
            if len(key) != 1:
                continue
            candidates = values.split()
            if not candidates:
                raise SystemExit(f"{path}:{lineno}: no value in {line!r}")
            first = candidates[0]
            if first == key or len(first) != 1:
                continue
            if key in table and table[key] != first:
                notes.append(f"duplicate key {key}: keeping {table[key]}, not {first}")
                continue
            table[key] = first
    return table, notes


def build(path):
    table, notes = parse(path)
    for t, s in SUPPLEMENT.items():
        if t in table:
            notes.append(f"supplement {t}->{s} is redundant (OpenCC has {t}->{table[t]})")
        else:
            table[t] = s
    chained = sorted(t for t, s in table.items() if s in table)
    for t in chained:
        notes.append(f"dropped chain {t}->{table[t]}->{table[table[t]]} (keeps fold idempotent)")
    for t in chained:
        del table[t]
    missing = [(t, s, table.get(t)) for t, s in REQUIRED if table.get(t) != s]
    if missing:
        lines = ", ".join(f"{t}->{s} (got {g})" for t, s, g in missing)
        raise SystemExit(f"required mappings missing, add them to SUPPLEMENT: {lines}")
    present = [c for c in UNMAPPED if c in table]
    if present:
        raise SystemExit(f"characters that must stay unmapped are in the table: {present}")
    return sorted(table.items()), notes


def detect_source(path):
    """Names the registry package the input came from, from its metadata."""
    p = Path(path).resolve()
    for d in list(p.parents)[:4]:
        pj = d / "package.json"
        if pj.is_file():
            meta = json.loads(pj.read_text(encoding="utf-8"))
            return f"npm {meta['name']} {meta['version']}"
        for md in sorted(d.glob("*.dist-info/METADATA")):
            text = md.read_text(encoding="utf-8")
            name = re.search(r"^Name: (.+)$", text, re.M)
            ver = re.search(r"^Version: (.+)$", text, re.M)
            if name and ver:
                return f"PyPI {name.group(1).strip()} {ver.group(1).strip()}"
    return None


def lit(c):
    """A Rust char literal; escapes anything that is not a plain letter/mark."""
    if unicodedata.category(c)[0] in "LNPS" and c not in "'\\":
        return f"'{c}'"
    return "'\\u{%x}'" % ord(c)


def render(pairs, source, digest):
    out = []
    w = out.append
    w(f"// @generated by tools/gen_t2s.py from OpenCC TSCharacters.txt ({source}); do not edit by hand.")
    w(f"// Input sha256: {digest}. OpenCC data: Apache-2.0, see tools/LICENSE-OpenCC.txt.")
    w("")
    w("//! Traditional → simplified, one character to one character.")
    w("//!")
    w("//! Generated from OpenCC's `TSCharacters.txt` (first candidate of each")
    w("//! single-character key); see `tools/gen_t2s.py` for the rules.")
    w("")
    w("/// The simplified form of a traditional character, if it has one.")
    w("///")
    w("/// Characters that are already simplified (or the same in both scripts)")
    w("/// give `None`.")
    w("#[inline]")
    w("pub(crate) fn simplified(c: char) -> Option<char> {")
    w("    T2S.binary_search_by_key(&c, |&(t, _)| t)")
    w("        .ok()")
    w("        .and_then(|i| T2S.get(i))")
    w("        .map(|&(_, s)| s)")
    w("}")
    w("")
    w(f"/// {len(pairs)} pairs `(traditional, simplified)`, sorted by the traditional character.")
    w("#[rustfmt::skip]")
    w("pub(crate) static T2S: &[(char, char)] = &[")
    for i in range(0, len(pairs), PAIRS_PER_LINE):
        chunk = pairs[i : i + PAIRS_PER_LINE]
        w("    " + " ".join(f"({lit(t)}, {lit(s)})," for t, s in chunk))
    w("];")
    w("")
    w("#[cfg(test)]")
    w("mod tests {")
    w("    use super::*;")
    w("")
    w("    #[test]")
    w("    fn table_is_strictly_sorted() {")
    w("        for w in T2S.windows(2) {")
    w("            if let [(a, _), (b, _)] = w {")
    w("                assert!(a < b, \"{a} before {b}\");")
    w("            }")
    w("        }")
    w("    }")
    w("")
    w("    #[test]")
    w("    fn no_identity_pairs_and_no_chains() {")
    w("        // A simplified side is never itself a key, so `fold` is idempotent.")
    w("        for &(t, s) in T2S {")
    w("            assert_ne!(t, s);")
    w("            assert_eq!(simplified(s), None, \"{t} -> {s} -> {:?}\", simplified(s));")
    w("            assert_eq!(simplified(t), Some(s));")
    w("        }")
    w("    }")
    w("")
    w("    #[test]")
    w("    fn common_traditional_characters() {")
    w("        let cases = [")
    for t, s in REQUIRED:
        w(f"            ({lit(t)}, {lit(s)}),")
    w("        ];")
    w("        for (t, s) in cases {")
    w("            assert_eq!(simplified(t), Some(s), \"{t}\");")
    w("        }")
    w("    }")
    w("")
    w("    #[test]")
    w("    fn qian_follows_opencc() {")
    w("        // OpenCC's character table maps 乾 to 干 (乾隆 is handled by its phrase")
    w("        // table, which zh-econ does not use); tools/gen_t2s.py keeps that choice.")
    w("        assert_eq!(simplified('乾'), Some('干'));")
    w("    }")
    w("")
    w("    #[test]")
    w("    fn simplified_and_ascii_map_to_none() {")
    w("        for c in " + json.dumps("".join(UNMAPPED), ensure_ascii=False) + ".chars() {")
    w("            assert_eq!(simplified(c), None, \"{c}\");")
    w("        }")
    w("    }")
    w("}")
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("input", help="path to OpenCC's TSCharacters.txt")
    ap.add_argument("--check", action="store_true", help="exit 1 if the committed file differs")
    ap.add_argument("--source", help='registry package, e.g. "npm opencc 1.4.2" (default: detected)')
    ap.add_argument("--output", type=Path, default=OUTPUT, help=f"default: {OUTPUT}")
    args = ap.parse_args()

    source = args.source or detect_source(args.input)
    if not source:
        raise SystemExit("cannot tell which package the input came from; pass --source")
    digest = hashlib.sha256(Path(args.input).read_bytes()).hexdigest()
    pairs, notes = build(args.input)
    for n in notes:
        print(f"gen_t2s: {n}", file=sys.stderr)
    text = render(pairs, source, digest)

    if args.check:
        try:
            current = args.output.read_text(encoding="utf-8")
        except FileNotFoundError:
            current = None
        if current != text:
            print(f"gen_t2s: {args.output} is out of date; run tools/gen_t2s.py", file=sys.stderr)
            return 1
        print(f"gen_t2s: {args.output} is up to date ({len(pairs)} pairs)", file=sys.stderr)
        return 0

    args.output.write_text(text, encoding="utf-8")
    print(f"gen_t2s: wrote {args.output} ({len(pairs)} pairs, {source})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
