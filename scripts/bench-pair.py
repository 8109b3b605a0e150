#!/usr/bin/env python3
"""bench-pair.py NAME RUNS PLAIN SYMCC: time two commands side by side.

The two commands run alternately (plain, symcc, symcc, plain, ...), so a
change in the machine's load touches both alike; each pair gives one ratio.
Prints min/median/max of each command and the median of the pairs' ratios.
The commands are split like a shell's words, without a shell, and their
output goes to /dev/null; a command that fails stops the benchmark.
"""
import os
import shlex
import statistics
import sys
import time


def run(argv):
    devnull = os.open(os.devnull, os.O_WRONLY)
    t0 = time.perf_counter_ns()
    pid = os.posix_spawnp(argv[0], argv, os.environ,
                          file_actions=[(os.POSIX_SPAWN_DUP2, devnull, 1),
                                        (os.POSIX_SPAWN_DUP2, devnull, 2)])
    _, status = os.waitpid(pid, 0)
    t1 = time.perf_counter_ns()
    os.close(devnull)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit("bench-pair: '%s' failed" % " ".join(argv))
    return (t1 - t0) / 1e6


def main():
    name, runs, plain, symcc = sys.argv[1], int(sys.argv[2]), *sys.argv[3:5]
    cmds = [shlex.split(plain), shlex.split(symcc)]
    for _ in range(3):   # warm the page cache and symcc's caches
        run(cmds[0]), run(cmds[1])
    times = ([], [])
    for i in range(runs):
        order = (0, 1) if i % 2 == 0 else (1, 0)
        pair = {}
        for k in order:
            pair[k] = run(cmds[k])
        times[0].append(pair[0])
        times[1].append(pair[1])
    ratios = [s / p for p, s in zip(*times)]

    def fmt(x):
        return "min %8.2f  median %8.2f  max %8.2f ms" % (
            min(x), statistics.median(x), max(x))
    print("%-13s plain %s" % (name, fmt(times[0])))
    print("%-13s symcc %s" % ("", fmt(times[1])))
    print("%-13s ratio (median of %d pairs): %.3fx   [min %.3f, max %.3f]" % (
        "", runs, statistics.median(ratios), min(ratios), max(ratios)))


main()
