/*
 * test-audit.c: symcc --check (audit.c), its zip reader (wheel.c) and the
 * manylinux policy table (target.c), on ELF files and wheels made here.
 * SPDX-License-Identifier: MIT-0
 */
#include <fcntl.h>
#include <sys/stat.h>

#include "unit.h"
#include "audit.h"
#include "target.h"
#include "util.h"
#include "wheel.h"

/* Compile src (C, or C++ when name ends in .cc) with cmd's flags into DIR/out. */
static const char *
build(const char *name, const char *src, const char *out, const char *flags)
{
	static char paths[8][512];
	static int k;
	const char *c = unit_write(name, src);
	char *o = paths[k++ % 8];
	bool cxx = strstr(name, ".cc") != NULL;

	snprintf(o, 512, "%s/%s", unit_tmpdir(), out);
	unit_sh("%s %s '%s' -o '%s' -L'%s' -Wl,-rpath,'%s'", cxx ? "c++" : "cc", flags, c, o,
	        unit_tmpdir(), unit_tmpdir());
	return o;
}

/* Run check_main on args (NULL-terminated); its stdout into *out (static). */
static int
run_check(const char **out, ...)
{
	static char buf[1 << 16];
	char *argv[16], path[600];
	va_list ap;
	int argc = 0, rc, fd, saved;
	ssize_t n;

	argv[argc++] = "--check";
	va_start(ap, out);
	while (argc < 15 && (argv[argc] = va_arg(ap, char *)) != NULL)
		argc++;
	va_end(ap);
	snprintf(path, sizeof(path), "%s/check-out", unit_tmpdir());
	fflush(stdout);
	saved = dup(1);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	ck_assert_int_ge(fd, 0);
	dup2(fd, 1);
	close(fd);
	rc = check_main(argc, argv);
	fflush(stdout);
	dup2(saved, 1);
	close(saved);
	fd = open(path, O_RDONLY);
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	buf[n > 0 ? n : 0] = '\0';
	*out = buf;
	return rc;
}

#define ASSERT_HAS(hay, needle) ck_assert_msg(strstr(hay, needle) != NULL, \
	"expected '%s' in:\n%s", needle, hay)
#define ASSERT_LACKS(hay, needle) ck_assert_msg(strstr(hay, needle) == NULL, \
	"did not expect '%s' in:\n%s", needle, hay)

static const char *STAT_PROG =
	"#include <sys/stat.h>\nint main(int c,char**v){struct stat s;(void)c;return stat(v[0],&s);}\n";

/* The host glibc (2.36 or newer) binds __libc_start_main@2.34 and stat@2.33. */
START_TEST(check_reports_glibc_symbols_and_tag)
{
	const char *exe = build("st.c", STAT_PROG, "st", ""), *out;

	ck_assert_int_eq(run_check(&out, exe, NULL), 0);
	ASSERT_HAS(out, ": glibc 2.34, for __libc_start_main@GLIBC_2.34");
	ASSERT_HAS(out, ": meets manylinux_2_34\n");
	ASSERT_LACKS(out, "target");
	/* a requested target: fail (1) names each symbol above it */
	ck_assert_int_eq(run_check(&out, "--target=2.17", exe, NULL), 1);
	ASSERT_HAS(out, ": error: 'stat' needs GLIBC_2.33 from libc.so.6, newer than target 2.17");
	ASSERT_HAS(out, ": target 2.17: FAIL");
	/* manylinux names, in both spellings, via --tag or --target */
	ck_assert_int_eq(run_check(&out, "--tag=manylinux2014", exe, NULL), 1);
	ck_assert_int_eq(run_check(&out, "--tag=manylinux_2_34", exe, NULL), 0);
	ASSERT_HAS(out, ": target 2.34: ok");
	ck_assert_int_eq(run_check(&out, "--target=manylinux_2_35_x86_64", exe, NULL), 0);
}
END_TEST

