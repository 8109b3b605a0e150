#!/usr/bin/env bash
# trust-cache.sh SYMCC: the cache is its user's alone, and never breaks a link.
#
# Planted and corrupt entries (a linker command that runs another program,
# as the user's own file, as another user's, through a symlink; a zeroed
# shims archive), a cache directory others can write or swap, a second
# user sharing the directory, a full cache filesystem, HOME=/nonexistent,
# an edited -specs file, and the bound on shims archives.  Each link must
# succeed with at most one `symcc: warning:` and no `error`, and the
# planted program must never run.  The cases that chown, mount or switch
# users need root and are skipped otherwise (failed under CI=true).
# SPDX-License-Identifier: MIT-0
set -uo pipefail

symcc=$(realpath "$1")
# shellcheck source=host-lib.sh
. "$(dirname "$0")/host-lib.sh"

root=
[ "$(id -u)" = 0 ] && root=1
need_root() {
	[ -n "$root" ] && return 0
	if [ "${CI:-}" = true ]; then
		fail "$1 needs root"
	else
		echo "skip: $1 (needs root to chown, mount or switch users)"
	fi
	return 1
}

cat > main.c <<'EOF'
#include <string.h>
int main(int argc, char **argv) { char b[64]; memcpy(b, argv[0], (size_t)argc); return b[0] == 0; }
EOF
gcc -c main.c -o main.o || exit 1
cache=$work/cache
export SYMCC_CACHE_DIR=$cache
collect2=$(gcc -print-prog-name=collect2)

# each link has a TMPDIR of its own, which it must leave empty
tmp_before() {
	TMPDIR=$(mktemp -d "$work/tmp.XXXXXX")
	export TMPDIR
}
tmp_after() {
	[ -z "$(ls -A "$TMPDIR")" ] || fail "temp files left: $(find "$TMPDIR")"
	rm -rf "$TMPDIR"
	unset TMPDIR
}
# link NAME ARGS...: symcc ARGS must succeed, -o out must run, and stderr
# ($work/stderr) must hold no error
link() {
	case_name=$1
	shift
	rm -f out
	tmp_before
	timeout 120 "$@" 2> "$work/stderr"
	local rc=$?
	tmp_after
	[ $rc -eq 0 ] || fail "exit status $rc: $(cat "$work/stderr")"
	{ [ -x out ] && ./out; } || fail "no working output"
	! grep -q error "$work/stderr" || fail "an error on stderr: $(cat "$work/stderr")"
}
# exactly n warnings on stderr
warnings() {
	local n
	n=$(grep -c '^symcc: warning: ' "$work/stderr")
	[ "$n" = "$1" ] || fail "$n warnings, want $1: $(cat "$work/stderr")"
}
ok() { echo "ok: $case_name${1:+: $1}"; }
# an empty cache, filled by one link
fresh_cache() {
	rm -rf "$cache" PWNED
	link fill-the-cache "$symcc" gcc main.o -o out
	ls "$cache"/driver-* "$cache"/shims/host-* > /dev/null 2>&1 ||
		fail "the link filled no driver and host shims entries: $(ls -R "$cache")"
}
# the cached linker command runs evil/collect2, which leaves PWNED
mkdir evil
cat > evil/collect2 <<EOF
#!/bin/sh
touch "$work/PWNED"
exec "$collect2" "\$@"
EOF
chmod 755 evil/collect2
plant() {
	sed -i "s|^$collect2\$|$work/evil/collect2|" "$cache"/driver-*
	grep -q evil "$cache"/driver-* || fail "could not plant a command (is the cache's format new?)"
}
not_run() { [ ! -e PWNED ] || fail "the planted program ran"; }

# --- the user's own entry, edited: its program is not the driver's
fresh_cache
plant
link planted-command "$symcc" gcc main.o -o out
not_run
warnings 1
grep -q "runs '$work/evil/collect2', which is not the driver's own" "$work/stderr" ||
	fail "the warning does not name the program: $(cat "$work/stderr")"
