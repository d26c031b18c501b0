#!/usr/bin/env python3
"""The archive-scale benchmark: protokoll and ripgrep over the same archives, in one run.

    cargo build --release
    python3 scripts/bench-archive.py --bin target/release/protokoll 1000 10000

For each size N it makes an archive with scripts/make-archive.py (kept under /tmp, made once),
then times each command R times (median wall time) and prints the ratio to ripgrep over the
same files: rg runs just before each run, and the ratio is the median of those pairs, so a
machine whose speed drifts does not skew it. "cold" is `--no-cache`; "first start" an empty
parse cache (a new PROTOKOLL_CACHE_DIR), which it writes; "warm" the start after that; files
are in the operating system's page cache as they are for rg. Peak RSS is the largest resident
size of the process (wait4), against the archive's size on disk.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def run(cmd, env=None):
    """Wall seconds and peak RSS (bytes) of one run; output thrown away."""
    start = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit(f"{' '.join(cmd)}: exit {code}")
    return wall, usage.ru_maxrss * 1024


LEFT = []


def median(cmd, repeat, fresh_cache=False, cache=None, base=None):
    """Median wall time and the largest RSS of `cmd`; with `base` (an rg command), rg is run
    just before each run and the median of the per-pair ratios is returned too, so that a
    machine whose speed drifts (a shared VM) does not skew the ratio."""
    walls, ratios, rss = [], [], 0
    for _ in range(repeat):
        env = dict(os.environ)
        if fresh_cache:
            env["PROTOKOLL_CACHE_DIR"] = tempfile.mkdtemp(prefix="protokoll-cold-")
        elif cache:
            env["PROTOKOLL_CACHE_DIR"] = cache
        base_wall = run(base)[0] if base else None
        wall, peak = run(cmd, env)
        walls.append(wall)
        if base_wall:
            ratios.append(wall / base_wall)
        rss = max(rss, peak)
        if fresh_cache:
            # Removed at the end: removing ten thousand files just before the next run
            # slows the file system's choice of inodes for that run's entries.
            LEFT.append(env["PROTOKOLL_CACHE_DIR"])
    ratio = statistics.median(ratios) if ratios else None
    return statistics.median(walls), rss, ratio


def size_of(folder):
    total = 0
    for root, _, files in os.walk(folder):
        total += sum(os.path.getsize(os.path.join(root, f)) for f in files)
    return total


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="target/release/protokoll")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--dir", default="/tmp", help="where the archives are kept")
    ap.add_argument("sizes", nargs="*", type=int, default=[1000, 10000])
    a = ap.parse_args()
    binary = os.path.abspath(a.bin)
    for n in a.sizes:
        archive = os.path.join(a.dir, f"protokoll-arkiv-{n}")
        if not os.path.isdir(archive):
            subprocess.run([sys.executable, os.path.join(HERE, "make-archive.py"), str(n), archive], check=True)
        mb = size_of(archive)
        print(f"\n## {n} protocols, {mb / 1e6:.1f} MB ({archive})")
        rg_count = ["rg", "-c", "-i", "beslut", archive]
        rg_none = ["rg", "-i", "zzzz", archive]
        rg_word = ["rg", "-i", "beslut", archive]
        for label, cmd in [("rg -c -i beslut", rg_count), ("rg -i zzzz", rg_none), ("rg -i beslut", rg_word)]:
            print(f"{label:20} {median(cmd, a.repeat)[0] * 1000:8.0f} ms")
        cache = tempfile.mkdtemp(prefix="protokoll-warm-")
        rows = [
            ("check, cold", [binary, "check", "--no-cache", "--format", "json", archive], False, rg_count),
            ("search zzzz, cold", [binary, "search", "--no-cache", "zzzz", archive], False, rg_none),
            ("search beslut, cold", [binary, "search", "--no-cache", "beslut", archive], False, rg_word),
            ("check, first start", [binary, "check", "--format", "json", archive], True, rg_count),
        ]
        for label, cmd, fresh, base in rows:
            wall, rss, ratio = median(cmd, a.repeat, fresh_cache=fresh, base=base)
            print(f"{label:20} {wall * 1000:8.0f} ms  {ratio:6.1f}× rg   peak RSS {rss / 1e6:6.0f} MB = {rss / mb:.2f}× the archive")
        # Fill the cache once, then the warm runs.
        run([binary, "check", "--format", "json", archive], dict(os.environ, PROTOKOLL_CACHE_DIR=cache))
        for label, cmd, base in [
            ("check, warm", [binary, "check", "--format", "json", archive], rg_count),
            ("search zzzz, warm", [binary, "search", "zzzz", archive], rg_none),
            ("search beslut, warm", [binary, "search", "beslut", archive], rg_word),
            ("export, warm", [binary, "export", "--format", "json", archive], rg_word),
        ]:
            wall, rss, ratio = median(cmd, a.repeat, cache=cache, base=base)
            print(f"{label:20} {wall * 1000:8.0f} ms  {ratio:6.1f}× rg   peak RSS {rss / 1e6:6.0f} MB = {rss / mb:.2f}× the archive")
        LEFT.append(cache)
    for d in LEFT:
        subprocess.run(["rm", "-rf", d], check=True)


if __name__ == "__main__":
    main()
