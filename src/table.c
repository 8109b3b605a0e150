/*
 * table.c: find the compiled-in glibc table of an architecture, look symbols up.
 * SPDX-License-Identifier: MIT-0
 */
#include <stdio.h>
#include <string.h>

#include "table.h"

/* Defined by the files data/meson.build generates, one per data/glibc-*.txt;
 * SYMCC_HAVE_TABLE_<arch> says which were built. */
#ifdef SYMCC_HAVE_TABLE_x86_64
extern const struct glibc_table glibc_table_x86_64;
#endif
#ifdef SYMCC_HAVE_TABLE_aarch64
extern const struct glibc_table glibc_table_aarch64;
#endif
#ifdef SYMCC_HAVE_TABLE_i686
extern const struct glibc_table glibc_table_i686;
#endif
#ifdef SYMCC_HAVE_TABLE_armv7
extern const struct glibc_table glibc_table_armv7;
#endif
#ifdef SYMCC_HAVE_TABLE_ppc64le
extern const struct glibc_table glibc_table_ppc64le;
#endif
#ifdef SYMCC_HAVE_TABLE_s390x
extern const struct glibc_table glibc_table_s390x;
#endif
#ifdef SYMCC_HAVE_TABLE_riscv64
extern const struct glibc_table glibc_table_riscv64;
#endif

static const struct glibc_table *const tables[] = {
#ifdef SYMCC_HAVE_TABLE_x86_64
	&glibc_table_x86_64,
#endif
#ifdef SYMCC_HAVE_TABLE_aarch64
	&glibc_table_aarch64,
#endif
#ifdef SYMCC_HAVE_TABLE_i686
	&glibc_table_i686,
#endif
#ifdef SYMCC_HAVE_TABLE_armv7
	&glibc_table_armv7,
#endif
#ifdef SYMCC_HAVE_TABLE_ppc64le
	&glibc_table_ppc64le,
#endif
#ifdef SYMCC_HAVE_TABLE_s390x
	&glibc_table_s390x,
#endif
#ifdef SYMCC_HAVE_TABLE_riscv64
	&glibc_table_riscv64,
#endif
	NULL
};

const struct glibc_table *
table_for_arch(const char *arch)
{
	for (const struct glibc_table *const *t = tables; *t; t++)
		if (strcmp((*t)->arch, arch) == 0)
			return *t;
	return NULL;
}

const struct table_entry *
table_lookup(const struct glibc_table *t, const char *name, size_t *n)
{
	/* lower bound: the first entry whose name is not below name */
	size_t lo = 0, hi = t->nentries;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(table_name(t, &t->entries[mid]), name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t end = lo;
	while (end < t->nentries && strcmp(table_name(t, &t->entries[end]), name) == 0)
		end++;
	*n = end - lo;
	return *n ? &t->entries[lo] : NULL;
}

/* Parses a decimal part of a version at *s, below limit, without a leading
 * zero or sign; advances *s. 0 on success, -1 if malformed. */
static int
verpart(const char **s, uint32_t limit, uint32_t *out)
{
	const char *p = *s;
	uint32_t v = 0;
	if (*p < '0' || *p > '9' || (p[0] == '0' && p[1] >= '0' && p[1] <= '9'))
		return -1;
	for (; *p >= '0' && *p <= '9'; p++) {
		v = v * 10 + (uint32_t)(*p - '0');
		if (v >= limit)
			return -1;
	}
	*s = p;
	*out = v;
	return 0;
}

int
glibcver_parse(const char *s, glibcver *v)
{
	uint32_t major, minor, patch = 0;
	if (strncmp(s, "GLIBC_", 6) == 0)
		s += 6;
	/* major * 10000 + 9999 must fit in a glibcver */
	if (verpart(&s, UINT32_MAX / 10000, &major) != 0 || *s++ != '.' ||
	    verpart(&s, 100, &minor) != 0)
		return -1;
	if (*s == '.' && (s++, verpart(&s, 100, &patch) != 0))
		return -1;
	if (*s != '\0')
		return -1;
	*v = major * 10000 + minor * 100 + patch;
	return 0;
}

char *
glibcver_format(glibcver v, char *buf, size_t len)
{
	unsigned major = v / 10000, minor = v / 100 % 100, patch = v % 100;
	if (patch)
		snprintf(buf, len, "%u.%u.%u", major, minor, patch);
	else
		snprintf(buf, len, "%u.%u", major, minor);
	return buf;
}
