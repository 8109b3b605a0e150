#!/usr/bin/env bash
# whole-table.sh TARGET SYMCC [ARCH]: every function of data/glibc-ARCH.txt
# (default x86_64; the others with Debian's cross compilers and qemu-user)
# at once.
#
# Generates a C program that takes the address of every function which the
# table says exists at or below TARGET and which new code can name
# (a C identifier, a function in every version, a default version in the
# newest release), links it with `symcc gcc` for TARGET against all of
# glibc's libraries, and checks:
#   - readelf binds each symbol to its default version if that is <= TARGET,
#     else to the newest version <= TARGET that data/abi-verdicts.txt does
#     not call unsafe, as the table lists them (an independent reading of
#     the table in awk, not symcc's planner);
#   - symbols with no such version are shimmed or fail; the ones symcc
#     refuses (symcc --explain says so) are left out and counted;
#   - the program loads with LD_BIND_NOW=1 on Debian bullseye's glibc 2.31
#     for ARCH, or the oldest the mirror has (bookworm's 2.36 for ppc64el and
#     s390x, trixie's 2.41 for riscv64: that proves less, the pinned
#     versions exist, not that old glibc has them) (libc6 from the mirror in
#     the apt configuration, via
#     scripts/gen-table.sh), so every pinned symbol is found in a library the
#     program loads: the DT_NEEDED symcc adds for symbols that lived in
#     libpthread, librt, libdl... before 2.34;
#   - at target 2.17, it also loads with LD_BIND_NOW=1 on glibc 2.17 itself
#     (../shared/glibc-2.17, see tests/roots.sh): chrooted for x86_64, under
#     qemu-user for aarch64 and i686; and so does the same code linked as a
#     shared library, dlopen()ed by a host that needs only libc and libdl
#     (libc comes first in the lookup scope then: before 2.30, ld.so fails a
#     symbol whose need names libc.so.6 when libc lacks it).  The plain
#     build must not load there.  Without that root it skips after
#     everything else passed, saying so (and fails under CI=true).
# On an x86_64 host only (skip elsewhere, or without the cross compiler,
# qemu-user or the package).
set -euo pipefail
export LC_ALL=C

target=$1
symcc=$(realpath "$2")
arch=${3:-x86_64}
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
table=$top/data/glibc-$arch.txt
verdicts=$top/data/abi-verdicts.txt
# shellcheck source=../arch.sh
. "$here/../arch.sh"
arch_info "$arch" || { echo "whole-table.sh: unknown architecture '$arch'" >&2; exit 2; }

skip() { cross_skip "$*"; }
fail() {
	echo "FAIL: whole table, target $target: $*" >&2
	exit 1
}

[[ $(uname -m) == x86_64 ]] || skip "the whole-table test runs on x86_64"
command -v "$cc" >/dev/null || skip "no $cc"
[[ -z $qemu ]] || command -v "$qemu" >/dev/null || skip "no $qemu (apt-get install qemu-user)"
work=$(mktemp -d "${TMPDIR:-/tmp}/symcc-whole.XXXXXX")
trap '[[ -n ${SYMCC_KEEP_WORKDIRS:-} ]] || rm -rf "$work"' EXIT
export SYMCC_CACHE_DIR=$work/cache
cd "$work"

