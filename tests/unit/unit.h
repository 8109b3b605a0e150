/*
 * unit.h: what every unit test program shares.
 * SPDX-License-Identifier: MIT-0
 *
 * Each tests/unit/test-STAGE.c builds one Check suite and ends with
 * UNIT_MAIN(stage_suite).  Fixtures that need a compiler are compiled at
 * run time with the host's cc into a fresh temp directory.
 */
#ifndef SYMCC_UNIT_H
#define SYMCC_UNIT_H
#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define UNIT_MAIN(suite_fn)                                          \
	int main(void)                                                   \
	{                                                                \
		SRunner *sr = srunner_create(suite_fn());                    \
		srunner_run_all(sr, CK_NORMAL);                              \
		int failed = srunner_ntests_failed(sr);                      \
		srunner_free(sr);                                            \
		return failed ? 1 : 0;                                       \
	}

/* A fresh directory for fixtures; removed by unit_cleanup (best effort). */
static inline const char *
unit_tmpdir(void)
{
	static char dir[] = "/tmp/symcc-unit-XXXXXX";
	static int made;

	if (!made) {
		ck_assert_ptr_nonnull(mkdtemp(dir));
		made = 1;
	}
	return dir;
}

/* Write text to DIR/name; returns the path (static buffer rotation of 8). */
static inline const char *
unit_write(const char *name, const char *text)
{
	static char paths[8][512];
	static int k;
	char *p = paths[k++ % 8];
	FILE *f;

	snprintf(p, 512, "%s/%s", unit_tmpdir(), name);
	f = fopen(p, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	ck_assert_int_eq(fclose(f), 0);
	return p;
}

/* Run a shell command line built by the test (fixture compiles only). */
static inline void
unit_sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static inline void
unit_sh(const char *fmt, ...)
{
	char cmd[4096];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	ck_assert_msg(system(cmd) == 0, "fixture command failed: %s", cmd);
}
#endif
