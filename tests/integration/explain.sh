#!/usr/bin/env bash
# explain.sh SYMCC: `symcc --explain`, in text and as JSON (--json, several
# symbols at once, as scripts/coverage.sh asks): each of the planner's
# decisions, the exit status (1 when a link would fail), and the usage errors.
# SPDX-License-Identifier: MIT-0
set -uo pipefail

symcc=$(realpath "$1")
fails=0
bad() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }

# text: one symbol
out=$("$symcc" --explain statx --target=2.17) || bad "text statx: exit $?"
grep -q '^  decision: use symcc.s shim$' <<<"$out" || bad "text statx: $out"

# JSON: several symbols, one decision each, in the order given
out=$("$symcc" --explain --json --target=2.17 statx memcpy pthread_create \
	posix_spawn_file_actions_addtcsetpgrp_np)
rc=$?
[[ $rc == 1 ]] || bad "json: exit $rc, want 1 (one symbol fails)"
python3 - "$out" <<'PY' || bad "json: $out"
import json, sys
r = json.loads(sys.argv[1])
got = [(x["symbol"], x["decision"], x["version"], x["library"]) for x in r]
want = [("statx", "shim", None, None), ("memcpy", "keep", None, None),
        ("pthread_create", "pin", "2.2.5", "libpthread.so.0"),
        ("posix_spawn_file_actions_addtcsetpgrp_np", "fail", None, None)]
assert got == want, got
assert all(x["target"] == "2.17" and x["arch"] == "x86_64" and x["because"] for x in r), r
assert r[3]["oldest"] == "2.35", r[3]
PY
out=$("$symcc" --explain --json --target=2.28 statx) || bad "json 2.28: exit $?"
grep -q '"decision": "keep"' <<<"$out" || bad "json 2.28 statx: $out"

# usage errors: exit 2 and symcc's own message
for args in "--explain" "--explain a b" "--explain --bogus statx" "--explain --json --target=x y"; do
	# shellcheck disable=SC2086 # the words are the arguments
	err=$("$symcc" $args 2>&1 >/dev/null)
	rc=$?
	[[ $rc == 2 && $err == "symcc: error: "* ]] || bad "$args: exit $rc, '$err'"
done
exit $((fails > 0))
