#!/usr/bin/env python3
"""real-tests-run.py KIND FILE: run the tests that ctest or meson registered.

KIND is "ctest" (FILE from `ctest --show-only=json-v1`) or "meson" (FILE from
`meson introspect --tests`).  scripts/real-projects.sh exports the list on the
build root and runs this on bullseye, whose own cmake and meson cannot read a
build directory made by newer ones.  Prints one line per test and a summary;
exits 0 when every test passed (or skipped), 1 otherwise.
SPDX-License-Identifier: MIT-0
"""
import json
import os
import subprocess
import sys


def ctest_tests(data, build_dir):
    for t in data.get("tests", []):
        props = {p["name"]: p["value"] for p in t.get("properties", [])}
        if props.get("DISABLED"):
            continue
        env = {}
        for kv in props.get("ENVIRONMENT", []):
            k, _, v = kv.partition("=")
            env[k] = v
        skip = props.get("SKIP_RETURN_CODE")
        yield (t["name"], t.get("command"), props.get("WORKING_DIRECTORY", build_dir),
               env, bool(props.get("WILL_FAIL")), skip, props.get("TIMEOUT", 600))


def meson_tests(data, build_dir):
    for t in data:
        skip = 77 if t.get("protocol", "exitcode") == "exitcode" else None
        yield (t["name"], t["cmd"], t.get("workdir") or build_dir, t.get("env") or {},
               bool(t.get("should_fail")), skip, t.get("timeout") or 600)


def main():
    kind, path = sys.argv[1], sys.argv[2]
    build_dir = os.path.dirname(os.path.abspath(path))
    with open(path) as f:
        data = json.load(f)
    tests = list((ctest_tests if kind == "ctest" else meson_tests)(data, build_dir))
    passed = failed = skipped = 0
    for name, cmd, cwd, env, should_fail, skip, timeout in tests:
        if not cmd:
            print(f"SKIP {name}: no command")
            skipped += 1
            continue
        full_env = dict(os.environ, **env)
        try:
            r = subprocess.run(cmd, cwd=cwd, env=full_env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, timeout=max(int(timeout), 60) * 2)
            rc, out = r.returncode, r.stdout
        except subprocess.TimeoutExpired as e:
            rc, out = "timeout", e.stdout or b""
        except OSError as e:
            rc, out = f"cannot run: {e}", b""
        if skip is not None and rc == skip:
            print(f"SKIP {name}")
            skipped += 1
        elif (rc == 0) != should_fail and isinstance(rc, int) and rc >= 0:
            print(f"ok   {name}")
            passed += 1
        else:
            print(f"FAIL {name} (exit {rc})")
            sys.stdout.write(out.decode("utf-8", "replace")[-3000:])
            failed += 1
    print(f"{kind} tests: {passed} passed, {failed} failed, {skipped} skipped")
    return 0 if failed == 0 and passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