START_TEST(check_exit_status_2_on_errors)
{
	const char *exe = build("ok.c", "int main(void){return 0;}\n", "ok", ""), *out;
	const char *txt = unit_write("notes.txt", "not an ELF file, not a zip\n");

	ck_assert_int_eq(run_check(&out, exe, "/nonexistent/file", NULL), 2);
	ck_assert_int_eq(run_check(&out, txt, NULL), 2);
	ck_assert_int_eq(run_check(&out, "--target=2.17", unit_tmpdir(), NULL), 2);
	ck_assert_int_eq(run_check(&out, "--target=banana", exe, NULL), 2);
	ck_assert_int_eq(run_check(&out, "--frobnicate", exe, NULL), 2);
	ck_assert_int_eq(run_check(&out, NULL), 2);
	/* an error outranks a failed target */
	ck_assert_int_eq(run_check(&out, "--target=2.17", exe, txt, NULL), 2);
}
END_TEST

/* A symbol symcc pinned has a __wrap_ trampoline in .symtab. */
START_TEST(check_marks_symcc_pins_and_says_origins_are_unknown)
{
	const char *exe = build("pin.c",
	                        "#include <sys/stat.h>\n"
	                        "int __wrap_stat(const char*p,struct stat*s){return stat(p,s);}\n"
	                        "int main(int c,char**v){struct stat s;(void)c;return __wrap_stat(v[0],&s);}\n",
	                        "pin", ""), *out;

	ck_assert_int_eq(run_check(&out, "--target=2.33", exe, NULL), 1);
	ASSERT_HAS(out, "__libc_start_main@GLIBC_2.34\n");
	ASSERT_HAS(out, "does not record which object referenced each symbol");
	ck_assert_int_eq(run_check(&out, "--target=2.32", "--json", exe, NULL), 1);
	ASSERT_HAS(out, "{\"symbol\": \"__libc_start_main\", \"version\": \"GLIBC_2.34\", "
	                "\"library\": \"libc.so.6\", \"origin\": null}");
	ASSERT_HAS(out, "\"origins_known\": false");
	ASSERT_HAS(out, "{\"symbol\": \"stat\", \"version\": \"GLIBC_2.33\"");
	/* stat is not at the newest version, so it is not in forced_by; check the pin
	 * mark where it is: on __libc_start_main with a wrapper of its own */
	exe = build("pin2.c", "int __wrap___libc_start_main(void){return 0;}\nint main(void){return 0;}\n",
	            "pin2", "");
	ck_assert_int_eq(run_check(&out, exe, NULL), 0);
	ASSERT_HAS(out, "__libc_start_main@GLIBC_2.34 (symcc pin)");
}
END_TEST

START_TEST(check_finds_unused_needed_entries)
{
	const char *out;
	char moved[600];

	unit_write("foo.map", "FOO_1 { global: foo; local: *; };\n");
	unit_write("foo.c", "int foo(void){return 1;}\n");
	unit_sh("cd '%s' && cc -shared -fPIC -Wl,--version-script,foo.map -o libfoo.so foo.c",
	        unit_tmpdir());
	build("bar.c", "int bar(void){return 2;}\n", "libbar.so", "-shared -fPIC");
	build("baz.c", "int baz(void){return 3;}\n", "libbaz.so", "-shared -fPIC");
	/* uses nothing from either: both are unused */
	const char *none = build("none.c", "int main(void){return 0;}\n", "none",
	                         "-Wl,--no-as-needed -lfoo -lbar");
	ck_assert_int_eq(run_check(&out, none, NULL), 0);
	ASSERT_HAS(out, ": warning: DT_NEEDED libfoo.so is unused");
	ASSERT_HAS(out, ": warning: DT_NEEDED libbar.so is unused");
	ASSERT_LACKS(out, "libc.so.6 is unused");
	/* foo binds FOO_1 from libfoo: used.  bar and baz are unversioned: found
	 * through DT_RUNPATH, bar defines the unversioned import and baz does not */
	const char *some = build("some.c", "int foo(void);int bar(void);\n"
	                         "int main(void){return foo()+bar();}\n", "some",
	                         "-Wl,--no-as-needed -lfoo -lbar -lbaz");
	ck_assert_int_eq(run_check(&out, "--json", some, NULL), 0);
	ASSERT_HAS(out, "\"unused\": [\"libbaz.so\"], \"possibly_unused\": []");
	/* the same where the loader would not find them: only "possibly unused" */
	unit_sh("cd '%s' && mkdir -p elsewhere && cc some.c -o elsewhere/some -L. "
	        "-Wl,--no-as-needed -lfoo -lbar -lbaz", unit_tmpdir());
	snprintf(moved, sizeof(moved), "%s/elsewhere/some", unit_tmpdir());
	ck_assert_int_eq(run_check(&out, "--json", moved, NULL), 0);
	ASSERT_HAS(out, "\"unused\": [], \"possibly_unused\": [\"libbar.so\", \"libbaz.so\"]");
	ck_assert_int_eq(run_check(&out, moved, NULL), 0);
	ASSERT_HAS(out, ": note: DT_NEEDED libbaz.so is possibly unused");
	ASSERT_LACKS(out, "libfoo.so is");
}
END_TEST