ok "$(cat "$work/stderr")"
# and the next link has the driver's command again, silently
link planted-command-replaced "$symcc" gcc main.o -o out
warnings 0
ok

# --- another user's entry: not read at all
if need_root "foreign-entry"; then
	fresh_cache
	plant
	chown nobody "$cache"/driver-*
	link foreign-entry "$symcc" gcc main.o -o out
	not_run
	warnings 1
	grep -q "is owned by uid 65534" "$work/stderr" || fail "no word of the owner: $(cat "$work/stderr")"
	ok "$(cat "$work/stderr")"
fi

# --- a symlink in place of an entry is not followed
fresh_cache
plant
for f in "$cache"/driver-*; do
	mv "$f" evil/template && ln -s "$work/evil/template" "$f"
done
link symlinked-entry "$symcc" gcc main.o -o out
not_run
warnings 1
ok "$(cat "$work/stderr")"

# --- a zero-filled host shims archive of the right size: written again
fresh_cache
archive=$(ls "$cache"/shims/host-*)
cp "$archive" good.a
truncate -s 0 "$archive" && truncate -s "$(stat -c %s good.a)" "$archive"
link zeroed-archive "$symcc" gcc main.o -o out
warnings 1
cmp -s good.a "$archive" || fail "the zeroed archive was not written again"
ok "$(cat "$work/stderr")"

# --- both at once: still one warning
fresh_cache
plant
archive=$(ls "$cache"/shims/host-*)
truncate -s 0 "$archive" && truncate -s "$(stat -c %s good.a)" "$archive"
link planted-and-zeroed "$symcc" gcc main.o -o out
not_run
warnings 1
cmp -s good.a "$archive" || fail "the zeroed archive was not written again"
ok "$(cat "$work/stderr")"

