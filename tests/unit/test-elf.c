/*
 * test-elf.c: scan, emit and verify on small ELF fixtures compiled here.
 * SPDX-License-Identifier: MIT-0
 */
#include <gelf.h>
#include <fcntl.h>
#include <sys/stat.h>

#include "unit.h"
#include "args.h"
#include "emit.h"
#include "fixup.h"
#include "linkline.h"
#include "plan.h"
#include "scan.h"
#include "cache.h"
#include "shimcache.h"
#include "stub.h"
#include "verify.h"

static const char *
fixture(const char *name, const char *src, const char *cflags)
{
	static char obj[8][512];
	static int k;
	const char *c = unit_write(name, src);
	char *o = obj[k++ % 8];

	snprintf(o, 512, "%s.o", c);
	unit_sh("cc %s -c '%s' -o '%s'", cflags, c, o);
	return o;
}

static const struct import *
find_import(const struct scan_result *r, const char *name)
{
	for (size_t i = 0; i < r->nimports; i++)
		if (strcmp(r->imports[i].name, name) == 0)
			return &r->imports[i];
	return NULL;
}

static void
scan_driver(const char *cmdline, struct scan_result *r, struct linkline *ll)
{
	struct strvec v = STRVEC_INIT;

	argsplit(cmdline, &v);
	ck_assert_int_eq(linkline_from_driver(v.v, ll), 0);
	ck_assert_int_eq(scan_link(ll, r), 0);
	strvec_free(&v);
}

START_TEST(scan_finds_glibc_imports_with_default_versions)
{
	const char *o = fixture("imp.c",
		"#include <string.h>\n#include <pthread.h>\n#include <sys/stat.h>\n"
		"void *f(void*a){return a;}\n"
		"int main(int c,char**v){char b[8];struct stat s;pthread_t t;"
		"memcpy(b,v[0],c);pthread_create(&t,0,f,0);return stat(v[0],&s);}\n", "-O0");
	char cmd[1024];
	struct scan_result r;
	struct linkline ll;
	const struct import *im;

	snprintf(cmd, sizeof(cmd), "cc %s -o %s/imp", o, unit_tmpdir());
	scan_driver(cmd, &r, &ll);
	ck_assert_ptr_nonnull(im = find_import(&r, "memcpy"));
	ck_assert_str_eq(im->version, "GLIBC_2.14");
	ck_assert_str_eq(im->dso, "libc.so.6");
	ck_assert_ptr_nonnull(strstr(im->ref, "imp.c.o"));
	ck_assert_ptr_nonnull(im = find_import(&r, "__libc_start_main"));   /* from crt1.o */
	ck_assert_ptr_nonnull(strstr(im->ref, "crt1.o"));
	ck_assert_ptr_nonnull(find_import(&r, "pthread_create"));
	ck_assert_ptr_nonnull(find_import(&r, "stat"));
	ck_assert_ptr_null(find_import(&r, "f"));
	scan_free(&r);
	linkline_free(&ll);
}
END_TEST

START_TEST(scan_pulls_only_needed_archive_members)
{
	const char *used = fixture("used.c", "#include <string.h>\nvoid used(char*d){memcpy(d,\"x\",2);}\n", "");
	const char *unused = fixture("unused.c", "#define _GNU_SOURCE\n#include <stdlib.h>\nvoid unused(void){qsort_r(0,0,0,0,0);}\n", "");
	const char *m = fixture("m.c", "void used(char*);int main(void){char b[4];used(b);return 0;}\n", "");
	char cmd[2048];
	struct scan_result r;
	struct linkline ll;

	unit_sh("ar rcs %s/lib.a %s %s", unit_tmpdir(), used, unused);
	snprintf(cmd, sizeof(cmd), "cc %s %s/lib.a -o %s/m", m, unit_tmpdir(), unit_tmpdir());
	scan_driver(cmd, &r, &ll);
	ck_assert_ptr_nonnull(find_import(&r, "memcpy"));
	ck_assert_ptr_null(find_import(&r, "qsort_r"));
	ck_assert_uint_ge(r.nmembers, 1);
	scan_free(&r);
	linkline_free(&ll);
}
END_TEST