/* The glibc 2.34 merge: pthread_create@GLIBC_2.2.5 lived in libpthread.so.0,
 * so a libpthread.so.0 that symcc added is used even with no verneed of its own. */
START_TEST(check_counts_libraries_glibc_merged_as_used)
{
	const char *out;
	const char *exe = build("pt.c",
	                        "#include <pthread.h>\n"
	                        "__asm__(\".symver pthread_create,pthread_create@GLIBC_2.2.5\");\n"
	                        "static void*f(void*a){return a;}\n"
	                        "int main(void){pthread_t t;pthread_create(&t,0,f,0);return 0;}\n",
	                        "pt", "-pthread -Wl,--no-as-needed -l:libpthread.so.0");

	ck_assert_int_eq(run_check(&out, exe, NULL), 0);
	ASSERT_LACKS(out, "libpthread.so.0 is");
}
END_TEST

START_TEST(check_reports_cxx_runtime_needs_against_each_tag)
{
	const char *out;
	const char *exe = build("x.cc", "#include <string>\n#include <iostream>\n"
	                        "int main(int c,char**v){std::string s(v[0]);s+=std::to_string(c);"
	                        "std::cout<<s<<std::endl;return 0;}\n", "cxx", "");

	ck_assert_int_eq(run_check(&out, "--target=2.17", exe, NULL), 1);
	ASSERT_HAS(out, ": GLIBCXX_3.4.");
	ASSERT_HAS(out, " from libstdc++.so.6 (");
	ASSERT_HAS(out, " or newer\n");
	ASSERT_HAS(out, "newer than manylinux_2_17 allows (GLIBCXX_3.4.19)");
	ck_assert_int_eq(run_check(&out, "--json", exe, NULL), 0);
	ASSERT_HAS(out, "\"cxx\": [{\"version\": \"GLIBCXX_3.4.");
	ASSERT_HAS(out, "\"oldest_tag\": \"manylinux_2_");
}
END_TEST

START_TEST(check_says_why_no_tag_fits)
{
	const char *out;
	const char *so = build("priv.c", "extern int __libc_alloca_cutoff(unsigned long);\n"
	                       "__asm__(\".symver __libc_alloca_cutoff,__libc_alloca_cutoff@GLIBC_PRIVATE\");\n"
	                       "int f(void){return __libc_alloca_cutoff(10);}\n",
	                       "libpriv.so", "-shared -fPIC");

	ck_assert_int_eq(run_check(&out, so, NULL), 0);
	ASSERT_HAS(out, ": meets no manylinux tag: it needs GLIBC_PRIVATE\n");
	ck_assert_int_eq(run_check(&out, "--tag=manylinux_2_41", so, NULL), 1);
	ASSERT_HAS(out, "'__libc_alloca_cutoff' needs GLIBC_PRIVATE from libc.so.6");
	ck_assert_int_eq(run_check(&out, "--json", so, NULL), 0);
	ASSERT_HAS(out, "\"meets\": null, \"meets_alias\": null, \"no_tag_reason\": \"it needs GLIBC_PRIVATE\"");
}
END_TEST

