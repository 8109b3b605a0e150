# shellcheck shell=bash
# Sourced by the tests that run symcc on this host's own gcc (bad-input.sh,
# faults.sh): a work directory to cd into, removed at exit (with the tmpfs
# whose path the test puts in $mounted unmounted first), and
#   fail MESSAGE    report a failure (of $case_name, when set) and count it
#   finish WHAT     exit 1 if anything failed, else print "all WHAT passed"
# SPDX-License-Identifier: MIT-0

work=$(mktemp -d)
mounted=
_host_cleanup() {
	[ -n "$mounted" ] && umount "$mounted"
	rm -rf "$work"
}
trap _host_cleanup EXIT
cd "$work" || exit 1
failures=0

fail() {
	echo "FAIL: ${case_name:+$case_name: }$*" >&2
	failures=$((failures + 1))
}

finish() {
	if [ "$failures" -ne 0 ]; then
		echo "$failures failure(s)" >&2
		exit 1
	fi
	echo "all $1 passed"
}
