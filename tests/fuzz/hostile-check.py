#!/usr/bin/env python3
# hostile-check.py OUTDIR [CASE...]: build the hostile inputs of issue 12
# for `symcc --check` into OUTDIR, with the host's cc (x86_64 ELF64 little
# endian) and Python's zipfile.  tests/integration/check-hostile.sh runs
# symcc on them; the small ones are also seeds of tests/fuzz/corpus/check.
# Each case is a function below; with no CASE all are made.
# SPDX-License-Identifier: MIT-0
import io
import os
import struct
import subprocess
import sys
import zipfile

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
SMALL = ["-Os", "-g0", "-fno-asynchronous-unwind-tables", "-fno-ident"]


def path(name):
    return os.path.join(out, name)


def cc(src, name, *flags):
    c = path(name + ".c")
    with open(c, "w") as f:
        f.write(src)
    if "-x" in flags:   # a language for the source: before it
        subprocess.run(["cc", *SMALL, *flags, c, "-o", path(name)], check=True)
    else:
        subprocess.run(["cc", *SMALL, c, "-o", path(name), *flags], check=True)
    os.unlink(c)
    return path(name)


def read(name):
    with open(path(name), "rb") as f:
        return bytearray(f.read())


def write(name, data):
    with open(path(name), "wb") as f:
        f.write(data)


class Elf:
    """ELF64 little-endian headers, enough to patch what the tests need."""

    def __init__(self, b):
        self.b = b
        self.phoff, self.shoff = struct.unpack_from("<QQ", b, 0x20)
        self.phnum, = struct.unpack_from("<H", b, 0x38)
        self.shnum, self.shstrndx = struct.unpack_from("<HH", b, 0x3c)

    def phdrs(self):
        return [self.phoff + 56 * i for i in range(self.phnum)]

    def shdrs(self):
        return [self.shoff + 64 * i for i in range(self.shnum)]

    def section(self, sh_type):
        for o in self.shdrs():
            if struct.unpack_from("<I", self.b, o + 4)[0] == sh_type:
                off, size = struct.unpack_from("<QQ", self.b, o + 24)
                return o, off, size
        raise KeyError(sh_type)


SHT_DYNAMIC, SHT_VERNEED, SHT_VERSYM, PT_DYNAMIC = 6, 0x6ffffffe, 0x6fffffff, 2
STAT = "#include <sys/stat.h>\nint main(int c,char**v){struct stat s;(void)c;return stat(v[0],&s);}\n"


def prog():
    """A program needing GLIBC_2.34 (__libc_start_main) and 2.33 (stat)."""
    return cc(STAT, "prog")


def no_sections():
    """The program with its section headers removed, 65535 of them, or past the end."""
    b = read(os.path.basename(prog()))
    for name, patch in [("noshdr", lambda c: (struct.pack_into("<Q", c, 0x28, 0),
                                              struct.pack_into("<HH", c, 0x3c, 0, 0))),
                        ("shnum65535", lambda c: struct.pack_into("<H", c, 0x3c, 65535)),
                        ("shoffpast", lambda c: struct.pack_into("<Q", c, 0x28, len(c) + 4096))]:
        c = bytearray(b)
        patch(c)
        write("prog-" + name, c)


def disagree():
    """Sections and the dynamic segment disagree: no PT_DYNAMIC, no SHT_DYNAMIC."""
    b = read(os.path.basename(prog()))
    e = Elf(b)
    c = bytearray(b)
    for o in e.phdrs():
        if struct.unpack_from("<I", c, o)[0] == PT_DYNAMIC:
            struct.pack_into("<I", c, o, 0)   # PT_NULL
    write("prog-nodynseg", c)
    c = bytearray(b)
    o, _, _ = Elf(c).section(SHT_DYNAMIC)
    struct.pack_into("<I", c, o + 4, 1)       # SHT_PROGBITS
    write("prog-nodynsec", c)


def elf_rel(sections):
    """A relocatable x86_64 object from [(name, type, link, info, data)]."""
    shstr = b"\0" + b"".join(n.encode() + b"\0" for n, *_ in sections) + b".shstrtab\0"
    body = bytearray(64)
    offs = []
    for _, _, _, _, data in sections:
        while len(body) % 8:
            body.append(0)
        offs.append(len(body))
        body += data
    shstr_off = len(body)
    body += shstr
    while len(body) % 8:
        body.append(0)
    shoff = len(body)
    sh = bytearray(64)
    name_at = 1
    for (name, typ, link, info, data), off in zip(sections, offs):
        sh += struct.pack("<IIQQQQIIQQ", name_at, typ, 0, 0, off, len(data), link, info, 1, 0)
        name_at += len(name) + 1
    sh += struct.pack("<IIQQQQIIQQ", name_at, 3, 0, 0, shstr_off, len(shstr), 0, 0, 1, 0)
    body += sh
    ident = b"\x7fELF\x02\x01\x01" + b"\0" * 9
    hdr = ident + struct.pack("<HHIQQQIHHHHHH", 1, 62, 1, 0, 0, shoff, 0, 64, 0, 0, 64,
                              len(sections) + 2, len(sections) + 1)
    body[0:64] = hdr
    return bytes(body)