/* Objects and archives record which object imports what, so the report
 * names it, and says what symcc would do at the target. */
START_TEST(check_reads_objects_and_archives)
{
	const char *out, *json;
	char lib[600];

	build("o1.c", "#include <sys/stat.h>\n#include <sys/random.h>\n"
	      "int f(const char*p,char*d){struct stat s;getrandom(d,2,0);return stat(p,&s);}\n",
	      "o1.o", "-c");
	build("o2.c", "#define _GNU_SOURCE\n#include <pthread.h>\n"
	      "int g(void){pthread_attr_t a;return pthread_getattr_default_np(&a);}\n", "o2.o", "-c");
	build("o3.c", "int h(int x){return x+1;}\n", "o3.o", "-c");
	build("o4.c", "#include <string.h>\nint k(char*d,const char*s){return (int)strlen(strcpy(d,s));}\n",
	      "o4.o", "-c -flto");
	snprintf(lib, sizeof(lib), "%s/libo.a", unit_tmpdir());
	unit_sh("cd '%s' && ar rc libo.a o1.o o2.o o3.o", unit_tmpdir());
	ck_assert_int_eq(run_check(&out, "--target=2.17", lib, NULL), 1);
	ASSERT_HAS(out, "libo.a(o1.o): linked without symcc: glibc 2.33, for stat@GLIBC_2.33");
	ASSERT_HAS(out, "libo.a(o1.o): for 2.17 symcc shims getrandom, stat\n");
	ASSERT_HAS(out, "libo.a(o1.o): target 2.17: ok\n");
	ASSERT_HAS(out, "libo.a(o2.o): error: 'pthread_getattr_default_np' (GLIBC_2.34): ");
	ASSERT_HAS(out, "the oldest target that works is 2.18");
	ASSERT_HAS(out, "libo.a(o3.o): imports no glibc symbol\n");
	ck_assert_int_eq(run_check(&out, "--target=2.18", lib, NULL), 0);
	ck_assert_int_eq(run_check(&out, "--json", "--target=2.17", lib, NULL), 1);
	json = unit_write("ar.json", out);
	unit_sh("python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); "
	        "assert [o[\"kind\"] for o in d]==[\"relocatable\"]*3, d; a=d[0]; "
	        "assert a[\"origins_known\"] and a[\"forced_by\"][0][\"origin\"].endswith(\"libo.a(o1.o)\"), a; "
	        "assert a[\"target\"][\"shim\"]==[\"getrandom\", \"stat\"] and a[\"target\"][\"ok\"], a; "
	        "assert not d[1][\"target\"][\"ok\"] and d[1][\"target\"][\"problems\"], d[1]' '%s'", json);
	/* a GCC LTO object keeps its imports in bitcode: say so */
	snprintf(lib, sizeof(lib), "%s/o4.o", unit_tmpdir());
	ck_assert_int_eq(run_check(&out, lib, NULL), 0);
	ASSERT_HAS(out, "o4.o: GCC LTO object: ");
}
END_TEST

