#!/usr/bin/env python3
"""Write corpus/splits.yaml: each document to train, dev or test (about 60/15/25),
stratified by topic (the part of the name before the first '-').

Deterministic: within each topic the documents are sorted by name and shuffled
with a fixed seed, so adding a document moves as few others as possible only
within its topic. Run from the repository root: scripts/corpus/make_splits.py
"""
import os
import random
import sys
from collections import defaultdict

SEED = 20261130


def main():
    corpus = sys.argv[1] if len(sys.argv) > 1 else "corpus"
    names = sorted(f[:-4] for f in os.listdir(corpus) if f.endswith(".txt"))
    by_topic = defaultdict(list)
    for n in names:
        by_topic[n.split("-")[0]].append(n)
    splits = {"train": [], "dev": [], "test": []}
    for topic in sorted(by_topic):
        docs = by_topic[topic]
        random.Random(f"{SEED}-{topic}").shuffle(docs)
        n = len(docs)
        n_test = int(n * 0.25 + 0.4)
        n_dev = int(n * 0.15 + 0.5)
        splits["test"] += docs[:n_test]
        splits["dev"] += docs[n_test:n_test + n_dev]
        splits["train"] += docs[n_test + n_dev:]
    with open(os.path.join(corpus, "splits.yaml"), "w", encoding="utf-8") as f:
        f.write("# Mizan corpus splits, stratified by topic (scripts/corpus/make_splits.py).\n")
        f.write("# Every document is in exactly one split; `mizan validate` checks it.\n")
        for split in ("train", "dev", "test"):
            f.write(f"{split}:\n")
            for d in sorted(splits[split]):
                f.write(f"  - {d}\n")
    print({k: len(v) for k, v in splits.items()})


if __name__ == "__main__":
    main()
