#!/usr/bin/env bash
# check-hostile.sh SYMCC: `symcc --check` on hostile files (issue 12).
#
# tests/fuzz/hostile-check.py builds them with the host's cc and Python's
# zipfile.  Each case runs symcc under `timeout` and `ulimit -v` and checks
# the exit status and a line of the report: --check must never crash, never
# pass a file it did not read, and do bounded work on a small file.
# Needs cc and python3 (x86_64 host).
# SPDX-License-Identifier: MIT-0
set -uo pipefail

symcc=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0

skip() {
	echo "SKIP: $*"
	[ "${CI:-}" = true ] && exit 1
	exit 77
}
command -v cc > /dev/null || skip "no cc"
command -v python3 > /dev/null || skip "no python3"
[ "$(uname -m)" = x86_64 ] || skip "the hostile files are x86_64 ELF files"

python3 "$here/../fuzz/hostile-check.py" "$work" > "$work/gen.log" 2>&1 ||
	{ cat "$work/gen.log"; echo "FAIL: cannot build the hostile files"; exit 1; }
cd "$work" || exit 1

# expect NAME STATUS REGEX [SECONDS KB] -- ARGS...: symcc --check ARGS exits
# STATUS within SECONDS (default 20) in KB of address space (default 1 GB),
# and stdout+stderr has a line matching REGEX (grep -E; "" for any).
expect() {
	local name=$1 want=$2 regex=$3 secs=20 kb=1000000 rc
	shift 3
	if [ "$1" != -- ]; then
		secs=$1 kb=$2
		shift 2
	fi
	shift
	(ulimit -v "$kb"; timeout "$secs" "$symcc" --check "$@") > out 2>&1
	rc=$?
	if [ "$rc" -ne "$want" ]; then
		echo "FAIL: $name: exit status $rc, want $want"; sed 's/^/  | /' out | head -20
		failed=1
	elif [ -n "$regex" ] && ! grep -Eq -- "$regex" out; then
		echo "FAIL: $name: no line /$regex/ in:"; sed 's/^/  | /' out | head -20
		failed=1
	else
		echo "ok: $name: exit $rc${regex:+: $(grep -E -m1 -- "$regex" out)}"
	fi
}

# A version need no symbol names: no crash (objects, in archives, in wheels).
for f in nosym.o nosym.a nosym.whl; do
	expect "null symbol name ($f)" 0 'target 2\.17: ok' -- --target=2.17 "$f"
done
expect "null symbol name (--tag)" 0 'target 2\.17: ok' -- --tag=manylinux2014 nosym.o

# Section headers removed or damaged: read what the loader reads.
for f in prog-noshdr prog-shnum65535 prog-shoffpast; do
	expect "$f" 1 "'__libc_start_main' needs GLIBC_2\.34" -- --target=2.17 "$f"
done
expect "sections and segment disagree (no PT_DYNAMIC)" 2 'disagree' -- --target=2.17 prog-nodynseg
expect "sections and segment disagree (no SHT_DYNAMIC)" 2 'disagree' -- --target=2.17 prog-nodynsec

# An executable whose DT_GNU_HASH hashes no symbol (aarch64, ppc64le, arm):
# the loader reaches its imports through relocations, and so does --check.
if command -v aarch64-linux-gnu-gcc > /dev/null; then
	printf '#include <sys/stat.h>\nint main(int c,char**v){struct stat s;(void)c;return stat(v[0],&s);}\n' > p.c
	aarch64-linux-gnu-gcc p.c -o prog-aarch64
	expect "aarch64 program (imports reached by relocations)" 1 "'stat' needs GLIBC_2\.33" -- \
		--target=2.17 prog-aarch64
else
	echo "note: no aarch64-linux-gnu-gcc: the aarch64 program is not checked"
fi

# Members symcc cannot read are errors that name them, never skips.
expect "bzip2 member" 2 'bzip2\.whl!pkg/_x\.so: .*bzip2' -- bzip2.whl
expect "lzma member" 2 'lzma\.whl!pkg/_x\.so: .*lzma' -- lzma.whl

# A static program with a wheel appended: both are checked.
expect "static program + wheel" 1 'static\+whl!pkg/_x\.so: target 2\.17: FAIL' -- \
	--target=2.17 static+whl

# A member name cannot forge a line; --json keeps the name as it is.
expect "forged member name" 1 'forge\.whl!pkg/a\.so\\nx\.whl' -- --target=2.17 forge.whl
if grep -q '^x\.whl!pkg/y\.so' out; then
	echo "FAIL: a member name printed a line of its own"; failed=1
fi
expect "forged member name (json)" 1 '' -- --json --target=2.17 forge.whl
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d[0]["member"]=="pkg/a.so\nx.whl!pkg/y.so: target 2.17: ok", d' out ||
	{ echo "FAIL: --json member name"; failed=1; }

# Thin and corrupt archives are errors, never "no ELF objects".
expect "thin archive" 2 'thin archive' -- thin.a
expect "negative member size" 2 'negsize\.a: a malformed member header' -- negsize.a
expect "long name out of range" 2 'longname\.a: a long member name outside' -- longname.a

# DT_NEEDED names with a '/' never reach host files from a wheel, and only
# regular files are read.
expect "DT_NEEDED ../../../../dev/zero in a wheel" 0 'possibly unused' 20 300000 -- zero-rel.whl
expect "DT_NEEDED /dev/zero in a wheel" 0 'possibly unused' 20 300000 -- zero-abs.whl
expect "DT_NEEDED /dev/zero in a file" 0 'possibly unused' 20 300000 -- ext-abs.so

# Library lookups: 2000 DT_NEEDED x 20000 DT_RUNPATH directories; at most
# 4096 files tried per ELF file (the 4096th is, the 4097th is not).
expect "2000 DT_NEEDED x 20000 DT_RUNPATH entries" 0 'libn1999\.so is possibly unused' 20 300000 -- lookups
expect "library lookups at the bound" 0 'libfound\.so is unused' -- lookups-at
expect "library lookups past the bound" 0 'libfound\.so is possibly unused' -- lookups-past

# A library is read up to 1 GiB (sparse files: no disk used).
expect "a 1 GiB library (the bound)" 0 'meets manylinux_2_5' 60 1600000 -- lib-at/ext.so
if grep -q 'possibly unused' out; then
	echo "FAIL: the 1 GiB library was not read"; failed=1
fi
expect "a library past 1 GiB" 0 'libbig\.so is possibly unused' 60 1600000 -- lib-past/ext.so

# Version needs: bounded by their index (15 bits), linear in symbols.
expect "version needs on one index" 2 'index 2 used twice' 20 300000 -- vdup
expect "32766 version needs (the bound)" 1 "'f32765' needs GLIBCXX_3\.4\.32865" 60 1000000 -- --target=2.17 vmax
expect "one index past the bound" 2 'index 32768 out of range' 60 1000000 -- vmax-past

# Zip: overlapping members, many members, the size of a member.
expect "overlapping members" 2 'two members overlap' -- overlap.whl
expect "static program + a zip symcc refuses" 2 'static\+overlap: two members overlap' -- static+overlap
expect "40000 members, unversioned needs" 0 "40000 ELF files" 30 1000000 -- many.whl
expect "a 1 GiB member (the bound)" 2 'big-at\.whl!pkg/big\.so: not an executable' 60 1600000 -- big-at.whl
expect "a member past 1 GiB" 2 'big-past\.whl!pkg/big\.so: a member larger than 1 GiB' 60 1600000 -- big-past.whl

exit $failed