START_TEST(check_json_is_one_object_per_file)
{
	const char *exe = build("j.c", STAT_PROG, "j", ""), *out;
	char odd[600];
	const char *so = build("jl.c", "int f(void){return 0;}\n", "libj.so", "-shared -fPIC");
	const char *json;

	ck_assert_int_eq(run_check(&out, "--json", "--target=2.17", exe, so, NULL), 1);
	json = unit_write("out.json", out);
	unit_sh("python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); "
	        "assert len(d)==2, d; a,b=d; "
	        "assert a[\"kind\"]==\"executable\" and a[\"glibc\"]==\"2.34\", a; "
	        "assert a[\"meets\"]==\"manylinux_2_34\" and a[\"target\"][\"ok\"] is False, a; "
	        "assert b[\"kind\"]==\"shared-library\" and b[\"target\"][\"ok\"] is True, b; "
	        "assert b[\"error\"] is None and b[\"wheel\"] is None, b; "
	        "t=a[\"tags\"]; assert len(t)==16 and not t[\"manylinux_2_31\"] and t[\"manylinux_2_34\"] "
	        "and t[\"manylinux_2_41\"] and not t[\"manylinux_2_5\"], t' '%s'", json);
	/* names from the file need not be UTF-8; the JSON still must be */
	unit_sh("cd '%s' && printf 'int odd(void){return 0;}\\n' > odd.c && "
	        "cc -shared -fPIC odd.c -o libodd.so -Wl,-soname,\"$(printf 'lib\\377\\303\\251.so')\" && "
	        "printf 'int main(void){return 0;}\\n' > oddmain.c && "
	        "cc oddmain.c -o odd -L. -Wl,--no-as-needed -lodd", unit_tmpdir());
	snprintf(odd, sizeof(odd), "%s/odd", unit_tmpdir());
	ck_assert_int_eq(run_check(&out, "--json", odd, NULL), 0);
	json = unit_write("odd.json", out);
	unit_sh("python3 -c 'import json,sys; d=json.load(open(sys.argv[1], encoding=\"utf-8\")); "
	        "assert \"lib\\ufffd\\u00e9.so\" in d[0][\"needed\"], d' '%s'", json);
	ck_assert_int_eq(run_check(&out, "--json", "/nonexistent", NULL), 2);
	json = unit_write("err.json", out);
	unit_sh("python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); "
	        "assert d[0][\"kind\"]==\"error\" and d[0][\"error\"], d' '%s'", json);
}
END_TEST

/* A wheel with a deflated and a stored ELF member, made with python3's zipfile. */
static const char *
make_wheel(const char *name, const char *so)
{
	static char path[512];

	snprintf(path, sizeof(path), "%s/%s", unit_tmpdir(), name);
	unit_sh("python3 -c 'import sys, zipfile\n"
	        "with zipfile.ZipFile(sys.argv[1], \"w\") as z:\n"
	        "  z.writestr(\"pkg/__init__.py\", \"\", compress_type=zipfile.ZIP_STORED)\n"
	        "  z.write(sys.argv[2], \"pkg/_fast.cpython-312-x86_64-linux-gnu.so\", "
	        "compress_type=zipfile.ZIP_DEFLATED)\n"
	        "  z.write(sys.argv[2], \"pkg.libs/libstored.so\", compress_type=zipfile.ZIP_STORED)\n"
	        "  z.writestr(\"pkg-1.0.dist-info/WHEEL\", \"Wheel-Version: 1.0\\n\" * 50, "
	        "compress_type=zipfile.ZIP_DEFLATED)\n"
	        "' '%s' '%s'", path, so);
	return path;
}

START_TEST(check_reads_every_elf_file_in_a_wheel)
{
	const char *so = build("w.c", "#include <sys/stat.h>\nint f(const char*p){struct stat s;return stat(p,&s);}\n",
	                       "libw.so", "-shared -fPIC"), *out;
	const char *whl = make_wheel("pkg-1.0-cp312-cp312-linux_x86_64.whl", so);
	const char *json;

	ck_assert_int_eq(run_check(&out, whl, NULL), 0);
	ASSERT_HAS(out, ".whl!pkg/_fast.cpython-312-x86_64-linux-gnu.so: glibc 2.33, for stat@GLIBC_2.33");
	ASSERT_HAS(out, ".whl!pkg.libs/libstored.so: meets manylinux_2_34");
	ASSERT_HAS(out, ".whl: 2 ELF files: meets manylinux_2_34\n");
	ASSERT_LACKS(out, "__init__");
	ck_assert_int_eq(run_check(&out, "--tag=manylinux_2_17", whl, NULL), 1);
	ck_assert_int_eq(run_check(&out, "--tag=manylinux_2_34", "--json", whl, NULL), 0);
	json = unit_write("whl.json", out);
	unit_sh("python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); "
	        "assert [o[\"member\"] for o in d]==[\"pkg/_fast.cpython-312-x86_64-linux-gnu.so\", "
	        "\"pkg.libs/libstored.so\"], d; "
	        "assert all(o[\"wheel\"].endswith(\".whl\") and o[\"target\"][\"ok\"] for o in d), d' '%s'",
	        json);
}
END_TEST