START_TEST(scan_leaves_symbols_the_program_defines)
{
	const char *o = fixture("own.c",
		"#include <stddef.h>\nvoid *memcpy(void*d,const void*s,size_t n){(void)s;(void)n;return d;}\n"
		"int main(void){char a[2],b[2];memcpy(a,b,2);return 0;}\n", "-fno-builtin");
	char cmd[1024];
	struct scan_result r;
	struct linkline ll;

	snprintf(cmd, sizeof(cmd), "cc %s -o %s/own", o, unit_tmpdir());
	scan_driver(cmd, &r, &ll);
	ck_assert_ptr_null(find_import(&r, "memcpy"));
	scan_free(&r);
	linkline_free(&ll);
}
END_TEST

START_TEST(scan_reads_gcc_lto_symbol_tables)
{
	/* builtins (strlen, memcpy) appear only after LTO code generation; verify
	 * and its re-plan cover those.  Ordinary calls are in the LTO table. */
	const char *o = fixture("lto.c", "#include <sys/stat.h>\nint main(int c,char**v){struct stat s;return stat(v[c-1],&s);}\n",
	                        "-flto -fno-fat-lto-objects");
	char cmd[1024];
	struct scan_result r;
	struct linkline ll;

	snprintf(cmd, sizeof(cmd), "cc -flto %s -o %s/lto", o, unit_tmpdir());
	scan_driver(cmd, &r, &ll);
	ck_assert_ptr_nonnull(find_import(&r, "stat"));
	scan_free(&r);
	linkline_free(&ll);
}
END_TEST

/* SipHash-1-3 under the zero key, as CPython hashes bytes with
 * PYTHONHASHSEED=0: a short tail, one whole word, words and a tail. */
START_TEST(siphash13_matches_reference_values)
{
	static const uint64_t zero[2] = {0, 0};

	ck_assert_uint_eq(siphash13(zero, "abc", 3), 13851880170939887858ULL);
	ck_assert_uint_eq(siphash13(zero, "12345678", 8), 3785724242978802311ULL);
	ck_assert_uint_eq(siphash13(zero, "hello world, this is long", 25), 7650859633215404784ULL);
	/* the scan's key is one per run: a name hashes alike twice */
	ck_assert_uint_eq(hash_keyed("memcpy"), hash_keyed("memcpy"));
}
END_TEST

/* The stubs of the libraries glibc 2.34 emptied or thinned: a stand-in
 * SONAME, every function the table puts there at hidden versions; linked,
 * the needs name the library, and fixup puts its real name back. */
START_TEST(stubs_name_the_old_library)
{
	struct plan_item items[] = {
		{"pthread_create", DEC_PIN, "pthread_create@GLIBC_2.2.5", NULL, "libpthread.so.0"},
		{"memcpy", DEC_PIN, "memcpy@GLIBC_2.2.5", NULL, NULL},
		{"pthread_setaffinity_np", DEC_PIN, "pthread_setaffinity_np@GLIBC_2.3.4", NULL,
		 "libpthread.so.0"},
		{"exp", DEC_PIN, "exp@GLIBC_2.2.5", NULL, "libm.so.6"},
		{"res_query", DEC_SHIM, NULL, NULL, NULL},
	};
	struct plan p = {items, 5, STRVEC_INIT, 0};
	struct strvec stubs = STRVEC_INIT;
	const char *d = unit_tmpdir();

	strvec_push(&p.libs, "libpthread.so.0");
	strvec_push(&p.libs, "libm.so.6");
	strvec_push(&p.libs, "libresolv.so.2");
	ck_assert_int_eq(stub_write_all("x86_64", table_for_arch("x86_64"), &p, d, &stubs), 0);
	ck_assert_uint_eq(stubs.n, 3);
	ck_assert_str_eq(stubs.v[1], "");   /* libm: 2.34 left it apart, the real one */
	/* a shim's library (res_query calls __res_query@GLIBC_2.2.5) */
	unit_sh("readelf -W --dyn-syms '%s' | grep -q ' __res_query$'", stubs.v[2]);
	unit_sh("readelf -h '%s' | grep -q 'DYN (Shared object'", stubs.v[0]);
	unit_sh("readelf -p .dynstr '%s' | grep -q ' libpthread.so.~$'", stubs.v[0]);   /* no PT_DYNAMIC */
	unit_sh("readelf -V '%s' | grep -q 'GLIBC_2.3.4'", stubs.v[0]);
	unit_sh("readelf -W --dyn-syms '%s' | grep -q ' pthread_create$'", stubs.v[0]);
	unit_sh("readelf -W --dyn-syms '%s' | grep -q ' pthread_join$'", stubs.v[0]);
	unit_sh("! readelf -W --dyn-syms '%s' | grep -q memcpy", stubs.v[0]);
	/* linked: the need and DT_NEEDED name libpthread.so.0, not libc.so.6 */
	const char *o = fixture("st.c", "extern int pc(void *, void *, void *(*)(void *), void *);\n"
	                        "__asm__(\".symver pc, pthread_create@GLIBC_2.2.5\");\n"
	                        "extern int rq(const char *, int, int, void *, int);\n"
	                        "__asm__(\".symver rq, __res_query@GLIBC_2.2.5\");\n"
	                        "int f(void) { return pc(0, 0, 0, 0) + rq(0, 0, 0, 0, 0); }\n", "-fPIC");
	char out[512];
	snprintf(out, sizeof(out), "%s/libst.so", d);
	unit_sh("cc -shared %s '%s' '%s' -o '%s'", o, stubs.v[0], stubs.v[2], out);
	ck_assert_int_eq(fixup_stub_names(out, &p.libs, &stubs), 0);
	unit_sh("readelf -d '%s' | grep -q 'NEEDED.*\\[libpthread.so.0\\]'", out);
	unit_sh("readelf -V '%s' | grep -q 'File: libpthread.so.0'", out);
	unit_sh("readelf -V '%s' | grep -q 'File: libresolv.so.2'", out);
	unit_sh("! readelf -V '%s' | grep -q 'File: libc.so.6'", out);
	unit_sh("! grep -q 'libpthread.so.~\\|libresolv.so.~' '%s'", out);
	strvec_free(&stubs);
	strvec_free(&p.libs);
}
END_TEST

