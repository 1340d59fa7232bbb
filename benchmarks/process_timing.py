#!/usr/bin/python3
"""Wall-clock times of whole processes, side by side in one run (issue 19's start-up, issue 14's trace ratio).

usage: process_timing.py [--rounds N] [--warmup N] LABEL=COMMAND [LABEL=COMMAND ...]

Each COMMAND is a shell command line. After --warmup rounds that are not counted (they load the files
into the page cache, so every command starts from the same disk state), each of --rounds rounds runs
every command once, the order rotated by one each round so that none always follows the same other.
Output goes to /dev/null; a command that exits non-zero stops the run with its output shown.

Prints, per command: the median, the fastest and the slowest wall time in milliseconds, and the median
divided by the first command's median. "Cold" here means a new process each time (nothing compiled
or loaded in it yet), not an empty page cache.
"""
import argparse
import statistics
import subprocess
import sys
import time


def run_once(command):
    start = time.perf_counter()
    done = subprocess.run(command, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"'{command}' exited {done.returncode}:\n{done.stderr.decode(errors='replace')}")
    return elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("commands", nargs="+", metavar="LABEL=COMMAND")
    args = parser.parse_args()
    labelled = [c.split("=", 1) for c in args.commands]
    if any(len(pair) != 2 for pair in labelled):
        sys.exit("each command is LABEL=COMMAND")
    times = {label: [] for label, _ in labelled}
    for _ in range(args.warmup):
        for _, command in labelled:
            run_once(command)
    for r in range(args.rounds):
        order = labelled[r % len(labelled):] + labelled[:r % len(labelled)]
        for label, command in order:
            times[label].append(run_once(command))
    first = statistics.median(times[labelled[0][0]])
    width = max(len(label) for label, _ in labelled)
    print(f"{'command':<{width}}  median ms  fastest ms  slowest ms  median / first ({args.rounds} rounds)")
    for label, _ in labelled:
        t = times[label]
        median = statistics.median(t)
        print(f"{label:<{width}}  {median * 1000:9.1f}  {min(t) * 1000:10.1f}  {max(t) * 1000:10.1f}  {median / first:6.2f}")


if __name__ == "__main__":
    main()
