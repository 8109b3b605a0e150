/*
 * test-table.c: version parsing and lookups in the compiled-in glibc tables.
 * SPDX-License-Identifier: MIT-0
 *
 * The facts checked against the x86_64 table are those of
 * shared/reference/glibc-abi-audit.md (Tables A, B and C) and DESIGN.md.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "plan.h"
#include "table.h"

static const struct glibc_table *
x86_64(void)
{
	const struct glibc_table *t = table_for_arch("x86_64");
	ck_assert_ptr_nonnull(t);
	return t;
}

/* The entry of name at version ver ("2.2.5"), failing the test if none. */
static const struct table_entry *
entry(const struct glibc_table *t, const char *name, const char *ver)
{
	glibcver v;
	size_t n;
	ck_assert_int_eq(glibcver_parse(ver, &v), 0);
	const struct table_entry *e = table_lookup(t, name, &n);
	for (size_t i = 0; i < n; i++)
		if (e[i].ver == v)
			return &e[i];
	ck_abort_msg("%s@GLIBC_%s is not in the %s table", name, ver, t->arch);
	return NULL;
}

static const char *
lib(const struct glibc_table *t, const struct table_entry *e)
{
	ck_assert_uint_lt(e->lib, t->nlibs);
	return t->libs[e->lib];
}

START_TEST(parse_accepts_two_and_three_parts)
{
	glibcver v;
	ck_assert_int_eq(glibcver_parse("2.17", &v), 0);
	ck_assert_uint_eq(v, 21700);
	ck_assert_int_eq(glibcver_parse("2.2.5", &v), 0);
	ck_assert_uint_eq(v, 20205);
	ck_assert_int_eq(glibcver_parse("GLIBC_2.17", &v), 0);
	ck_assert_uint_eq(v, 21700);
	ck_assert_int_eq(glibcver_parse("GLIBC_2.3.4", &v), 0);
	ck_assert_uint_eq(v, 20304);
	ck_assert_int_eq(glibcver_parse("2.0", &v), 0);
	ck_assert_uint_eq(v, 20000);
	ck_assert_int_eq(glibcver_parse("2.99.99", &v), 0);
	ck_assert_uint_eq(v, 29999);
}
END_TEST

START_TEST(parse_rejects_junk)
{
	static const char *const bad[] = {
		"", "2", "2.", ".17", "2..5", "2.2.", "2.2.5.1", "2.17x", " 2.17",
		"2.17 ", "+2.17", "-2.17", "2.-1", "GLIBC_", "GLIBC_PRIVATE", "glibc_2.17",
		"GLIBC_GLIBC_2.17", "2.100", "2.2.100", "2.017", "02.17", "x2.17",
		"99999999999.1", "429496.0", "4294967296.1", "2.17\n",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		glibcver v = 12345;
		ck_assert_msg(glibcver_parse(bad[i], &v) == -1, "accepted \"%s\"", bad[i]);
		ck_assert_uint_eq(v, 12345);
	}
}
END_TEST

START_TEST(format_round_trips)
{
	static const char *const good[] = {"2.0", "2.2.5", "2.17", "2.3.4", "2.43", "2.99.99"};
	char buf[16];
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		glibcver v;
		ck_assert_int_eq(glibcver_parse(good[i], &v), 0);
		ck_assert_str_eq(glibcver_format(v, buf, sizeof(buf)), good[i]);
	}
	ck_assert_ptr_eq(glibcver_format(21700, buf, sizeof(buf)), buf);
	ck_assert_str_eq(glibcver_format(4294967295u, buf, sizeof(buf)), "429496.72.95");
	ck_assert_str_eq(glibcver_format(20205, buf, 4), "2.2");  /* truncates */
}
END_TEST

START_TEST(unknown_arch_has_no_table)
{
	ck_assert_ptr_null(table_for_arch("vax"));
	ck_assert_ptr_null(table_for_arch("amd64"));  /* tables use x86_64 */
	ck_assert_ptr_null(table_for_arch(""));
}
END_TEST

START_TEST(x86_64_header)
{
	const struct glibc_table *t = x86_64();
	char buf[16];
	ck_assert_str_eq(t->arch, "x86_64");
	ck_assert_str_eq(glibcver_format(t->base, buf, sizeof(buf)), "2.2.5");
	ck_assert_uint_ge(t->newest, 24300);  /* sid's glibc 2.43 was read */
	ck_assert_uint_gt(t->nentries, 4000);
	ck_assert_uint_ge(t->nlibs, 9);
}
END_TEST