/* Read back the trampoline object symcc writes. */
START_TEST(emit_writes_hidden_trampolines_bound_to_versions)
{
	struct plan_item items[] = {
		{"memcpy", DEC_PIN, "memcpy@GLIBC_2.2.5", NULL, NULL},
		{"stat", DEC_SHIM, NULL, NULL, NULL},
	};
	struct plan p = {items, 2, STRVEC_INIT, 0};
	char path[512];
	int fd, found = 0;
	Elf *elf;
	Elf_Scn *scn = NULL;

	snprintf(path, sizeof(path), "%s/tramp.o", unit_tmpdir());
	ck_assert_int_eq(emit_trampolines("x86_64", &p, path), 0);
	unit_sh("readelf -h '%s' | grep -q 'REL (Relocatable'", path);
	unit_sh("readelf -r '%s' | grep -q 'R_X86_64_PLT32.*memcpy@GLIBC_2.2.5'", path);
	unit_sh("readelf -S '%s' | grep -q .note.GNU-stack", path);
	elf_version(EV_CURRENT);
	ck_assert_int_ge(fd = open(path, O_RDONLY), 0);
	ck_assert_ptr_nonnull(elf = elf_begin(fd, ELF_C_READ, NULL));
	while ((scn = elf_nextscn(elf, scn)) != NULL) {
		GElf_Shdr sh;
		ck_assert_ptr_nonnull(gelf_getshdr(scn, &sh));
		if (sh.sh_type != SHT_SYMTAB)
			continue;
		Elf_Data *d = elf_getdata(scn, NULL);
		for (size_t i = 0; i < sh.sh_size / sh.sh_entsize; i++) {
			GElf_Sym s;
			gelf_getsym(d, (int)i, &s);
			const char *n = elf_strptr(elf, sh.sh_link, s.st_name);
			if (strcmp(n, "__wrap_memcpy") == 0) {
				ck_assert_int_eq(GELF_ST_VISIBILITY(s.st_other), STV_HIDDEN);
				ck_assert_int_eq(GELF_ST_TYPE(s.st_info), STT_FUNC);
				ck_assert_int_ne(s.st_shndx, SHN_UNDEF);
				found |= 1;
			}
			if (strcmp(n, "memcpy@GLIBC_2.2.5") == 0) {
				ck_assert_int_eq(s.st_shndx, SHN_UNDEF);
				found |= 2;
			}
			ck_assert_msg(strcmp(n, "__wrap_stat") != 0, "shims are not trampolines");
		}
	}
	ck_assert_int_eq(found, 3);
	elf_end(elf);
	close(fd);
	/* and the linker accepts it: a program calling it binds memcpy@GLIBC_2.2.5 */
	const char *m = fixture("tm.c", "#include <string.h>\nint main(int c,char**v){char b[64];memcpy(b,v[0],c);return b[0];}\n", "-fno-builtin");
	unit_sh("cc %s %s -Wl,--wrap=memcpy -o %s/tm && readelf -V %s/tm | grep -q 'Name: GLIBC_2.2.5'"
	        " && ! objdump -T %s/tm | grep -q 'GLIBC_2.14'", m, path, unit_tmpdir(),
	        unit_tmpdir(), unit_tmpdir());
}
END_TEST

