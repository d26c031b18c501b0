#!/usr/bin/env python3
"""Writes an archive of N protocols for the archive-scale benchmark (scripts/bench-archive.py).

An officer's archive is tens of bodies, a dozen meetings a year, over many years. This makes
one from the text protocols at hand (the bundled samples, the invented families, and the seeds
when ../shared is beside the repository): file i is a copy of source i mod len, its years moved
so that the archive spans 2000-2029, under BODY/YEAR/ folders, named as archives name them.
The same N and sources always give the same archive.

    python3 scripts/make-archive.py 10000 /tmp/arkiv-10000
"""

import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCES = [
    os.path.join(ROOT, "assets"),
    os.path.join(ROOT, "tests", "fixtures", "families"),
    os.path.join(ROOT, "..", "shared", "corpus", "seeds"),
]
YEAR = re.compile(rb"\b(19[89]\d|20[0-3]\d)\b")


def sources():
    files = []
    for d in SOURCES:
        if not os.path.isdir(d):
            continue
        for name in sorted(os.listdir(d)):
            if name.endswith((".txt", ".md")):
                with open(os.path.join(d, name), "rb") as f:
                    files.append((name, f.read()))
    return files


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    n, out = int(sys.argv[1]), sys.argv[2]
    files = sources()
    if os.path.exists(out) and os.listdir(out):
        sys.exit(f"{out}: not empty")
    total = 0
    for i in range(n):
        name, text = files[i % len(files)]
        stem, ext = os.path.splitext(name)
        shift = (i // len(files)) % 30
        year = 2000 + (i * 7 + shift) % 30

        def moved(m):
            y = int(m.group(1))
            return str(2000 + (y - 2000 + year) % 30).encode()

        text = YEAR.sub(moved, text)
        body = f"organ-{i % 40:02d}"
        folder = os.path.join(out, body, str(year))
        os.makedirs(folder, exist_ok=True)
        path = os.path.join(folder, f"{stem}-{i:05d}{ext}")
        with open(path, "wb") as f:
            f.write(text)
        total += len(text)
    print(f"{n} protocols, {total / 1e6:.1f} MB, in {out}")


if __name__ == "__main__":
    main()
