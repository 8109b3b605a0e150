#!/usr/bin/env bash
# bad-input.sh SYMCC: hostile and broken inputs on the host's own gcc.
#
# Each case runs symcc with TMPDIR set to a fresh directory and checks:
# the exit status (symcc's own, below 128, or the compiler's own), the
# message (`symcc: error: ...` or the compiler's/linker's own words), that
# no output file is left that looks done (not even an older one), and that
# TMPDIR is empty afterwards.  Needs gcc, ar and binutils; no roots.  The
# read-only output case needs root (mount) and is skipped otherwise.
# SPDX-License-Identifier: MIT-0
set -uo pipefail

symcc=$(realpath "$1")
# shellcheck source=host-lib.sh
. "$(dirname "$0")/host-lib.sh"

# expect NAME STATUS REGEX OUTPUT -- COMMAND...
# STATUS: a number, or "err" for any of 1..127.  REGEX: a line stderr must
# contain (grep -E).  OUTPUT: the -o file, made beforehand as an older build
# ("stale"); "gone:FILE": a failed link, which must remove even the older
# build (as ld does); FILE: a usage or compile error, which may leave the
# older build untouched (as gcc does) but must not write a new one; "-": none.
expect() {
	case_name=$1
	local want=$2 regex=$3 out=$4 rc tmp
	shift 5
	local gone=
	tmp=$(mktemp -d "$work/tmp.XXXXXX")
	case $out in gone:*) gone=1 out=${out#gone:} ;; esac
	if [ "$out" != - ]; then
		echo stale > "$out"
	fi
	TMPDIR=$tmp timeout 60 "$@" > "$work/stdout" 2> "$work/stderr"
	rc=$?
	if [ "$want" = err ]; then
		{ [ $rc -ge 1 ] && [ $rc -lt 128 ]; } || fail "exit status $rc, want 1..127"
	elif [ $rc -ne "$want" ]; then
		fail "exit status $rc, want $want"
	fi
	grep -Eq -- "$regex" "$work/stderr" || fail "stderr lacks /$regex/: $(cat "$work/stderr")"
	if [ "$out" != - ] && [ -n "$gone" ] && [ -e "$out" ]; then
		fail "output '$out' left behind"
	elif [ "$out" != - ] && [ -e "$out" ] && [ "$(cat "$out")" != stale ]; then
		fail "output '$out' written"
	fi
	[ "$out" != - ] && rm -f "$out"
	if [ -n "$(ls -A "$tmp")" ]; then
		fail "temp files left in TMPDIR: $(ls -A "$tmp")"
	fi
	rm -rf "$tmp"
	echo "ok: $case_name: exit $rc: $(grep -E -m1 -- "$regex" "$work/stderr")"
}

# a link that must succeed and leave only its output
expect_ok() {
	case_name=$1
	local out=$2 tmp rc
	shift 3
	tmp=$(mktemp -d "$work/tmp.XXXXXX")
	TMPDIR=$tmp timeout 60 "$@" 2> "$work/stderr"
	rc=$?
	[ $rc -eq 0 ] || fail "exit status $rc: $(cat "$work/stderr")"
	[ -x "$out" ] || fail "no output '$out'"
	[ -z "$(ls -A "$tmp")" ] || fail "temp files left in TMPDIR: $(ls -A "$tmp")"
	rm -rf "$tmp"
	echo "ok: $case_name: exit $rc"
}


printf 'int main(void) { return 0; }\n' > main.c
gcc -c main.c -o main.o || exit 1
ar rcs main.a main.o

# --- corrupt and truncated inputs
head -c 100 main.o > trunc.o
expect truncated-object err 'file too short|symcc: error:' gone:out -- "$symcc" gcc trunc.o -o out
head -c 2000 /dev/urandom > random.o
expect random-object err 'file format not recognized|symcc: error:' gone:out -- "$symcc" gcc random.o -o out
head -c 200 main.a > trunc.a
expect truncated-archive err 'symcc: error: cannot read member|malformed archive|file truncated' gone:out \
	-- "$symcc" gcc trunc.a -o out
{ head -c 68 main.a; head -c 3000 /dev/urandom; } > corrupt.a
expect corrupt-archive err 'file format not recognized|symcc: error:|syntax error' gone:out \
	-- "$symcc" gcc corrupt.a -o out
{ head -c 64 main.o; head -c 4000 /dev/zero; } > zeroed.o
expect zeroed-object err 'symcc: error:|collect2: error: ld returned' gone:out \
	-- "$symcc" gcc zeroed.o -o out