START_TEST(emit_refuses_unknown_architectures)
{
	struct plan p = {0};
	char path[512];

	snprintf(path, sizeof(path), "%s/none.o", unit_tmpdir());
	ck_assert_int_eq(emit_trampolines("vax", &p, path), -1);
	ck_assert_int_ne(access(path, F_OK), 0);
}
END_TEST

START_TEST(verify_names_symbols_above_target)
{
	const char *o = fixture("v.c", "#include <sys/stat.h>\nint main(int c,char**v){struct stat s;(void)c;return stat(v[0],&s);}\n", "");
	char exe[512];
	struct verify_result res;
	bool saw_stat = false, saw_start = false;

	snprintf(exe, sizeof(exe), "%s/v", unit_tmpdir());
	unit_sh("cc %s -o %s", o, exe);
	ck_assert_int_eq(verify_output(exe, 21700, false, &res), 0);
	ck_assert_int_ge(res.problems, 2);
	for (size_t i = 0; i < res.nmissed; i++) {
		saw_stat |= strcmp(res.missed[i].name, "stat") == 0 &&
		            strcmp(res.missed[i].version, "GLIBC_2.33") == 0;
		saw_start |= strcmp(res.missed[i].name, "__libc_start_main") == 0;
	}
	ck_assert(saw_stat && saw_start);
	verify_result_free(&res);
	/* the host's own glibc accepts it */
	ck_assert_int_eq(verify_output(exe, 23600, false, &res), 0);
	ck_assert_int_eq(res.problems, 0);
	verify_result_free(&res);
}
END_TEST

/* ld records a weak-only reference's version as a plain need; fixup flags it */
START_TEST(fixup_makes_weak_only_needs_weak)
{
	const char *o = fixture("w.c", "#include <stdio.h>\n#include <stdint.h>\n"
	                        "extern uint32_t arc4random(void) __attribute__((weak));\n"
	                        "int main(void){printf(\"%d\\n\", arc4random != 0);return 0;}\n", "");
	char exe[512], u[600];
	struct elf_needs en;
	struct verify_result res;
	bool weak_236 = false, strong_234 = false;

	snprintf(exe, sizeof(exe), "%s/w", unit_tmpdir());
	unit_sh("cc %s -o %s", o, exe);
	unit_sh("readelf -V %s | grep -q 'Name: GLIBC_2.36  Flags: none'", exe);
	/* with the table: arc4random has one version, so the reference loses it */
	unit_sh("cp %s %s.u", exe, exe);
	snprintf(u, sizeof(u), "%s.u", exe);
	ck_assert_int_eq(fixup_weak_needs(u, 21700, table_for_arch("x86_64")), 1);
	unit_sh("! readelf -V %s | grep -q GLIBC_2.36", u);
	unit_sh("readelf -V %s | grep -q 'Name: GLIBC_2.34'", u);
	unit_sh("test \"$(%s)\" = 1", u);   /* still bound on this glibc */
	/* without it (or with several versions): the need is flagged weak */
	ck_assert_int_eq(fixup_weak_needs(exe, 21700, NULL), 1);
	unit_sh("readelf -V %s | grep -q 'Name: GLIBC_2.36  Flags: WEAK'", exe);
	ck_assert_int_eq(elf_read_needs(exe, &en), 0);
	for (size_t i = 0; i < en.n; i++) {
		if (strcmp(en.needs[i].version, "GLIBC_2.36") == 0)
			weak_236 = en.needs[i].weak && en.needs[i].weak_ref;
		if (strcmp(en.needs[i].version, "GLIBC_2.34") == 0)
			strong_234 = !en.needs[i].weak;   /* __libc_start_main stays strong */
	}
	ck_assert(weak_236 && strong_234);
	elf_needs_free(&en);
	ck_assert_int_eq(verify_output(exe, 21700, false, &res), 0);
	for (size_t i = 0; i < res.nmissed; i++)
		ck_assert_str_ne(res.missed[i].name, "arc4random");
	verify_result_free(&res);
	/* a second run changes nothing */
	ck_assert_int_eq(fixup_weak_needs(exe, 21700, NULL), 0);
	/* and the program still runs (and finds arc4random) on this glibc */
	unit_sh("test \"$(%s)\" = 1", exe);
}
END_TEST

