/*
 * test-plan.c: version choice on the real x86_64 table (DESIGN.md rules,
 * facts from the glibc ABI audit).
 * SPDX-License-Identifier: MIT-0
 */
#include "unit.h"
#include "plan.h"
#include "scan.h"
#include "target.h"

static const struct glibc_table *
x86(void)
{
	const struct glibc_table *t = table_for_arch("x86_64");
	ck_assert_ptr_nonnull(t);
	return t;
}

static glibcver
V(const char *s)
{
	glibcver v;
	ck_assert_int_eq(glibcver_parse(s, &v), 0);
	return v;
}

static struct decision
decide(const char *name, const char *from, const char *target, bool weak)
{
	struct decision d;
	plan_decide(x86(), V(target), name, V(from), weak, false, &d);
	return d;
}

static void
assert_pin(const char *name, const char *from, const char *target, const char *want,
           const char *lib)
{
	struct decision d = decide(name, from, target, false);
	char b[16];

	ck_assert_msg(d.kind == DEC_PIN, "%s for %s: kind %d (%s)", name, target, d.kind, d.why);
	ck_assert_str_eq(glibcver_format(d.entry->ver, b, sizeof(b)), want);
	ck_assert_str_eq(x86()->libs[d.entry->lib], lib);
}

START_TEST(default_old_enough_is_kept)
{
	ck_assert_int_eq(decide("memcpy", "2.14", "2.17", false).kind, DEC_KEEP);
	ck_assert_int_eq(decide("memcpy", "2.14", "2.14", false).kind, DEC_KEEP);
	ck_assert_int_eq(decide("stat", "2.33", "2.33", false).kind, DEC_KEEP);
}
END_TEST

START_TEST(newest_version_at_or_below_target)
{
	assert_pin("memcpy", "2.14", "2.13", "2.2.5", "libc.so.6");
	assert_pin("exp", "2.29", "2.17", "2.2.5", "libm.so.6");
	assert_pin("pthread_create", "2.34", "2.17", "2.2.5", "libpthread.so.0");
	assert_pin("dlopen", "2.34", "2.28", "2.2.5", "libdl.so.2");
	assert_pin("clock_gettime", "2.17", "2.12", "2.2.5", "librt.so.1");
	assert_pin("pthread_sigmask", "2.32", "2.31", "2.2.5", "libpthread.so.0");
	assert_pin("mq_open", "2.34", "2.17", "2.3.4", "librt.so.1");
}
END_TEST

/* DESIGN.md: newest, not oldest: timer_create@2.2.5 is ABI-incompatible */
START_TEST(unsafe_old_versions_are_skipped)
{
	assert_pin("timer_create", "2.34", "2.17", "2.3.3", "librt.so.1");
	assert_pin("pthread_setaffinity_np", "2.34", "2.17", "2.3.4", "libpthread.so.0");
	assert_pin("lio_listio", "2.34", "2.17", "2.4", "librt.so.1");
	/* below the safe version, nothing is left */
	ck_assert_int_eq(decide("timer_create", "2.34", "2.3", false).kind, DEC_FAIL);
}
END_TEST

START_TEST(shims_replace_what_cannot_be_pinned)
{
	struct decision d = decide("__libc_start_main", "2.34", "2.17", false);
	ck_assert_int_eq(d.kind, DEC_SHIM);
	ck_assert_str_eq(d.shim->name, "__libc_start_main");
	ck_assert_int_eq(decide("stat", "2.33", "2.17", false).kind, DEC_SHIM);
	ck_assert_int_eq(decide("fcntl64", "2.28", "2.17", false).kind, DEC_SHIM);
	ck_assert_int_eq(decide("fcntl64", "2.28", "2.28", false).kind, DEC_KEEP);
	ck_assert_int_eq(decide("_dl_find_object", "2.35", "2.17", false).kind, DEC_SHIM);
}
END_TEST

START_TEST(caveats_are_reported)
{
	struct decision d = decide("glob", "2.27", "2.17", false);
	ck_assert_int_eq(d.kind, DEC_PIN);
	ck_assert_ptr_nonnull(d.caveat);
	ck_assert_ptr_null(decide("memcpy", "2.14", "2.13", false).caveat);
}
END_TEST

