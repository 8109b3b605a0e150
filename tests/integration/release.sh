#!/usr/bin/env bash
# release.sh WHICH BUILDROOT: a release artifact, made by scripts/release.sh,
# used where symcc was never built or installed: the Debian trixie root.
#   tarball  symcc-VERSION-x86_64-linux.tar.xz unpacked in the root, its bin/
#            put on PATH: `symcc gcc` (the default target, 2.17) links the
#            integration tests' C program, `symcc --check --target=2.17`
#            passes it, and it prints what the native build prints on
#            bullseye and on glibc 2.17 itself (where the native build fails
#            to load); the man page and the build-system files are in place;
#            the tarball is reproducible (a second release.sh run repacks
#            it to the same bytes).
#   dist     symcc-VERSION.tar.xz (meson dist) unpacked in the root, set up,
#            built and unit-tested there; the symcc it built links the same
#            program, which runs on bullseye and glibc 2.17.
#   deb      the Debian package (debian/) built from that source tarball
#            with `dpkg-buildpackage -b` in trixie (on an overlay of the
#            cached root, with build-essential and debhelper installed from
#            the mirror of its apt configuration; without them, a SKIP
#            outside CI), installed there with dpkg -i: symcc, its man page
#            (man -w) and the build-system files in place; its symcc links
#            the same program, which runs on bullseye and glibc 2.17.
# The release build lives in BUILDROOT/release-test (reused by later runs;
# the two tests share it under a lock).
# SPDX-License-Identifier: MIT-0
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=../lib.sh
. "$here/../lib.sh"

which=$1
buildroot=$(realpath "$2")
src=$(cd "$here/../.." && pwd)

fail() {
	echo "FAIL: release $which: $*" >&2
	exit 1
}

root_require trixie
root_require bullseye
olds=(bullseye)
if root_check glibc217; then olds+=(glibc217); else echo "note: not on glibc 2.17: $ROOT_REASON"; fi
work=$(root_workdir trixie)
iwork=$(root_inner trixie "$work")

# the artifacts, made once (or repacked from the kept build) under a lock
rel=$buildroot/release-test
mkdir -p "$rel"
exec 9> "$rel.lock"
flock 9
"$src/scripts/release.sh" "$rel/out" > "$work/release.log" 2>&1 ||
	fail "scripts/release.sh: $(cat "$work/release.log")"
cp "$rel"/out/*.tar.xz "$rel/out/SHA256SUMS" "$work/"
flock -u 9
(cd "$work" && sha256sum -c --quiet SHA256SUMS) || fail "SHA256SUMS does not match"
version=$(sed -n "s/^ *version : '\([^']*\)'.*/\1/p" "$src/meson.build" | head -n 1)
cp "$here/src/cprog.c" "$work/"

# in trixie, in the work dir, with DIR/bin first on PATH
trixie_sh() {
	local bin=$1
	shift
	# shellcheck disable=SC2016 # expanded by the inner sh
	in_root trixie -C "$iwork" -- /bin/sh -c 'PATH=$0:$PATH && exec "$@"' "$bin" "$@"
}

case $which in
tarball)
	name=symcc-$version-x86_64-linux
	mkdir "$work/opt"
	tar -C "$work/opt" -xJf "$work/$name.tar.xz"
	prefix=$iwork/opt/$name
	for f in bin/symcc share/man/man1/symcc.1 share/symcc/symcc-toolchain.cmake \
		share/symcc/symcc-native.ini share/symcc/symcc-cross-aarch64.ini LICENSE; do
		[ -f "$work/opt/$name/$f" ] || fail "$f is not in $name.tar.xz"
	done
	if readelf -lW "$work/opt/$name/bin/symcc" | grep -q INTERP; then
		fail "bin/symcc is not static"
	fi
	echo "ok: $name.tar.xz holds a static symcc, its man page and build-system files"
	# the tarball again, from the same commit: the same bytes
	flock 9
	"$src/scripts/release.sh" "$rel/out" > "$work/release.log" 2>&1 ||
		fail "scripts/release.sh, again: $(cat "$work/release.log")"
	cmp "$rel/out/$name.tar.xz" "$work/$name.tar.xz" || fail "a second release.sh run packed other bytes"
	flock -u 9
	echo "ok: a second release.sh run packs the same bytes"
	bin=$prefix/bin
	[ "$(trixie_sh "$bin" sh -c "command -v symcc")" = "$bin/symcc" ] || fail "symcc on PATH is not the tarball's"
	;;
dist)
	mkdir "$work/src"
	tar -C "$work/src" -xJf "$work/symcc-$version.tar.xz"
	d=$iwork/src/symcc-$version
	trixie_sh /nonexistent meson setup "$d/b" "$d" > "$work/setup.log" 2>&1 ||
		fail "meson setup of the dist tarball: $(tail -n 20 "$work/setup.log")"
	trixie_sh /nonexistent ninja -C "$d/b" -j2 > "$work/build.log" 2>&1 ||
		fail "ninja in the dist tarball: $(tail -n 30 "$work/build.log")"
	trixie_sh /nonexistent meson test -C "$d/b" --suite unit --num-processes 2 > "$work/test.log" 2>&1 ||
		fail "the dist tarball's unit suite: $(tail -n 30 "$work/test.log")"
	echo "ok: the dist tarball builds and passes its unit suite: $(grep -E '^Ok:' "$work/test.log" | tr -s ' ')"
	bin=$d/b/src
	;;
