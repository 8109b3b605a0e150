#!/usr/bin/env bash
# hermetic.sh SYMCC: symcc's links are hermetic and reproducible, as a remote
# build cache needs them to be.  A C program (with -g and a prefix map), a
# C++ program (-static-libstdc++ -static-libgcc) and an LTO shared library,
# each compiled and linked in one step for glibc 2.17 on the host's own gcc,
# and the C program for aarch64 (with Debian's cross gcc, when installed:
# symcc compiles its shims for it, into the cache when it can), must be byte
# for byte the same in every variant:
#   direct0      the plain SYMCC_DIRECT=0 build (the reference)
#   cold         an empty SYMCC_CACHE_DIR, from another working directory
#   warm         the same cache, now populated, with another TMPDIR
#   unwritable   an empty cache directory of mode 0555 on a read-only mount
#   warm-ro      a populated cache directory, likewise unwritable
#   no-home      `env -i`: no HOME, no XDG_* and no SYMCC_* variables
#   ro-fs        every mount read-only but the output directory and TMPDIR
#   no-proc      /proc unmounted (tmpfs over it if it cannot be)
#   sandbox      all three of the above at once, from a third directory
# The variants run in different seconds, each with a new random hash key
# in symcc.  The read-only and no-/proc variants need root (a private mount
# namespace); without it they are skipped, saying so (and fail under CI).
# SPDX-License-Identifier: MIT-0
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
symcc=$(realpath "$1")
# shellcheck source=host-lib.sh
. "$here/host-lib.sh"

outputs=(cprog cxxprog libplugin.so)
# the three links, run by variant() in the working directory given
cat > "$work/links.sh" << 'EOF'
set -e
out=$1
"$SYMCC" --symcc-target=2.17 gcc -O2 -g -ffile-prefix-map="$PWD"=. -o "$out/cprog" cprog.c -lm -ldl -lpthread
"$SYMCC" --symcc-target=2.17 g++ -O2 -static-libstdc++ -static-libgcc -o "$out/cxxprog" cxxprog.cc
"$SYMCC" --symcc-target=2.17 gcc -O2 -flto -fPIC -shared -o "$out/libplugin.so" plugin.c
EOF
# with a cross compiler, symcc compiles its shims for that architecture in a
# temp directory, into the cache when it can
if command -v aarch64-linux-gnu-gcc > /dev/null; then
	outputs+=(cprog-aarch64)
	# shellcheck disable=SC2016 # for links.sh
	echo '"$SYMCC" --symcc-target=2.17 aarch64-linux-gnu-gcc -O2 -pthread -o "$out/cprog-aarch64" cprog.c -lm -ldl' >> "$work/links.sh"
else
	echo "note: no aarch64-linux-gnu-gcc: no cross link (shims compiled by symcc) compared"
fi
for d in a b/deeper c; do
	mkdir -p "$work/$d"
	cp "$here"/src/cprog.c "$here"/src/cxxprog.cc "$here"/src/plugin.c "$work/$d/"
done

if [ "$(id -u)" -eq 0 ] && unshare -m true 2> /dev/null; then
	can_mount=1
else
	can_mount=
	[ "${CI:-}" = true ] && { echo "FAIL: the mount variants need root and unshare -m" >&2; exit 1; }
	echo "SKIP (these variants only): ro-fs, no-proc, sandbox, unwritable caches: need root and unshare -m"
fi

# The mount-namespace prelude run by sh before the links: ro=1 makes every
# mount read-only but $out and $TMPDIR (and, with ro_cache, leaves $ro_cache
# read-only too); noproc=1 takes /proc away.  Each checks that it worked.
# shellcheck disable=SC2016 # expanded by the inner sh
prelude='
set -e
if [ -n "$ro_cache" ]; then
	mount --bind "$ro_cache" "$ro_cache"
	mount -o remount,bind,ro "$ro_cache"
fi
if [ -n "$ro" ]; then
	mount --bind "$out" "$out"
	mount --bind "$tmp" "$tmp"
	# every other mount point, deepest last (read before /proc may go)
	for m in $(awk "{print \$5}" /proc/self/mountinfo); do
		[ "$m" = "$out" ] || [ "$m" = "$tmp" ] || mount -o remount,bind,ro "$m" 2> /dev/null || true
	done
	if touch ./probe 2> /dev/null || touch /probe 2> /dev/null; then
		echo "the file system is still writable" >&2
		exit 1
	fi
