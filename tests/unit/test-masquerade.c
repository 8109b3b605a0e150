/*
 * test-masquerade.c: finding the real compiler on PATH past symcc's own
 * symlinks, the recursion guard, launchers; gold swapped for ld.bfd.
 * SPDX-License-Identifier: MIT-0
 *
 * "symcc itself" is this test program: a symlink to /proc/self/exe's
 * target counts as symcc, an executable script does not.
 */
#include <limits.h>
#include <sys/auxv.h>
#include <sys/stat.h>

#include "unit.h"
#include "args.h"
#include "gold.h"
#include "masquerade.h"

/* DIR/NAME in the fixture directory: a symlink to this program (self) or
 * an executable script (a real compiler).  Returns the directory. */
static char *
fixture(const char *dir, const char *name, bool self)
{
	char *d = xasprintf("%s/%s", unit_tmpdir(), dir), *p = xasprintf("%s/%s", d, name);
	char exe[PATH_MAX];
	ssize_t n;

	mkdir(d, 0755);
	unlink(p);
	if (self) {
		n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
		ck_assert_int_gt(n, 0);
		exe[n] = '\0';
		ck_assert_int_eq(symlink(exe, p), 0);
	} else {
		FILE *f = fopen(p, "w");
		ck_assert_ptr_nonnull(f);
		fputs("#!/bin/sh\nexit 0\n", f);
		fclose(f);
		ck_assert_int_eq(chmod(p, 0755), 0);
	}
	free(p);
	return d;
}

static void
set_path(const char *a, const char *b, const char *c)
{
	char *p = xasprintf("%s%s%s%s%s", a, b ? ":" : "", b ? b : "", c ? ":" : "", c ? c : "");
	setenv("PATH", p, 1);
	free(p);
}

static void
assert_found(const char *name, const char *dir)
{
	char *got = path_find_real(name), *want = dir ? xasprintf("%s/%s", dir, name) : NULL;

	if (!want)
		ck_assert_msg(got == NULL, "expected nothing, got %s", got);
	else
		ck_assert_msg(got && strcmp(got, want) == 0, "expected %s, got %s", want,
		              got ? got : "nothing");
	free(got);
	free(want);
}

START_TEST(finds_the_compiler_further_down_path)
{
	char *masq = fixture("masq", "gcc", true), *real = fixture("real", "gcc", false);
	char *ccache = fixture("ccache", "gcc", false);

	set_path(masq, real, NULL);
	assert_found("gcc", real);
	/* a launcher's directory before symcc's: the one after symcc wins */
	set_path(ccache, masq, real);
	assert_found("gcc", real);
	/* symcc's directory before the launcher's: the launcher */
	set_path(masq, ccache, real);
	assert_found("gcc", ccache);
	/* symcc last on PATH, or not on it: the first other one */
	set_path(real, masq, NULL);
	assert_found("gcc", real);
	/* nothing but symcc */
	set_path(masq, NULL, NULL);
	assert_found("gcc", NULL);
	free(masq);
	free(real);
	free(ccache);
}
END_TEST

START_TEST(resolve_takes_symcc_off_path)
{
	char *masq = fixture("masq2", "cc", true), *real = fixture("real2", "cc", false);
	char *want = xasprintf("%s/cc", real);
	char *argv[] = {(char *)"cc", (char *)"-c", (char *)"x.c", NULL};

	set_path(masq, real, NULL);
	ck_assert_int_eq(masquerade_resolve(argv, 3, false), 0);
	ck_assert_str_eq(argv[0], want);
	ck_assert_str_eq(getenv("PATH"), real);
	free(argv[0]);
	/* a name whose first match is the real one stays as it is */
	set_path(real, masq, NULL);
	argv[0] = (char *)"cc";
	ck_assert_int_eq(masquerade_resolve(argv, 3, false), 0);
	ck_assert_str_eq(argv[0], "cc");
	ck_assert_str_eq(getenv("PATH"), real);   /* symcc's directory still goes */
	/* called as the masquerade with only symcc on PATH: an error */
	set_path(masq, NULL, NULL);
	argv[0] = (char *)"cc";
	ck_assert_int_eq(masquerade_resolve(argv, 3, true), -1);
	free(want);
	free(masq);
	free(real);
}
END_TEST

