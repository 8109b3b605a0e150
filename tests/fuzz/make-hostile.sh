#!/usr/bin/env bash
# make-hostile.sh: (re)make the hostile seeds of tests/fuzz/ (issue 12):
# cached linker commands (template), linker probes and shims archives
# (cache), and malformed ELF files and archives for scan, dump and fixup,
# with the host's cc, ar and python3.  The --check seeds come from
# hostile-check.py, whose small ELF files are copied to those harnesses too.
# The result is checked in; run this again only to refresh it.
# SPDX-License-Identifier: MIT-0
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

collect2=$(cc -print-prog-name=collect2)
plugin=$(cc -print-file-name=liblto_plugin.so)
wrapper=$(cc -print-prog-name=lto-wrapper)
libdir=$(dirname "$(cc -print-libgcc-file-name)")
python3 - "$here/corpus" "$collect2" "$plugin" "$wrapper" "$libdir" <<'PY'
import os, sys
corpus, collect2, plugin, wrapper, libdir = sys.argv[1:]
R, O, X, L, E, D, S = "\1R", "\1O", "\1X", "\1L", "\1E", "\1D", "\1S"

def seed(h, name, text):
    os.makedirs(os.path.join(corpus, h), exist_ok=True)
    with open(os.path.join(corpus, h, name), "wb") as f:
        f.write(text if isinstance(text, bytes) else text.encode())

# template: a cached driver-* entry after its key line (the harness's
# shape: cc -O2 a.o b.o -lm c.o -B/usr/lib/ -o prog, two runs of inputs)
env = [E + "COLLECT_GCC=cc", E + "COLLECT_LTO_WRAPPER=" + wrapper,
       E + "COMPILER_PATH=" + libdir + "/", E + "LIBRARY_PATH=" + libdir + "/:/lib/x86_64-linux-gnu/",
       E + "COLLECT_GCC_OPTIONS='-O2' '-B/usr/lib/' '-o' '" + O + "' '-mtune=generic'"]
body = ["-plugin", plugin, "-plugin-opt=" + wrapper, L, "--eh-frame-hdr", "-m", "elf_x86_64",
        "-dynamic-linker", "/lib64/ld-linux-x86-64.so.2", "-pie", "-o", O, "-L" + libdir,
        R, "-lm", R, X, "-lc", "--push-state", "--as-needed", "-lgcc_s", "--pop-state"]
stamps = [S + libdir + "/specs: none", S + "/usr/lib/specs: none"]
def lines(*ls):
    return "".join(l + "\n" for l in ls)
seed("template", "driver", lines(collect2, *body, *stamps))
seed("template", "direct", lines(D, *env, collect2, *body, *stamps))
seed("template", "direct-sh", lines(D, *env, "/bin/sh", "-c", "id", R, R, O))
seed("template", "direct-preload", lines(D, E + "LD_PRELOAD=/tmp/evil.so", *env, collect2, *body))
seed("template", "direct-plugin", lines(D, *env, collect2, "-plugin", "/tmp/evil.so", *body[2:]))
seed("template", "direct-fplugin", lines(D, E + "COLLECT_GCC_OPTIONS='-fplugin=/tmp/e.so' '-o' '" + O + "'",
                                         collect2, *body))
seed("template", "direct-response", lines(D, collect2, "@/tmp/rsp", *body))
seed("template", "direct-dotdot", lines(D, libdir + "/../../../../tmp/collect2", *body))
seed("template", "stamps", lines(collect2, *body, S + "/etc/passwd: a: b: none", S + "/dev/zero: none",
                                 S + "no-separator", S + ": "))
seed("template", "runs", lines(collect2, R, R, R, O, O, X, X, L))
seed("template", "unterminated", lines(D, collect2, R, R)[:-1] + "-o")
seed("template", "whole-wrong-key", "\0symcc-driver-template-3\2other\n" + lines(collect2, R, R))
seed("template", "empty-env", lines(D, E, E + "=", E + "COLLECT_GCC", collect2, R, R, O))

# cache: a linker probe entry after its key and linker identity lines
# (link.c), and shims archives (shimcache.c reads a sealed one)
seed("cache", "probe", "-znopack-relative-relocs\n--no-gnu2-tls-tag\n")
seed("cache", "probe-foreign-flag", "-znopack-relative-relocs\n-plugin\n/tmp/evil.so\n")
seed("cache", "probe-whole", "\0cc 1 2\2-fuse-ld=\n/nonexistent/ld 1 2\n-znomark-plt\n")
PY

