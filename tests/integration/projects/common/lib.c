/* lib.c: a shared library for the build-system tests: stat (2.33 in new
 * glibc), strtol with C23 0b parsing (__isoc23_strtol, 2.38). */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

int lib_describe(const char *path, char *out, size_t len);

int
lib_describe(const char *path, char *out, size_t len)
{
	struct stat st;
	int r = stat(path, &st);

	return snprintf(out, len, "%s: stat %d isdir %d, 0b1011 = %ld", path, r,
	                r == 0 && S_ISDIR(st.st_mode), strtol("0b1011", NULL, 0));
}