START_TEST(missing_function_fails_with_oldest_target)
{
	struct decision d = decide("posix_spawn_file_actions_addtcsetpgrp_np", "2.35", "2.17", false);
	char b[16];
	ck_assert_int_eq(d.kind, DEC_FAIL);
	ck_assert_str_eq(glibcver_format(d.oldest, b, sizeof(b)), "2.35");
}
END_TEST

START_TEST(weak_reference_to_missing_stays_null)
{
	ck_assert_int_eq(decide("posix_spawn_file_actions_addtcsetpgrp_np", "2.35", "2.17", true).kind,
	                 DEC_WEAK_NULL);
	/* even when symcc has a polyfill: the caller's own fallback runs */
	ck_assert_int_eq(decide("arc4random", "2.36", "2.17", true).kind, DEC_WEAK_NULL);
	ck_assert_int_eq(decide("arc4random", "2.36", "2.17", false).kind, DEC_SHIM);
	/* a weak reference that CAN be pinned is pinned (its library gets loaded) */
	ck_assert_int_eq(decide("pthread_create", "2.34", "2.17", true).kind, DEC_PIN);
}
END_TEST

/* riscv64 __send@@GLIBC_2.27 is still the default in libc, but glibc
 * 2.27-2.33 held it in libpthread: pinned there, so it is needed and named.
 * Items record the library for stub.c; libc's pins record none. */
START_TEST(default_in_an_emptied_library_is_pinned_there)
{
	const struct glibc_table *rv = table_for_arch("riscv64");
	struct import im[] = {
		{"__send", "GLIBC_2.27", "libc.so.6", "a.o", false, false},
		{"send", "GLIBC_2.27", "libc.so.6", "a.o", false, false},
		{"memcpy", "GLIBC_2.14", "libc.so.6", "b.o", false, false},
	};
	struct plan p = {0};
	struct decision d;

	ck_assert_ptr_nonnull(rv);
	plan_decide(rv, V("2.28"), "__send", V("2.27"), false, false, &d);
	ck_assert_int_eq(d.kind, DEC_PIN);
	ck_assert_str_eq(rv->libs[d.entry->lib], "libpthread.so.0");
	plan_decide(rv, V("2.28"), "send", V("2.27"), false, false, &d);
	ck_assert_int_eq(d.kind, DEC_KEEP);
	plan_build(rv, V("2.28"), im, 2, &p);
	ck_assert_uint_eq(p.nitems, 1);
	ck_assert_str_eq(p.items[0].symver, "__send@GLIBC_2.27");
	ck_assert_str_eq(p.items[0].lib, "libpthread.so.0");
	plan_free(&p);
	plan_build(x86(), V("2.13"), im + 2, 1, &p);
	ck_assert_uint_eq(p.nitems, 1);
	ck_assert_ptr_null(p.items[0].lib);
	plan_free(&p);
}
END_TEST

START_TEST(plan_collects_libraries_once)
{
	struct import im[] = {
		{"pthread_create", "GLIBC_2.34", "libc.so.6", "a.o", false, false},
		{"pthread_join", "GLIBC_2.34", "libc.so.6", "a.o", false, false},
		{"dlopen", "GLIBC_2.34", "libc.so.6", "b.o", false, false},
		{"memcpy", "GLIBC_2.14", "libc.so.6", "b.o", false, false},
		{"puts", "GLIBC_2.2.5", "libc.so.6", "b.o", false, false},
	};
	struct plan p = {0};

	plan_build(x86(), V("2.17"), im, 5, &p);
	ck_assert_int_eq(p.nerrors, 0);
	ck_assert_uint_eq(p.nitems, 3);   /* memcpy@2.14 and puts are old enough */
	ck_assert_uint_eq(p.libs.n, 2);
	ck_assert_str_eq(p.libs.v[0], "libpthread.so.0");
	ck_assert_str_eq(p.libs.v[1], "libdl.so.2");
	ck_assert_str_eq(p.items[0].symver, "pthread_create@GLIBC_2.2.5");
	plan_free(&p);
}
END_TEST