printf '!<arch>\n' > empty.a
expect_ok empty-archive out -- "$symcc" gcc main.o empty.a -o out
rm -f out
# a linker script naming a device: no hang, the linker's own message
printf 'INPUT(/dev/zero)\n' > zero.ld
expect script-names-dev-zero err 'file format not recognized|symcc: error:' gone:out \
	-- "$symcc" gcc main.o zero.ld -o out
# a response file that never ends is not one (gcc reads nothing either)
expect_ok response-file-dev-zero out -- "$symcc" gcc @/dev/zero main.o -o out
rm -f out

# --- an ELF object of another architecture (aarch64's e_machine, 183)
cp main.o arm.o
printf '\267\000' | dd of=arm.o bs=1 seek=18 conv=notrunc 2> /dev/null
expect other-arch-object err 'wrong format|Relocations in generic ELF|symcc: error:' gone:out \
	-- "$symcc" gcc arm.o -o out
if command -v aarch64-linux-gnu-gcc > /dev/null; then
	aarch64-linux-gnu-gcc -c main.c -o real-arm.o
	expect other-arch-object-compiled err 'wrong format|Relocations in generic ELF|symcc: error:' gone:out \
		-- "$symcc" gcc real-arm.o -o out
	# and the other way round: an x86_64 object given to the aarch64 cross compiler
	expect other-arch-for-cross err 'wrong format|Relocations in generic ELF|symcc: error:' gone:out \
		-- "$symcc" aarch64-linux-gnu-gcc main.o -o out
else
	echo "skip: other-arch-object-compiled (no aarch64-linux-gnu-gcc)"
fi

# --- targets
expect unknown-target 2 "symcc: error: malformed target 'banana'" out \
	-- "$symcc" --symcc-target=banana gcc main.o -o out
expect malformed-env-target 2 "symcc: error: malformed target '2'" out \
	-- env SYMCC_TARGET=2 "$symcc" gcc main.o -o out
expect malformed-env-target-space 2 "symcc: error: malformed target '2.17 '" out \
	-- env SYMCC_TARGET='2.17 ' "$symcc" gcc main.o -o out
expect target-below-base 1 "symcc: error: target 2.1 is older than glibc's first version on x86_64 \(2.2.5\)" gone:out \
	-- "$symcc" --symcc-target=2.1 gcc main.o -o out

# --- compilers that are missing, fail or are killed
expect missing-compiler-link err "symcc: error: cannot run 'nonexistent-cc'" out \
	-- "$symcc" nonexistent-cc main.c -o out
expect missing-compiler-compile err "symcc: error: cannot run 'nonexistent-cc'" - \
	-- "$symcc" nonexistent-cc -c main.c
expect empty-path err "symcc: error: cannot run 'gcc'" gone:out \
	-- env PATH= "$symcc" gcc main.o -o out
gcc_path=$(command -v gcc)
# a compiler that answers -### like gcc but fails, or is killed, when it works
cat > fail-cc <<EOF
#!/bin/sh
for a in "\$@"; do [ "\$a" = "-###" ] && exec $gcc_path "\$@"; done
echo "fail-cc: failing" >&2
exit 3
EOF
cat > kill-cc <<EOF
#!/bin/sh
for a in "\$@"; do [ "\$a" = "-###" ] && exec $gcc_path "\$@"; done
echo "kill-cc: killing myself" >&2
kill -KILL \$\$
EOF
chmod +x fail-cc kill-cc
expect failing-compiler-link 3 'fail-cc: failing' gone:out -- "$symcc" ./fail-cc main.o -o out
expect failing-compiler-compile 3 'fail-cc: failing' out -- "$symcc" ./fail-cc main.c -o out
# killed by SIGKILL: a shell reports 128+9 for symcc as for the compiler
expect killed-compiler-link 137 'kill-cc: killing myself' gone:out -- "$symcc" ./kill-cc main.o -o out
expect killed-compiler-compile 137 'kill-cc: killing myself' out -- "$symcc" ./kill-cc main.c -o out
# ... and symcc dies of that signal itself, as the compiler did (a plain
# exit(137) would show as 137 here, a death by SIGKILL as -9)
case_name=killed-compiler-link-signal
rc=$(python3 -c 'import subprocess, sys; print(subprocess.run(sys.argv[1:], stderr=subprocess.DEVNULL).returncode)' \
	"$symcc" ./kill-cc main.o -o out)
