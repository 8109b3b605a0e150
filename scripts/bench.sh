#!/usr/bin/env bash
# bench.sh [SYMCC]: symcc's cost against plain gcc, measured side by side.
#
# Prints min/median/max of each command and the ratio of medians for:
#   pass-through   gcc -c small.c            vs  symcc gcc -c small.c
#   link-pins      gcc 300 objects (target 2.17: memcpy, stat, pthread...)
#   link-nopins    the same link for the host's own glibc: nothing to pin
#   link-c++       a -static-libstdc++ C++ link (scan of libstdc++.a)
#   run-time       a call-heavy program (memcpy of small buffers, stat in a
#                  loop), pinned vs unpinned
# Needs hyperfine (Debian package).  Timings vary with the machine's load;
# the ratios are what the budgets in issue 6 are about.
set -euo pipefail

symcc=$(realpath "${1:-build/src/symcc}")
runs=${BENCH_RUNS:-30}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

host_glibc=$(getconf GNU_LIBC_VERSION | awk '{print $2}')
echo "machine: $(nproc) cores, $(uname -m), glibc $host_glibc"
echo "gcc: $(gcc --version | head -1)"
echo "ld: $(ld --version | head -1)"
echo "symcc: $("$symcc" --version)  runs: $runs"
echo

# bench NAME CMD_PLAIN CMD_SYMCC: hyperfine both, print stats and ratio
bench() {
	local name=$1
	hyperfine -N --warmup 3 --runs "$runs" --export-json "$name.json" \
		-n plain "$2" -n symcc "$3" >/dev/null 2>&1 ||
		hyperfine --warmup 3 --runs "$runs" --export-json "$name.json" \
			-n plain "$2" -n symcc "$3" >/dev/null
	python3 - "$name" "$name.json" <<'PY'
import json, sys
name, path = sys.argv[1], sys.argv[2]
r = {x["command"]: x for x in json.load(open(path))["results"]}
p, s = r["plain"], r["symcc"]
def fmt(x):
    return "min %7.2f  median %7.2f  max %7.2f ms" % (x["min"] * 1e3, x["median"] * 1e3, x["max"] * 1e3)
print("%-12s plain %s" % (name, fmt(p)))
print("%-12s symcc %s" % ("", fmt(s)))
print("%-12s ratio of medians: %.3fx" % ("", s["median"] / p["median"]))
PY
}

cat >small.c <<'C'
#include <stdio.h>
int main(void) { puts("hi"); return 0; }
C
bench pass-through "gcc -O2 -c small.c -o small.o" "$symcc gcc -O2 -c small.c -o small.o"

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
bench link-pins "gcc -o prog $objs -lm" "$symcc gcc -o prog $objs -lm"
bench link-nopins "gcc -o prog $objs -lm" "$symcc gcc --symcc-target=$host_glibc -o prog $objs -lm"

cat >cxx.cc <<'C'
#include <iostream>
#include <stdexcept>
int main() { try { throw std::runtime_error("x"); } catch (std::exception &e) { std::cout << e.what() << "\n"; } }
C
g++ -O2 -c cxx.cc
bench link-c++ "g++ -o cxx cxx.o -static-libstdc++ -static-libgcc" \
	"$symcc g++ -o cxx cxx.o -static-libstdc++ -static-libgcc"

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
"$symcc" gcc -O2 -fno-builtin-memcpy hot.c -o hot-pinned
runs=$((runs > 10 ? 10 : runs)) bench run-time ./hot-plain ./hot-pinned