START_TEST(verify_rejects_files_that_are_not_elf)
{
	struct verify_result res;
	const char *p = unit_write("notelf", "just text\n");

	ck_assert_int_eq(verify_output(p, 21700, false, &res), -1);
	ck_assert_int_eq(verify_output("/nonexistent/file", 21700, false, &res), -1);
}
END_TEST

START_TEST(verify_static_executable_needs_nothing)
{
	const char *o = fixture("s.c", "int main(void){return 0;}\n", "");
	char exe[512];
	struct verify_result res;

	snprintf(exe, sizeof(exe), "%s/s", unit_tmpdir());
	unit_sh("cc -static %s -o %s", o, exe);
	ck_assert_int_eq(verify_output(exe, 20500, false, &res), 0);
	ck_assert_int_eq(res.problems, 0);
}
END_TEST

/* The host's shims archive is written to the cache once and reused. */
START_TEST(host_shims_are_cached_once)
{
	static const char blob[] = "!<arch>\nnot really an archive, just bytes\n";
	char cache[600], *p1 = NULL, *p2 = NULL;
	struct stat a, b;
	size_t len;
	char *text;

	snprintf(cache, sizeof(cache), "%s/hostcache", unit_tmpdir());
	setenv("SYMCC_CACHE_DIR", cache, 1);
	cache_reset();
	ck_assert_int_eq(shimcache_host(blob, sizeof(blob) - 1, 1, "x86_64", &p1), 0);
	ck_assert_int_eq(stat(p1, &a), 0);
	ck_assert_ptr_nonnull(text = read_file(p1, &len));
	ck_assert_uint_eq(len, sizeof(blob) - 1);
	ck_assert_int_eq(memcmp(text, blob, len), 0);
	free(text);
	ck_assert_int_eq(shimcache_host(blob, sizeof(blob) - 1, 1, "x86_64", &p2), 0);
	ck_assert_str_eq(p1, p2);
	ck_assert_int_eq(stat(p2, &b), 0);
	ck_assert_int_eq(a.st_ino, b.st_ino);   /* not written again */
	free(p2);
	/* the same size but other bytes (zeros): written again */
	unit_sh("truncate -s 0 %s && truncate -s %zu %s", p1, sizeof(blob) - 1, p1);
	ck_assert_int_eq(shimcache_host(blob, sizeof(blob) - 1, 1, "x86_64", &p2), 0);
	ck_assert_ptr_nonnull(text = read_file(p2, &len));
	ck_assert_int_eq(memcmp(text, blob, len), 0);
	free(text);
	free(p2);
	/* another user's: not used, and 1 (the caller writes its own copy) */
	ck_assert_int_eq(chown(p1, 65534, 65534), 0);
	ck_assert_int_eq(shimcache_host(blob, sizeof(blob) - 1, 1, "x86_64", &p2), geteuid() == 0);
	free(p1);
	/* no usable cache: 1, and the caller writes its own copy */
	setenv("SYMCC_CACHE_DIR", "/proc/no-such-dir", 1);
	cache_reset();
	ck_assert_int_eq(shimcache_host(blob, sizeof(blob) - 1, 1, "x86_64", &p1), 1);
	ck_assert_ptr_null(p1);
	unsetenv("SYMCC_CACHE_DIR");
	cache_reset();
}
END_TEST

static Suite *
elf_suite(void)
{
	Suite *s = suite_create("elf");
	TCase *tc = tcase_create("scan");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, scan_finds_glibc_imports_with_default_versions);
	tcase_add_test(tc, scan_pulls_only_needed_archive_members);
	tcase_add_test(tc, scan_leaves_symbols_the_program_defines);
	tcase_add_test(tc, scan_reads_gcc_lto_symbol_tables);
	tcase_add_test(tc, siphash13_matches_reference_values);
	suite_add_tcase(s, tc);
	tc = tcase_create("emit");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, emit_writes_hidden_trampolines_bound_to_versions);
	tcase_add_test(tc, emit_refuses_unknown_architectures);
	tcase_add_test(tc, host_shims_are_cached_once);
	suite_add_tcase(s, tc);
	tc = tcase_create("verify");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, verify_names_symbols_above_target);
	tcase_add_test(tc, fixup_makes_weak_only_needs_weak);
	tcase_add_test(tc, stubs_name_the_old_library);
	tcase_add_test(tc, verify_rejects_files_that_are_not_elf);
	tcase_add_test(tc, verify_static_executable_needs_nothing);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(elf_suite)