# --- a cross shims archive, zeroed, then another user's: built again
if command -v aarch64-linux-gnu-gcc > /dev/null; then
	# cross_link NAME ARGS...: as link, for an aarch64 output (not run here)
	cross_link() {
		case_name=$1
		shift
		rm -f out
		tmp_before
		timeout 300 "$@" 2> "$work/stderr" || fail "exit status $?: $(cat "$work/stderr")"
		tmp_after
		readelf -h out 2> /dev/null | grep -q AArch64 || fail "no aarch64 output"
		! grep -q error "$work/stderr" || fail "an error on stderr: $(cat "$work/stderr")"
	}
	rm -rf "$cache"
	cross_link cross-fill "$symcc" aarch64-linux-gnu-gcc main.c -o out
	archive=$(ls "$cache"/shims/*aarch64-*.a)
	size=$(stat -c %s "$archive")
	truncate -s 0 "$archive" && truncate -s "$size" "$archive"
	head -c "$size" /dev/zero > zeroed.a
	cross_link cross-zeroed "$symcc" aarch64-linux-gnu-gcc main.c -o out
	warnings 1
	! cmp -s zeroed.a "$archive" || fail "the zeroed archive was not built again"
	ok "$(cat "$work/stderr")"
	# one byte of the symbol index's size (offset 8 + 48): the digest covers it
	printf 9 | dd of="$archive" bs=1 seek=57 conv=notrunc status=none
	cross_link cross-corrupt-header "$symcc" aarch64-linux-gnu-gcc main.c -o out
	warnings 1
	ok "$(cat "$work/stderr")"
	if need_root "cross-foreign"; then
		chown nobody "$archive"
		cross_link cross-foreign "$symcc" aarch64-linux-gnu-gcc main.c -o out
		warnings 1
		ok "$(cat "$work/stderr")"
	fi
elif [ "${CI:-}" = true ]; then
	fail "cross archives: no aarch64-linux-gnu-gcc"
else
	echo "skip: cross archives (no aarch64-linux-gnu-gcc)"
fi

# --- a 0600 archive of one user in a cache another uses: their links work
if need_root "second-user"; then
	rm -rf "$cache"
	chmod 755 "$work"
	link first-user "$symcc" gcc main.o -o out
	# readable by all, as older symcc made them; the archive is not
	chmod 755 "$cache" "$cache"/shims
	chmod 600 "$cache"/shims/host-*
	mkdir -m 777 other
	rm -f other/out
	case_name=second-user
	(cd other && setpriv --reuid=nobody --regid=nogroup --clear-groups env HOME=/nonexistent \
		TMPDIR="$work/other" "$symcc" gcc ../main.o -o out) 2> "$work/stderr" ||
		fail "the second user's link failed: $(cat "$work/stderr")"
	setpriv --reuid=nobody --regid=nogroup --clear-groups other/out || fail "no working output"
	warnings 1
	grep -q "is owned by uid 0, not by uid 65534" "$work/stderr" || fail "$(cat "$work/stderr")"
	ok "$(cat "$work/stderr")"
	chmod 700 "$work"
fi

# --- a cache directory others may write is not used
fresh_cache
rm -f "$cache"/driver-* "$cache"/ldprobe-*
chmod 775 "$cache"
link group-writable-dir "$symcc" gcc main.o -o out
warnings 1
grep -q "'$cache' is writable by its group" "$work/stderr" || fail "$(cat "$work/stderr")"
! ls "$cache"/driver-* > /dev/null 2>&1 || fail "an entry was written into it"
ok "$(cat "$work/stderr")"
chmod 700 "$cache"

# --- nor one in a directory another user owns (they could swap it)
if need_root "foreign-parent"; then
	mkdir theirs && chown nobody theirs
	link foreign-parent env SYMCC_CACHE_DIR="$work/theirs/cache" "$symcc" gcc main.o -o out
	warnings 1
	[ ! -e theirs/cache ] || fail "the cache directory was made in it"
	ok "$(cat "$work/stderr")"
fi

# --- an edited -specs file gives the driver's new command
printf '*link:\n+ -rpath=/opt/one\n\n' > rpath.specs
link specs "$symcc" gcc -specs="$work/rpath.specs" main.o -o out
readelf -d out | grep -q 'runpath: \[/opt/one\]' || fail "the specs file was not used"
printf '*link:\n+ -rpath=/opt/two\n\n' > rpath.specs
link specs-edited "$symcc" gcc -specs="$work/rpath.specs" main.o -o out
readelf -d out | grep -q 'runpath: \[/opt/two\]' ||
	fail "the edited specs file was not used: $(readelf -d out | grep -i path)"
ok

# --- a full cache filesystem: the link works, a warning at most
if need_root "full-cache" && mkdir full && mount -t tmpfs -o size=64k tmpfs full; then
	mounted=$work/full
	link full-cache env SYMCC_CACHE_DIR="$work/full/cache" "$symcc" gcc main.o -o out
	warnings 1
	ok "$(cat "$work/stderr")"
	umount full && mounted=
fi

# --- HOME=/nonexistent: nothing is made
link missing-home env -u SYMCC_CACHE_DIR -u XDG_CACHE_HOME HOME="$work/nonexistent" \
	"$symcc" gcc main.o -o out
[ ! -e nonexistent ] || fail "symcc made the missing HOME: $(find nonexistent)"
warnings 0
ok

# --- one host archive for every copy of a symcc binary, and at most 4
fresh_cache
cp "$symcc" symcc-copy1 && cp "$symcc" symcc-copy2
link copies ./symcc-copy1 gcc main.o -o out
link copies ./symcc-copy2 gcc main.o -o out
n=$(find "$cache/shims" -name 'host-*' | wc -l)
[ "$n" = 1 ] || fail "$n host shims archives for one archive: $(ls "$cache/shims")"
ok
for i in $(seq 10); do
	touch -d '2 days ago' "$cache/shims/host-x86_64-$i.a"
done
rm "$cache"/shims/host-*-*-*.a   # the real one: written again, then the cache is trimmed
link bounded "$symcc" gcc main.o -o out
n=$(find "$cache/shims" -name 'host-*' | wc -l)
[ "$n" -le 4 ] || fail "$n host shims archives kept"
ok "$n host shims archives kept"

finish "cache trust cases"
