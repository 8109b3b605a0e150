#!/usr/bin/env bash
# files.sh SYMCC: the user's files and the link's limits, on the host's gcc.
#
#  - an output that is one of the inputs (an object, a source, a library
#    found through -l) is refused as gcc and ld refuse it, and the input is
#    left as it was, whether the link would work or fail;
#  - outputs get the mode plain gcc gives them (umask 022 and 077,
#    executables and shared libraries, new or over an older build);
#  - links plain gcc makes: 70 sources at once, 300 archives under
#    `ulimit -n 256`, an output in a directory that cannot be written but
#    whose file can, another user's file in a sticky directory, a
#    250-character output name, a shared library whose
#    GNU hash table symcc cannot use; and an -o FIFO fails at once as ld does;
#  - 32,768 names with one djb2 hash, and an archive index of 32,768 names
#    with one ELF hash: the scan's tables are keyed, so the links take
#    about as long as plain gcc's.
# Needs gcc, ar and python3; as root, setpriv (the unwritable directory is
# tried as user 65534).
# SPDX-License-Identifier: MIT-0
set -uo pipefail

symcc=$(realpath "$1")
# shellcheck source=host-lib.sh
. "$(dirname "$0")/host-lib.sh"

printf 'int main(void) { return 0; }\n' > main.c
gcc -c main.c -o main.o || exit 1

# refused NAME OUTPUT -- COMMAND...: the link must fail (1..127) saying that
# OUTPUT is an input, and leave OUTPUT byte for byte as it was
refused() {
	case_name=$1
	local out=$2 rc
	shift 3
	cp -p "$out" "$work/before"
	"$@" > /dev/null 2> "$work/stderr"
	rc=$?
	{ [ $rc -ge 1 ] && [ $rc -lt 128 ]; } || fail "exit status $rc, want 1..127"
	grep -q "symcc: error: input file '.*$out' is the same as output file" "$work/stderr" ||
		fail "no 'same as output file' error: $(cat "$work/stderr")"
	if [ ! -e "$out" ]; then
		fail "'$out' was removed"
	else
		cmp -s "$work/before" "$out" || fail "'$out' was overwritten"
	fi
	echo "ok: $case_name: exit $rc, '$out' intact"
}

# --- the output is an input
cp main.o in.o
refused object-as-output in.o -- "$symcc" gcc in.o -o in.o
refused object-among-inputs in.o -- "$symcc" gcc main.o in.o -o in.o
cp main.c v.c
refused source-as-output v.c -- "$symcc" gcc v.c -o v.c
# a link symcc would refuse anyway (no 2.17 has _Fork): the source stays
printf '#include <unistd.h>\nint main(void) { return _Fork() < 0; }\n' > fork.c
refused failing-source-as-output fork.c -- "$symcc" gcc -w fork.c -o fork.c
printf 'int x(void) { return 0; }\n' > x.c
gcc -c x.c -o x.o && ar rcs libx.a x.o
refused library-as-output libx.a -- "$symcc" gcc main.o -L. -lx -o libx.a

# --- modes: what plain gcc gives, for new outputs and over older builds
for mask in 022 077; do
	for kind in exe shared; do
		case_name="mode $kind umask $mask"
		flags= modes=
		[ $kind = shared ] && flags="-shared -fPIC"
		# no older build; a non-empty one (ld replaces it); an empty one
		# (ld writes into it, keeping its mode and adding x bits)
		for old in none 0600 empty; do
			rm -f m-gcc m-symcc
			if [ $old = 0600 ]; then
				echo older > m-gcc && echo older > m-symcc && chmod 600 m-gcc m-symcc
			elif [ $old = empty ]; then
				: > m-gcc && : > m-symcc && chmod 640 m-gcc m-symcc
			fi
			# shellcheck disable=SC2086
			(umask $mask && gcc $flags main.c -o m-gcc && "$symcc" gcc $flags main.c -o m-symcc) ||
				fail "a link failed"
			want=$(stat -c %a m-gcc) got=$(stat -c %a m-symcc)
			[ "$want" = "$got" ] || fail "mode $got, plain gcc gives $want (older build: $old)"
			modes="$modes $old:$got"
		done
		echo "ok: $case_name: as with gcc (older build:mode)$modes"
	done