# expected.txt: "symbol version" (the default if it is <= target, else the
# newest safe version <= target) or "symbol -" (none: a shim or a refusal)
awk -v target="$target" -v arch="$arch" '
	function vkey(v,   a, n) {
		sub(/^GLIBC_/, "", v)
		n = split(v, a, ".")
		return a[1] * 10000 + a[2] * 100 + (n > 2 ? a[3] : 0)
	}
	function unsafe(sym, ver,   i, p) {
		for (i = 1; i <= nv; i++) {
			p = vsym[i]
			if (vver[i] != "*" && vver[i] != ver) continue
			if (p ~ /\*$/ ? index(sym, substr(p, 1, length(p) - 1)) == 1 : p == sym) return 1
		}
		return 0
	}
	BEGIN { t = vkey(target) }
	FILENAME == ARGV[1] {
		if ($0 !~ /^[ \t]*(#|$)/ && ($1 == "*" || $1 == arch) && $4 == "unsafe") {
			nv++; vsym[nv] = $2; vver[nv] = $3
		}
		next
	}
	$0 ~ /^#/ || NF < 6 || $1 == "arch" || $1 == "base" || $1 == "release" { next }
	{
		s = $1
		if (!(s in seen)) { seen[s] = 1; order[++ns] = s }
		if ($4 != "F") notfn[s] = 1
		if ($6 == "d") { hasdef[s] = 1; if (vkey($2) > dkey[s]) { dkey[s] = vkey($2); dname[s] = substr($2, 7) } }
		v = vkey($2)
		if (!(s in oldest) || v < oldest[s]) oldest[s] = v
		if (v <= t && !unsafe(s, $2) && v > best[s]) { best[s] = v; bestname[s] = substr($2, 7) }
	}
	END {
		for (i = 1; i <= ns; i++) {
			s = order[i]
			if ((s in notfn) || !(s in hasdef) || oldest[s] > t || s !~ /^[A-Za-z_][A-Za-z0-9_]*$/)
				continue
			# a default at or below the target stays (i686 pread: default
			# 2.1, and a newer compat 2.2 from libpthread); else the newest
			# safe version
			print s, dkey[s] <= t ? dname[s] : (s in bestname) ? bestname[s] : "-"
		}
	}' "$verdicts" "$table" >expected.txt
# not what libgcc_s defines too (i686's glibc also exports the old
# __register_frame_info & co.): the program would bind libgcc's
gccs=$("$cc" -print-file-name=libgcc_s.so.1)
: >gccs.txt
[[ ! -f $gccs ]] || readelf -W --dyn-syms "$gccs" |
	awk '$7 != "UND" && NF >= 8 { sub(/@.*/, "", $8); print $8 }' | sort -u >gccs.txt
awk 'NR == FNR { g[$1] = 1; next } !($1 in g)' gccs.txt expected.txt >expected.new
mv expected.new expected.txt
total=$(wc -l <expected.txt)
((total > 1000)) || fail "only $total functions selected from $table"

# The ones without a safe version: keep what symcc shims, drop what it refuses.
: >refused.txt
while read -r sym ver; do
	[[ $ver == - ]] || continue
	if ! "$symcc" --explain "$sym" --arch="$arch" --target="$target" >explain.txt; then
		echo "$sym" >>refused.txt
	fi
done <expected.txt

libs=(-lm -lpthread -ldl -lrt -lutil -lanl -lresolv)
# libmvec where the toolchain has it (x86_64; aarch64 since glibc 2.38)
[[ $("$cc" -print-file-name=libmvec.so.1) != libmvec.so.1 ]] && libs+=(-l:libmvec.so.1)
link() {
	grep -vxFf <(sed 's/$/ -/' refused.txt) expected.txt >used.txt || true
	{
		echo "/* generated by tests/integration/whole-table.sh: every function of the table */"
		awk '{ printf "extern void %s(void);\n", $1 }' used.txt
		echo "void (*const volatile table[])(void) = {"
		awk '{ printf "\t%s,\n", $1 }' used.txt
		echo "};"
		echo "int main(void) { return table[0] == 0; }"
	} >whole.c
	"$symcc" "$cc" --symcc-target="$target" -w -fno-builtin -O0 whole.c -o whole "${libs[@]}" \
		2>link.err
}
# a shim written for other architectures only is refused at link time: once
if ! link; then
	sed -n "s/^symcc: error: symcc's shim for '\([^']*\)' is not built for .*/\1/p" link.err >unbuilt.txt
	[[ -s unbuilt.txt ]] || { tail -n 40 link.err >&2 && fail "symcc cannot link the program"; }
	cat unbuilt.txt >>refused.txt
	link || { tail -n 40 link.err >&2 && fail "symcc cannot link the program"; }
fi

# what the output binds: "symbol version" for GLIBC versions
# (the name is the field with @GLIBC_: ppc64le adds a [<localentry>: 8] one)
readelf -W --dyn-syms whole | awk '{
		for (i = 8; i <= NF && $i !~ /@GLIBC_/; i++)
			;
		if (i > NF) next
		split($i, a, "@"); v = a[2]; sub(/^@/, "", v); sub(/^GLIBC_/, "", v)
		print a[1], v
	}' | sort -u >bound.txt
