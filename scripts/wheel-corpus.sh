#!/usr/bin/env bash
# wheel-corpus.sh SYMCC [WHEEL...]: symcc --check against auditwheel on a
# corpus of wheels (issue 14, item 2), in the sid root: every extension
# module of its python3-* packages and of Python's lib-dynload wrapped as a
# wheel of its own, a C++ module linked with the dynamic libstdc++, plus the WHEELs given (host paths; e.g. item 1's, kept
# by SYMCC_KEEP_WORKDIRS=1 tests/integration/wheels.sh). Prints each
# disagreement and the agreement rate of the platform tag, the glibc and C++
# runtime needs and the libraries the manylinux_2_17 policy does not allow
# (scripts/wheel-corpus.py); writes every answer to ./wheel-corpus.json.
# Needs python3-auditwheel in the sid root (tests/integration/wheels.sh
# installs it).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=../tests/lib.sh
. "$here/../tests/lib.sh"
symcc=$(realpath "$1")
shift
root_require sid
work=$(root_workdir sid)
iwork=$(root_inner sid "$work")
cp "$here/wheel-corpus.py" "$work/"
extra=()
if (($#)); then
	mkdir "$work/extra"
	n=0   # a directory each: a native and a symcc wheel have the same name
	for w in "$@"; do
		n=$((n + 1)) && mkdir "$work/extra/$n" && cp "$w" "$work/extra/$n/" && extra+=("$iwork/extra/$n/${w##*/}")
	done
fi
in_root sid -B "$(dirname "$symcc")" -C "$iwork" -- python3 -c 'import auditwheel' 2>/dev/null ||
	{ echo "wheel-corpus: no python3-auditwheel in the sid root (run tests/integration/wheels.sh once)" >&2; exit 1; }
# C++ with the dynamic C++ runtime (item 1's wheels link it statically)
cp "$here/../tests/integration/projects/setuptools/spamxx.cc" "$work/"
# shellcheck disable=SC2016 # for the root's sh
in_root sid -C "$iwork" -- sh -ec 'g++ -O2 -shared -fPIC -I"$(python3 -c "import sysconfig; print(sysconfig.get_paths()[\"include\"])")" \
	spamxx.cc -o spamxx.abi3.so'
extra+=("$iwork/spamxx.abi3.so")
in_root sid -B "$(dirname "$symcc")" -C "$iwork" -- python3 wheel-corpus.py "$symcc" "$iwork/out" "${extra[@]}"
cp "$work/out/results.json" wheel-corpus.json