deb)
	# dpkg-buildpackage in trixie, on an overlay of the cached root (which
	# stays as it is), with debhelper installed there from the mirror of its
	# apt configuration; then the package installed there, and used
	ovl=$(mktemp -d)
	trap 'rm -rf "$ovl"; root_cleanup' EXIT
	mkdir "$ovl/up" "$ovl/wk" "$ovl/root"
	tar -C "$work" -xJf "$work/symcc-$version.tar.xz"
	# shellcheck disable=SC2016 # expanded by the inner sh
	unshare -m --propagation private sh -ec '
		ovl=$1 lower=$2 work=$3 iwork=$4 v=$5 r=$1/root
		mount -t overlay overlay -o "lowerdir=$lower,upperdir=$ovl/up,workdir=$ovl/wk" "$r"
		mount -t proc proc "$r/proc"
		mount --rbind /dev "$r/dev"
		mount --bind "$work" "$r$iwork"
		cp /etc/resolv.conf "$r/etc/resolv.conf"
		exec chroot "$r" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 HOME=/root \
			DEBIAN_FRONTEND=noninteractive sh -ec "
			cd $iwork
			apt-get install -y -q --no-install-recommends build-essential debhelper dpkg-dev fakeroot > apt.log 2>&1 ||
				{ tail -n 20 apt.log; exit 3; }
			(cd symcc-$v && dpkg-buildpackage -b -us -uc) > deb.log 2>&1 ||
				{ tail -n 40 deb.log; exit 1; }
			dpkg -i symcc_${v}_amd64.deb > dpkg.log 2>&1 || { cat dpkg.log; exit 1; }
			dpkg -L symcc > files.txt
			man -w symcc > man.txt
			gcc -O2 -D_FILE_OFFSET_BITS=64 -pthread -o cprog.native cprog.c -ldl -lm
			symcc gcc -O2 -D_FILE_OFFSET_BITS=64 -pthread -o cprog cprog.c -ldl -lm 2> err
			symcc --check --target=2.17 cprog > check
			./cprog.native x > want"
	' deb "$ovl" "$ROOT_TRIXIE" "$work" "$iwork" "$version" > "$work/deb.out" 2>&1 || {
		rc=$?
		if [ $rc = 3 ] && [ "${CI:-}" != true ]; then
			echo "SKIP: cannot install debhelper in trixie (no mirror?): $(cat "$work/deb.out")" >&2
			exit 77
		fi
		fail "the Debian package: $(cat "$work/deb.out")"
	}
	grep -q "^unit.*OK\|^ *[0-9]*/[0-9]* symcc:unit" "$work/deb.log" ||
		fail "dpkg-buildpackage did not run the unit suite"
	for f in /usr/bin/symcc /usr/share/man/man1/symcc.1.gz /usr/share/symcc/symcc-toolchain.cmake \
		/usr/share/symcc/symcc-native.ini /usr/share/symcc/symcc-cross-aarch64.ini; do
		grep -qx "$f" "$work/files.txt" || fail "the package lacks $f"
	done
	[ "$(cat "$work/man.txt")" = /usr/share/man/man1/symcc.1.gz ] ||
		fail "man -w symcc: $(cat "$work/man.txt")"
	echo "ok: dpkg-buildpackage -b built symcc_${version}_amd64.deb (unit suite passed); it installs symcc, its man page (man -w finds it) and the build-system files"
	echo "ok: symcc gcc from the deb links for glibc 2.17"
	want=$(cat "$work/want")
	;;
*) fail "unknown artifact '$which'" ;;
esac

# a program linked by the artifact's symcc, run where glibc is old
# (the deb case linked and checked cprog in its own overlay above)
if [ "$which" != deb ]; then
	trixie_sh /nonexistent gcc -O2 -D_FILE_OFFSET_BITS=64 -pthread -o cprog.native cprog.c -ldl -lm ||
		fail "native build"
	trixie_sh "$bin" symcc gcc -O2 -D_FILE_OFFSET_BITS=64 -pthread -o cprog cprog.c -ldl -lm 2> "$work/err" ||
		fail "symcc gcc: $(cat "$work/err")"
	trixie_sh "$bin" symcc --check --target=2.17 cprog > "$work/check" 2>&1 ||
		fail "symcc --check --target=2.17: $(cat "$work/check")"
	echo "ok: symcc gcc from the $which links for glibc 2.17"
	want=$(trixie_sh /nonexistent ./cprog.native x)
fi
for r in "${olds[@]}"; do
	odir=$(root_workdir "$r")
	cp "$work/cprog" "$work/cprog.native" "$odir/"
	got=$(in_root "$r" -C "$(root_inner "$r" "$odir")" -- env LD_BIND_NOW=1 ./cprog x) ||
		fail "the symcc build on $r: exit $?"
	[ "$got" = "$want" ] || fail "the symcc build on $r prints other things than the native build on trixie"
	if in_root "$r" -C "$(root_inner "$r" "$odir")" -- env LD_BIND_NOW=1 ./cprog.native x > /dev/null 2>&1; then
		fail "the native build loads on $r: the test proves nothing"
	fi
	echo "ok: on $r, the program runs as natively (and the native build does not load)"
done
echo "all release $which checks passed"
