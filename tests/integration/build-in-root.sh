#!/usr/bin/env bash
# build-in-root.sh ROOT: the README's build of symcc inside the Debian ROOT
# (trixie or sid), with that release's own gcc, elfutils, zlib and libbsd.
#
# Installs the README's build packages into the cached root once (apt-get,
# kept there for the next run), copies the source tree (the files git
# tracks, or the whole tree without build directories) into the root's
# /tmp, and runs there `meson setup`, `ninja`, `meson test --suite unit`,
# then the README's quick start: `symcc gcc` builds cprog.c and `symcc
# --check --target=2.17` passes on it.  Prints whether symcc linked
# statically (src/meson.build falls back to a dynamic link when the
# release's libelf.a cannot be linked statically).
# Exit 77 (skip) only when the root cannot be had outside CI (see lib.sh);
# a sid that cannot install the packages is a skip too, as sid itself.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
# shellcheck source=../lib.sh
. "$here/../lib.sh"

root=$1
PKGS=(meson ninja-build pkg-config libelf-dev zlib1g-dev libbsd-dev check gcc libc6-dev)

fail() {
	echo "FAIL: build in $root: $*" >&2
	exit 1
}

root_require "$root"
work=$(root_workdir "$root")
iwork=$(root_inner "$root" "$work")

# The packages, once per root: dpkg says what is there; an index too old
# for the mirror (404) gets one apt-get update and a second try.
install_pkgs() {
	local missing apt=(apt-get -q -y --no-install-recommends -o DPkg::Lock::Timeout=600)
	# shellcheck disable=SC2016 # for the root's sh
	missing=$(in_root "$root" -- sh -c 'for p; do dpkg -s "$p" >/dev/null 2>&1 || echo "$p"; done' sh "${PKGS[@]}")
	[[ -n $missing ]] || return 0
	# shellcheck disable=SC2086 # one package a word
	in_root "$root" -- env DEBIAN_FRONTEND=noninteractive "${apt[@]}" install $missing >"$work/apt.log" 2>&1 ||
		{ in_root "$root" -- apt-get -q -o DPkg::Lock::Timeout=600 update &&
			in_root "$root" -- env DEBIAN_FRONTEND=noninteractive "${apt[@]}" install $missing; } >>"$work/apt.log" 2>&1
}
if ! install_pkgs; then
	tail -n 8 "$work/apt.log" >&2
	[[ $root == sid && ${CI:-} != true ]] && { echo "SKIP: cannot install the build packages in sid" >&2 && exit 77; }
	fail "cannot install the build packages: ${PKGS[*]}"
fi

# The source tree: what git tracks (with files not yet committed), else all
# of it but .git and meson build directories.
mkdir "$work/src"
if git -C "$top" rev-parse --git-dir >/dev/null 2>&1; then
	# shellcheck disable=SC2016 # for sh -c
	git -C "$top" ls-files -z --cached --others --exclude-standard |
		(cd "$top" && xargs -0 sh -c 'for f; do [ -e "$f" ] && printf "%s\0" "$f"; done' sh) |
		(cd "$top" && xargs -0 cp --parents -t "$work/src")
else
	(cd "$top" && find . -name .git -prune -o -type d -exec test -d '{}/meson-private' ';' -prune -o \
		-type f -print0 | xargs -0 cp --parents -t "$work/src")
fi
[[ -f $work/src/meson.build && -f $work/src/src/main.c ]] || fail "the source tree was not copied"

# CC=gcc: meson would put a ccache or sccache it finds (the ccache case
# installs them in the roots) in front of the compiler.
start=$SECONDS
in_root "$root" -C "$iwork/src" -- env CC=gcc meson setup b >"$work/setup.log" 2>&1 ||
	{ tail -n 30 "$work/setup.log" >&2 && fail "meson setup"; }
in_root "$root" -C "$iwork/src" -- ninja -C b -j2 >"$work/ninja.log" 2>&1 ||
	{ grep -B2 -A12 -m3 'FAILED\|error' "$work/ninja.log" >&2 || tail -n 30 "$work/ninja.log" >&2; fail "ninja"; }
# shellcheck disable=SC2016 # a dpkg-query format
echo "ok: symcc builds with $root's $(in_root "$root" -- gcc -dumpfullversion 2>/dev/null | sed 's/^/gcc /')," \
	"$(in_root "$root" -- dpkg-query -W -f='${Package} ${Version}\n' libelf-dev zlib1g-dev libbsd-dev |
		paste -sd,)" "($((SECONDS - start))s)"
if ! readelf -lW "$work/src/b/src/symcc" | grep -q INTERP; then
	echo "ok: symcc is linked statically"
else
	echo "note: $root's libelf.a cannot be linked statically: symcc is linked dynamically"
	grep -m3 'undefined reference\|multiple definition' "$work/src/b/meson-logs/meson-log.txt" || true
fi
if ! in_root "$root" -C "$iwork/src" -- meson test -C b --suite unit --print-errorlogs >"$work/test.log" 2>&1; then
	grep -E ':[FE]:|FAIL' "$work/test.log" >&2 || tail -n 30 "$work/test.log" >&2
	fail "meson test --suite unit"
fi
grep -E '^Ok:' "$work/test.log" | sed "s/^/ok: unit suite in $root: /; s/  */ /g"
grep -hoE 'Checks: [0-9]+, Failures: 0, Errors: 0' "$work/src/b/meson-logs/testlog.txt" |
	awk '{ n += $2 } END { print "ok: " n " unit test cases passed" }'

# the README's quick start
in_root "$root" -C "$iwork/src" -- sh -ec 'b/src/symcc gcc -O2 -pthread tests/integration/src/cprog.c -o cprog -ldl -lm
	b/src/symcc --check --target=2.17 cprog' >"$work/quick.log" 2>&1 ||
	{ cat "$work/quick.log" >&2 && fail "the quick start"; }
grep -q 'target 2.17: ok' "$work/quick.log" || { cat "$work/quick.log" >&2 && fail "the quick start: no 'target 2.17: ok'"; }
echo "ok: the README's quick start in $root: $(grep 'target 2.17: ok' "$work/quick.log")"
