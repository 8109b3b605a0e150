#!/usr/bin/env bash
# integrations.sh CASE SYMCC [BUILDDIR]: integrations that run on this host.
#
#   rust     cargo on this host (glibc 2.36) links a Rust program with std
#            (threads, fs, env, time) through symcc for glibc 2.17, two ways:
#            CARGO_TARGET_<triple>_LINKER naming a masquerade symlink cc ->
#            symcc, and RUSTFLAGS=-Clinker= naming a two-line wrapper.  Both
#            must need nothing above 2.17 and print on Debian bullseye what
#            the native build prints here; the native build must not load
#            on bullseye.  SKIP without cargo.
#   cross    Debian's aarch64 cross gcc: a masquerade symlink
#            aarch64-linux-gnu-gcc -> symcc, and meson with
#            data/symcc-cross-aarch64.ini; every output needs nothing above
#            2.17 and prints under qemu-aarch64 what the plain cross build
#            prints (running on an old aarch64 glibc is cross.sh's part).
#            SKIP without the cross compiler or qemu-user.
#   clang    clang and clang++ as masquerade symlinks: C and C++ (static
#            C++ runtime) compile-and-link calls with link-only options,
#            which symcc's separate compile must not pass (clang would warn):
#            the same stderr as plain clang, nothing above 2.17, the same
#            output on bullseye as the plain build here.  SKIP without clang.
#   install  `meson install --destdir` from BUILDDIR: the binary, the man
#            page, the toolchain and native files; the installed symcc works
#            from another directory; every SYMCC_* variable the sources read
#            and every --symcc-* option is documented in README.md and in
#            the man page.
# SPDX-License-Identifier: MIT-0
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
case_name=$1
symcc=$(realpath "$2")
builddir=${3:-}