/* a shim that needs two old libraries (shims.txt's comma list) adds both */
START_TEST(shim_libraries_from_a_list)
{
	struct import im[] = {
		{"__cxa_thread_atexit_impl", "GLIBC_2.18", "libc.so.6", "a.o", false, false},
		{"dlopen", "GLIBC_2.34", "libc.so.6", "b.o", false, false},
	};
	struct plan p = {0};

	plan_build(x86(), V("2.17"), im, 2, &p);
	ck_assert_int_eq(p.nerrors, 0);
	ck_assert_uint_eq(p.nitems, 2);
	ck_assert_int_eq(p.items[0].kind, DEC_SHIM);
	ck_assert_uint_eq(p.libs.n, 2);
	ck_assert_str_eq(p.libs.v[0], "libpthread.so.0");
	ck_assert_str_eq(p.libs.v[1], "libdl.so.2");
	plan_free(&p);
	/* 2.18 has it: kept */
	ck_assert_int_eq(decide("__cxa_thread_atexit_impl", "2.18", "2.18", false).kind, DEC_KEEP);
}
END_TEST

START_TEST(refused_shims_say_why)
{
	struct decision d = decide("_Fork", "2.34", "2.17", false);

	/* shims.txt's "none" lines: the link fails with their reason */
	ck_assert_int_eq(d.kind, DEC_FAIL);
	ck_assert_ptr_nonnull(strstr(d.why, "symcc has no shim: a fork that runs no atfork handlers"));
	d = decide("cosf128", "2.26", "2.17", false);   /* a pattern: *f128 */
	ck_assert_int_eq(d.kind, DEC_FAIL);
	ck_assert_ptr_nonnull(strstr(d.why, "no _Float128 maths"));
	ck_assert_int_eq(d.oldest, V("2.26"));
	/* a real shim wins over the pattern; a weak reference stays NULL */
	ck_assert_int_eq(decide("strfromf128", "2.26", "2.17", false).kind, DEC_SHIM);
	ck_assert_int_eq(decide("_Fork", "2.34", "2.17", true).kind, DEC_WEAK_NULL);
	/* a refusal is no shim: --explain and the planner see none */
	ck_assert_ptr_null(shim_lookup("_Fork"));
	/* the target has it: kept as ever */
	ck_assert_int_eq(decide("_Fork", "2.34", "2.34", false).kind, DEC_KEEP);
	/* no line at all: the plain words */
	ck_assert_str_eq(decide("posix_openpt_missing", "2.40", "2.17", false).why,
	                 "the target has no version of it, and symcc has no shim for it");
}
END_TEST

/* a shim of a group brings its companions: symcc's own posix_spawn family
 * comes with posix_spawn_file_actions_addchdir_np, also over a pin */
static const struct plan_item *
item(const struct plan *p, const char *name)
{
	for (size_t i = 0; i < p->nitems; i++)
		if (strcmp(p->items[i].name, name) == 0)
			return &p->items[i];
	return NULL;
}

START_TEST(companions_come_with_their_group)
{
	struct import spawn_only[] = {
		{"posix_spawn", "GLIBC_2.15", "libc.so.6", "a.o", false, false},
	};
	struct import with_chdir[] = {
		{"posix_spawn", "GLIBC_2.15", "libc.so.6", "a.o", false, false},
		{"posix_spawn_file_actions_addchdir_np", "GLIBC_2.29", "libc.so.6", "a.o", false, false},
	};
	static const char *const family[] = {
		"posix_spawn_file_actions_init", "posix_spawn_file_actions_destroy",
		"posix_spawn_file_actions_addopen", "posix_spawn_file_actions_addclose",
		"posix_spawn_file_actions_adddup2", "posix_spawn", "posix_spawnp",
	};
	struct plan p = {0};

	plan_build(x86(), V("2.17"), spawn_only, 1, &p);
	ck_assert_uint_eq(p.nitems, 0);   /* alone: glibc's own */
	plan_free(&p);
	/* a companion is never a shim by itself */
	ck_assert_int_eq(decide("posix_spawn_file_actions_init", "2.2.5", "2.17", false).kind, DEC_KEEP);

	plan_build(x86(), V("2.17"), with_chdir, 2, &p);
	ck_assert_int_eq(p.nerrors, 0);
	ck_assert_uint_eq(p.nitems, 8);
	ck_assert_int_eq(item(&p, "posix_spawn_file_actions_addchdir_np")->kind, DEC_SHIM);
	for (size_t i = 0; i < sizeof(family) / sizeof(family[0]); i++) {
		ck_assert_ptr_nonnull(item(&p, family[i]));
		ck_assert_int_eq(item(&p, family[i])->kind, DEC_SHIM);
	}
	plan_free(&p);

	/* 2.7: posix_spawn would be pinned to 2.2.5; the shim replaces the pin */
	plan_build(x86(), V("2.7"), with_chdir, 2, &p);
	ck_assert_int_eq(p.nerrors, 0);
	ck_assert_uint_eq(p.nitems, 8);
	ck_assert_int_eq(item(&p, "posix_spawn")->kind, DEC_SHIM);
	ck_assert_ptr_null(item(&p, "posix_spawn")->symver);
	plan_free(&p);

	/* 2.29 has addchdir_np: nothing to do */
	plan_build(x86(), V("2.29"), with_chdir, 2, &p);
	ck_assert_uint_eq(p.nitems, 0);
	plan_free(&p);
}
END_TEST

