#!/usr/bin/env bash
# faults.sh SYMCC [N]: faults and load on the host's own gcc.
#
#  - SIGINT, SIGTERM and SIGHUP while the compiler compiles or links (a fake
#    compiler that writes half its output, then hangs): symcc dies of the
#    signal, and leaves no temp file and no output, half or whole;
#  - a full TMPDIR (a 64 KiB tmpfs, filled; needs root, else skipped): a
#    clear `symcc: error:` or the compiler's own message, nothing left;
#  - N (default 64) parallel links of one program with an empty
#    SYMCC_CACHE_DIR, to N outputs and then all to one: every link succeeds,
#    every output meets the target, one cache entry of each kind, no
#    stray files.
# SPDX-License-Identifier: MIT-0
set -uo pipefail

symcc=$(realpath "$1")
jobs=${2:-64}
# shellcheck source=host-lib.sh
. "$(dirname "$0")/host-lib.sh"

gcc_path=$(command -v gcc)
# answers the driver's questions like gcc; a compile or link writes half
# its -o output, then hangs until killed
cat > slow-cc <<EOF
#!/bin/sh
out= prev=
for a in "\$@"; do
	case \$a in -'###'|-print-*|-dump*) exec $gcc_path "\$@" ;; esac
	[ "\$prev" = -o ] && out=\$a
	prev=\$a
done
[ -n "\$out" ] && echo partial > "\$out"
exec sleep 60
EOF
chmod +x slow-cc
cat > prog.c <<'EOF'
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
char buf[64];
int main(int argc, char **argv)
{
	struct stat st;
	memcpy(buf, argv[0], 8);
	printf("%d\n", stat(argv[0], &st) == 0 && buf[0] != 0);
	return 0;
}
EOF
gcc -c prog.c -o prog.o || exit 1

# --- signals: symcc dies of the signal and leaves nothing behind

# interrupt NAME SIG PID TMP: send SIG to symcc (PID), which must die of it
# and leave nothing in TMP (its TMPDIR) and no out*
interrupt() {
	local name=$1 sig=$2 pid=$3 tmp=$4 rc want left
	kill -"$sig" "$pid"
	wait "$pid"
	rc=$?
	want=$((128 + $(kill -l "$sig")))
	[ $rc -eq $want ] || fail "$name: exit status $rc, want $want"
	left="$(ls -A "$tmp") $(ls out* 2> /dev/null)"
	[ -z "${left// /}" ] && echo "ok: $name: exit $rc, nothing left" ||
		fail "$name: left behind: $left"
	rm -rf "$tmp" out*
}

for sig in INT TERM HUP; do
	for input in prog.o prog.c; do
		name="SIG$sig during the ${input#prog.} step"
		[ $input = prog.o ] && name="SIG$sig during the link" || name="SIG$sig during the compile"
		tmp=$(mktemp -d "$work/tmp.XXXXXX")
		TMPDIR=$tmp "$symcc" ./slow-cc $input -o out 2> stderr &
		pid=$!
		# wait until the compiler has written half its output
		for _ in $(seq 100); do
			[ -n "$(ls out.symcc-* "$tmp"/*/*.o 2> /dev/null)" ] && break
			sleep 0.1
		done
		[ -n "$(ls out.symcc-* "$tmp"/*/*.o 2> /dev/null)" ] || fail "$name: the compiler never started"
		interrupt "$name" $sig $pid "$tmp"
	done
done

# --- the same while a link runs the driver's linker command without the
# driver (gcc -B DIR finds DIR/ld): an ld that writes half its output, then
# hangs
mkdir slowld
cat > slowld/ld <<'EOF'
#!/bin/sh
out= prev=
for a in "$@"; do
	case $a in --help|--version|-v) exec ld "$@" ;; esac
	[ "$prev" = -o ] && out=$a
	prev=$a
done
[ -n "$out" ] && echo partial > "$out"
exec sleep 60
EOF
chmod +x slowld/ld
for sig in INT TERM HUP; do
	name="SIG$sig during a link without the driver"
	tmp=$(mktemp -d "$work/tmp.XXXXXX")
	TMPDIR=$tmp SYMCC_VERBOSE=1 "$symcc" gcc -B slowld/ prog.o -o out 2> stderr &
	pid=$!
	# symcc makes out.symcc-* before it says how it links: wait for both
	for _ in $(seq 100); do
		[ -n "$(ls out.symcc-* 2> /dev/null)" ] && grep -q '^symcc: note: linking ' stderr && break
		sleep 0.1
	done
	[ -n "$(ls out.symcc-* 2> /dev/null)" ] || fail "$name: the linker never started"
	grep -q "linking with the driver's linker command" stderr ||
		fail "$name: the link went through the driver: $(cat stderr)"
	interrupt "$name" $sig $pid "$tmp"
done