# cache: archives as make_archive() writes them (a GNU symbol index), sealed
echo 'int __wrap_memcpy(void) { return 0; } int __wrap_getentropy;' > s1.c
echo 'int __wrap_stat(void) { return 1; }' > s2.c
cc -Os -g0 -fno-asynchronous-unwind-tables -c s1.c s2.c
ar rcsD shims.a s1.o s2.o
python3 - shims.a "$here/corpus/cache" <<'PY'
import struct, sys
data = bytearray(open(sys.argv[1], "rb").read())
def fnv(h, b):
    for c in b:
        h = ((h ^ c) * 0x100000001b3) & 0xffffffffffffffff
    return h
def seal(d):
    h = fnv(0xcbf29ce484222325, d[:24])
    h = fnv(h, d[36:])
    d[24:36] = ("%-12d" % (h % 1000000000000)).encode()
    return d
out = sys.argv[2]
def put(name, d):
    open(out + "/" + name, "wb").write(bytes(d))
put("shims-sealed", seal(bytearray(data)))
bad = bytearray(data); bad[68:72] = struct.pack(">I", 0xffffffff); put("shims-count-huge", seal(bad))
bad = bytearray(data); bad[56:66] = b"-1        "; put("shims-size-negative", seal(bad))
bad = bytearray(data); bad[56:66] = b"9999999999"; put("shims-size-past", bad)
bad = bytearray(data); bad[-1] ^= 1; put("shims-seal-broken", bad)
put("shims-short", data[:71])
PY
cp s1.o "$here/corpus/cache/member-o"   # no .o: .gitignore

# scan, dump, fixup: the small hostile ELF files and archives of --check
if [ -f "$here/hostile-check.py" ]; then
	python3 "$here/hostile-check.py" hostile >/dev/null
	for f in prog-noshdr prog-shnum65535 prog-shoffpast prog-nodynseg prog-nodynsec \
	         nosym.o nosym.a thin.a negsize.a longname.a dyn-small dyn-small-past; do
		[ -f "hostile/$f" ] || continue
		for h in scan dump fixup; do
			case $h:$f in dump:*.a | dump:*.o | fixup:*.a) continue ;; esac
			cp "hostile/$f" "$here/corpus/$h/hostile-${f//./-}"
		done
	done
	# huge version need counts, and a vn_next that wraps around, in a program
	python3 - hostile/prog "$here/corpus" <<'PY'
import struct, sys
b = bytearray(open(sys.argv[1], "rb").read())
shoff, = struct.unpack_from("<Q", b, 0x28)
shnum, = struct.unpack_from("<H", b, 0x3c)
for i in range(shnum):
    typ, = struct.unpack_from("<I", b, shoff + 64 * i + 4)
    if typ == 0x6ffffffe:   # SHT_GNU_verneed
        off, = struct.unpack_from("<Q", b, shoff + 64 * i + 0x18)
for name, at, val in (("vn-cnt-huge", 2, 0xffff), ("vn-next-wraps", 12, 0xfffffff0)):
    c = bytearray(b)
    struct.pack_into("<H" if at == 2 else "<I", c, off + at, val)
    for h in ("scan", "dump", "fixup", "check"):
        open("%s/%s/hostile-%s" % (sys.argv[2], h, name), "wb").write(c)
PY
fi

# scan: 512 undefined names with one djb2 hash ("Ab" and "BA" collide),
# and DT_NEEDED names that climb out of the library directories
python3 - <<'PY' > collide.s
import itertools
print(".data")
for bits in itertools.product(("Ab", "BA"), repeat=9):
    print(".quad f_" + "".join(bits))
PY
as collide.s -o collide.o
cp collide.o "$here/corpus/scan/hostile-collide-o"
echo 'int f(void) { return 0; }' > d.c
cc -shared -fPIC -nostdlib -Wl,-soname,../../../../dev/zero d.c -o libdz.so
cc -shared -fPIC -nostdlib -Wl,--no-as-needed libdz.so d.c -o needs-dev-zero.so
cc -shared -fPIC -nostdlib -Wl,-soname,/etc/passwd d.c -o libpw.so
cc -shared -fPIC -nostdlib -Wl,--no-as-needed libpw.so d.c -o needs-abs.so
for f in needs-dev-zero.so needs-abs.so; do
	strip "$f"
	cp "$f" "$here/corpus/scan/hostile-${f%.so}"
done
du -sh "$here/corpus"
