/*
 * test-cache.c: the cache directory's trust checks, and which cached
 * linker commands symcc may replay.
 * SPDX-License-Identifier: MIT-0
 */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>

#include "unit.h"
#include "args.h"
#include "cache.h"
#include "replay.h"

/* SYMCC_CACHE_DIR=DIR/name, forgetting what the last test opened */
static const char *
use_cache(const char *name)
{
	static char dir[600];

	snprintf(dir, sizeof(dir), "%s/%s", unit_tmpdir(), name);
	setenv("SYMCC_CACHE_DIR", dir, 1);
	cache_reset();
	return dir;
}

START_TEST(cache_is_made_and_used_when_it_is_ours)
{
	const char *dir = use_cache("ours");
	const struct cachedir *d = cache_dir();
	struct stat st;
	size_t len;
	char *text;

	ck_assert_ptr_nonnull(d);
	ck_assert_int_eq(stat(dir, &st), 0);
	ck_assert_int_eq(st.st_mode & 077, 0);   /* made 0700 */
	ck_assert_int_eq(cache_write(d, "entry", "abc", 3), 0);
	ck_assert_ptr_nonnull(text = cache_read(d, "entry", &len));
	ck_assert_uint_eq(len, 3);
	ck_assert_str_eq(text, "abc");
	free(text);
	errno = 0;
	ck_assert_ptr_null(cache_read(d, "missing", NULL));
	ck_assert_int_eq(errno, ENOENT);   /* a miss leaves the cache on */
	ck_assert_ptr_nonnull(cache_dir());
}
END_TEST

START_TEST(group_writable_cache_is_not_used)
{
	const char *dir = use_cache("groupw");

	ck_assert_int_eq(mkdir(dir, 0770), 0);
	ck_assert_int_eq(chmod(dir, 0770), 0);
	ck_assert_ptr_null(cache_dir());
}
END_TEST

START_TEST(cache_under_another_users_directory_is_not_used)
{
	char parent[600], dir[700];

	if (geteuid() != 0)
		return;   /* chown needs root; tests/integration/trust-cache.sh runs as both */
	snprintf(parent, sizeof(parent), "%s/theirs", unit_tmpdir());
	snprintf(dir, sizeof(dir), "%s/cache", parent);
	ck_assert_int_eq(mkdir(parent, 0755), 0);
	ck_assert_int_eq(mkdir(dir, 0700), 0);
	ck_assert_int_eq(chown(parent, 65534, 65534), 0);
	setenv("SYMCC_CACHE_DIR", dir, 1);
	cache_reset();
	ck_assert_ptr_null(cache_dir());   /* they could swap it under us */
}
END_TEST

START_TEST(symlinked_and_foreign_entries_turn_the_cache_off)
{
	const char *dir = use_cache("entries");
	const struct cachedir *d = cache_dir();
	char path[700];
	struct stat st;

	ck_assert_ptr_nonnull(d);
	snprintf(path, sizeof(path), "%s/link", dir);
	ck_assert_int_eq(symlink("/etc/passwd", path), 0);
	ck_assert_int_lt(cache_open(d, "link", &st), 0);
	ck_assert_ptr_null(cache_dir());   /* off for the rest of the run */
	ck_assert_int_lt(cache_write(d, "other", "x", 1), 0);

	use_cache("entries");
	d = cache_dir();
	ck_assert_ptr_nonnull(d);
	ck_assert_int_eq(cache_write(d, "gw", "x", 1), 0);
	snprintf(path, sizeof(path), "%s/gw", dir);
	ck_assert_int_eq(chmod(path, 0664), 0);
	ck_assert_ptr_null(cache_read(d, "gw", NULL));
	ck_assert_ptr_null(cache_dir());
}
END_TEST

START_TEST(home_that_does_not_exist_is_not_made)
{
	struct stat st;

	unsetenv("SYMCC_CACHE_DIR");
	unsetenv("XDG_CACHE_HOME");
	setenv("HOME", "/nonexistent-symcc-home", 1);
	cache_reset();
	ck_assert_ptr_null(cache_dir());
	ck_assert_int_ne(stat("/nonexistent-symcc-home", &st), 0);
}
END_TEST