# --- SIGTERM at random moments of compile-and-links (any step: the driver's
# -### run, the probes, the compile, the link): symcc leaves nothing of its
# own.  (gcc's own ccXXXXXX.* temp files may outlive a SIGTERM to the whole
# group: collect2 does not clean up after it, and cc1 may write its .s after
# the driver has removed it.  They are counted, not failed.)
tmp=$(mktemp -d "$work/tmp.XXXXXX")
left= gccs=0
for i in $(seq 40); do
	TMPDIR=$tmp "$symcc" gcc prog.c -o out 2> /dev/null &
	pid=$!
	sleep "0.$((RANDOM % 40))"
	kill -TERM $pid 2> /dev/null
	wait $pid
	left="$left$(ls -A "$tmp" | grep -Ev '^cc[[:alnum:]]{6}\.')$(ls out.symcc-* 2> /dev/null)"
	gccs=$((gccs + $(ls -A "$tmp" | grep -Ec '^cc[[:alnum:]]{6}\.')))
	rm -rf "${tmp:?}"/* out out.symcc-*
done
[ -z "$left" ] && echo "ok: SIGTERM at 40 random moments: nothing of symcc's left ($gccs of gcc's own)" ||
	fail "SIGTERM at random moments left: $left"
rm -rf "$tmp"

# --- a full TMPDIR
if [ "$(id -u)" = 0 ] && mkdir full && mount -t tmpfs -o size=64k tmpfs full 2> /dev/null; then
	mounted=$work/full
	dd if=/dev/zero of=full/filler bs=4k 2> /dev/null
	for input in prog.c prog.o; do
		mkdir -p "full/t"   # the directory symcc gets: on the full filesystem
		TMPDIR=$work/full/t "$symcc" gcc $input -o out 2> stderr
		rc=$?
		msg=$(grep -E -m1 'symcc: error:|No space left' stderr)
		if [ $rc -eq 0 ]; then
			# the trampolines may still fit in what the filler left
			[ -x out ] || fail "full TMPDIR ($input): exit 0 but no output"
			echo "ok: full TMPDIR ($input): the link still fitted"
		elif [ -n "$msg" ] && [ $rc -lt 128 ]; then
			echo "ok: full TMPDIR ($input): exit $rc: $msg"
		else
			fail "full TMPDIR ($input): exit $rc: $(cat stderr)"
		fi
		[ -z "$(ls -A full/t)" ] || fail "full TMPDIR ($input): left $(ls -A full/t)"
		[ $rc -eq 0 ] || [ ! -e out ] || fail "full TMPDIR ($input): output left"
		rm -rf out full/t
	done
else
	echo "skip: full TMPDIR (needs root to mount a small tmpfs)"
fi

# --- parallel links, first use of an empty cache
export SYMCC_CACHE_DIR=$work/cache TMPDIR=$work/ptmp
mkdir -p "$TMPDIR"
start=$(date +%s.%N)
seq "$jobs" | xargs -P "$jobs" -I{} sh -c \
	'"$1" gcc -O2 prog.c -o "out-$2" 2> "err-$2" || echo "$2" >> failed' sh "$symcc" {}
end=$(date +%s.%N)
nfail=0
[ -f failed ] && nfail=$(wc -l < failed)
[ "$nfail" -eq 0 ] || fail "$nfail of $jobs parallel links failed: $(cat "err-$(head -1 failed)")"
bad=0
for i in $(seq "$jobs"); do
	"$symcc" --check --target=2.17 "out-$i" > /dev/null 2>&1 && [ "$(./out-$i)" = 1 ] || bad=$((bad + 1))
done
[ $bad -eq 0 ] || fail "$bad of $jobs parallel outputs do not meet 2.17 or do not run"
# one entry per kind (ldprobe-HASH, driver-HASH...), and no half-written
# NAME.PID or temp directory anywhere in the cache
stray=$(find "$SYMCC_CACHE_DIR" -name '*.[0-9]*' -o -name '*XXXXXX*' -o -name '*.tmp*')
kinds=$(find "$SYMCC_CACHE_DIR" -maxdepth 1 -type f -printf '%f\n' | sed 's/-.*//' | sort | uniq -d)
[ -z "$stray$kinds" ] || fail "the cache holds stray or duplicate entries: $(ls -A "$SYMCC_CACHE_DIR")"
[ -z "$(ls -A "$TMPDIR")" ] || fail "parallel links left temp files: $(ls -A "$TMPDIR" | head)"
printf 'ok: %d parallel links (empty cache): all succeeded in %.1f s, one cache entry of each kind\n' \
	"$jobs" "$(echo "$end - $start" | bc)"
# and all of them to one output: each renames its own complete file
rm -rf "$SYMCC_CACHE_DIR" failed
seq "$jobs" | xargs -P "$jobs" -I{} sh -c \
	'"$1" gcc -O2 prog.o -o same 2> "err-$2" || echo "$2" >> failed' sh "$symcc" {}
nfail=0
[ -f failed ] && nfail=$(wc -l < failed)
[ "$nfail" -eq 0 ] || fail "$nfail of $jobs links to one output failed: $(cat "err-$(head -1 failed)")"
"$symcc" --check --target=2.17 same > /dev/null && [ "$(./same)" = 1 ] || fail "the shared output is broken"
[ -z "$(ls same.symcc-* 2> /dev/null)" ] || fail "links to one output left $(ls same.symcc-*)"
echo "ok: $jobs parallel links to one output: all succeeded, the output is whole"

finish "fault checks"