# each symbol as the table says; a shimmed one never above the target
read -r checked shimmed bad < <(awk -v target="$target" '
	function vkey(v,   a, n) {
		n = split(v, a, ".")
		return a[1] * 10000 + a[2] * 100 + (n > 2 ? a[3] : 0)
	}
	FNR == NR { n[$1]++; b[$1] = $2; next }
	$2 == "-" {
		shimmed++
		if (($1 in b) && vkey(b[$1]) > vkey(target)) {
			printf "%s: bound to %s, above %s\n", $1, b[$1], target > "/dev/stderr"; bad++
		}
		next
	}
	{
		checked++
		if (n[$1] != 1 || b[$1] != $2) {
			got = n[$1] > 1 ? "several versions" : ($1 in b) ? b[$1] : "nothing"
			printf "%s: bound to %s, the table says %s\n", $1, got, $2 > "/dev/stderr"
			bad++
		}
	}
	END { print checked + 0, shimmed + 0, bad + 0 }' bound.txt used.txt)
((bad == 0)) || fail "$bad symbols bound wrongly"
"$symcc" --check --target="$target" whole >check.txt || { cat check.txt >&2; fail "symcc --check"; }

# each need names the library that holds the symbol on old glibc (arch.sh)
bad=$(need_files whole "$table")
((bad == 0)) || fail "$bad needs name the wrong library"

# bullseye's glibc 2.31, every symbol bound at load
# (or the oldest release the mirror has: ppc64el and s390x start at
# bookworm here, riscv64 at trixie)
for rel in bullseye bookworm trixie; do
	"$top/scripts/gen-table.sh" --symcc "$symcc" --arch "$deb" --release "$rel" \
		--out "$work/table" >gen.log 2>&1 && break
	grep -q "no release has $deb" gen.log || { cat gen.log >&2 && skip "cannot fetch $rel's libc6 for $deb"; }
done
[[ -f $work/table/glibc-$arch.txt ]] || skip "the mirror has no libc6 for $deb"
version=$(sed -n "s/^#   $rel: libc6 \([^ ]*\) .*/\1/p" "$work/table/glibc-$arch.txt")
glibc=$(sed -n "s/^release $rel //p" "$work/table/glibc-$arch.txt")
pkg=${XDG_CACHE_HOME:-$HOME/.cache}/symcc-gen/pool/libc6_${version}_$deb.deb
[[ -n $version && -f $pkg ]] || fail "gen-table.sh left no libc6 package ($pkg)"
dpkg-deb -x "$pkg" "$work/old"
lib=$work/old/lib/$triplet
[[ -d $lib ]] || lib=$work/old/usr/lib/$triplet   # merged /usr
if [[ -n $qemu ]]; then
	"$qemu" -L "$work/old" -E LD_BIND_NOW=1 "$lib/$loader" --library-path "$lib" "$work/whole"
else
	LD_BIND_NOW=1 "$lib/$loader" --library-path "$lib" "$work/whole"
fi || fail "the program does not load on $rel's glibc $glibc with LD_BIND_NOW=1"
echo "ok: $arch, target $target: $total functions, $checked bound as the table says," \
	"$shimmed shimmed, $(wc -l <refused.txt) refused ($(tr '\n' ' ' <refused.txt)), loads on $glibc"

# glibc 2.17 itself, every symbol bound at load
r217=
[[ $target != 2.17 ]] || case $arch in
x86_64) r217=glibc217 ;;
aarch64 | i686) r217=glibc217_$arch ;;
esac
[[ -n $r217 ]] || exit 0
# shellcheck source=../lib.sh
. "$here/../lib.sh"
trap 'root_cleanup; [[ -n ${SYMCC_KEEP_WORKDIRS:-} ]] || rm -rf "$work"' EXIT
root_check "$r217" || skip "loads on $glibc; not run on glibc 2.17: $ROOT_REASON"
root=$(_root_path "$r217")
run=$(mktemp -d "$root/tmp/symcc-test.$$.XXXXXX")
printf '%s\n' '#include <dlfcn.h>' '#include <stdio.h>' \
	'int main(int c, char **v) { if (dlopen(v[1], RTLD_NOW)) return 0; puts(dlerror()); return 1; }' >host.c
"$symcc" "$cc" --symcc-target="$target" -O2 host.c -o host -ldl 2>link.err ||
	{ cat link.err >&2 && fail "symcc cannot link the host"; }
# the same table without main (and __libc_start_main, whose shim needs an
# executable)
grep -v '__libc_start_main\|int main' whole.c >libwhole.c
"$symcc" "$cc" --symcc-target="$target" -w -fno-builtin -O0 -shared -fPIC libwhole.c -o libwhole.so \
	"${libs[@]}" 2>link.err || { tail -n 40 link.err >&2 && fail "symcc cannot link the library"; }
"$cc" -w -fno-builtin -O0 whole.c -o whole.plain "${libs[@]}" 2>/dev/null
cp whole whole.plain host libwhole.so "$run/"
on217() { # PROGRAM ARGS...: with LD_BIND_NOW=1 on glibc 2.17
	case $arch in
	# i686: qemu-i386 where it is (a kernel may refuse 32-bit x86), else chrooted
	x86_64 | i686) if [[ $arch == i686 ]] && command -v qemu-i386 >/dev/null; then
		qemu-i386 -L "$root" -E LD_BIND_NOW=1 "$run/$1" "${@:2}"
	else
		in_root "$r217" -C "${run#"$root"}" -- env LD_BIND_NOW=1 "./$1" "${@:2}"
	fi ;;
	*) "$qemu" -L "$root" -E LD_BIND_NOW=1 "$run/$1" "${@:2}" ;;
	esac
}
if on217 whole.plain >/dev/null 2>&1; then
	fail "the plain build loads on glibc 2.17: the test proves nothing"
fi
on217 whole >run217.out 2>&1 ||
	{ cat run217.out >&2 && fail "the program does not load on glibc 2.17 with LD_BIND_NOW=1"; }
echo "ok: $arch, target 2.17: loads on glibc 2.17 itself with LD_BIND_NOW=1 ($r217; the plain build does not)"
bad=$(need_files libwhole.so "$table")
((bad == 0)) || fail "libwhole.so: $bad needs name the wrong library"
on217 host "$(root_inner "$r217" "$run")/libwhole.so" >run217.out 2>&1 ||
	{ cat run217.out >&2 && fail "the library does not load (dlopen, RTLD_NOW) on glibc 2.17"; }
echo "ok: $arch, target 2.17: the library loads on glibc 2.17 too (dlopen, RTLD_NOW, LD_BIND_NOW=1)"