START_TEST(entries_sorted_and_within_range)
{
	const struct glibc_table *t = x86_64();
	glibcver newest = 0;
	for (size_t i = 0; i < t->nentries; i++) {
		const struct table_entry *e = &t->entries[i];
		if (i > 0) {
			int c = strcmp(table_name(t, &t->entries[i - 1]), table_name(t, e));
			ck_assert_msg(c < 0 || (c == 0 && t->entries[i - 1].ver < e->ver),
			              "entries %zu and %zu out of order", i - 1, i);
		}
		ck_assert_uint_ge(e->ver, t->base);
		ck_assert_uint_lt(e->lib, t->nlibs);
		ck_assert_uint_le(e->type, SYM_NOTYPE);
		if (e->type == SYM_FUNC || e->type == SYM_NOTYPE)
			ck_assert_uint_eq(e->size, 0);
		if (e->ver > newest)
			newest = e->ver;
	}
	ck_assert_uint_eq(newest, t->newest);
}
END_TEST

/* Audit Table A: memcpy 2.2.5 (memmove alias) and default 2.14, both libc. */
START_TEST(memcpy_has_two_versions)
{
	const struct glibc_table *t = x86_64();
	size_t n;
	const struct table_entry *e = table_lookup(t, "memcpy", &n);
	ck_assert_ptr_nonnull(e);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(table_name(t, &e[0]), "memcpy");
	ck_assert_uint_eq(e[0].ver, 20205);
	ck_assert_uint_eq(e[1].ver, 21400);
	ck_assert_str_eq(lib(t, &e[0]), "libc.so.6");
	ck_assert_uint_eq(e[0].type, SYM_FUNC);
	ck_assert_uint_eq(e[0].is_default, 0);
	ck_assert_uint_eq(e[1].is_default, 1);
}
END_TEST

/* Audit Table C: moved from libpthread into libc in 2.34. */
START_TEST(pthread_create_moved_to_libc)
{
	const struct glibc_table *t = x86_64();
	ck_assert_str_eq(lib(t, entry(t, "pthread_create", "2.2.5")), "libpthread.so.0");
	ck_assert_str_eq(lib(t, entry(t, "pthread_create", "2.34")), "libc.so.6");
	ck_assert_uint_eq(entry(t, "pthread_create", "2.34")->is_default, 1);
	ck_assert_str_eq(lib(t, entry(t, "dlopen", "2.2.5")), "libdl.so.2");
	ck_assert_str_eq(lib(t, entry(t, "timer_create", "2.3.3")), "librt.so.1");
	ck_assert_str_eq(lib(t, entry(t, "openpty", "2.2.5")), "libutil.so.1");
	ck_assert_str_eq(lib(t, entry(t, "getaddrinfo_a", "2.2.5")), "libanl.so.1");
	ck_assert_str_eq(lib(t, entry(t, "ns_name_compress", "2.9")), "libresolv.so.2");
	ck_assert_str_eq(lib(t, entry(t, "__isnanf128", "2.26")), "libm.so.6");
}
END_TEST

/* Audit Table C: moved in 2.32, so libpthread for targets below 2.32. */
START_TEST(pthread_sigmask_moved_in_2_32)
{
	const struct glibc_table *t = x86_64();
	ck_assert_str_eq(lib(t, entry(t, "pthread_sigmask", "2.2.5")), "libpthread.so.0");
	ck_assert_str_eq(lib(t, entry(t, "pthread_sigmask", "2.32")), "libc.so.6");
	ck_assert_str_eq(lib(t, entry(t, "pthread_getattr_np", "2.2.5")), "libpthread.so.0");
}
END_TEST

/* Audit Tables A and C: clock_* lived in librt before 2.17 (history file). */
START_TEST(clock_gettime_old_version_in_librt)
{
	const struct glibc_table *t = x86_64();
	static const char *const fns[] = {"clock_getcpuclockid", "clock_getres",
		"clock_gettime", "clock_nanosleep", "clock_settime"};
	for (size_t i = 0; i < sizeof(fns) / sizeof(fns[0]); i++) {
		ck_assert_str_eq(lib(t, entry(t, fns[i], "2.2.5")), "librt.so.1");
		ck_assert_str_eq(lib(t, entry(t, fns[i], "2.17")), "libc.so.6");
		ck_assert_uint_eq(entry(t, fns[i], "2.17")->is_default, 1);
	}
}
END_TEST