START_TEST(resolve_looks_past_a_launcher)
{
	char *masq = fixture("masq3", "gcc", true), *real = fixture("real3", "gcc", false);
	char *cc = fixture("real3", "ccache", false), *want = xasprintf("%s/gcc", real);
	char *argv[] = {(char *)"ccache", (char *)"gcc", (char *)"a.o", NULL};

	set_path(masq, real, NULL);
	ck_assert_int_eq(masquerade_resolve(argv, 3, false), 0);
	ck_assert_str_eq(argv[0], "ccache");
	ck_assert_str_eq(argv[1], want);
	ck_assert_str_eq(getenv("PATH"), real);
	ck_assert(is_launcher("/usr/bin/ccache"));
	ck_assert(is_launcher("sccache"));
	ck_assert(is_launcher("distcc"));
	ck_assert(!is_launcher("gcc"));
	free(argv[1]);
	free(want);
	free(cc);
	free(masq);
	free(real);
}
END_TEST

/* (st_dev, st_ino) of this program, as the fixtures' symlinks see it */
static void
self_stat(struct stat *st)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	ck_assert_int_gt(n, 0);
	exe[n] = '\0';
	ck_assert_int_eq(stat(exe, st), 0);
}

/* without /proc (a chroot, a sandbox), symcc knows itself by the file it
 * was executed by: a masquerade symlink resolves to it */
START_TEST(self_without_proc)
{
	char *masq = fixture("masq4", "gcc", true), *real = fixture("real4", "gcc", false);
	char *link = xasprintf("%s/gcc", masq), *rlink = xasprintf("%s/gcc", real);
	char *noproc = xasprintf("%s/no-proc/self/exe", unit_tmpdir());
	const char *execfn = (const char *)getauxval(AT_EXECFN);
	struct stat want, got;

	self_stat(&want);
	ck_assert(self_identity(noproc, link, &got));
	ck_assert(got.st_dev == want.st_dev && got.st_ino == want.st_ino);
	ck_assert(self_identity(NULL, link, &got));
	ck_assert(got.st_ino == want.st_ino);
	/* this very process, by its own AT_EXECFN */
	ck_assert_ptr_nonnull(execfn);
	ck_assert(self_identity(noproc, execfn, &got));
	ck_assert(got.st_dev == want.st_dev && got.st_ino == want.st_ino);
	/* /proc, when there, wins over AT_EXECFN */
	ck_assert(self_identity("/proc/self/exe", rlink, &got));
	ck_assert(got.st_ino == want.st_ino);
	/* nothing to go by */
	ck_assert(!self_identity(noproc, NULL, &got));
	ck_assert(!self_identity(noproc, noproc, &got));
	free(noproc);
	free(rlink);
	free(link);
	free(real);
	free(masq);
}
END_TEST

START_TEST(recursion_guard)
{
	unsetenv(SYMCC_RECURSION_ENV);
	ck_assert_int_eq(masquerade_enter("gcc"), 0);
	ck_assert_str_eq(getenv(SYMCC_RECURSION_ENV), "1");
	ck_assert_int_eq(masquerade_enter("gcc"), 1);
	ck_assert_str_eq(getenv(SYMCC_RECURSION_ENV), "2");
	setenv(SYMCC_RECURSION_ENV, "8", 1);
	ck_assert_int_eq(masquerade_enter("gcc"), -1);
	unsetenv(SYMCC_RECURSION_ENV);
}
END_TEST

START_TEST(names)
{
	ck_assert(invoked_as_symcc("symcc"));
	ck_assert(invoked_as_symcc("/usr/local/bin/symcc"));
	ck_assert(!invoked_as_symcc("gcc"));
	ck_assert(!invoked_as_symcc("/home/u/.local/lib/symcc/x86_64-linux-gnu-gcc"));
}
END_TEST

