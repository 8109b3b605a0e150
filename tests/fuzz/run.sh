#!/usr/bin/env bash
# run.sh HARNESS SECONDS [LIBFUZZER-OPTION...]: fuzz one harness of
# tests/fuzz/ (scan check dump fixup argv response driver target tablegen
# template cache)
# with libFuzzer, ASan and UBSan for SECONDS seconds on one core.
#
# The instrumented build goes to $SYMCC_FUZZ_BUILD (default
# $TMPDIR/symcc-fuzz-build; made with clang on first use).  New inputs go
# to $SYMCC_FUZZ_BUILD/corpus/HARNESS, crashers to
# $SYMCC_FUZZ_BUILD/artifacts/HARNESS/: minimise one with
#   $SYMCC_FUZZ_BUILD/tests/fuzz/fuzz-HARNESS -minimize_crash=1 -runs=10000 CRASHER
# and keep it in tests/fuzz/regress/HARNESS/ (the meson test replays it).
# SYMCC_FUZZ_NO_BUILD=1 runs the harness as last built.
# SPDX-License-Identifier: MIT-0
set -euo pipefail

if [ $# -lt 2 ]; then
	echo "usage: $0 HARNESS SECONDS [LIBFUZZER-OPTION...]" >&2
	exit 2
fi
h=$1 secs=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
build=${SYMCC_FUZZ_BUILD:-${TMPDIR:-/tmp}/symcc-fuzz-build}

if [ ! -d "$here/corpus/$h" ]; then
	echo "$0: no harness '$h' (no $here/corpus/$h)" >&2
	exit 2
fi
if [ ! -f "$build/build.ninja" ]; then
	CC=${FUZZ_CC:-clang} meson setup "$build" "$top" --buildtype=debugoptimized \
		-Db_sanitize=address,undefined -Db_lundef=false \
		-Dc_args="-fsanitize=fuzzer-no-link -fno-sanitize-recover=undefined" >/dev/null
fi
if [ -z "${SYMCC_FUZZ_NO_BUILD:-}" ] && ! log=$(ninja -C "$build" "tests/fuzz/fuzz-$h" 2>&1); then
	printf '%s\n' "$log" >&2
	exit 1
fi
mkdir -p "$build/corpus/$h" "$build/artifacts/$h"
dirs=("$build/corpus/$h" "$here/corpus/$h")
[ -d "$here/regress/$h" ] && dirs+=("$here/regress/$h")
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
exec "$build/tests/fuzz/fuzz-$h" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
	-close_fd_mask=3 -print_final_stats=1 -artifact_prefix="$build/artifacts/$h/" \
	"$@" "${dirs[@]}"