/* Audit Table B: a char data symbol, new in 2.32. */
START_TEST(libc_single_threaded_is_a_char)
{
	const struct glibc_table *t = x86_64();
	size_t n;
	const struct table_entry *e = table_lookup(t, "__libc_single_threaded", &n);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(e->ver, 23200);
	ck_assert_uint_eq(e->type, SYM_OBJECT);
	ck_assert_uint_eq(e->size, 1);
	ck_assert_str_eq(lib(t, e), "libc.so.6");
}
END_TEST

/* Audit Table B: stat became a libc symbol only in 2.33. */
START_TEST(stat_only_at_2_33)
{
	const struct glibc_table *t = x86_64();
	size_t n;
	const struct table_entry *e = table_lookup(t, "stat", &n);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(e->ver, 23300);
	ck_assert_uint_eq(e->is_default, 1);
	e = table_lookup(t, "__xstat", &n);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(e->ver, 20205);
}
END_TEST

/* DESIGN.md: there is no GLIBC_2.37 version node. */
START_TEST(no_glibc_2_37)
{
	const struct glibc_table *t = x86_64();
	for (size_t i = 0; i < t->nentries; i++)
		ck_assert_msg(t->entries[i].ver != 23700, "%s@GLIBC_2.37", table_name(t, &t->entries[i]));
}
END_TEST

START_TEST(missing_symbol_is_null)
{
	const struct glibc_table *t = x86_64();
	size_t n = 99;
	ck_assert_ptr_null(table_lookup(t, "no_such_function_in_glibc", &n));
	ck_assert_uint_eq(n, 0);
	n = 99;
	ck_assert_ptr_null(table_lookup(t, "", &n));
	ck_assert_uint_eq(n, 0);
	n = 99;
	ck_assert_ptr_null(table_lookup(t, "memcp", &n));  /* a prefix is no match */
	ck_assert_uint_eq(n, 0);
	n = 99;
	ck_assert_ptr_null(table_lookup(t, "\x7f", &n));   /* past the last entry */
	ck_assert_uint_eq(n, 0);
}
END_TEST

START_TEST(first_and_last_entries_found)
{
	const struct glibc_table *t = x86_64();
	size_t n;
	const struct table_entry *first = &t->entries[0];
	const struct table_entry *last = &t->entries[t->nentries - 1];
	ck_assert_ptr_eq(table_lookup(t, table_name(t, first), &n), first);
	const struct table_entry *e = table_lookup(t, table_name(t, last), &n);
	ck_assert_ptr_eq(e + n - 1, last);
}
END_TEST

#ifdef SYMCC_HAVE_TABLE_aarch64
/* DESIGN.md: aarch64's base is 2.17, where memcpy has one version. */
START_TEST(aarch64_base_2_17)
{
	const struct glibc_table *t = table_for_arch("aarch64");
	size_t n;
	ck_assert_ptr_nonnull(t);
	ck_assert_uint_eq(t->base, 21700);
	const struct table_entry *e = table_lookup(t, "memcpy", &n);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(e->ver, 21700);
	ck_assert_str_eq(lib(t, entry(t, "pthread_create", "2.17")), "libpthread.so.0");
}
END_TEST
#endif

/* Every table: sorted, within its base, libraries and types in range. */
START_TEST(every_table_well_formed)
{
	static const char *const arches[] = {"x86_64", "aarch64", "i686", "armv7", "ppc64le",
	                                     "s390x", "riscv64"};
	for (size_t a = 0; a < sizeof(arches) / sizeof(arches[0]); a++) {
		const struct glibc_table *t = table_for_arch(arches[a]);
		ck_assert_msg(t != NULL, "no %s table", arches[a]);
		ck_assert_str_eq(t->arch, arches[a]);
		ck_assert_uint_gt(t->nentries, 3500);
		for (size_t i = 0; i < t->nentries; i++) {
			const struct table_entry *e = &t->entries[i];
			if (i > 0) {
				int c = strcmp(table_name(t, &t->entries[i - 1]), table_name(t, e));
				ck_assert_msg(c < 0 || (c == 0 && t->entries[i - 1].ver < e->ver),
				              "%s: entries %zu and %zu out of order", t->arch, i - 1, i);
			}
			ck_assert_uint_ge(e->ver, t->base);
			ck_assert_uint_le(e->ver, t->newest);
			ck_assert_uint_lt(e->lib, t->nlibs);
			/* GLIBC_2.37 has one symbol, and only on 32-bit arches: the
			 * fortified ppoll of 64-bit time (glibc 2.37 NEWS, debug/Versions) */
			ck_assert_msg(e->ver != 23700 || strcmp(table_name(t, e), "__ppoll64_chk") == 0,
			              "%s: %s@GLIBC_2.37", t->arch, table_name(t, e));
		}
	}
}
END_TEST

