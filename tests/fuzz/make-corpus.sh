#!/usr/bin/env bash
# make-corpus.sh: (re)make the seed corpus of tests/fuzz/ from real small
# files built with the host's cc, ar and ld.  The result is checked in;
# run this again only to refresh it.
# SPDX-License-Identifier: MIT-0
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
small=(-Os -g0 -fno-asynchronous-unwind-tables -fno-ident)
lsmall=(-s -Wl,--build-id=none -Wl,-z,noseparate-code -Wl,--hash-style=gnu)

# undef.o: references the names the archive members below define
cat > undef.c <<'C'
#include <string.h>
#include <stdio.h>
#include <sys/stat.h>
extern int f(void), g(void), h(void), x, y;
void *refs[] = {f, g, h, &x, &y, memcpy, printf, stat};
C
cc "${small[@]}" -c undef.c -o "$here/undef.o"

mkdir -p c
cat > f.c <<'C'
#include <string.h>
#include <sys/stat.h>
#include <stdlib.h>
int x = 1;
extern int y __attribute__((weak));
int f(void) { struct stat st; return stat("/", &st) + (int)strtol("0b1", 0, 0); }
C
echo 'int g(void) { return 2; } int y;' > g.c
echo '#include <string.h>
char b[8]; int h(void) { memcpy(b, "x", 2); return (int)strlen(b); }' > h.c
echo '__attribute__((weak)) int getentropy(void *, unsigned long);
int w(void) { return getentropy ? getentropy(0, 0) : 0; }' > w.c
for s in f g h w; do cc "${small[@]}" -fPIC -c $s.c -o $s.o; done
cc "${small[@]}" -flto -c f.c -o lto.o
ar rcsD lib.a f.o g.o h.o
ar rcsDT thin.a f.o g.o
ar rcD noindex.a g.o
printf '!<arch>\n' > empty.a
cc "${small[@]}" "${lsmall[@]}" -shared -nostartfiles f.o g.o -o lib.so
cc "${small[@]}" "${lsmall[@]}" -shared -nostartfiles w.o -o weak.so
echo 'VERS_1 { global: g; local: *; }; VERS_2 { global: f; } VERS_1;' > v.map
cc "${small[@]}" "${lsmall[@]}" -shared -nostartfiles -Wl,--version-script=v.map f.o g.o -o vers.so
echo 'int main(void) { return 0; }' > m.c
cc "${small[@]}" "${lsmall[@]}" m.c f.o g.o h.o -o prog
echo '/* GNU ld script */
OUTPUT_FORMAT(elf64-x86-64)
GROUP ( input  AS_NEEDED ( -l:input ) )' > script.ld
echo 'INPUT(-l:input input) SEARCH_DIR(/nonexistent) TARGET(binary)' > input.ld

mkdir -p "$here/corpus"
seed() {   # seed HARNESS FILE...
	mkdir -p "$here/corpus/$1"
	local h=$1 f
	shift
	for f in "$@"; do cp "$f" "$here/corpus/$h/$(basename "$f")"; done
}
seed scan f.o lto.o lib.a thin.a noindex.a empty.a lib.so vers.so script.ld input.ld
# a wheel: one deflated and one stored ELF member, and a non-ELF one
python3 -c 'import sys, zipfile
with zipfile.ZipFile("w.whl", "w") as z:
    z.write("lib.so", "pkg/_x.so", compress_type=zipfile.ZIP_DEFLATED)
    z.write("vers.so", "pkg.libs/libv.so", compress_type=zipfile.ZIP_STORED)
    z.writestr("pkg/__init__.py", "", compress_type=zipfile.ZIP_DEFLATED)'
seed check prog lib.so weak.so vers.so f.o lib.a w.whl
seed dump lib.so vers.so weak.so
seed fixup weak.so prog vers.so

mkdir -p argv response driver target tablegen
printf -- '-O2\0-o\0prog\0a.o\0-lm\0-Wl,--as-needed' > argv/link
printf -- '-c\0x.c\0-o\0x.o' > argv/compile
printf -- '-Wl,-r,-o,x\0a.o' > argv/relocatable
printf -- '--symcc-target=manylinux_2_28\0--symcc-verbose\0-shared\0-o\0lib.so\0a.o' > argv/symcc
printf -- '-Xlinker\0-r\0-print-file-name=libc.so\0@rsp' > argv/xlinker
printf -- '-m\0elf_x86_64\0--sysroot=/\0-L\0.\0-lc\0-Bstatic\0-l:input\0--start-group\0a.o\0--end-group' > argv/ld
seed argv argv/*
printf '%s\n' "a.o 'b c.o' \"d\\\"e.o\" -o out\\ put -lm @rsp2" > response/quotes
printf -- '-Wl,--wrap=memcpy\n-shared @rsp\n' > response/nested
printf -- '--symcc-target=2.17 x.o\n' > response/symcc
seed response response/*
cc -### m.o -o prog 2> driver/gcc || true
cc -### -shared -static-libgcc f.o -o lib.so 2> driver/shared || true
printf ' "/usr/bin/ld" "-m" "elf_x86_64" "@rsp" "-o" "a b" "-lc"\n' > driver/ld-rsp
seed driver driver/*
printf '2.17' > target/plain
printf 'GLIBC_2.2.5' > target/glibc
printf 'manylinux_2_28_x86_64' > target/manylinux
printf 'manylinux2014_aarch64' > target/alias
printf '3.4.19\0003.4.9' > target/dotted
seed target target/*
{ sed -n '1,40p' "$top/data/glibc-x86_64.txt"; } > tablegen/x86_64.txt
grep -v '^#' "$top/data/history-x86_64.txt" | head -20 | cat <(printf 'arch x86_64\nbase GLIBC_2.2.5\n') - > tablegen/history.txt
seed tablegen tablegen/*
du -sh "$here/corpus" "$here/undef.o"
