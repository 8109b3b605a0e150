#!/usr/bin/env bash
# run.sh CASE ROOT SYMCC: build CASE in the Debian ROOT (trixie or sid)
# natively and with symcc for glibc 2.17, run both there, then run the
# symcc build on Debian bullseye (glibc 2.31): the outputs must match, and
# readelf -V must show no version above 2.17.
# Exit 77 (skip) only when a root cannot be made outside CI (see lib.sh).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=../lib.sh
. "$here/../lib.sh"

case_name=$1 new=$2
symcc=$(realpath "$3")
symcc_dir=$(dirname "$symcc")
target=2.17

root_require "$new"
root_require bullseye
work=$(root_workdir "$new")
iwork=$(root_inner "$new" "$work")
old=$(root_workdir bullseye)
iold=$(root_inner bullseye "$old")
cp "$here"/src/* "$work"/
mkdir "$work/native"

fail() {
	echo "FAIL: $case_name on $new: $*" >&2
	exit 1
}

# in the build root, in the work dir (or in DIR with -C DIR)
new_sh() {
	local dir=$iwork
	if [ "$1" = -C ]; then dir=$iwork/$2 && shift 2; fi
	in_root "$new" -B "$symcc_dir" -C "$dir" -- "$@"
}

# symcc COMPILER ARGS... in the build root
sc() {
	new_sh "$symcc" --symcc-target="$target" "$@"
}

# copy FILES from the build work dir (or native/) to the bullseye work dir
to_old() {
	local f
	for f in "$@"; do cp -a "$work/$f" "$old/"; done
}

old_sh() {
	in_root bullseye -C "$iold" -- "$@"
}

same() {   # same WHAT EXPECTED GOT
	if [ "$2" != "$3" ]; then
		diff -u <(printf '%s\n' "$2") <(printf '%s\n' "$3") >&2 || true
		fail "$1: output differs from the native build"
	fi
	echo "ok: $1"
}

# Every GLIBC version need of FILE is <= target unless flagged WEAK; no
# GLIBC_PRIVATE, no GLIBC_ABI_*.  Read with binutils' readelf, not symcc.
check_versions() {
	local f=$1 line ver flags bad=0
	while read -r line; do
		ver=$(sed -n 's/.*Name: \([^ ]*\).*/\1/p' <<<"$line")
		flags=$(sed -n 's/.*Flags: \([^ ]*\).*/\1/p' <<<"$line")
		case $ver in
		GLIBC_PRIVATE | GLIBC_ABI_*) echo "bad need: $ver" >&2 && bad=1 ;;
		GLIBC_2*)
			if [ "$(printf '%s\n%s\n' "${ver#GLIBC_}" "$target" | sort -V | tail -1)" != "$target" ] &&
				[ "$flags" != WEAK ]; then
				echo "bad need: $ver ($flags)" >&2 && bad=1
			fi ;;
		esac
	done < <(readelf -V "$work/$f" | grep 'Name: GLIBC')
	[ "$bad" = 0 ] || fail "$f needs glibc versions above $target"
	"$symcc" --check --target="$target" "$work/$f" >/dev/null || fail "symcc --check rejects $f"
	echo "ok: $f needs nothing above $target (readelf -V)"
}

# The native build must not load on bullseye, or the test proves nothing.
native_fails_on_old() {
	cp -a "$work/native/$1" "$old/$1.native"
	if old_sh "./$1.native" >/dev/null 2>&1; then
		fail "the native build of $1 loads on bullseye: the test proves nothing"
	fi
	echo "ok: the native $1 does not load on bullseye"
}

case_c_program() {
	local flags=(-O2 -D_FILE_OFFSET_BITS=64 -pthread)
	new_sh gcc "${flags[@]}" cprog.c -o native/cprog -ldl -lm
	sc gcc "${flags[@]}" cprog.c -o cprog -ldl -lm             # compile and link at once
	sc gcc "${flags[@]}" -c cprog.c -o cprog.o                  # pass-through compile
	sc gcc -pthread cprog.o -o cprog2 -ldl -lm                  # link of objects
	check_versions cprog
	check_versions cprog2
	local want got
	want=$(new_sh ./native/cprog x)
	grep -q 'strtol 0b101 base 0 = 5' <<<"$want" || fail "native strtol lacks C23 0b parsing: $want"
	got=$(new_sh ./cprog x) && same "symcc build on $new" "$want" "$got"
	to_old cprog cprog2
	got=$(old_sh ./cprog x) && same "one-step build on bullseye" "$want" "$got"
	got=$(old_sh ./cprog2 x) && same "two-step build on bullseye" "$want" "$got"
	native_fails_on_old cprog
}

case_cxx_static() {
	local flags=(-O2 -pthread -static-libstdc++ -static-libgcc)
	new_sh g++ "${flags[@]}" cxxprog.cc -o native/cxxprog
	sc g++ "${flags[@]}" cxxprog.cc -o cxxprog
	check_versions cxxprog
	local want got
	want=$(new_sh ./native/cxxprog)
	got=$(new_sh ./cxxprog) && same "symcc build on $new" "$want" "$got"
	to_old cxxprog
	got=$(old_sh ./cxxprog) && same "C++ on bullseye" "$want" "$got"
	native_fails_on_old cxxprog
}

case_shared_lib() {
	new_sh gcc -O2 -fPIC -pthread -shared plugin.c -o native/libplugin.so
	# shellcheck disable=SC2016 # $ORIGIN is for the linker
	new_sh -C native gcc -O2 ../host.c -o host -L. -lplugin -Wl,-rpath,'$ORIGIN' -ldl
	sc gcc -O2 -fPIC -pthread -shared plugin.c -o libplugin.so
	# shellcheck disable=SC2016
	sc gcc -O2 host.c -o host -L. -lplugin -Wl,-rpath,'$ORIGIN' -ldl
	check_versions libplugin.so
	check_versions host
	local want got
	want=$(new_sh -C native ./host)
	got=$(new_sh ./host) && same "symcc build on $new" "$want" "$got"
	to_old host libplugin.so
	got=$(old_sh ./host) && same "library and host on bullseye" "$want" "$got"
	cp -a "$work/native/libplugin.so" "$old/libplugin-native.so"
	if old_sh ./host ./libplugin-native.so >/dev/null 2>&1; then
		fail "the native library loads on bullseye: the test proves nothing"
	fi
	echo "ok: the native library does not load on bullseye"
}

# ld itself, called directly: symcc ld, no compiler driver in between
case_direct_ld() {
	new_sh gcc -O2 -fPIC -pthread -c plugin.c -o plugin.o
	new_sh ld -shared plugin.o -o native/libplugin.so -lc
	# shellcheck disable=SC2016
	new_sh -C native gcc -O2 ../host.c -o host -L. -lplugin -Wl,-rpath,'$ORIGIN' -ldl
	sc ld -shared plugin.o -o libplugin.so -lc
	# shellcheck disable=SC2016
	sc gcc -O2 host.c -o host -L. -lplugin -Wl,-rpath,'$ORIGIN' -ldl
	check_versions libplugin.so
	local want got
	want=$(new_sh -C native ./host)
	got=$(new_sh ./host) && same "symcc ld library on $new" "$want" "$got"
	to_old libplugin.so host
	got=$(old_sh ./host) && same "symcc ld library on bullseye" "$want" "$got"
}

# Linker features newer than the target (DT_RELR, TLS descriptors, PLT
# marking) add GLIBC_ABI_* needs; symcc turns them off.
case_abi_tags() {
	# shellcheck disable=SC2054 # -Wl,... is one argument
	local flags=(-O2 -pthread -fPIC -mtls-dialect=gnu2 -Wl,-z,pack-relative-relocs)
	new_sh gcc "${flags[@]}" tls.c -o native/tls
	readelf -V "$work/native/tls" | grep -q GLIBC_ABI_DT_RELR ||
		fail "the native build has no GLIBC_ABI_DT_RELR need: the test proves nothing"
	sc gcc "${flags[@]}" tls.c -o tls
	check_versions tls
	readelf -d "$work/tls" | grep -q RELR && fail "DT_RELR left in the output"
	local want got
	want=$(new_sh ./native/tls)
	to_old tls
	got=$(old_sh ./tls) && same "TLS and relocations on bullseye" "$want" "$got"
}

# Every polyfill and converting shim at once (tests/integration/src/polyfills.c):
# for 2.17, with -D_FORTIFY_SOURCE=3 (the __*_chk entry points), and for
# 2.7, which also needs the shims of qsort_r, __fdelt_chk, aligned_alloc,
# timespec_get, getauxval and secure_getenv.  Each must print on bullseye what
# the native build prints on the build root.
case_polyfills() {
	local flags=(-O2 -pthread) fortify=(-O2 -pthread -D_FORTIFY_SOURCE=3) want got chk
	new_sh gcc "${flags[@]}" polyfills.c -o native/polyfills -lm
	sc gcc "${flags[@]}" polyfills.c -o polyfills -lm
	check_versions polyfills
	want=$(new_sh ./native/polyfills)
	got=$(new_sh ./polyfills) && same "symcc build on $new" "$want" "$got"
	to_old polyfills
	got=$(old_sh ./polyfills) && same "polyfills on bullseye" "$want" "$got"
	native_fails_on_old polyfills

	new_sh gcc "${fortify[@]}" -c polyfills.c -o polyfills-fortify.o
	chk=$(nm -u "$work/polyfills-fortify.o" | awk '/_chk$/ { print $2 }' | sort | tr '\n' ' ')
	grep -q __strlcpy_chk <<<"$chk" || fail "the fortified build calls no __strlcpy_chk: $chk"
	echo "ok: the fortified build calls $chk"
	new_sh gcc "${fortify[@]}" polyfills.c -o native/polyfills-fortify -lm
	sc gcc "${fortify[@]}" polyfills.c -o polyfills-fortify -lm
	check_versions polyfills-fortify
	want=$(new_sh ./native/polyfills-fortify)
	to_old polyfills-fortify
	got=$(old_sh ./polyfills-fortify) && same "fortified polyfills on bullseye" "$want" "$got"

	target=2.7
	sc gcc "${flags[@]}" -D_FORTIFY_SOURCE=2 polyfills.c -o polyfills-27 -lm
	check_versions polyfills-27
	target=2.17
	want=$(new_sh ./native/polyfills)
	to_old polyfills-27
	got=$(old_sh ./polyfills-27) && same "polyfills for 2.7 on bullseye" "$want" "$got"
}

case_python_abi3() {
	local inc script want got
	inc=$(new_sh python3 -c 'import sysconfig; print(sysconfig.get_paths()["include"])')
	new_sh gcc -O2 -shared -fPIC -I"$inc" spam.c -o native/spam.abi3.so
	sc gcc -O2 -shared -fPIC -I"$inc" spam.c -o spam.abi3.so
	check_versions spam.abi3.so
	script='import sys; sys.path.insert(0, "."); import spam; print(sys.version_info[:2] >= (3, 9), spam.parse("0b101"), spam.parse("0x10"), spam.isdir("/"), spam.isdir("/etc/passwd"))'
	want=$(new_sh -C native python3 -c "$script")
	[ "$want" = "True 5 16 True False" ] || fail "native module: $want"
	got=$(new_sh python3 -c "$script") && same "symcc module in $new's python3" "$want" "$got"
	to_old spam.abi3.so
	got=$(old_sh python3 -c "$script") && same "module in bullseye's python3" "$want" "$got"
	old_sh python3 -c 'import sys; assert sys.version_info[:2] == (3, 9)' || fail "bullseye python is not 3.9"
}

case_weak() {
	sc gcc -O2 weak.c -o weak
	check_versions weak
	local got
	got=$(new_sh ./weak)
	[ "$got" = "arc4random present, strlcpy present" ] || fail "on $new: $got"
	echo "ok: weak symbols bind on $new"
	to_old weak
	got=$(old_sh ./weak 2>"$work/err")
	[ "$got" = "arc4random absent, strlcpy absent" ] || fail "on bullseye: $got"
	[ ! -s "$work/err" ] || fail "the loader complained on bullseye: $(cat "$work/err")"
	echo "ok: weak symbols are NULL on bullseye, silently"
}

# LTO code generation creates memcpy calls that GCC's LTO symbol table does
# not list: the pre-scan cannot see them; verify must, and re-plan once.
# memcpy@2.14 is new only for targets below 2.14, hence 2.12 here.
case_lto() {
	local flags=(-O2 -mstringop-strategy=libcall -flto) want got
	new_sh gcc "${flags[@]}" lto.c -o native/lto
	objdump -T "$work/native/lto" | grep -q 'GLIBC_2.14.*memcpy' ||
		fail "the native LTO build calls no memcpy@2.14: the test proves nothing"
	SYMCC_VERBOSE=1 sc gcc "${flags[@]}" --symcc-target=2.12 lto.c -o lto 2>"$work/err"
	grep -q "re-planning: verify found" "$work/err" || fail "no re-plan: $(cat "$work/err")"
	target=2.12 check_versions lto
	want=$(new_sh ./native/lto)
	to_old lto
	got=$(old_sh ./lto) && same "LTO build on bullseye" "$want" "$got"
}

case_negative() {
	local err
	echo "an older build" >"$work/missing"
	if sc gcc missing.c -o missing 2>"$work/err"; then
		fail "a call that glibc 2.17 lacks linked"
	fi
	err=$(cat "$work/err")
	grep -q "symcc: error: 'posix_spawn_file_actions_addtcsetpgrp_np'" <<<"$err" ||
		fail "the error does not name the function: $err"
	grep -q "missing.c\|referenced by" <<<"$err" || fail "the error does not name the object: $err"
	grep -q "oldest target that works is 2.35" <<<"$err" || fail "no oldest target: $err"
	[ ! -e "$work/missing" ] || fail "an output that looks finished was left"
	ls "$work"/missing.symcc-* >/dev/null 2>&1 && fail "a temp output was left"
	echo "ok: missing function: $(head -1 <<<"$err")"
	# a dynamic libstdc++ from this gcc needs GLIBCXX versions CentOS 7 lacks
	if sc g++ -O2 cxxdyn.cc -o cxxdyn 2>"$work/err"; then
		fail "a dynamically linked libstdc++ passed for 2.17"
	fi
	grep -q "GLIBCXX_3.4.* newer than manylinux_2_17 allows" "$work/err" || fail "no GLIBCXX error: $(cat "$work/err")"
	[ ! -e "$work/cxxdyn" ] || fail "the rejected C++ output was left"
	echo "ok: dynamic libstdc++: $(grep -m1 GLIBCXX "$work/err")"
}

"case_${case_name//-/_}"
echo "PASS: $case_name on $new"
