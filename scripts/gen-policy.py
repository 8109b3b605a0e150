#!/usr/bin/env python3
"""gen-policy.py POLICY.JSON VERSION > data/manylinux-policy.txt

Turns auditwheel's policy/manylinux-policy.json into symcc's plain-text
policy data: the libraries each manylinux tag allows (lib_whitelist) and the
symbols it forbids (blacklist).  A whitelist only grows from one tag to the
next and a blacklist entry holds for a range of tags: the script checks both,
so each line can name the tags it holds for.  VERSION names the auditwheel
release the file comes from (e.g. "6.7.0").
"""
import json
import sys


def main():
    path, version = sys.argv[1], sys.argv[2]
    pols = [p for p in json.load(open(path)) if p["name"] != "linux"]
    pols.sort(key=lambda p: -p["priority"])   # oldest first
    names = [p["name"] for p in pols]
    src = f"from auditwheel {version} policy/manylinux-policy.json"
    print("# manylinux policy data: the libraries each manylinux tag allows a wheel")
    print("# to need from the system, and the symbols of those libraries it forbids.")
    print("# Made by scripts/gen-policy.py; compiled into symcc, read by src/policy.c.")
    print("#")
    print(f"# whitelist SONAME SINCE      ({src}, lib_whitelist)")
    print("#   tag SINCE and every newer tag allow SONAME")
    print(f"# blacklist LIB SYMBOL FIRST LAST  ({src}, blacklist)")
    print("#   tags FIRST to LAST forbid a wheel to use SYMBOL (of LIB)")
    since = {}
    for i, p in enumerate(pols):
        for lib in p["lib_whitelist"]:
            since.setdefault(lib, i)
        missing = [lib for lib, j in since.items() if j < i and lib not in p["lib_whitelist"]]
        assert not missing, f"{p['name']} drops {missing}"
    print()
    for lib, i in sorted(since.items(), key=lambda x: (x[1], x[0])):
        print(f"whitelist {lib} {names[i]}")
    ranges = {}
    for i, p in enumerate(pols):
        for lib, syms in p["blacklist"].items():
            for s in syms:
                r = ranges.setdefault((lib, s), [i, i])
                assert r[1] in (i - 1, i), f"{lib} {s}: not a range of tags"
                r[1] = i
    print()
    for (lib, s), (a, b) in sorted(ranges.items()):
        print(f"blacklist {lib} {s} {names[a]} {names[b]}")


main()