[ "$rc" = -9 ] || fail "symcc exited with $rc instead of dying of SIGKILL like its linker"
echo "ok: $case_name: died of signal 9"

# --- file names with spaces, quotes and shell characters: no shell runs
odd="we ird'\"\$(touch PWNED);&|*"
cp main.c "$odd.c"
expect_ok odd-names "o u't \$x;" -- "$symcc" gcc "$odd.c" -o "o u't \$x;"
[ ! -e PWNED ] || fail "a shell ran"
cp main.o "$odd.o"
expect_ok odd-names-object "o u't \$x;" -- "$symcc" gcc "$odd.o" -o "o u't \$x;"
mkdir "sp ace dir"
expect_ok odd-tmpdir "o u't \$x;" -- env TMPDIR="$work/sp ace dir" "$symcc" gcc main.c -o "o u't \$x;"

# --- outputs and temp dirs that cannot be written
expect missing-output-dir err "symcc: error: cannot create a temporary output beside '$work/missing/out'" - \
	-- "$symcc" gcc main.o -o "$work/missing/out"
expect missing-tmpdir err "symcc: error: cannot create a temporary directory in '$work/missing'" out \
	-- env TMPDIR="$work/missing" "$symcc" gcc main.c -o out
if [ "$(id -u)" = 0 ] && mkdir ro && mount -t tmpfs -o ro,size=64k tmpfs ro 2> /dev/null; then
	mounted=$work/ro
	expect read-only-output err "symcc: error: cannot create a temporary output beside 'ro/out': Read-only file system" - \
		-- "$symcc" gcc main.o -o ro/out
else
	echo "skip: read-only-output (needs root to mount a read-only tmpfs)"
fi

# --- a cache entry naming a flag symcc never adds is not trusted (probed again)
export SYMCC_CACHE_DIR=$work/cache
"$symcc" gcc main.o -o out || fail "cannot link to fill the cache"
for f in "$SYMCC_CACHE_DIR"/ldprobe-*; do echo "--bogus-flag-from-the-cache" >> "$f"; done
expect_ok poisoned-probe-cache out -- "$symcc" gcc main.o -o out
grep -q -- --bogus "$SYMCC_CACHE_DIR"/ldprobe-* && fail "the poisoned cache entry was kept"
# a symlink where the cache writes its temp file is not followed
entries=$(ls -d "$SYMCC_CACHE_DIR"/*)
rm -rf "$SYMCC_CACHE_DIR" out && mkdir "$SYMCC_CACHE_DIR" && echo precious > precious
# PIDs come in order: symcc's is among the next few hundred (one process
# makes the links, so that they do not use those PIDs up)
# shellcheck disable=SC2086
python3 -c 'import os, sys
for entry in sys.argv[2:]:
    for pid in range(os.getpid(), os.getpid() + 500):
        os.symlink(sys.argv[1], "%s.%d" % (entry, pid))' "$work/precious" $entries
expect_ok cache-symlinks out -- "$symcc" gcc main.o -o out
[ "$(cat precious)" = precious ] || fail "a cache write followed a symlink"
unset SYMCC_CACHE_DIR

# --- odd environment values: relative cache directories are not used
mkdir -p home/.cache
HOME=$work/home expect_ok relative-cache-dir out -- env SYMCC_CACHE_DIR=rel XDG_CACHE_HOME=rel2 "$symcc" gcc main.o -o out
grep -q "symcc: warning: SYMCC_CACHE_DIR 'rel' is not an absolute path: ignored" "$work/stderr" ||
	fail "no warning for a relative SYMCC_CACHE_DIR: $(cat "$work/stderr")"
[ ! -e rel ] && [ ! -e rel2 ] && [ -d home/.cache/symcc ] || fail "a relative cache directory was used"

finish "bad-input cases"