/* An unversioned library the wheel carries (as auditwheel repair grafts them)
 * is read from the wheel to tell whether the extension binds to it. */
START_TEST(check_reads_libraries_a_wheel_carries)
{
	const char *out, *json;
	char whl[600];

	build("wbar.c", "int wbar(void){return 2;}\n", "libwbar.so", "-shared -fPIC");
	build("wbaz.c", "int wbaz(void){return 3;}\n", "libwbaz.so", "-shared -fPIC");
	unit_sh("cd '%s' && printf 'int wbar(void);int ext(void){return wbar();}\\n' > ext.c && "
	        "cc -shared -fPIC ext.c -o ext.so -L. -Wl,--no-as-needed -lwbar -lwbaz", unit_tmpdir());
	snprintf(whl, sizeof(whl), "%s/ext-1.0-cp312-cp312-linux_x86_64.whl", unit_tmpdir());
	unit_sh("cd '%s' && python3 -c 'import sys, zipfile\n"
	        "with zipfile.ZipFile(sys.argv[1], \"w\", zipfile.ZIP_DEFLATED) as z:\n"
	        "  z.write(\"ext.so\", \"ext/_ext.so\")\n"
	        "  z.write(\"libwbar.so\", \"ext.libs/libwbar.so\")\n"
	        "  z.write(\"libwbaz.so\", \"ext.libs/libwbaz.so\")\n' '%s'", unit_tmpdir(), whl);
	ck_assert_int_eq(run_check(&out, "--json", whl, NULL), 0);
	json = unit_write("ext.json", out);
	unit_sh("python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); "
	        "e=[o for o in d if o[\"member\"]==\"ext/_ext.so\"][0]; "
	        "assert len(d)==3 and e[\"unused\"]==[\"libwbaz.so\"] and e[\"possibly_unused\"]==[], e' '%s'",
	        json);
}
END_TEST

START_TEST(check_pure_and_broken_wheels)
{
	const char *out, *whl;
	char bad[600];

	snprintf(bad, sizeof(bad), "%s/pure-1.0-py3-none-any.whl", unit_tmpdir());
	unit_sh("python3 -c 'import sys, zipfile\n"
	        "with zipfile.ZipFile(sys.argv[1], \"w\", zipfile.ZIP_DEFLATED) as z:\n"
	        "  z.writestr(\"pure.py\", \"print(1)\\n\")\n' '%s'", bad);
	ck_assert_int_eq(run_check(&out, "--target=2.17", bad, NULL), 0);
	ASSERT_HAS(out, "no ELF files (a pure Python wheel)");
	/* truncated: no end of central directory */
	whl = make_wheel("cut.whl", build("c.c", "int f(void){return 0;}\n", "libc1.so", "-shared -fPIC"));
	unit_sh("truncate -s -30 '%s'", whl);
	ck_assert_int_eq(run_check(&out, whl, NULL), 2);
	/* a flipped byte inside the deflated ELF member: CRC mismatch or bad data */
	whl = make_wheel("flip.whl", build("d.c", "int g(void){return 0;}\n", "libd.so", "-shared -fPIC"));
	unit_sh("python3 -c 'import sys\n"
	        "b = bytearray(open(sys.argv[1], \"rb\").read())\n"
	        "i = b.index(b\"pkg/_fast\") + 200\n"
	        "b[i] ^= 0x55\n"
	        "open(sys.argv[1], \"wb\").write(b)\n' '%s'", whl);
	ck_assert_int_eq(run_check(&out, whl, NULL), 2);
}
END_TEST