fi
if [ -n "$noproc" ]; then
	umount -l /proc 2> /dev/null || mount -t tmpfs none /proc
	if [ -e /proc/self/exe ]; then
		echo "/proc is still there" >&2
		exit 1
	fi
fi
'

# variant NAME DIR TMPDIR [ENV...] [-- MOUNTS...]: the three links in $work/DIR
# with TMPDIR, the environment set by `env ENV...` (variables, or -i...),
# into $work/out/NAME.  MOUNTS: ro, noproc, ro_cache=DIR (needs root).
variant() {
	local name=$1 dir=$work/$2 tmp=$3 rc
	local -a envs=() mounts=()
	shift 3
	while (($#)) && [ "$1" != -- ]; do envs+=("$1") && shift; done
	(($#)) && shift && mounts=("$@")
	if ((${#mounts[@]})) && [ -z "$can_mount" ]; then
		echo "skip: $name (needs root)"
		return
	fi
	mkdir -p "$work/out/$name" "$tmp"
	if ((${#mounts[@]})); then
		# shellcheck disable=SC2016
		(cd "$dir" && env out="$work/out/$name" tmp="$tmp" ro= noproc= ro_cache= "${mounts[@]}" \
			unshare -m --propagation private sh -c "$prelude"'
exec env "$@" sh "$0" "$out"' "$work/links.sh" "${envs[@]}" TMPDIR="$tmp" SYMCC="$symcc") \
			> "$work/log" 2>&1
	else
		(cd "$dir" && env "${envs[@]}" TMPDIR="$tmp" SYMCC="$symcc" sh "$work/links.sh" "$work/out/$name") \
			> "$work/log" 2>&1
	fi
	rc=$?
	if [ $rc -ne 0 ]; then
		fail "$name: exit $rc: $(grep -v "is bound to" "$work/log")"
		return
	fi
	if [ -n "$(ls -A "$tmp")" ]; then
		fail "$name: temp files left in TMPDIR: $(ls -A "$tmp")"
	fi
	compare "$name"
}

# compare NAME: NAME's outputs against the reference's, byte for byte
compare() {
	local f same=0
	[ "$1" = direct0 ] && { echo "ok: direct0 (the reference)"; return; }
	for f in "${outputs[@]}"; do
		if cmp -s "$work/out/direct0/$f" "$work/out/$1/$f"; then
			same=$((same + 1))
		else
			fail "$1: $f differs from the SYMCC_DIRECT=0 build: $(cmp "$work/out/direct0/$f" "$work/out/$1/$f" 2>&1)"
		fi
	done
	[ $same -eq ${#outputs[@]} ] && echo "ok: $1: all $same outputs byte-identical to the reference"
}

mkdir "$work/cold" "$work/empty" "$work/tmp"
path=$PATH
variant direct0 a "$work/tmp/1" SYMCC_DIRECT=0 SYMCC_CACHE_DIR="$work/cold"
rm -rf "$work/cold" && mkdir "$work/cold"
variant cold b/deeper "$work/tmp/2" SYMCC_CACHE_DIR="$work/cold"
[ -d "$work/cold/shims" ] || fail "cold: the cache was not populated: $(ls -A "$work/cold")"
sleep 1   # another second
variant warm a "$work/tmp/3/x" SYMCC_CACHE_DIR="$work/cold"
cp -a "$work/cold" "$work/warm-ro"
chmod 0555 "$work/empty" "$work/warm-ro"
variant unwritable a "$work/tmp/4" SYMCC_CACHE_DIR="$work/empty" -- ro_cache="$work/empty"
[ -z "$(ls -A "$work/empty")" ] || fail "unwritable: the cache was written: $(ls -A "$work/empty")"
variant warm-ro b/deeper "$work/tmp/5" SYMCC_CACHE_DIR="$work/warm-ro" -- ro_cache="$work/warm-ro"
variant no-home a "$work/tmp/6" -i PATH="$path"
variant ro-fs b/deeper "$work/tmp/7" -u XDG_CACHE_HOME -u SYMCC_CACHE_DIR HOME=/root -- ro=1
variant no-proc a "$work/tmp/8" SYMCC_CACHE_DIR="$work/cold" -- noproc=1
variant sandbox c "$work/tmp/9" -i PATH="$path" -- ro=1 noproc=1
chmod 0755 "$work/empty" "$work/warm-ro"

finish "hermetic variants"
