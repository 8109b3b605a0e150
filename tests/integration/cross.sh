#!/usr/bin/env bash
# cross.sh ARCH SYMCC: a cross build end to end.
#
# Builds tests/integration/src/cprog.c with Debian's cross compiler for ARCH
# (aarch64, i686, armv7, ppc64le, s390x or riscv64) twice: plainly, run on
# the cross toolchain's own libc (this machine's release), and with
# `symcc CROSS-gcc` for glibc 2.17 (riscv64: 2.27, its first), run with
# LD_BIND_NOW=1 on Debian bullseye's libc6 for ARCH (glibc 2.31, from the
# mirror in the apt configuration, through scripts/gen-table.sh, which checks
# its SHA256). The outputs must be equal, readelf -V must show no GLIBC
# version above the target, and `symcc --check --target=T` must pass.
# Where the mirror has no bullseye for ARCH (ppc64el, s390x, riscv64 here)
# the oldest release it has is used instead (bookworm, trixie for riscv64):
# that still proves every pinned version exists and binds in a real libc,
# though not an older one.
# The shims come from symcc's cache, built by the cross compiler on first
# use (SYMCC_CACHE_DIR is a fresh directory here, so that path is tested).
# i686 also runs `gcc -m32` (against the cross toolchain's libc without
# multilib).
#
# The others run under qemu-user; i686 runs natively through the loader,
# or under qemu-i386 where the kernel refuses 32-bit x86 programs (or
# SYMCC_TEST_QEMU_I386=1). Exit 77 (skip) when the cross compiler, qemu or
# the package cannot be had; under CI=true that is a failure.
set -euo pipefail

arch=$1
symcc=$(realpath "$2")
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
target=2.17

old_release=bullseye
# shellcheck source=../arch.sh
. "$here/../arch.sh"
arch_info "$arch" || { echo "cross.sh: unknown architecture '$arch'" >&2; exit 2; }
[ "$arch" = riscv64 ] && target=2.27   # riscv64 begins at glibc 2.27

skip() { cross_skip "$arch: $*"; }
fail() {
	echo "FAIL: $arch: $*" >&2
	exit 1
}

command -v "$cc" >/dev/null || skip "no $cc (apt-get install gcc-${cc%-gcc})"
[[ -z $qemu ]] || command -v "$qemu" >/dev/null || skip "no $qemu (apt-get install qemu-user)"

[[ $arch != i686 || -z $qemu ]] || echo "note: 32-bit x86 programs run under qemu-i386 here"
work=$(mktemp -d "${TMPDIR:-/tmp}/symcc-cross.XXXXXX")
trap 'rm -rf "$work"' EXIT
export SYMCC_CACHE_DIR=$work/cache

# bullseye's libc6 for the architecture, unpacked (cached by gen-table.sh),
# or the oldest release's the mirror has
old=$work/old
for rel in bullseye bookworm trixie; do
	old_release=$rel
	"$top/scripts/gen-table.sh" --symcc "$symcc" --arch "$deb" --release "$rel" \
		--out "$work/table" >"$work/gen.log" 2>&1 && break
	grep -q "no release has $deb" "$work/gen.log" || {
		cat "$work/gen.log" >&2
		skip "cannot fetch $rel's libc6 for $deb"
	}
done
[[ -f $work/table/glibc-$arch.txt ]] || skip "the mirror has no libc6 for $deb"
# the oldest libc newer than the cross toolchain's own proves less: say so
[[ $rel == bullseye ]] || echo "note: no bullseye libc6 for $deb on the mirror: running on $rel's"
version=$(sed -n "s/^#   $rel: libc6 \([^ ]*\) .*/\1/p" "$work/table/glibc-$arch.txt")
pkg=${XDG_CACHE_HOME:-$HOME/.cache}/symcc-gen/pool/libc6_${version}_$deb.deb
[[ -n $version && -f $pkg ]] || fail "gen-table.sh left no libc6 package ($pkg)"
dpkg-deb -x "$pkg" "$old"
oldlib=$old/lib/$triplet
[[ -d $oldlib ]] || oldlib=$old/usr/lib/$triplet   # merged /usr