done

# --- 70 sources in one compile-and-link
case_name="70 sources"
mkdir many && tmp=$(mktemp -d "$work/tmp.XXXXXX")
{
	for i in $(seq 70); do
		printf 'int f%d(void) { return %d; }\n' "$i" "$i" > "many/s$i.c"
		echo "int f$i(void);"
	done
	echo 'int main(void) { int t = 0;'
	for i in $(seq 70); do echo "t += f$i();"; done
	echo 'return t != 2485; }'
} > many/main.c
TMPDIR=$tmp "$symcc" gcc many/*.c -o many/prog 2> "$work/stderr" || fail "exit $?: $(cat "$work/stderr")"
many/prog || fail "the program does not run"
[ -z "$(ls -A "$tmp")" ] || fail "temp files left in TMPDIR: $(ls -A "$tmp" | head -3)"
echo "ok: $case_name: linked, runs, TMPDIR empty"

# --- 300 archives, fewer open files allowed than that
case_name="300 archives, ulimit -n 256"
mkdir ars && cd ars || exit 1
libs=()
{
	for i in $(seq 300); do
		printf 'int g%d(void) { return 1; }\n' "$i" > g.c
		gcc -c g.c -o g.o && ar rcs "libg$i.a" g.o
		libs+=("-lg$i")
		echo "int g$i(void);"
	done
	echo 'int main(void) { int t = 0;'
	for i in $(seq 300); do echo "t += g$i();"; done
	echo 'return t != 300; }'
} > main.c
gcc -c main.c -o main.o
(ulimit -n 256 && "$symcc" gcc main.o -L. "${libs[@]}" -o prog) 2> "$work/stderr"
rc=$?
if ! (ulimit -n 256 && gcc main.o -L. "${libs[@]}" -o prog-gcc); then
	fail "plain gcc cannot link 300 archives under ulimit -n 256 here"
elif [ $rc -ne 0 ]; then
	fail "exit status $rc: $(cat "$work/stderr")"
else
	./prog || fail "the program does not run"
	echo "ok: $case_name: linked as with gcc"
fi
cd "$work" || exit 1

# --- an output whose directory cannot be written, but the file can: ld
# writes into the file (and gives it x bits when it may), and so does symcc
case_name="unwritable directory, writable file"
as_user=()
if [ "$(id -u)" = 0 ]; then
	if command -v setpriv > /dev/null; then
		as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
	elif [ "${CI:-}" = true ]; then
		fail "no setpriv to run as another user than root"
	fi
fi
if [ "$(id -u)" != 0 ] || [ ${#as_user[@]} -gt 0 ]; then
	chmod 755 "$work"
	mkdir -m 1777 ro-tmp && mkdir ro && chmod 644 main.c
	for who in gcc symcc; do
		echo older > "ro/out-$who"
		[ ${#as_user[@]} -gt 0 ] && chown 65534:65534 "ro/out-$who"
	done
	chmod 555 ro
	"${as_user[@]}" env TMPDIR="$work/ro-tmp" sh -c 'umask 022 && gcc main.c -o ro/out-gcc' ||
		fail "plain gcc cannot write ro/out-gcc"
	"${as_user[@]}" env TMPDIR="$work/ro-tmp" sh -c 'umask 022 && "$1" gcc main.c -o ro/out-symcc' \
		sh "$symcc" 2> "$work/stderr" || fail "exit status $?: $(cat "$work/stderr")"
	ro/out-symcc || fail "the output does not run"
	[ "$(stat -c %a ro/out-symcc)" = "$(stat -c %a ro/out-gcc)" ] ||
		fail "mode $(stat -c %a ro/out-symcc), plain gcc gives $(stat -c %a ro/out-gcc)"
	[ -z "$(ls -A ro-tmp)" ] || fail "temp files left: $(ls -A ro-tmp)"
	chmod 755 ro
	echo "ok: $case_name: written in place, mode $(stat -c %a ro/out-symcc) as with gcc"

	# another user's writable file in a sticky directory (as in /tmp): it
	# cannot be replaced, and ld writes into it
	case_name="another user's file in a sticky directory"
	mkdir -m 1777 sticky
	for who in gcc symcc; do
		echo older > "sticky/out-$who" && chmod 666 "sticky/out-$who"
		[ ${#as_user[@]} -gt 0 ] || chown 65534:65534 "sticky/out-$who" 2> /dev/null
	done
	"${as_user[@]}" env TMPDIR="$work/ro-tmp" sh -c 'gcc main.c -o sticky/out-gcc' ||
		fail "plain gcc cannot write sticky/out-gcc"
	"${as_user[@]}" env TMPDIR="$work/ro-tmp" sh -c '"$1" gcc main.c -o sticky/out-symcc' \
		sh "$symcc" 2> "$work/stderr" || fail "exit status $?: $(cat "$work/stderr")"
	"$symcc" --check --target=2.17 sticky/out-symcc > /dev/null || fail "the output is not symcc's link"
	[ -z "$(ls -A sticky | grep -v '^out-')$(ls -A ro-tmp)" ] ||
		fail "temp files left: $(ls -A sticky ro-tmp)"
	echo "ok: $case_name: written in place"
else
	echo "skip: $case_name (root, and no setpriv to run as another user)"
fi

# --- an output name of 250 characters (NAME_MAX is 255)
case_name="250-character output name"
long=$(printf 'n%.0s' $(seq 250))
"$symcc" gcc main.c -o "$long" 2> "$work/stderr" || fail "exit status $?: $(cat "$work/stderr")"
./"$long" || fail "the output does not run"
[ -z "$(ls -A | grep -E '^\.symcc|symcc-')" ] || fail "temp files left: $(ls -A | grep symcc)"
rm -f "$long"
echo "ok: $case_name: linked"

# --- -o FIFO with no reader: ld fails at once ("Illegal seek"), so must symcc
case_name="-o FIFO"
mkfifo fifo
timeout 60 gcc main.c -o fifo 2> /dev/null && fail "plain gcc wrote into a FIFO here"
start=$SECONDS
timeout 60 "$symcc" gcc main.c -o fifo 2> "$work/stderr"
rc=$?
if [ $rc -eq 124 ]; then
	fail "symcc hangs"
elif [ $rc -eq 0 ] || [ $rc -ge 128 ]; then
	fail "exit status $rc, want 1..127"
fi
grep -q "symcc: error: .*'fifo'.*Illegal seek" "$work/stderr" || fail "stderr: $(cat "$work/stderr")"
[ -p fifo ] || fail "the FIFO was replaced"
echo "ok: $case_name: exit $rc after $((SECONDS - start)) s: $(head -1 "$work/stderr")"

# --- a shared library whose .gnu.hash symcc cannot use (no buckets): ld
# reads its symbols through the section headers and links; symcc too, with
# no "...: no error" message (a libelf message where libelf had no error)
case_name="malformed .gnu.hash"
printf 'int lf(void) { return 0; }\n' > l.c
printf 'int lf(void);\nint main(void) { return lf(); }\n' > u.c
gcc -shared -fPIC l.c -o libl.so && gcc -c u.c -o u.o
python3 - libl.so << 'EOF'
import struct, subprocess, sys
path = sys.argv[1]
data = bytearray(open(path, 'rb').read())
for line in subprocess.check_output(['readelf', '-SW', path], text=True).splitlines():
    fields = line.replace('[ ', '[').split()
    if '.gnu.hash' in fields:
        struct.pack_into('<I', data, int(fields[fields.index('.gnu.hash') + 3], 16), 0)
open(path, 'wb').write(data)
EOF
gcc u.o ./libl.so -o hash-gcc || fail "plain gcc cannot link it here"
"$symcc" gcc u.o ./libl.so -o hash-symcc 2> "$work/stderr" || fail "exit status $?: $(cat "$work/stderr")"
grep -q 'no error' "$work/stderr" && fail "a message ends in 'no error': $(cat "$work/stderr")"
echo "ok: $case_name: linked"

# against_gcc NAME ARGS...: symcc gcc ARGS must take at most 4 times what
# plain gcc ARGS takes, plus 2 s (a quadratic table takes 10 s and more)
against_gcc() {
	case_name=$1
	local t0 t1 t2 tg ts ok
	shift
	t0=$(date +%s.%N)
	gcc "$@" -o collide-gcc || fail "plain gcc cannot link it"
	t1=$(date +%s.%N)
	timeout 120 "$symcc" gcc "$@" -o collide-symcc 2> "$work/stderr" ||
		fail "exit status $?: $(cat "$work/stderr")"
	t2=$(date +%s.%N)
	read -r tg ts ok <<< "$(echo "$t0 $t1 $t2" | awk '{g = $2 - $1; s = $3 - $2;
		printf "%.2f %.2f %d", g, s, s <= 4 * g + 2}')"
	[ "$ok" = 1 ] || fail "symcc took $ts s, plain gcc $tg s"
	echo "ok: $case_name: symcc $ts s, plain gcc $tg s"
}

# --- the tables' key changes from run to run; the output must not
case_name="same output twice"
cat > pins.c << 'EOF'
#include <pthread.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
static void *t(void *a) { return a; }
int main(int argc, char **argv)
{
	char buf[16];
	struct stat st;
	struct timespec ts;
	pthread_t th;
	memcpy(buf, argv[0], 8);
	pthread_create(&th, 0, t, 0);
	pthread_join(th, 0);
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return stat(argv[0], &st) + (int)getrandom(buf, 4, 0) + (argc > 1 ? (int)strlen(buf) : 0) != 4;
}
EOF
gcc -O2 -c pins.c -o pins.o || exit 1
for i in 1 2 3 4 5 6; do
	"$symcc" gcc pins.o -o "pins$i" 2> "$work/stderr" || fail "exit status $?: $(cat "$work/stderr")"
	cmp -s pins1 "pins$i" || fail "link $i differs from link 1"
done
./pins1 || fail "the program does not run"
echo "ok: $case_name: six links, one output"

# --- names that collide in the hashes symcc's tables used: "Ez" and "FY"
# have one djb2 hash (the symbol table), "Ab" and "BR" one ELF hash (the
# archive index, libelf's as_hash); now both are keyed
python3 - << 'EOF'
import itertools
def write(path, section, lines):
    with open(path, 'w') as f:
        f.write('.section .note.GNU-stack,"",@progbits\n' + section + '\n' + ''.join(lines) + 'ret\n')
def family(blocks, n):
    return [''.join(b) for b in itertools.product(blocks, repeat=n)]
write('djb2.s', '.text', ['.globl {0}\n{0}:\n'.format(n) for n in family(('Ez', 'FY'), 15)])
elf = family(('Ab', 'BR'), 16)
write('elf-defs.s', '.text', ['.globl {0}\n{0}:\n'.format(n) for n in elf if n[0] == 'A'])
write('elf-other.s', '.text', ['.globl {0}\n{0}:\n'.format(n) for n in elf if n[0] == 'B'])
write('elf-refs.s', '.data', ['.quad {0}\n'.format(n) for n in elf if n[0] == 'B'])
EOF
for f in djb2 elf-defs elf-other elf-refs; do gcc -c "$f.s" -o "$f.o" || exit 1; done
ar rcs libelf-defs.a elf-defs.o
against_gcc "32768 names with one djb2 hash" main.o djb2.o
# each of 32,768 undefined names is looked up in an index of 32,768 others
against_gcc "32768 names with one ELF hash in an archive index" main.o elf-refs.o libelf-defs.a elf-other.o

finish "file checks"
