#!/usr/bin/env python3
"""Times the terminal UI's start over an archive, in tmux: when the first meetings are on
screen, and when the whole list is (the loading line gone, the status line counting every
meeting).

    python3 scripts/bench-ui.py --bin target/release/protokoll /tmp/protokoll-arkiv-10000 [N]

Runs the start N times (default 3) with the parse cache as it is (PROTOKOLL_CACHE_DIR or the
user's): run protokoll over the archive once first for a warm start. Prints each start and the
median.
"""

import argparse
import re
import statistics
import subprocess
import time


def tmux(*args):
    return subprocess.run(["tmux", *args], capture_output=True, text=True).stdout


def start_once(binary, archive, expected):
    tmux("kill-session", "-t", "bench-ui")
    began = time.perf_counter()
    tmux("new-session", "-d", "-s", "bench-ui", "-x", "140", "-y", "35", binary, archive)
    first = whole = None
    while time.perf_counter() - began < 60:
        screen = tmux("capture-pane", "-p", "-t", "bench-ui")
        now = time.perf_counter() - began
        m = re.search(r"protokoll · (\d+) meetings", screen)
        if m and first is None and int(m.group(1)) > 0:
            first = now
        if m and int(m.group(1)) == expected and "Reading protocols" not in screen:
            whole = now
            break
        time.sleep(0.01)
    tmux("kill-session", "-t", "bench-ui")
    return first, whole


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("archive")
    ap.add_argument("runs", nargs="?", type=int, default=3)
    args = ap.parse_args()
    expected = int(
        subprocess.run(
            [args.bin, "export", args.archive], capture_output=True, text=True
        ).stdout.count('"id":')
    )
    wholes = []
    for _ in range(args.runs):
        first, whole = start_once(args.bin, args.archive, expected)
        print(f"first meetings {first:.2f} s, all {expected} meetings {whole:.2f} s")
        wholes.append(whole)
    print(f"median: the whole list at {statistics.median(wholes):.2f} s")


if __name__ == "__main__":
    main()