static struct invocation
classify(const char *line)
{
	struct strvec v = STRVEC_INIT;
	struct invocation inv;
	struct symcc_opts opts = {0};

	argsplit(line, &v);
	ck_assert_int_eq(args_classify(&inv, v.v, v.n, &opts), 0);
	strvec_free(&v);
	return inv;
}

START_TEST(gold_becomes_bfd)
{
	struct invocation inv = classify("gcc -fuse-ld=gold a.o -o a");

	ck_assert_int_eq(avoid_gold(&inv), 0);
	ck_assert_str_eq(inv.argv.v[1], "-fuse-ld=bfd");
	ck_assert(strvec_contains(&inv.expanded, "-fuse-ld=bfd"));
	ck_assert_str_eq(inv.output, "a");
	invocation_free(&inv);
	/* the last -fuse-ld wins: lld stays, the earlier gold does not matter */
	inv = classify("gcc -fuse-ld=gold -fuse-ld=lld a.o -o a");
	ck_assert_int_eq(avoid_gold(&inv), 0);
	ck_assert_str_eq(inv.argv.v[1], "-fuse-ld=gold");
	invocation_free(&inv);
	inv = classify("/usr/bin/x86_64-linux-gnu-ld.gold -shared a.o -o a.so");
	ck_assert_int_eq(avoid_gold(&inv), 0);
	ck_assert_str_eq(inv.argv.v[0], "/usr/bin/x86_64-linux-gnu-ld.bfd");
	invocation_free(&inv);
	inv = classify("ld -shared a.o -o a.so");
	ck_assert_int_eq(avoid_gold(&inv), 0);
	ck_assert_str_eq(inv.argv.v[0], "ld");
	invocation_free(&inv);
}
END_TEST

START_TEST(plain_ld_that_is_gold_gets_bfd)
{
	char *dir = fixture("goldbin", "x86_64-linux-gnu-ld.gold", false);
	char *ld = xasprintf("%s/ld", dir), *old = xstrdup(getenv("PATH"));
	struct invocation inv;

	unlink(ld);
	ck_assert_int_eq(symlink("x86_64-linux-gnu-ld.gold", ld), 0);
	setenv("PATH", dir, 1);
	inv = classify("gcc a.o -o a");
	ck_assert_int_eq(avoid_gold(&inv), 0);
	ck_assert(strvec_contains(&inv.argv, "-fuse-ld=bfd"));
	invocation_free(&inv);
	/* an explicit -fuse-ld is the user's choice */
	inv = classify("gcc -fuse-ld=lld a.o -o a");
	ck_assert_int_eq(avoid_gold(&inv), 0);
	ck_assert(!strvec_contains(&inv.argv, "-fuse-ld=bfd"));
	invocation_free(&inv);
	setenv("PATH", old, 1);
	free(old);
	free(ld);
	free(dir);
}
END_TEST

START_TEST(gold_in_a_response_file_is_an_error)
{
	char *rsp = xasprintf("%s/gold.rsp", unit_tmpdir()), *line = xasprintf("gcc @%s a.o", rsp);
	FILE *f = fopen(rsp, "w");
	struct invocation inv;

	ck_assert_ptr_nonnull(f);
	fputs("-fuse-ld=gold\n", f);
	fclose(f);
	inv = classify(line);
	ck_assert_int_eq(avoid_gold(&inv), -1);
	invocation_free(&inv);
	free(line);
	free(rsp);
}
END_TEST

static Suite *
masquerade_suite(void)
{
	Suite *s = suite_create("masquerade");
	TCase *tc = tcase_create("path");

	tcase_add_test(tc, finds_the_compiler_further_down_path);
	tcase_add_test(tc, resolve_takes_symcc_off_path);
	tcase_add_test(tc, resolve_looks_past_a_launcher);
	tcase_add_test(tc, self_without_proc);
	tcase_add_test(tc, recursion_guard);
	tcase_add_test(tc, names);
	suite_add_tcase(s, tc);
	tc = tcase_create("gold");
	tcase_add_test(tc, gold_becomes_bfd);
	tcase_add_test(tc, plain_ld_that_is_gold_gets_bfd);
	tcase_add_test(tc, gold_in_a_response_file_is_an_error);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(masquerade_suite)