START_TEST(zip_reader_extracts_stored_and_deflated_members)
{
	const char *so = build("z.c", "int z(void){return 7;}\n", "libz1.so", "-shared -fPIC");
	const char *whl = make_wheel("z.whl", so);
	size_t len, solen, pos = 0, n = 0;
	char *data = read_file(whl, &len), *sodata = read_file(so, &solen);
	const char *why = NULL;
	struct zip z;
	struct zip_entry e;
	int r;

	ck_assert_ptr_nonnull(data);
	ck_assert(zip_is_zip(data, len));
	ck_assert_int_eq(zip_open(&z, data, len, &why), 0);
	ck_assert_uint_eq(z.nentries, 4);
	while ((r = zip_next(&z, &pos, &e, &why)) == 1) {
		unsigned char magic[4];
		void *m = zip_extract(&z, &e, &why);

		ck_assert_msg(m != NULL, "%s: %s", e.name, why);
		if (strstr(e.name, ".so")) {
			ck_assert_uint_eq(e.usize, solen);
			ck_assert_int_eq(memcmp(m, sodata, solen), 0);
			ck_assert_int_eq(zip_peek(&z, &e, magic, 4, &why), 4);
			ck_assert_int_eq(memcmp(magic, "\177ELF", 4), 0);
			n++;
		}
		free(m);
		free(e.name);
	}
	ck_assert_int_eq(r, 0);
	ck_assert_uint_eq(n, 2);
	/* the index: members by basename */
	{
		size_t k;
		const size_t *at = zip_find_base(&z, "libstored.so", &k);
		ck_assert_uint_eq(k, 1);
		ck_assert_str_eq(z.ents[at[0]].name, "pkg.libs/libstored.so");
		ck_assert_ptr_null(zip_find_base(&z, "nothere.so", &k));
		ck_assert_uint_eq(k, 0);
	}
	zip_close(&z);
	/* garbage and short buffers are refused, not read past */
	ck_assert_int_eq(zip_open(&z, "PK\5\6", 4, &why), -1);
	ck_assert_int_eq(zip_open(&z, data, 100, &why), -1);
	free(data);
	free(sodata);
}
END_TEST

/* aarch64's glibc 2.17 exports GLIBC_2.18, which manylinux2014 allows there
 * (and not on x86_64).  Needs Debian's cross gcc; passes without it. */
START_TEST(check_applies_aarch64_policy)
{
	const char *out;
	char exe[600];

	if (system("aarch64-linux-gnu-gcc --version >/dev/null 2>&1") != 0) {
		fprintf(stderr, "note: no aarch64-linux-gnu-gcc, aarch64 check not run\n");
		return;
	}
	unit_write("a18.c", "__asm__(\".symver f18,__cxa_thread_atexit_impl@GLIBC_2.18\");\n"
	           "extern int f18(void*,void*,void*);\nint g(void){return f18(0,0,0);}\n");
	snprintf(exe, sizeof(exe), "%s/liba18.so", unit_tmpdir());
	unit_sh("cd '%s' && aarch64-linux-gnu-gcc -shared -fPIC a18.c -o liba18.so", unit_tmpdir());
	ck_assert_int_eq(run_check(&out, "--tag=manylinux2014", exe, NULL), 0);
	ASSERT_HAS(out, "liba18.so: glibc 2.18, for __cxa_thread_atexit_impl@GLIBC_2.18\n");
	ASSERT_HAS(out, "liba18.so: meets manylinux_2_17 (manylinux2014)\n");
	ck_assert_int_eq(run_check(&out, "--json", exe, NULL), 0);
	ASSERT_HAS(out, "\"arch\": \"aarch64\"");
}
END_TEST

