#!/usr/bin/env bash
# bench.sh [SYMCC]: symcc's cost against plain gcc, measured side by side.
#
# Each case runs plain gcc and symcc alternately (scripts/bench-pair.py),
# and prints min/median/max of each and the median of the pairs' ratios:
#   pass-through   gcc -O2 -c small.c        vs  symcc gcc -O2 -c small.c
#   link-pins      gcc 300 objects (target 2.17: memcpy, stat, pthread...)
#   link-nopins    the same link for the host's own glibc: nothing to pin
#   link-c++       a -static-libstdc++ C++ link (scan of libstdc++.a)
#   run-time       a call-heavy program (memcpy of small buffers, stat in a
#                  loop), unpinned vs pinned for 2.12 (memcpy through a
#                  trampoline, stat through a shim)
# Then, from one more run of each: the processes each link starts (strace,
# if installed) and symcc's own time per stage (SYMCC_VERBOSE).
# BENCH_RUNS pairs per case (default 40).  Timings vary with the machine's
# load; run it on an idle machine.  The ratios are what the budgets in
# issue 6 are about.
set -euo pipefail

symcc=$(realpath "${1:-build/src/symcc}")
pair=$(realpath "$(dirname "$0")/bench-pair.py")
runs=${BENCH_RUNS:-40}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
export SYMCC_CACHE_DIR=$work/cache   # warmed by bench-pair's first runs

host_glibc=$(getconf GNU_LIBC_VERSION | awk '{print $2}')
echo "machine: $(nproc) cores, $(uname -m), Linux $(uname -r), glibc $host_glibc"
echo "gcc: $(gcc --version | head -1)"
echo "ld: $(ld --version | head -1)"
echo "symcc: $("$symcc" --version)  pairs per case: $runs"
echo

bench() {   # bench NAME PLAIN SYMCC
	python3 "$pair" "$1" "$runs" "$2" "$3"
}

# processes NAME CMD...: the programs CMD runs, counted with strace
processes() {
	local name=$1
	shift
	command -v strace >/dev/null || return 0
	strace -f -qq -e trace=execve -e signal=none -o "$work/trace" "$@" >/dev/null 2>&1
	printf '%-13s processes: %s\n' "$name" \
		"$(grep -v ENOENT "$work/trace" | grep -o 'execve("[^"]*"' | sed 's/execve("//; s/"$//; s,.*/,,' |
			tr '\n' ' ')"
}

# stages NAME SYMCC-ARGS...: symcc's time per stage, from --symcc-verbose
stages() {
	local name=$1
	shift
	printf '%-13s symcc: %s\n' "$name" \
		"$(SYMCC_VERBOSE=1 "$symcc" "$@" 2>&1 >/dev/null | sed -n 's/^symcc: note: time: //p')"
}

cat >small.c <<'C'
#include <stdio.h>
int main(void) { puts("hi"); return 0; }
C
bench pass-through "gcc -O2 -c small.c -o small.o" "$symcc gcc -O2 -c small.c -o small.o"
processes "" "$symcc" gcc -O2 -c small.c -o small.o

# 300 objects; every tenth calls functions that need pins or shims
for i in $(seq 0 299); do
	if [ $((i % 10)) -eq 0 ]; then
		cat >"o$i.c" <<C
#include <string.h>
#include <pthread.h>
#include <sys/stat.h>
#include <math.h>
static void *t(void *a) { return a; }
int f$i(char *d, const char *s, int n) { struct stat st; pthread_t th;
  memcpy(d, s, n); pthread_create(&th, 0, t, 0); pthread_join(th, 0);
  return stat(s, &st) + (int)exp(n); }
C
	else
		cat >"o$i.c" <<C
int g$i(int x) { return x * $i + 1; }
C
	fi
done
echo 'int main(void) { return 0; }' >main.c
for f in o*.c main.c; do gcc -O2 -c "$f"; done
objs=$(ls o*.o main.o | tr '\n' ' ')
# shellcheck disable=SC2086
{
	bench link-pins "gcc -o prog $objs -lm" "$symcc gcc -o prog $objs -lm"
	processes "" "$symcc" gcc -o prog $objs -lm
	stages "" gcc -o prog $objs -lm
	SYMCC_CACHE_DIR=$work/cold stages "(cold cache)" gcc -o prog $objs -lm
	bench link-nopins "gcc -o prog $objs -lm" "$symcc gcc --symcc-target=$host_glibc -o prog $objs -lm"
	stages "" gcc --symcc-target="$host_glibc" -o prog $objs -lm
}

cat >cxx.cc <<'C'
#include <iostream>
#include <stdexcept>
int main() { try { throw std::runtime_error("x"); } catch (std::exception &e) { std::cout << e.what() << "\n"; } }
C
g++ -O2 -c cxx.cc
bench link-c++ "g++ -o cxx cxx.o -static-libstdc++ -static-libgcc" \
	"$symcc g++ -o cxx cxx.o -static-libstdc++ -static-libgcc"
stages "" g++ -o cxx cxx.o -static-libstdc++ -static-libgcc

cat >hot.c <<'C'
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
int main(int argc, char **argv) {
	static char a[64], b[64];
	struct stat st;
	long sum = 0;
	for (long i = 0; i < 20000000; i++) {
		memcpy(a + (i & 7), b, 24 + (i & 15));
		sum += a[i & 31];
	}
	for (int i = 0; i < 300000; i++)
		sum += stat(argv[0], &st) == 0 ? (long)st.st_size & 1 : 0;
	printf("%ld\n", sum + argc);
	return 0;
}
C
gcc -O2 -fno-builtin-memcpy hot.c -o hot-plain
# target 2.12: memcpy@GLIBC_2.14 is newer, so memcpy goes through a
# trampoline to memcpy@GLIBC_2.2.5; stat goes through symcc's shim
"$symcc" gcc --symcc-target=2.12 -O2 -fno-builtin-memcpy hot.c -o hot-pinned
objdump -T hot-plain | grep -q 'GLIBC_2.14.*memcpy' && objdump -T hot-pinned | grep -q 'GLIBC_2.2.5.*memcpy' ||
	echo "run-time: warning: the pinned build does not call memcpy@GLIBC_2.2.5"
runs=$((runs > 20 ? 20 : runs)) bench run-time ./hot-plain ./hot-pinned