fail() {
	echo "FAIL: $case_name: $*" >&2
	exit 1
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

case_rust() {
	local cargo want got bin how
	export PATH="$PATH:${CARGO_HOME:-$HOME/.cargo}/bin"
	if ! cargo=$(command -v cargo); then
		echo "SKIP: no cargo on this host" && exit 77
	fi
	# shellcheck source=../lib.sh
	. "$here/../lib.sh"
	trap 'root_cleanup; rm -rf "$work"' EXIT
	root_require bullseye
	local old iold
	old=$(root_workdir bullseye)
	iold=$(root_inner bullseye "$old")
	cp -r "$here/projects/rust" "$work/src"
	mkdir "$work/masq"
	ln -s "$symcc" "$work/masq/cc"
	printf '#!/bin/sh\nexec %s --symcc-target=2.17 cc "$@"\n' "$symcc" >"$work/symcc-cc"
	chmod +x "$work/symcc-cc"
	export SYMCC_RUST_TEST=hello
	(cd "$work/src" && CARGO_TARGET_DIR="$work/native" "$cargo" build -q --release --offline) ||
		fail "native cargo build"
	bin=release/symcc-rust-test
	want=$("$work/native/$bin")
	grep -q "sum of squares 30" <<<"$want" || fail "native run: $want"
	cp "$work/native/$bin" "$old/native"
	if in_root bullseye -C "$iold" -- ./native >/dev/null 2>&1; then
		fail "the native Rust build loads on bullseye: the test proves nothing"
	fi
	echo "ok: the native Rust build does not load on bullseye"
	for how in linker-env rustflags; do
		if [ $how = linker-env ]; then
			(cd "$work/src" && CARGO_TARGET_DIR="$work/$how" SYMCC_TARGET=2.17 \
				CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_LINKER="$work/masq/cc" \
				"$cargo" build -q --release --offline) 2>"$work/err" || fail "$how: $(cat "$work/err")"
		else
			(cd "$work/src" && CARGO_TARGET_DIR="$work/$how" RUSTFLAGS="-Clinker=$work/symcc-cc" \
				"$cargo" build -q --release --offline) 2>"$work/err" || fail "$how: $(cat "$work/err")"
		fi
		[ ! -s "$work/err" ] || fail "$how: cargo printed: $(cat "$work/err")"
		check_217 "$work/$how/$bin"
		cp "$work/$how/$bin" "$old/$how"
		got=$(in_root bullseye -C "$iold" -- "./$how") || fail "$how: failed on bullseye: $got"
		[ "$got" = "$want" ] || fail "$how: output on bullseye differs: $(diff <(echo "$want") <(echo "$got"))"
		echo "ok: $how: the Rust binary prints the same on bullseye"
	done
}

# FILE needs no GLIBC version above 2.17 (readelf -V and symcc --check)
check_217() {
	if readelf -V "$1" | grep -o 'GLIBC_2\.[0-9]*' | sort -uV |
		awk -F. '$2 > 17 {bad = 1} END {exit !bad}'; then
		fail "$1 needs a glibc above 2.17: $(readelf -V "$1" | grep -o 'GLIBC_2\.[0-9]*' | sort -uV | tail -1)"
	fi
	"$symcc" --check --target=2.17 "$1" >/dev/null || fail "symcc --check rejects $1"
	echo "ok: ${1#"$work"/} needs nothing above 2.17 (readelf -V, symcc --check)"
}

case_cross() {
	local cc=aarch64-linux-gnu-gcc qemu=(qemu-aarch64 -L /usr/aarch64-linux-gnu) want got
	# shellcheck source=../arch.sh
	. "$here/../arch.sh"
	command -v $cc >/dev/null || cross_skip "no $cc (apt-get install gcc-aarch64-linux-gnu)"
	command -v qemu-aarch64 >/dev/null || cross_skip "no qemu-aarch64 (apt-get install qemu-user)"
	command -v meson >/dev/null || cross_skip "no meson"
	export SYMCC_CACHE_DIR=$work/cache
	cd "$work"
	cp "$here/src/cprog.c" .
	mkdir masq
	ln -s "$symcc" masq/$cc
	$cc -O2 -pthread cprog.c -o native -ldl -lm
	PATH=$work/masq:$PATH SYMCC_TARGET=2.17 $cc -O2 -pthread cprog.c -o cprog -ldl -lm 2>err ||
		fail "masquerade $cc: $(cat err)"
	check_217 "$work/cprog"
	want=$("${qemu[@]}" ./native x)
	got=$("${qemu[@]}" ./cprog x)
	[ "$got" = "$want" ] || fail "masquerade $cc: output differs: $(diff <(echo "$want") <(echo "$got"))"
	echo "ok: the masquerade $cc build prints the same under qemu"
	mkdir ms
	cp -r "$here/projects/common/." "$here/projects/meson/." ms/
	(cd ms && PATH=$(dirname "$symcc"):$PATH meson setup build \
		--cross-file "$top/data/symcc-cross-aarch64.ini" >../meson.log 2>&1 &&
		PATH=$(dirname "$symcc"):$PATH ninja -C build >>../meson.log 2>&1) ||
		fail "meson cross build: $(tail ../meson.log)"
	grep -q "symcc-test: has tcsetpgrp_np: false" meson.log ||
		fail "meson found a 2.35 function: $(grep symcc-test meson.log)"
	check_217 "$work/ms/build/app"
	check_217 "$work/ms/build/libdesc.so"
	$cc -O2 -pthread ms/app.c ms/lib.c -o ms-native -ldl
	want=$("${qemu[@]}" ./ms-native)
	got=$("${qemu[@]}" ms/build/app)
	[ "$got" = "$want" ] || fail "meson cross build: output differs: $(diff <(echo "$want") <(echo "$got"))"
	echo "ok: the meson cross build for aarch64 prints the same under qemu"
}

case_clang() {
	local want got p flags
	command -v clang >/dev/null && command -v clang++ >/dev/null ||
		{ echo "SKIP: no clang" && exit 77; }
	# shellcheck source=../lib.sh
	. "$here/../lib.sh"
	trap 'root_cleanup; rm -rf "$work"' EXIT
	root_require bullseye
	local old iold
	old=$(root_workdir bullseye)
	iold=$(root_inner bullseye "$old")
	cd "$work"
	cp "$here/src/cprog.c" "$here/src/cxxprog.cc" .
	mkdir masq
	for p in clang clang++; do ln -s "$symcc" masq/$p; done
	for p in c cxx; do
		if [ $p = c ]; then
			flags=(clang -O2 -pthread -rdynamic -L/usr/lib cprog.c -ldl -lm)
		else
			flags=(clang++ -O2 -pthread -static-libstdc++ -static-libgcc -L/usr/lib cxxprog.cc)
		fi
		"${flags[@]}" -o $p-native 2>$p-native.err
		PATH=$work/masq:$PATH SYMCC_TARGET=2.17 "${flags[@]}" -o $p 2>$p.err ||
			fail "${flags[0]}: $(cat $p.err)"
		grep -v "'glob' is bound to GLIBC_2.2.5" $p.err >$p.err2 || true
		[ "$(cat $p.err2)" = "$(cat $p-native.err)" ] ||
			fail "${flags[0]} through symcc printed: $(diff $p-native.err $p.err2)"
		check_217 "$work/$p"
		want=$("./$p-native" x)
		cp $p "$old/"
		got=$(in_root bullseye -C "$iold" -- "./$p" x) || fail "$p failed on bullseye: $got"
		[ "$got" = "$want" ] || fail "$p: output on bullseye differs: $(diff <(echo "$want") <(echo "$got"))"
		echo "ok: ${flags[0]} through a masquerade symlink: quiet, 2.17, the same output on bullseye"
	done
}

# every SYMCC_* variable and --symcc-* option in src/ is documented
case_documented() {
	local name missing=0
	sed 's/\\-/-/g' "$top/data/symcc.1" >"$work/symcc.1.txt"
	for name in $(grep -ho 'getenv("SYMCC_[A-Z_]*")' "$top"/src/*.c | sed 's/getenv("\(.*\)")/\1/' |
		sort -u) SYMCC_RECURSION $(grep -ho '"--symcc-[a-z-]*[a-z]' "$top"/src/*.c | tr -d '"' | sort -u); do
		grep -q -- "$name" "$top/README.md" || { echo "not in README.md: $name" >&2 && missing=1; }
		grep -q -- "$name" "$work/symcc.1.txt" ||
			{ echo "not in symcc.1: $name" >&2 && missing=1; }
	done
	[ $missing = 0 ] || fail "undocumented variables or options"
	echo "ok: every SYMCC_* variable and --symcc-* option is in README.md and symcc.1"
}

case_install() {
	local dest=$work/dest prefix bin f
	[ -n "$builddir" ] || fail "install needs the build directory"
	meson install -C "$builddir" --no-rebuild --destdir "$dest" >"$work/install.log" 2>&1 ||
		fail "meson install: $(tail "$work/install.log")"
	bin=$(find "$dest" -path '*/bin/symcc' -type f)
	[ -n "$bin" ] || fail "no bin/symcc installed"
	prefix=${bin%/bin/symcc}
	for f in share/man/man1/symcc.1 share/symcc/symcc-toolchain.cmake share/symcc/symcc-native.ini \
		share/symcc/symcc-cross-aarch64.ini; do
		[ -f "$prefix/$f" ] || fail "not installed: $f"
	done
	echo "ok: installed bin/symcc, the man page, the toolchain and native files"
	if command -v groff >/dev/null; then
		groff -man -Tutf8 -ww -z "$prefix/share/man/man1/symcc.1" 2>"$work/groff.err"
		[ ! -s "$work/groff.err" ] || fail "groff: $(cat "$work/groff.err")"
		echo "ok: groff reads the man page without warnings"
	fi
	# the installed binary from another directory, with a minimal environment
	mkdir "$work/elsewhere"
	cp "$here/src/cprog.c" "$work/elsewhere/"
	(
		cd "$work/elsewhere"
		export -n SYMCC_TARGET SYMCC_CACHE_DIR SYMCC_VERBOSE 2>/dev/null || true
		export SYMCC_CACHE_DIR=$work/cache
		"$bin" --version | grep -q '^symcc [0-9]' || fail "--version"
		"$bin" --help | grep -q -- '--symcc-target' || fail "--help"
		"$bin" --symcc-target=2.17 gcc -O2 -pthread cprog.c -o cprog -ldl -lm 2>/dev/null ||
			fail "the installed symcc cannot link"
		"$bin" --check --target=2.17 cprog >/dev/null || fail "the installed symcc's output needs more than 2.17"
		gcc -O2 -pthread cprog.c -o native -ldl -lm
		[ "$(./cprog x)" = "$(./native x)" ] || fail "the installed symcc's output prints other things"
	)
	echo "ok: the installed symcc links for 2.17 from another directory"
	case_documented
}

"case_$case_name"
echo "PASS: $case_name"