def nosym_object():
    """An object with a version need that no symbol names (a NULL symbol)."""
    dynstr = b"\0libc.so.6\0GLIBC_2.34\0"
    verneed = struct.pack("<HHIII", 1, 1, 1, 16, 0) + struct.pack("<IHHII", 0x069691b4, 0, 2, 11, 0)
    o = elf_rel([(".dynstr", 3, 0, 0, dynstr), (".gnu.version_r", SHT_VERNEED, 1, 1, verneed)])
    write("nosym.o", o)
    # the same inside an archive and a wheel
    hdr = b"nosym.o/".ljust(16) + b"0".ljust(12) + b"0".ljust(6) + b"0".ljust(6) + \
        b"644".ljust(8) + str(len(o)).encode().ljust(10) + b"`\n"
    write("nosym.a", b"!<arch>\n" + hdr + o + (b"\n" if len(o) % 2 else b""))
    with zipfile.ZipFile(path("nosym.whl"), "w") as z:
        z.writestr("pkg/nosym.o", o)


def compressed():
    """Wheels whose .so member is bzip2- or lzma-compressed (zipfile reads them)."""
    so = cc("int f(void){return 1;}\n", "libsmall.so", "-shared", "-fPIC")
    for name, method in [("bzip2", zipfile.ZIP_BZIP2), ("lzma", zipfile.ZIP_LZMA)]:
        with zipfile.ZipFile(path(name + ".whl"), "w") as z:
            z.writestr("pkg/__init__.py", "")
            z.write(so, "pkg/_x.so", compress_type=method)


def with_stat_so():
    return cc("#include <sys/stat.h>\nint f(const char*p){struct stat s;return stat(p,&s);}\n",
              "libstat.so", "-shared", "-fPIC")


def appended():
    """A static program with a wheel appended: zipfile reads the wheel."""
    st = cc("int main(void){return 0;}\n", "static", "-static")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.write(with_stat_so(), "pkg/_x.so")
    write("static+whl", read("static") + buf.getvalue())


def forged_name():
    """A member name with a newline that would print a line of its own."""
    with zipfile.ZipFile(path("forge.whl"), "w", zipfile.ZIP_DEFLATED) as z:
        z.write(with_stat_so(), "pkg/a.so\nx.whl!pkg/y.so: target 2.17: ok")


def archives():
    """A thin archive, and archives with a negative size and a bad long name."""
    o = elf_rel([(".dynstr", 3, 0, 0, b"\0")])
    write("m.o", o)
    thin = b"!<thin>\n" + b"m.o/".ljust(16) + b"0".ljust(12) + b"0".ljust(6) + b"0".ljust(6) + \
        b"644".ljust(8) + str(len(o)).encode().ljust(10) + b"`\n"
    write("thin.a", thin)

    def member(name, size, data):
        return name.ljust(16) + b"0".ljust(12) + b"0".ljust(6) + b"0".ljust(6) + \
            b"644".ljust(8) + size.ljust(10) + b"`\n" + data + (b"\n" if len(data) % 2 else b"")
    write("negsize.a", b"!<arch>\n" + member(b"m.o/", b"-100", o))
    write("longname.a", b"!<arch>\n" + member(b"//", b"8", b"m.o/\n\n\n\n") +
          member(b"/9999", str(len(o)).encode(), o))


def needed_paths():
    """DT_NEEDED ../../../../dev/zero (in a wheel and a file) and /dev/zero."""
    for soname, tag in [("../../../../dev/zero", "rel"), ("/dev/zero", "abs")]:
        lib = cc("int zz(void){return 1;}\n", "libzz-" + tag + ".so", "-shared", "-fPIC",
                 "-Wl,-soname," + soname)
        ext = cc("int zz(void);int ext(void){return zz();}\n", "ext-" + tag + ".so", "-shared",
                 "-fPIC", lib)
        with zipfile.ZipFile(path("zero-" + tag + ".whl"), "w", zipfile.ZIP_DEFLATED) as z:
            z.write(ext, "pkg/_ext.so")