/* The version of name's only or given entry, or a failed test. */
static glibcver
only_version(const struct glibc_table *t, const char *name)
{
	size_t n;
	const struct table_entry *e = table_lookup(t, name, &n);
	ck_assert_msg(n == 1, "%s has %zu versions on %s, expected 1", name, n, t->arch);
	return e->ver;
}

static const struct glibc_table *
arch_table(const char *arch)
{
	const struct glibc_table *t = table_for_arch(arch);
	ck_assert_msg(t != NULL, "no %s table", arch);
	return t;
}

/* DESIGN.md base versions: i686 2.0, where memcpy has only GLIBC_2.0 (the
 * 2.14 memcpy/memmove split was x86_64's alone), and fopen has the 2.0
 * compat and the 2.1 default of the libio rewrite (i386 abilist). */
START_TEST(i686_base_2_0)
{
	const struct glibc_table *t = arch_table("i686");
	ck_assert_uint_eq(t->base, 20000);
	ck_assert_uint_eq(only_version(t, "memcpy"), 20000);
	ck_assert_uint_eq(only_version(t, "__ppoll64_chk"), 23700);
	ck_assert_uint_eq(entry(t, "fopen", "2.0")->is_default, 0);
	ck_assert_uint_eq(entry(t, "fopen", "2.1")->is_default, 1);
	ck_assert_str_eq(lib(t, entry(t, "pthread_create", "2.1")), "libpthread.so.0");
	ck_assert_str_eq(lib(t, entry(t, "dlopen", "2.1")), "libdl.so.2");
	/* history-i686.txt: clock_* in librt before 2.17 */
	ck_assert_str_eq(lib(t, entry(t, "clock_gettime", "2.2")), "librt.so.1");
	ck_assert_str_eq(lib(t, entry(t, "clock_gettime", "2.17")), "libc.so.6");
	/* a 32-bit timer_t was always an int: no 2.3.3 node on i686 */
	ck_assert_str_eq(lib(t, entry(t, "timer_create", "2.2")), "librt.so.1");
	size_t n;
	table_lookup(t, "timer_create", &n);
	ck_assert_uint_eq(n, 2);
}
END_TEST

/* armv7 (EABI) starts at 2.4. */
START_TEST(armv7_base_2_4)
{
	const struct glibc_table *t = arch_table("armv7");
	ck_assert_uint_eq(t->base, 20400);
	ck_assert_uint_eq(only_version(t, "memcpy"), 20400);
	ck_assert_str_eq(lib(t, entry(t, "clock_gettime", "2.4")), "librt.so.1");
	ck_assert_str_eq(lib(t, entry(t, "pthread_create", "2.4")), "libpthread.so.0");
}
END_TEST

/* s390x starts at 2.2 and has the 64-bit timer_t compat node 2.3.3; its
 * oldest release read is 2.36, so the libraries come from history. */
START_TEST(s390x_base_2_2)
{
	const struct glibc_table *t = arch_table("s390x");
	ck_assert_uint_eq(t->base, 20200);
	ck_assert_uint_eq(only_version(t, "memcpy"), 20200);
	ck_assert_str_eq(lib(t, entry(t, "timer_create", "2.2")), "librt.so.1");
	ck_assert_str_eq(lib(t, entry(t, "timer_create", "2.3.3")), "librt.so.1");
	ck_assert_str_eq(lib(t, entry(t, "timer_create", "2.34")), "libc.so.6");
	ck_assert_str_eq(lib(t, entry(t, "pthread_create", "2.2")), "libpthread.so.0");
	ck_assert_str_eq(lib(t, entry(t, "clock_gettime", "2.2")), "librt.so.1");
	ck_assert_str_eq(lib(t, entry(t, "openpty", "2.2")), "libutil.so.1");
}
END_TEST