# the cross toolchain's own libc: this machine's release
newlib=/usr/${cc%-gcc}/lib
[[ -e $newlib/$loader ]] || skip "no $newlib/$loader (the libc6-$deb-cross package)"

# run_on LIBDIR PROGRAM: run with the glibc in LIBDIR, every symbol bound at load
run_on() {
	local lib=$1 prog=$2
	if [[ -n $qemu ]]; then
		"$qemu" -L "$lib/.." -E LD_BIND_NOW=1 -E LD_LIBRARY_PATH="$lib" "$lib/$loader" \
			--library-path "$lib" "$prog"
	else
		LD_BIND_NOW=1 "$lib/$loader" --library-path "$lib" "$prog"
	fi
}

check() { # check NAME NATIVE-BINARY SYMCC-BINARY
	local name=$1 native=$2 built=$3 max want got
	max=$(readelf -VW "$built" | grep -oE 'Name: GLIBC_[0-9.]+' | sed 's/.*GLIBC_//' |
		sort -V | tail -n 1)
	[[ $(printf '%s\n%s\n' "$max" "$target" | sort -V | tail -n 1) == "$target" ]] ||
		fail "$name needs GLIBC_$max, above $target"
	"$symcc" --check --target="$target" "$built" >"$work/check.txt" ||
		{ cat "$work/check.txt" >&2; fail "$name: symcc --check --target=$target"; }
	want=$(run_on "$newlib" "$work/$native") || fail "$name: the plain build fails on the cross libc"
	got=$(run_on "$oldlib" "$work/$built") || fail "$name: the symcc build fails on $old_release's glibc"
	[[ -n $got ]] || fail "$name printed nothing"
	if [[ $want != "$got" ]]; then
		diff -u <(printf '%s\n' "$want") <(printf '%s\n' "$got") >&2 || true
		fail "$name: the output on $old_release differs from the plain build's"
	fi
	echo "ok: $name (needs GLIBC_$max, same output on $old_release's glibc)"
}

cp "$here/src/cprog.c" "$work/"
cd "$work"
flags=(-O2 -pthread -D_FILE_OFFSET_BITS=64)
"$cc" "${flags[@]}" cprog.c -o cprog-native -ldl -lm
"$cc" "${flags[@]}" -c cprog.c -o cprog.o

# make -j: six links at once, all building the shims into the empty cache;
# each renames a whole archive into place, none sees a partial one
pids=()
for i in 1 2 3 4 5 6; do
	"$symcc" "$cc" --symcc-target="$target" -pthread cprog.o -o "par$i" -ldl -lm 2>"par$i.err" &
	pids+=($!)
done
for i in "${!pids[@]}"; do
	wait "${pids[$i]}" || { cat "par$((i + 1)).err" >&2; fail "parallel link $((i + 1)) failed"; }
done
for i in 2 3 4 5 6; do cmp -s par1 "par$i" || fail "parallel links made different outputs"; done
[[ $(ls -A "$SYMCC_CACHE_DIR/shims" | grep -c .) == 1 ]] ||
	fail "the cache holds more than one archive, or leftovers: $(ls -a "$SYMCC_CACHE_DIR/shims")"
echo "ok: six parallel links share one cached shims archive"
"$symcc" "$cc" --symcc-target="$target" "${flags[@]}" cprog.c -o cprog -ldl -lm
ls "$SYMCC_CACHE_DIR"/shims/cross-"$arch"-*.a >/dev/null 2>&1 ||
	fail "no shims archive for $arch in the cache"
check "$cc" cprog-native cprog

# every version the shims bind exists on the architecture, in its table
archive=$(ls "$SYMCC_CACHE_DIR"/shims/cross-"$arch"-*.a)
missing=$(readelf -sW "$archive" | awk '$7 == "UND" && $8 ~ /@GLIBC_/ { split($8, a, "@"); print a[1], a[2] }' |
	sort -u | while read -r sym ver; do
		grep -q "^$sym $ver " "$top/data/glibc-$arch.txt" || echo "$sym@$ver"
	done)
