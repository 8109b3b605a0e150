/*
 * target.c: the glibc a build targets, and the manylinux policy it implies.
 * SPDX-License-Identifier: MIT-0
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "target.h"
#include "util.h"

/* x86_64 maxima of pypa's manylinux policy (PEP 513, 571, 599, 600). */
static const struct cxx_policy policies[] = {
	{20500, "manylinux_2_5", "3.4.8", "1.3.1", "4.2.0"},
	{21200, "manylinux_2_12", "3.4.13", "1.3.3", "4.3.0"},
	{21700, "manylinux_2_17", "3.4.19", "1.3.7", "4.8.0"},
	{22400, "manylinux_2_24", "3.4.22", "1.3.10", "4.8.0"},
	{22800, "manylinux_2_28", "3.4.24", "1.3.11", "7.0.0"},
	{23100, "manylinux_2_31", "3.4.28", "1.3.12", "7.0.0"},
	{23400, "manylinux_2_34", "3.4.29", "1.3.13", "7.0.0"},
	{23500, "manylinux_2_35", "3.4.30", "1.3.13", "12.0.0"},
	{23900, "manylinux_2_39", "3.4.33", "1.3.15", "14.0.0"},
};

int
target_parse(const char *spec, glibcver *out)
{
	static const struct {
		const char *alias;
		glibcver v;
	} aliases[] = {
		{"manylinux1", 20500}, {"manylinux2010", 21200}, {"manylinux2014", 21700},
	};
	unsigned maj, min;
	int n = 0;

	for (size_t i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++)
		if (startswith(spec, aliases[i].alias) &&
		    (spec[strlen(aliases[i].alias)] == '\0' || spec[strlen(aliases[i].alias)] == '_')) {
			*out = aliases[i].v;
			return 0;
		}
	if (startswith(spec, "manylinux_")) {
		if (sscanf(spec, "manylinux_%u_%u%n", &maj, &min, &n) != 2 ||
		    (spec[n] != '\0' && spec[n] != '_') || maj != 2 || min >= 100)
			return -1;
		*out = maj * 10000 + min * 100;
		return 0;
	}
	return glibcver_parse(spec, out);
}

const struct cxx_policy *
policy_for(glibcver target)
{
	const struct cxx_policy *p = &policies[0];

	for (size_t i = 0; i < sizeof(policies) / sizeof(policies[0]); i++)
		if (policies[i].glibc <= target)
			p = &policies[i];
	return p;
}

char *
manylinux_tag(glibcver v)
{
	return xasprintf("manylinux_%u_%u", v / 10000, v / 100 % 100);
}

int
dotted_cmp(const char *a, const char *b)
{
	while (*a || *b) {
		char *ea, *eb;
		unsigned long x = strtoul(a, &ea, 10), y = strtoul(b, &eb, 10);

		if (x != y)
			return x < y ? -1 : 1;
		if (ea == a || eb == b)   /* non-numeric parts: compare as text */
			return strcmp(a, b);
		a = *ea == '.' ? ea + 1 : ea;
		b = *eb == '.' ? eb + 1 : eb;
		if (!*ea || !*eb)
			return (*ea ? 1 : 0) - (*eb ? 1 : 0);
	}
	return 0;
}