def verneed_libs(n, name, node="V%d"):
    """libNAME.so with n version nodes (V0...) and a program using one symbol of each."""
    # assembly: the assembler takes a moment where cc1 takes minutes
    src = "".join(".globl f%d\n.type f%d,@function\nf%d: ret\n" % (i, i, i) for i in range(n))
    with open(path(name + "-v.map"), "w") as f:
        f.write("".join((node + " { global: f%d; };\n") % (i, i) for i in range(n)))
    lib = cc(src, "lib" + name + ".so", "-shared", "-x", "assembler",
             "-Wl,--version-script=" + path(name + "-v.map"), "-Wl,-soname,lib" + name + ".so")
    os.unlink(path(name + "-v.map"))
    decl = "".join("int f%d(void);" % i for i in range(n))
    refs = ",".join("f%d" % i for i in range(n))
    return cc(decl + "int (*const refs[])(void)={" + refs + "};\n"
              "int main(int c,char**v){(void)v;return refs[c]();}\n", name, lib)


def verneed_dup():
    """Version needs all on one index: every symbol matches every entry."""
    b = read(os.path.basename(verneed_libs(2000, "vdup")))
    e = Elf(b)
    _, off, size = e.section(SHT_VERNEED)
    vo = off
    while True:
        cnt, aux, nxt = struct.unpack_from("<xxHxxxxII", b, vo)
        ao = vo + aux
        for _ in range(cnt):
            struct.pack_into("<H", b, ao + 6, 2)
            ao += struct.unpack_from("<I", b, ao + 12)[0]
        if not nxt:
            break
        vo += nxt
    _, off, size = e.section(SHT_VERSYM)
    for i in range(1, size // 2):
        if struct.unpack_from("<H", b, off + 2 * i)[0] >= 2:
            struct.pack_into("<H", b, off + 2 * i, 2)
    write("vdup", b)


def dynamic_elf(vers, syms, past=False, needed=(), runpath=None, unversioned=()):
    """A shared object with no section headers: one PT_LOAD, PT_DYNAMIC, a
    version need on libv.so for each of vers (indexes 2...), an undefined
    symbol for each of syms bound to the version of the same position, and
    undefined unversioned symbols; more DT_NEEDED and a DT_RUNPATH if given."""
    n = len(vers)
    strtab = bytearray(b"\0libv.so\0")
    def add(x):
        at = len(strtab)
        strtab.extend(x.encode() + b"\0")
        return at
    vname = [add(v) for v in vers]
    sname = [add(x) for x in list(syms) + list(unversioned)]
    nnames = [add(x) for x in needed]
    rp = add(runpath) if runpath is not None else None
    body = bytearray(64 + 2 * 56)
    def place(data, align=8):
        while len(body) % align:
            body.append(0)
        at = len(body)
        body.extend(data)
        return at
    nsym = len(sname)
    str_at = place(strtab, 1)
    sym_at = place(bytes(24) + b"".join(struct.pack("<IBBHQQ", sname[i], 0x12, 0, 0, 0, 0)
                                          for i in range(nsym)))
    versym_at = place(struct.pack("<H", 0) + b"".join(
        struct.pack("<H", 2 + i % n if i < len(syms) else 1) for i in range(nsym)))
    hash_at = place(struct.pack("<II", 1, nsym + 1) + bytes(4 * (nsym + 2)))
    aux = b"".join(struct.pack("<IHHII", 0, 0, 0x8000 if past and i == n - 1 else 2 + i,
                               vname[i], 16 if i < n - 1 else 0) for i in range(n))
    vn_at = place(struct.pack("<HHIII", 1, n, 1, 16, 0) + aux)
    dyn = [(1, 1)] + [(1, x) for x in nnames] + ([(29, rp)] if rp is not None else []) + [
        (5, str_at), (10, len(strtab)), (6, sym_at), (11, 24), (4, hash_at),
        (0x6ffffff0, versym_at), (0x6ffffffe, vn_at), (0x6fffffff, 1), (0, 0)]
    dyn_at = place(b"".join(struct.pack("<qQ", t, v) for t, v in dyn))
    size = len(body)
    body[0:64] = b"\x7fELF\x02\x01\x01" + bytes(9) + struct.pack(
        "<HHIQQQIHHHHHH", 3, 62, 1, 0, 64, 0, 0, 64, 56, 2, 64, 0, 0)
    body[64:120] = struct.pack("<IIQQQQQQ", 1, 4, 0, 0, 0, size, size, 0x1000)
    body[120:176] = struct.pack("<IIQQQQQQ", 2, 4, dyn_at, dyn_at, dyn_at, 16 * len(dyn),
                                16 * len(dyn), 8)
    return bytes(body)


def lookups():
    """2000 DT_NEEDED names times a DT_RUNPATH of 20000 directories, with
    an unversioned import: each name is looked for in each directory."""
    needed = ["libn%d.so" % i for i in range(2000)]
    runpath = ":".join("/nonexistent/d%d" % i for i in range(20000))
    write("lookups", dynamic_elf(["GLIBC_2.2.5"], ["memcpy"], needed=needed, runpath=runpath,
                                 unversioned=["mystery"]))
    # the bound: libfound.so in the 4096th directory tried, then the 4097th
    cc("int other(void){return 1;}\n", "libfound.so", "-shared", "-fPIC")
    for name, before in [("lookups-at", 4095), ("lookups-past", 4096)]:
        runpath = ":".join(["/nonexistent/d%d" % i for i in range(before)] + [os.path.abspath(out)])
        write(name, dynamic_elf(["GLIBC_2.2.5"], ["memcpy"], needed=["libfound.so"],
                                runpath=runpath, unversioned=["mystery"]))


def verneed_bound():
    """32766 version needs (every index there is), then one index past it.
    Named as C++ runtime versions: at a target, each is a problem of its own."""
    n = 32766
    vers = ["GLIBCXX_3.4.%d" % (i + 100) for i in range(n)]
    syms = ["f%d" % i for i in range(n)]
    write("vmax", dynamic_elf(vers, syms))
    write("vmax-past", dynamic_elf(vers, syms, past=True))


def dynamic_small():
    """Seeds for the fuzzer: a section-less file with three needs, and one
    whose last index is out of range."""
    vers, syms = ["GLIBC_2.34", "GLIBCXX_3.4.30", "GLIBC_2.2.5"], ["stat", "_Znwm", "memcpy"]
    write("dyn-small", dynamic_elf(vers, syms))
    write("dyn-small-past", dynamic_elf(vers, syms, past=True))


def overlapping_zip():
    """A zip whose three entries all point at one member's data."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.write(with_stat_so(), "pkg/a.so")
    b = buf.getvalue()
    eocd = b.rindex(b"PK\5\6")
    cd_size, cd_off = struct.unpack_from("<II", b, eocd + 12)
    entry = b[cd_off:cd_off + cd_size]
    cd = b""
    for i in range(3):
        e = bytearray(entry)
        e[46:46 + 8] = b"pkg/%d.so" % i    # same length as pkg/a.so
        cd += e
    end = bytearray(b[eocd:])
    struct.pack_into("<HHI", end, 8, 3, 3, len(cd))
    return b[:cd_off] + cd + end


def zips():
    """Overlapping members, alone and appended to a static program."""
    write("overlap.whl", overlapping_zip())
    st = cc("int main(void){return 0;}\n", "static2", "-static")
    write("static+overlap", read(os.path.basename(st)) + overlapping_zip())


def many_members():
    """40000 members with an unversioned need the wheel does not carry."""
    lib = cc("int mm(void){return 1;}\n", "libmm.so", "-shared", "-fPIC", "-Wl,-soname,libmm.so")
    ext = cc("int mm(void);int ext(void){return mm();}\n", "mext.so", "-shared", "-fPIC", lib,
             "-s")
    with open(ext, "rb") as f:
        data = f.read()
    with zipfile.ZipFile(path("many.whl"), "w", zipfile.ZIP_DEFLATED) as z:
        for i in range(40000):
            z.writestr("pkg/m%d.so" % i, data)


def big_member():
    """ELF members of exactly 1 GiB and 1 GiB + 1 (deflated: about 1 MB each)."""
    for name, size in [("big-at", 1 << 30), ("big-past", (1 << 30) + 1)]:
        with zipfile.ZipFile(path(name + ".whl"), "w") as z:
            zi = zipfile.ZipInfo("pkg/big.so")
            zi.compress_type = zipfile.ZIP_DEFLATED
            with z.open(zi, "w", force_zip64=False) as f:
                f.write(b"\x7fELF\x02\x01\x01")
                chunk = bytes(1 << 20)
                left = size - 7
                while left:
                    n = min(left, len(chunk))
                    f.write(chunk[:n])
                    left -= n


def big_library():
    """A library found through $ORIGIN, padded (sparse) to exactly 1 GiB and
    to 1 GiB + 1: read at the bound, not past it."""
    for name, size in [("lib-at", 1 << 30), ("lib-past", (1 << 30) + 1)]:
        d = path(name)
        os.makedirs(d, exist_ok=True)
        lib = cc("int mystery(void){return 1;}\n", name + "/libbig.so", "-shared", "-fPIC",
                 "-Wl,-soname,libbig.so")
        cc("int mystery(void);int ext(void){return mystery();}\n", name + "/ext.so", "-shared",
           "-fPIC", lib, "-Wl,-rpath,$ORIGIN")
        os.truncate(lib, size)


CASES = [no_sections, disagree, nosym_object, compressed, appended, forged_name, archives,
         needed_paths, verneed_dup, verneed_bound, dynamic_small, lookups, zips, many_members, big_member, big_library]
want = sys.argv[2:]
for case in CASES:
    if not want or case.__name__ in want:
        case()
