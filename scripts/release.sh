#!/usr/bin/env bash
# release.sh [OUTDIR]: make symcc's release artifacts in OUTDIR (default
# ./release):
#   symcc-VERSION-x86_64-linux.tar.xz   the static symcc (buildtype release,
#       stripped) in bin/, its man page in share/man/man1/, the CMake
#       toolchain file and the meson native and cross files in share/symcc/,
#       LICENSE and README.md: unpack anywhere, put bin/ on PATH;
#   symcc-VERSION.tar.xz                the source (`meson dist`, from the
#       last commit; uncommitted changes are not in it);
#   SHA256SUMS                          both, for sha256sum -c.
# Both tarballs are reproducible: sorted names, owner 0/0, every mtime
# SOURCE_DATE_EPOCH (default: the last commit's date), no pax headers,
# single-threaded xz; the binary tarball's modes are 0755 or 0644.  The build goes in OUTDIR/build, or in
# SYMCC_RELEASE_BUILDDIR (kept and reused: a second run only repackages).
# Needs git (a checkout or worktree), meson, ninja, xz and GNU tar.
# SPDX-License-Identifier: MIT-0
set -euo pipefail

die() {
	echo "release.sh: error: $*" >&2
	exit 1
}

src=$(cd "$(dirname "$0")/.." && pwd)
out=$(mkdir -p "${1:-release}" && cd "${1:-release}" && pwd)
build=${SYMCC_RELEASE_BUILDDIR:-$out/build}
git -C "$src" rev-parse --git-dir > /dev/null 2>&1 || die "$src is not a git checkout (meson dist needs one)"
version=$(sed -n "s/^ *version : '\([^']*\)'.*/\1/p" "$src/meson.build" | head -n 1)
[ -n "$version" ] || die "no version in $src/meson.build"
arch=$(uname -m)
[ "$arch" = x86_64 ] || die "release builds are made on x86_64, not $arch"
: "${SOURCE_DATE_EPOCH:=$(git -C "$src" log -1 --format=%ct)}"
export SOURCE_DATE_EPOCH

if [ -n "$(git -C "$src" status --porcelain --untracked-files=no)" ]; then
	echo "release.sh: warning: uncommitted changes: the binary has them, the source tarball does not" >&2
fi

# the static release build (tests off: the unit tests need Check, and the
# dist tarball's own build runs them)
if [ ! -f "$build/build.ninja" ]; then
	meson setup "$build" "$src" --buildtype=release -Dstatic=true -Dtests=false \
		--prefix=/ > "$build.setup.log" 2>&1 || { cat "$build.setup.log" >&2; die "meson setup failed"; }
	rm -f "$build.setup.log"
fi
ninja -C "$build" -j "${SYMCC_RELEASE_JOBS:-2}" > /dev/null || die "the build failed"
if readelf -lW "$build/src/symcc" | grep -q INTERP || readelf -dW "$build/src/symcc" | grep -q NEEDED; then
	die "$build/src/symcc is not static"
fi

# pack DIR: $stage/DIR into $out/DIR.tar.xz, reproducibly; removes $stage
pack() {
	tar -C "$stage" --sort=name --format=gnu --owner=0 --group=0 --numeric-owner --mode=go-w \
		--mtime="@$SOURCE_DATE_EPOCH" -cf - "$1" | xz -T1 -6 > "$out/$1.tar.xz.tmp"
	mv "$out/$1.tar.xz.tmp" "$out/$1.tar.xz"
	rm -rf "$stage"
}

# the binary tarball, from meson's own install rules
name=symcc-$version-$arch-linux
stage=$out/stage
rm -rf "$stage"
DESTDIR=$stage/$name meson install -C "$build" --no-rebuild --strip --quiet > /dev/null ||
	die "meson install failed"
install -m 0644 "$src/LICENSE" "$src/README.md" "$stage/$name/"
find "$stage/$name" -type d -exec chmod 0755 {} +
find "$stage/$name" -type f -exec chmod 0644 {} +
chmod 0755 "$stage/$name/bin/symcc"
pack "$name"

# the source tarball, its tests left to the caller (see README: Releases)
rm -rf "$build/meson-dist"
meson dist -C "$build" --no-tests --formats xztar --allow-dirty > /dev/null 2>&1 ||
	die "meson dist failed (see $build/meson-logs)"
# repacked as the binary tarball is, so that it too is reproducible
mkdir "$stage"
tar -C "$stage" -xJf "$build/meson-dist/symcc-$version.tar.xz"
pack "symcc-$version"

(cd "$out" && sha256sum "$name.tar.xz" "symcc-$version.tar.xz" > SHA256SUMS)
echo "release.sh: $out/$name.tar.xz"
echo "release.sh: $out/symcc-$version.tar.xz"