START_TEST(policy_table_has_every_tag_and_arch_differences)
{
	const struct cxx_policy *all, *p;
	size_t n = manylinux_policies("x86_64", &all);
	glibcver v;

	ck_assert_uint_eq(n, 16);
	for (size_t i = 1; i < n; i++)
		ck_assert_uint_gt(all[i].glibc, all[i - 1].glibc);
	p = policy_for_arch(22600, "x86_64");
	ck_assert_str_eq(p->tag, "manylinux_2_26");
	ck_assert_str_eq(p->glibcxx, "3.4.22");
	ck_assert_str_eq(policy_for_arch(22700, "x86_64")->gcc, "7.0.0");
	ck_assert_str_eq(policy_for_arch(24100, "x86_64")->glibcxx, "3.4.33");
	ck_assert_str_eq(policy_for_arch(23800, "x86_64")->cxxabi, "1.3.13");
	ck_assert_str_eq(policy_for_arch(21700, "x86_64")->alias, "manylinux2014");
	ck_assert_uint_eq(policy_glibc_max(policy_for_arch(21700, "x86_64")), 21700);
	/* aarch64: GCC_4.8.0 does not exist, 2.18 is allowed by manylinux2014 */
	p = policy_for_arch(21700, "aarch64");
	ck_assert_str_eq(p->gcc, "4.7.0");
	ck_assert_uint_eq(policy_glibc_max(p), 21800);
	ck_assert_str_eq(policy_for_arch(22600, "aarch64")->glibcxx, "3.4.24");
	ck_assert_str_eq(policy_for_arch(23400, "aarch64")->gcc, "11.0");
	/* tag names as targets */
	ck_assert_int_eq(target_parse("manylinux_2_39", &v), 0);
	ck_assert_uint_eq(v, 23900);
	ck_assert_str_eq(policy_for(v)->gcc, "14.0.0");
	ck_assert_int_eq(target_parse("manylinux2010_x86_64", &v), 0);
	ck_assert_uint_eq(v, 21200);
}
END_TEST

/* Each test runs in its own process (Check's default) with its own fixture
 * directory: remove it.  Without fork (CK_FORK=no, as under valgrind) the
 * tests share one: empty it. */
static void
remove_tmpdir(void)
{
	const char *fork = getenv("CK_FORK");
	char cmd[600];

	if (getenv("SYMCC_KEEP_WORKDIRS"))
		return;
	if (fork && strcmp(fork, "no") == 0)
		snprintf(cmd, sizeof(cmd), "find '%s' -mindepth 1 -delete", unit_tmpdir());
	else
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", unit_tmpdir());
	if (system(cmd) != 0)
		fprintf(stderr, "note: could not clean %s\n", unit_tmpdir());
}

static Suite *
audit_suite(void)
{
	Suite *s = suite_create("audit");
	TCase *tc = tcase_create("check");
	tcase_add_checked_fixture(tc, NULL, remove_tmpdir);

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, check_reports_glibc_symbols_and_tag);
	tcase_add_test(tc, check_exit_status_2_on_errors);
	tcase_add_test(tc, check_marks_symcc_pins_and_says_origins_are_unknown);
	tcase_add_test(tc, check_finds_unused_needed_entries);
	tcase_add_test(tc, check_counts_libraries_glibc_merged_as_used);
	tcase_add_test(tc, check_reports_cxx_runtime_needs_against_each_tag);
	tcase_add_test(tc, check_says_why_no_tag_fits);
	tcase_add_test(tc, check_reads_objects_and_archives);
	tcase_add_test(tc, check_json_is_one_object_per_file);
	suite_add_tcase(s, tc);
	tc = tcase_create("wheel");
	tcase_add_checked_fixture(tc, NULL, remove_tmpdir);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, check_reads_every_elf_file_in_a_wheel);
	tcase_add_test(tc, check_reads_libraries_a_wheel_carries);
	tcase_add_test(tc, check_pure_and_broken_wheels);
	tcase_add_test(tc, zip_reader_extracts_stored_and_deflated_members);
	suite_add_tcase(s, tc);
	tc = tcase_create("policy");
	tcase_add_checked_fixture(tc, NULL, remove_tmpdir);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, check_applies_aarch64_policy);
	tcase_add_test(tc, policy_table_has_every_tag_and_arch_differences);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(audit_suite)
