#!/usr/bin/env bash
# derive-history.sh: the libraries that held an architecture's symbols before
# glibc 2.34, taken from another architecture's table.
# SPDX-License-Identifier: MIT-0
#
# usage: scripts/derive-history.sh [--curated FILE] TABLE REFERENCE-TABLE...
#
# glibc 2.34 merged libpthread, libdl, librt, libutil, libanl and part of
# libresolv into libc.so.6. scripts/gen-table.sh records, for each (symbol,
# version), the library of the OLDEST release it reads; where that release is
# 2.34 or newer (Debian's mirror here has no bullseye for ppc64el, s390x and
# riscv64) every moved symbol says libc.so.6, and a pin to it on an old glibc
# would miss the DT_NEEDED that loads the library holding it.
#
# Which library a function lived in is decided by glibc's Makefiles (the
# routines of nptl/, dlfcn/, rt/, login/, resolv/), not by the architecture.
# So for each line of TABLE with a version below 2.34 and libc.so.6, this
# looks the symbol up in each REFERENCE-TABLE in turn (tables read from a
# glibc 2.31 release): a reference version V maps to max(V, TABLE's base), as
# glibc's own version collapse does; the first reference with a definition at
# that mapped version decides, and the line takes its library unless it also
# has a libc.so.6 (or loader) definition there. Lines already in the curated
# FILE (the hand-written part of a history file) are left out.
#
# Prints history lines (the format of data/history-<arch>.txt) on stdout and
# the symbols it could not map on stderr.
set -euo pipefail
export LC_ALL=C

curated=/dev/null
if [[ ${1:-} == --curated ]]; then
	curated=$2
	shift 2
fi
(($# >= 2)) || {
	sed -n '6p' "${BASH_SOURCE[0]}" | sed 's/^# //' >&2
	exit 2
}
table=$1
shift

awk '
	function vkey(v,   a, n) {
		sub(/^GLIBC_/, "", v)
		n = split(v, a, ".")
		return a[1] * 10000 + a[2] * 100 + (n > 2 ? a[3] : 0)
	}
	FILENAME == ARGV[1] {           # curated lines: keep, do not derive
		if ($0 !~ /^[ \t]*(#|$)/) skip[$1 " " $2] = 1
		next
	}
	FILENAME == ARGV[2] {           # the table to derive for
		if ($1 == "base") tbase = vkey($2)
		if ($0 ~ /^[ \t]*#/ || NF < 6 || $1 == "arch" || $1 == "release") next
		nt++; tl[nt] = $0
		next
	}
	FNR == 1 { nref++; rname[nref] = FILENAME; sub(/.*\//, "", rname[nref]) }
	$1 == "release" && !(nref in rrel) { rrel[nref] = $2 " " $3 }
	$0 ~ /^[ \t]*#/ || NF < 6 || $1 == "arch" || $1 == "release" || $1 == "base" { next }
	vkey($2) < 23400 { rv[nref, $1] = rv[nref, $1] " " vkey($2) " " $3 }
	END {
		for (t = 1; t <= nt; t++) {
			split(tl[t], e, " ")
			v = vkey(e[2])
			if (v >= 23400 || e[3] != "libc.so.6" || ((e[1] " " e[2]) in skip)) continue
			lib = ""; inlibc = 0; other = ""; found = 0
			for (r = 1; r <= nref && !found; r++) {
				if (!((r, e[1]) in rv)) continue
				n = split(rv[r, e[1]], f, " ")
				for (i = 1; i < n; i += 2) {
					m = f[i] + 0 < tbase ? tbase : f[i] + 0
					if (f[i + 1] != "libc.so.6" && f[i + 1] !~ /^ld/) other = f[i + 1]
					if (m != v) continue
					found = r
					if (f[i + 1] == "libc.so.6" || f[i + 1] ~ /^ld/) inlibc = 1
					else if (lib == "") lib = f[i + 1]
				}
			}
			if (!found && other != "")
				printf "%s %s: no reference has this version (one has %s)\n", e[1], e[2], other > "/dev/stderr"
			if (lib == "" || inlibc) continue
			printf "%s %s %s %s %s %s # derived from %s (oldest release %s): %s\n", e[1], e[2], lib, e[4], e[5], e[6], rname[found], rrel[found], lib
		}
	}' "$curated" "$table" "$@"