START_TEST(plan_counts_errors)
{
	struct import im[] = {
		{"arc4random_uniform_missing_symbol", "GLIBC_2.36", "libc.so.6", "a.o", false, false},
	};
	struct plan p = {0};

	plan_build(x86(), V("2.17"), im, 1, &p);
	ck_assert_int_eq(p.nerrors, 1);
	ck_assert_uint_eq(p.nitems, 0);
	plan_free(&p);
}
END_TEST

START_TEST(targets_and_tags)
{
	glibcver v;
	ck_assert_int_eq(target_parse("manylinux2014", &v), 0);
	ck_assert_uint_eq(v, 21700);
	ck_assert_int_eq(target_parse("manylinux_2_28", &v), 0);
	ck_assert_uint_eq(v, 22800);
	ck_assert_int_eq(target_parse("manylinux_2_28_x86_64", &v), 0);
	ck_assert_uint_eq(v, 22800);
	ck_assert_int_eq(target_parse("manylinux1", &v), 0);
	ck_assert_uint_eq(v, 20500);
	ck_assert_int_eq(target_parse("2.2.5", &v), 0);
	ck_assert_uint_eq(v, 20205);
	ck_assert_int_eq(target_parse("GLIBC_2.31", &v), 0);
	ck_assert_uint_eq(v, 23100);
	ck_assert_int_eq(target_parse("manylinux_3_1", &v), -1);
	ck_assert_int_eq(target_parse("2", &v), -1);
	ck_assert_int_eq(target_parse("two.seventeen", &v), -1);
	ck_assert_int_eq(target_parse("", &v), -1);
	ck_assert_str_eq(policy_for(21700)->glibcxx, "3.4.19");
	ck_assert_str_eq(policy_for(23000)->tag, "manylinux_2_28");
	ck_assert_int_lt(dotted_cmp("3.4.9", "3.4.19"), 0);
	ck_assert_int_gt(dotted_cmp("3.4.30", "3.4.19"), 0);
	ck_assert_int_eq(dotted_cmp("1.3.7", "1.3.7"), 0);
}
END_TEST

static Suite *
plan_suite(void)
{
	Suite *s = suite_create("plan");
	TCase *tc = tcase_create("decide");

	tcase_add_test(tc, default_old_enough_is_kept);
	tcase_add_test(tc, newest_version_at_or_below_target);
	tcase_add_test(tc, unsafe_old_versions_are_skipped);
	tcase_add_test(tc, shims_replace_what_cannot_be_pinned);
	tcase_add_test(tc, caveats_are_reported);
	tcase_add_test(tc, missing_function_fails_with_oldest_target);
	tcase_add_test(tc, weak_reference_to_missing_stays_null);
	tcase_add_test(tc, default_in_an_emptied_library_is_pinned_there);
	tcase_add_test(tc, plan_collects_libraries_once);
	tcase_add_test(tc, shim_libraries_from_a_list);
	tcase_add_test(tc, plan_counts_errors);
	tcase_add_test(tc, refused_shims_say_why);
	tcase_add_test(tc, companions_come_with_their_group);
	tcase_add_test(tc, targets_and_tags);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(plan_suite)