START_TEST(cache_trim_keeps_the_newest)
{
	const char *dir = use_cache("trim");
	const struct cachedir *d = cache_dir();
	char path[700];
	struct stat st;

	ck_assert_ptr_nonnull(d);
	for (int i = 0; i < 10; i++) {
		struct timespec times[2] = {{1000 + i, 0}, {1000 + i, 0}};
		snprintf(path, sizeof(path), "%s/driver-%d", dir, i);
		fclose(fopen(path, "w"));
		utimensat(AT_FDCWD, path, times, 0);
	}
	snprintf(path, sizeof(path), "%s/ldprobe-x", dir);
	fclose(fopen(path, "w"));
	cache_trim(d, "driver-", 4);
	for (int i = 0; i < 10; i++) {
		snprintf(path, sizeof(path), "%s/driver-%d", dir, i);
		ck_assert_int_eq(stat(path, &st) == 0, i >= 6);
	}
	snprintf(path, sizeof(path), "%s/ldprobe-x", dir);
	ck_assert_int_eq(stat(path, &st), 0);   /* other prefixes are left alone */
}
END_TEST

/* cmd and env from NULL-terminated lists */
static void
fill(struct strvec *sv, const char *const *v)
{
	for (size_t i = 0; v[i]; i++)
		strvec_push(sv, v[i]);
}

/* What replay_check says of cmd/env for gcc run as argv */
static const char *
check(const char *const *cmd, const char *const *env, char **argv)
{
	static char why[512];
	struct strvec c = STRVEC_INIT, e = STRVEC_INIT;
	struct replay_dirs rd;
	const char *r;

	fill(&c, cmd);
	fill(&e, env);
	replay_dirs("/usr/bin/gcc", argv, "/usr/bin:/bin", &rd);
	r = replay_check(&c, &e, argv, &rd);
	snprintf(why, sizeof(why), "%s", r ? r : "");
	replay_dirs_free(&rd);
	strvec_free(&c);
	strvec_free(&e);
	return r ? why : NULL;
}

START_TEST(replay_runs_only_the_drivers_own_linker)
{
	char *argv[] = {"gcc", "a.o", "-o", "prog", NULL};
	const char *ok_env[] = {"COLLECT_GCC=gcc", "COLLECT_GCC_OPTIONS='-o' 'prog' '-mtune=generic'",
	                        NULL};
	const char *none[] = {NULL};
	const char *ld[] = {"/usr/bin/ld", "-plugin", "/usr/bin/ld", "a.o", NULL};
	const char *evil[] = {"/tmp/evil/collect2", "a.o", NULL};
	const char *dotdot[] = {"/usr/bin/../../tmp/evil/ld", "a.o", NULL};
	const char *notld[] = {"/usr/bin/env", "a.o", NULL};
	const char *resp[] = {"/usr/bin/ld", "@/tmp/evil/args", NULL};
	const char *plugin[] = {"/usr/bin/ld", "-plugin", "/tmp/evil.so", NULL};
	const char *wrapper[] = {"/usr/bin/ld", "-plugin-opt=/tmp/evil", NULL};
	const char *preload[] = {"LD_PRELOAD=/tmp/evil.so", NULL};
	const char *cpath[] = {"COMPILER_PATH=/tmp/evil", NULL};
	const char *cgcc[] = {"COLLECT_GCC=/tmp/evil/gcc", NULL};
	const char *opts[] = {"COLLECT_GCC_OPTIONS='-o' 'prog' '-B' '/tmp/evil' '-wrapper' 'x'", NULL};
	const char *hidden[] = {"COLLECT_GCC_OPTIONS='-o' 'prog''-fplugin=/tmp/evil.so'", NULL};
	char bdir[600], bopt[700], prog[700];
	const char *own[] = {prog, "a.o", NULL};
	char *withb[] = {"gcc", bopt, "a.o", NULL};

	/* the system ld with the driver's variables */
	ck_assert_ptr_null(check(ld, ok_env, argv));
	/* anything else is refused, naming the word */
	ck_assert_str_eq(check(evil, none, argv), "/tmp/evil/collect2");
	ck_assert_ptr_nonnull(check(dotdot, none, argv));
	ck_assert_str_eq(check(notld, none, argv), "/usr/bin/env");
	ck_assert_ptr_nonnull(check(resp, none, argv));
	ck_assert_str_eq(check(plugin, none, argv), "/tmp/evil.so");
	ck_assert_str_eq(check(wrapper, none, argv), "/tmp/evil");
	ck_assert_ptr_nonnull(check(ld, preload, argv));
	ck_assert_ptr_nonnull(check(ld, cpath, argv));
	ck_assert_ptr_nonnull(check(ld, cgcc, argv));
	ck_assert_ptr_nonnull(check(ld, opts, argv));
	ck_assert_ptr_nonnull(check(ld, hidden, argv));
	/* a collect2 in a -B directory is the driver's own when the user gave
	 * that -B, and if no one else can change it */
	snprintf(bdir, sizeof(bdir), "%s/bdir", unit_tmpdir());
	snprintf(bopt, sizeof(bopt), "-B%s/", bdir);
	snprintf(prog, sizeof(prog), "%s/collect2", bdir);
	mkdir(bdir, 0755);
	fclose(fopen(prog, "w"));
	ck_assert_int_eq(chmod(prog, 0755), 0);
	ck_assert_ptr_nonnull(check(own, none, argv));
	ck_assert_ptr_null(check(own, none, withb));
	ck_assert_int_eq(chmod(prog, 0777), 0);
	ck_assert_ptr_nonnull(check(own, none, withb));
}
END_TEST