[[ -z $missing ]] || fail "the shims bind versions glibc does not have on $arch:" $missing
echo "ok: every GLIBC version the $arch shims bind is in data/glibc-$arch.txt"
# a position-dependent executable; its link finds the shims in the cache
"$symcc" "$cc" --symcc-target="$target" "${flags[@]}" -fno-PIE -no-pie cprog.c -o cprog-nopie -ldl -lm
check "$cc -no-pie" cprog-native cprog-nopie

# thread_local destructors: below 2.18, symcc's __cxa_thread_atexit_impl
# (pthread keys, a dlopen pin, start.c's main wrapper); the program dlopens
# the plugin beside it
cxx=${cc%-gcc}-g++
if [[ $target == 2.17 ]] && command -v "$cxx" >/dev/null; then
	cp "$here/src/tlsdtor.cc" "$here/src/tlsplugin.cc" "$work/"
	mkdir tls-native tls
	tls() { # DIR CXX...: the plugin and the program into DIR
		# no pthread_exit: it loads libgcc_s.so.1, which the unpacked libc6 lacks
		local dir=$1 cxxflags=(-O2 -static-libstdc++ -static-libgcc -DTLS_NO_PTHREAD_EXIT)
		shift
		"$@" "${cxxflags[@]}" -fPIC -shared -Wl,--exclude-libs,ALL tlsplugin.cc -o "$dir/libtlsplugin.so"
		"$@" "${cxxflags[@]}" tlsdtor.cc -o "$dir/tlsdtor" -ldl -pthread
	}
	tls tls-native "$cxx"
	if [[ $arch == ppc64le ]]; then
		# libstdc++.a's random.o, pulled in by std::exception, references
		# __parse_hwcap_and_convert_at_platform@GLIBC_2.23: GCC's guard
		# that glibc keeps hwcap in the thread control block, where
		# __builtin_cpu_supports reads it.  Older glibc keeps other data
		# there, so no shim is honest: the link fails, naming it.
		if tls tls "$symcc" "$cxx" --symcc-target="$target" 2>tls.err; then
			fail "static libstdc++ linked for $target on ppc64le"
		fi
		grep -q "^symcc: error: '__parse_hwcap_and_convert_at_platform' (referenced by .*random.o)" tls.err ||
			fail "no error naming __parse_hwcap_and_convert_at_platform: $(cat tls.err)"
		echo "ok: $cxx -static-libstdc++ for $target fails: $(head -n 1 tls.err)"
	else
		tls tls "$symcc" "$cxx" --symcc-target="$target"
		check "$cxx thread_local" tls-native/tlsdtor tls/tlsdtor
	fi
fi

# gcc -m32: symcc sees elf_i386 and builds the shims with gcc -m32. Without
# multilib (it conflicts with Debian's other cross compilers), against the
# i686 cross toolchain's libc, crt files and libgcc.
m32=(-m32)
if [[ $arch == i686 ]] && ! gcc -m32 -o m32-probe -x c - <<<'int main(void){return 0;}' 2>/dev/null; then
	gccdir=$(dirname "$("$cc" -print-libgcc-file-name)")
	m32+=(-isystem "/usr/${cc%-gcc}/include" -B"$newlib/" -B"$gccdir/" -L"$newlib" -L"$gccdir")
fi
if [[ $arch == i686 ]] && gcc "${m32[@]}" -o m32-probe -x c - <<<'int main(void){return 0;}'; then
	gcc "${m32[@]}" "${flags[@]}" cprog.c -o cprog-m32-native -ldl -lm
	"$symcc" gcc "${m32[@]}" --symcc-target="$target" "${flags[@]}" cprog.c -o cprog-m32 -ldl -lm
	check "gcc -m32" cprog-m32-native cprog-m32
elif [[ $arch == i686 ]]; then
	echo "note: gcc -m32 not tested: it cannot link here"
fi
