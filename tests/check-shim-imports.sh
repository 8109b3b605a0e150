#!/bin/sh
# check-shim-imports.sh: the shim archive imports only what old glibc has.
# SPDX-License-Identifier: MIT-0
#
# usage: check-shim-imports.sh ARCHIVE [MAX-VERSION]
#
# Every undefined symbol of ARCHIVE must be one of:
#   - NAME@GLIBC_x with x <= MAX-VERSION (default 2.17, symcc's default
#     target; the base version alone is not enough: __fxstatat is 2.4 and
#     __isoc99_sscanf 2.7 even on x86_64);
#   - a symbol the linker or crtbegin provides in the module (_init,
#     __init_array_start, __init_array_end, _GLOBAL_OFFSET_TABLE_, and
#     .TOC. on ppc64, __dso_handle);
#   - a symbol another member of ARCHIVE defines.
# An unversioned reference (e.g. a compiler-generated memcpy) would bind the
# build machine's newest version and is an error.
# Exit 0 if clean, 1 with the offending names on stderr, 2 on usage errors.
# NM can name a cross nm.

archive=$1
max=${2:-2.17}
nm=${NM:-nm}

if [ -z "$archive" ] || [ ! -r "$archive" ]; then
	echo "usage: $0 ARCHIVE [MAX-VERSION]" >&2
	exit 2
fi

defined=$("$nm" --defined-only "$archive" 2>/dev/null | awk 'NF == 3 { print $3 }' | sort -u) || exit 2
undefined=$("$nm" -u "$archive" 2>/dev/null | awk '$1 == "U" || $1 == "w" { print $2 }' | sort -u) || exit 2

# prints 1 if version A <= version B (dotted decimal), else 0
vle() {
	awk -v a="$1" -v b="$2" 'BEGIN {
		na = split(a, x, "."); nb = split(b, y, ".")
		n = na > nb ? na : nb
		for (i = 1; i <= n; i++) {
			xi = (i <= na) ? x[i] + 0 : 0; yi = (i <= nb) ? y[i] + 0 : 0
			if (xi < yi) { print 1; exit }
			if (xi > yi) { print 0; exit }
		}
		print 1
	}'
}

bad=
for sym in $undefined; do
	case $sym in
	_init|__init_array_start|__init_array_end|_GLOBAL_OFFSET_TABLE_|.TOC.|__dso_handle)
		continue ;;
	*@GLIBC_*)
		ver=${sym##*@GLIBC_}
		case $ver in
		*[!0-9.]*|'') bad="$bad $sym" ;;
		*) [ "$(vle "$ver" "$max")" = 1 ] || bad="$bad $sym" ;;
		esac
		continue ;;
	esac
	if printf '%s\n' "$defined" | grep -qxF "$sym"; then
		continue
	fi
	bad="$bad $sym"
done

if [ -n "$bad" ]; then
	echo "check-shim-imports: $archive: imports not allowed (max GLIBC_$max):" >&2
	for sym in $bad; do
		echo "  $sym" >&2
	done
	exit 1
fi
exit 0