START_TEST(replay_finds_gccs_own_command_acceptable)
{
	char *argv[] = {"gcc", "main.o", "-o", "prog", NULL};
	char *out = NULL, *line, *save = NULL;
	struct strvec cmd = STRVEC_INIT, env = STRVEC_INIT;
	struct replay_dirs rd;
	char *gcc = realpath("/usr/bin/gcc", NULL);
	FILE *p;
	size_t n = 0;

	if (!gcc)
		return;
	free(gcc);
	p = popen("gcc main.o -o prog -### 2>&1", "r");
	ck_assert_ptr_nonnull(p);
	ck_assert_int_ge(getdelim(&out, &n, '\0', p), 0);
	pclose(p);
	for (line = strtok_r(out, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (line[0] == ' ' && strstr(line, "collect2")) {
			strvec_free(&cmd);
			argsplit(line, &cmd);
		} else if (strncmp(line, "COLLECT_", 8) == 0 || strncmp(line, "COMPILER_PATH=", 14) == 0 ||
		           strncmp(line, "LIBRARY_PATH=", 13) == 0 || strncmp(line, "OFFLOAD_", 8) == 0) {
			strvec_push(&env, line);
		}
	}
	ck_assert_uint_gt(cmd.n, 0);
	replay_dirs("/usr/bin/gcc", argv, getenv("PATH"), &rd);
	ck_assert_ptr_null(replay_check(&cmd, &env, argv, &rd));
	replay_dirs_free(&rd);
	strvec_free(&cmd);
	strvec_free(&env);
	free(out);
}
END_TEST

static Suite *
cache_suite(void)
{
	Suite *s = suite_create("cache");
	TCase *tc = tcase_create("trust");

	tcase_add_test(tc, cache_is_made_and_used_when_it_is_ours);
	tcase_add_test(tc, group_writable_cache_is_not_used);
	tcase_add_test(tc, cache_under_another_users_directory_is_not_used);
	tcase_add_test(tc, symlinked_and_foreign_entries_turn_the_cache_off);
	tcase_add_test(tc, home_that_does_not_exist_is_not_made);
	tcase_add_test(tc, cache_trim_keeps_the_newest);
	suite_add_tcase(s, tc);
	tc = tcase_create("replay");
	tcase_add_test(tc, replay_runs_only_the_drivers_own_linker);
	tcase_add_test(tc, replay_finds_gccs_own_command_acceptable);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(cache_suite)