START_TEST(ppc64le_and_riscv64_bases)
{
	const struct glibc_table *p = arch_table("ppc64le"), *r = arch_table("riscv64");
	ck_assert_uint_eq(p->base, 21700);
	ck_assert_uint_eq(only_version(p, "memcpy"), 21700);
	ck_assert_str_eq(lib(p, entry(p, "pthread_create", "2.17")), "libpthread.so.0");
	ck_assert_str_eq(lib(p, entry(p, "dlopen", "2.17")), "libdl.so.2");
	ck_assert_uint_eq(r->base, 22700);
	ck_assert_uint_eq(only_version(r, "memcpy"), 22700);
	ck_assert_str_eq(lib(r, entry(r, "pthread_create", "2.27")), "libpthread.so.0");
	ck_assert_str_eq(lib(r, entry(r, "dlopen", "2.27")), "libdl.so.2");
	ck_assert_uint_eq(only_version(r, "clock_gettime"), 22700);
}
END_TEST

/* The ABI verdicts as each architecture spells the old versions
 * (data/abi-verdicts.txt; audit Table A). */
START_TEST(per_arch_decisions)
{
	struct decision d;
	char vb[16];

	/* s390x: timer_create@2.2 is the int-ID compat: pin 2.3.3 */
	plan_decide(arch_table("s390x"), 21700, "timer_create", 23400, false, false, &d);
	ck_assert_int_eq(d.kind, DEC_PIN);
	ck_assert_str_eq(glibcver_format(d.entry->ver, vb, sizeof(vb)), "2.3.3");
	/* i686: its only old timer_create is fine */
	plan_decide(arch_table("i686"), 21700, "timer_create", 23400, false, false, &d);
	ck_assert_int_eq(d.kind, DEC_PIN);
	ck_assert_str_eq(glibcver_format(d.entry->ver, vb, sizeof(vb)), "2.2");
	/* i686 realpath@2.0 and pthread_cond_wait@2.0 are unsafe */
	bool unsafe = false;
	ck_assert_ptr_nonnull(abi_verdict("i686", "realpath", 20000, &unsafe));
	ck_assert(unsafe);
	ck_assert_ptr_nonnull(abi_verdict("i686", "pthread_cond_wait", 20000, &unsafe));
	ck_assert(unsafe);
	ck_assert_ptr_null(abi_verdict("i686", "pthread_cond_wait", 20302, &unsafe));
	/* glob's old version is a caveat wherever the arch has it */
	ck_assert_ptr_nonnull(abi_verdict("aarch64", "glob", 21700, &unsafe));
	ck_assert(!unsafe);
	ck_assert_ptr_nonnull(abi_verdict("armv7", "glob64", 20400, &unsafe));
	/* riscv64 began after the new glob: no caveat */
	ck_assert_ptr_null(abi_verdict("riscv64", "glob", 22700, &unsafe));
	/* pthread_create for 2.17 on aarch64 needs libpthread on the target */
	plan_decide(arch_table("aarch64"), 21700, "pthread_create", 23400, false, false, &d);
	ck_assert_int_eq(d.kind, DEC_PIN);
	ck_assert_str_eq(arch_table("aarch64")->libs[d.entry->lib], "libpthread.so.0");
}
END_TEST

static Suite *
table_suite(void)
{
	Suite *s = suite_create("table");
	TCase *tc = tcase_create("glibcver");
	tcase_add_test(tc, parse_accepts_two_and_three_parts);
	tcase_add_test(tc, parse_rejects_junk);
	tcase_add_test(tc, format_round_trips);
	suite_add_tcase(s, tc);

	tc = tcase_create("lookup");
	tcase_add_test(tc, unknown_arch_has_no_table);
	tcase_add_test(tc, x86_64_header);
	tcase_add_test(tc, entries_sorted_and_within_range);
	tcase_add_test(tc, memcpy_has_two_versions);
	tcase_add_test(tc, pthread_create_moved_to_libc);
	tcase_add_test(tc, pthread_sigmask_moved_in_2_32);
	tcase_add_test(tc, clock_gettime_old_version_in_librt);
	tcase_add_test(tc, libc_single_threaded_is_a_char);
	tcase_add_test(tc, stat_only_at_2_33);
	tcase_add_test(tc, no_glibc_2_37);
	tcase_add_test(tc, missing_symbol_is_null);
	tcase_add_test(tc, first_and_last_entries_found);
#ifdef SYMCC_HAVE_TABLE_aarch64
	tcase_add_test(tc, aarch64_base_2_17);
#endif
	suite_add_tcase(s, tc);

	tc = tcase_create("arches");
	tcase_add_test(tc, every_table_well_formed);
	tcase_add_test(tc, i686_base_2_0);
	tcase_add_test(tc, armv7_base_2_4);
	tcase_add_test(tc, s390x_base_2_2);
	tcase_add_test(tc, ppc64le_and_riscv64_bases);
	tcase_add_test(tc, per_arch_decisions);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(table_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed;
}
