#!/usr/bin/env bash
# table-217.sh: data/glibc-x86_64.txt against a real glibc 2.17 (the
# glibc217 root, ../shared/glibc-2.17).  The table comes from Debian
# releases >= bullseye plus a curated history; the 2.17 root's own libraries
# are the strongest check of it there is:
#   - every (symbol, version) they export is in the table, in one of the
#     libraries that export it;
#   - every (symbol, version <= 2.17) of the table is exported by them, but
#     the __lib*_version_placeholder symbols that glibc 2.34 put in the
#     emptied libpthread, libdl... under their old version nodes.
# Exit 77 (skip) when the root cannot be had outside CI (see lib.sh).
set -euo pipefail
export LC_ALL=C

here=$(cd "$(dirname "$0")" && pwd)
table=$here/../../data/glibc-x86_64.txt
# shellcheck source=../lib.sh
. "$here/../lib.sh"
root_require glibc217
work=$(mktemp -d "${TMPDIR:-/tmp}/symcc-table217.XXXXXX")
trap 'rm -rf "$work"' EXIT

fail() {
	echo "FAIL: table against glibc 2.17: $*" >&2
	exit 1
}

# symbol version library, for every versioned definition of the 2.17 libraries
for l in libc.so.6 libm.so.6 libpthread.so.0 libdl.so.2 librt.so.1 libutil.so.1 libanl.so.1 \
	libresolv.so.2 ld-linux-x86-64.so.2; do
	[[ -e $ROOT_GLIBC217/lib64/$l ]] || fail "the root has no /lib64/$l"
	readelf -W --dyn-syms "$ROOT_GLIBC217/lib64/$l" | awk -v lib="$l" '$7 != "UND" && $8 ~ /@GLIBC_[0-9]/ {
		n = $8; v = $8; sub(/@.*/, "", n); sub(/^[^@]*@@?/, "", v); print n, v, lib }'
done | sort -u >"$work/real.txt"
awk '$0 !~ /^#/ && NF >= 6 && $1 != "arch" && $1 != "base" && $1 != "release" {
	v = $2; sub(/^GLIBC_/, "", v); n = split(v, a, ".")
	if (a[1] * 10000 + a[2] * 100 + (n > 2 ? a[3] : 0) <= 21700) print $1, $2, $3 }' "$table" |
	sort -u >"$work/table.txt"
(($(wc -l <"$work/real.txt") > 2500)) || fail "only $(wc -l <"$work/real.txt") symbols read from the root"

comm -13 <(cut -d' ' -f1,2 "$work/table.txt" | sort -u) <(cut -d' ' -f1,2 "$work/real.txt" | sort -u) \
	>"$work/untabled.txt"
[[ ! -s $work/untabled.txt ]] || { head -n 20 "$work/untabled.txt" >&2 &&
	fail "$(wc -l <"$work/untabled.txt") (symbol, version) pairs of glibc 2.17 are not in the table"; }
comm -23 <(cut -d' ' -f1,2 "$work/table.txt" | sort -u) <(cut -d' ' -f1,2 "$work/real.txt" | sort -u) |
	grep -v '^__lib[a-z]*_version_placeholder ' >"$work/absent.txt" || true
[[ ! -s $work/absent.txt ]] || { head -n 20 "$work/absent.txt" >&2 &&
	fail "$(wc -l <"$work/absent.txt") (symbol, version <= 2.17) pairs of the table are not in glibc 2.17"; }
awk 'NR == FNR { libs[$1 " " $2] = libs[$1 " " $2] " " $3 " "; next }
	$1 !~ /^__lib[a-z]*_version_placeholder$/ && index(libs[$1 " " $2], " " $3 " ") == 0 { print $1, $2, "table:", $3, "glibc 2.17:" libs[$1 " " $2] }' \
	"$work/real.txt" "$work/table.txt" >"$work/libs.txt"
[[ ! -s $work/libs.txt ]] || { head -n 20 "$work/libs.txt" >&2 &&
	fail "$(wc -l <"$work/libs.txt") pairs are in another library in glibc 2.17 than the table says"; }
echo "ok: the table's $(wc -l <"$work/table.txt") (symbol, version <= 2.17) pairs on x86_64 match" \
	"the $(wc -l <"$work/real.txt") definitions of glibc 2.17's libraries (the library too)"
