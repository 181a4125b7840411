#!/usr/bin/env python3
"""Convert an inline-annotated draft into a corpus document and its BRAT gold.

Drafts mark entities as [[TYPE|surface text]]. Offsets in the .ann file are
Unicode code point offsets into the .txt file (Python string indices), which is
the convention Mizan and BRAT use.

usage: inline_to_brat.py DRAFT.md [DRAFT.md ...] --corpus corpus --gold gold
Each DRAFT produces corpus/NAME.txt and gold/NAME.ann, NAME being the draft's
file name without extension.
"""
import argparse
import os
import re
import sys
import unicodedata

TYPES = {"PER", "LOC", "ORG", "MISC", "DATE"}
MARK = re.compile(r"\[\[([A-Z]+)\|([^\[\]|]+?)\]\]")


def convert(path):
    raw = open(path, encoding="utf-8").read()
    raw = raw.replace("\r\n", "\n").strip("\n") + "\n"
    problems = []
    out, spans, pos = [], [], 0
    for m in MARK.finditer(raw):
        out.append(raw[pos:m.start()])
        start = sum(len(s) for s in out)
        etype, surface = m.group(1), m.group(2)
        line = raw.count("\n", 0, m.start()) + 1
        if etype not in TYPES:
            problems.append(f"{path}:{line}: unknown type {etype!r}")
        if surface != surface.strip():
            problems.append(f"{path}:{line}: surface {surface!r} has outer spaces")
        out.append(surface)
        spans.append((start, start + len(surface), etype, surface, line))
        pos = m.end()
    out.append(raw[pos:])
    text = "".join(out)
    for bad in ("[[", "]]"):
        if bad in text:
            line = text.count("\n", 0, text.index(bad)) + 1
            problems.append(f"{path}: unbalanced or malformed markup near output line {line}")
    for s, e, t, surf, line in spans:
        before = text[s - 1] if s > 0 else " "
        after = text[e] if e < len(text) else " "
        if unicodedata.category(before)[0] in "LMN":
            problems.append(f"{path}:{line}: span {surf!r} starts inside a word")
        if unicodedata.category(after)[0] in "LMN":
            problems.append(f"{path}:{line}: span {surf!r} ends inside a word")
    return text, spans, problems


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("drafts", nargs="+")
    ap.add_argument("--corpus", default="corpus")
    ap.add_argument("--gold", default="gold")
    args = ap.parse_args()
    failed = False
    for d in args.drafts:
        text, spans, problems = convert(d)
        if problems:
            failed = True
            print("\n".join(problems), file=sys.stderr)
            continue
        name = os.path.splitext(os.path.basename(d))[0]
        os.makedirs(args.corpus, exist_ok=True)
        os.makedirs(args.gold, exist_ok=True)
        with open(os.path.join(args.corpus, name + ".txt"), "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        with open(os.path.join(args.gold, name + ".ann"), "w", encoding="utf-8", newline="\n") as f:
            for i, (s, e, t, surf, _) in enumerate(spans, 1):
                f.write(f"T{i}\t{t} {s} {e}\t{surf}\n")
        counts = {}
        for _, _, t, _, _ in spans:
            counts[t] = counts.get(t, 0) + 1
        print(f"{name}: {len(text.split())} words, {len(spans)} entities {counts}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
