/*
 * target.c: the glibc a build targets, and the manylinux policy it implies.
 * SPDX-License-Identifier: MIT-0
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "target.h"
#include "util.h"

/* pypa's manylinux policy (PEP 513, 571, 599, 600; auditwheel's
 * manylinux-policy.json): the newest GLIBCXX, CXXABI and GCC (libgcc_s)
 * version each tag allows, x86_64 values.  CXXABI_TM_1 and CXXABI_FLOAT128
 * are allowed by every tag.  manylinux_2_37 adds nothing: glibc has no
 * GLIBC_2.37 version node. */
static const struct cxx_policy policies[] = {
	{20500, "manylinux_2_5", "3.4.8", "1.3.1", "4.2.0", 0, "manylinux1"},
	{21200, "manylinux_2_12", "3.4.13", "1.3.3", "4.3.0", 0, "manylinux2010"},
	{21700, "manylinux_2_17", "3.4.19", "1.3.7", "4.8.0", 0, "manylinux2014"},
	{22400, "manylinux_2_24", "3.4.22", "1.3.10", "4.8.0", 0, NULL},
	{22600, "manylinux_2_26", "3.4.22", "1.3.10", "4.8.0", 0, NULL},
	{22700, "manylinux_2_27", "3.4.24", "1.3.11", "7.0.0", 0, NULL},
	{22800, "manylinux_2_28", "3.4.24", "1.3.11", "7.0.0", 0, NULL},
	{23100, "manylinux_2_31", "3.4.28", "1.3.12", "7.0.0", 0, NULL},
	{23400, "manylinux_2_34", "3.4.29", "1.3.13", "7.0.0", 0, NULL},
	{23500, "manylinux_2_35", "3.4.30", "1.3.13", "12.0.0", 0, NULL},
	{23600, "manylinux_2_36", "3.4.30", "1.3.13", "12.0.0", 0, NULL},
	{23700, "manylinux_2_37", "3.4.30", "1.3.13", "12.0.0", 0, NULL},
	{23800, "manylinux_2_38", "3.4.30", "1.3.13", "12.0.0", 0, NULL},
	{23900, "manylinux_2_39", "3.4.33", "1.3.15", "14.0.0", 0, NULL},
	{24000, "manylinux_2_40", "3.4.33", "1.3.15", "14.0.0", 0, NULL},
	{24100, "manylinux_2_41", "3.4.33", "1.3.15", "14.0.0", 0, NULL},
};
#define NPOLICIES (sizeof(policies) / sizeof(policies[0]))

/* aarch64, where it differs: libgcc_s has no GCC_4.8.0 there, aarch64's
 * glibc 2.17 already exports GLIBC_2.18 (so manylinux2014 allows it), and its
 * 2_26 tag follows the newer toolchain.  NULL or 0: as on x86_64. */
static const struct {
	glibcver glibc;
	const char *glibcxx, *cxxabi, *gcc;
	glibcver glibc_max;
} aarch64_diffs[] = {
	{21700, NULL, NULL, "4.7.0", 21800},
	{22400, NULL, NULL, "4.7.0", 0},
	{22600, "3.4.24", "1.3.11", "7.0.0", 0},
	{23400, NULL, NULL, "11.0", 0},
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

size_t
manylinux_policies(const char *arch, const struct cxx_policy **out)
{
	static struct cxx_policy aarch64[NPOLICIES];

	if (!arch || strcmp(arch, "aarch64") != 0) {
		*out = policies;
		return NPOLICIES;
	}
	if (!aarch64[0].tag) {
		memcpy(aarch64, policies, sizeof(policies));
		for (size_t i = 0; i < NPOLICIES; i++)
			for (size_t d = 0; d < sizeof(aarch64_diffs) / sizeof(aarch64_diffs[0]); d++) {
				if (aarch64_diffs[d].glibc != aarch64[i].glibc)
					continue;
				if (aarch64_diffs[d].glibcxx)
					aarch64[i].glibcxx = aarch64_diffs[d].glibcxx;
				if (aarch64_diffs[d].cxxabi)
					aarch64[i].cxxabi = aarch64_diffs[d].cxxabi;
				aarch64[i].gcc = aarch64_diffs[d].gcc;
				aarch64[i].glibc_max = aarch64_diffs[d].glibc_max;
			}
	}
	*out = aarch64;
	return NPOLICIES;
}

const struct cxx_policy *
policy_for_arch(glibcver target, const char *arch)
{
	const struct cxx_policy *all, *p;
	size_t n = manylinux_policies(arch, &all);

	p = &all[0];
	for (size_t i = 0; i < n; i++)
		if (all[i].glibc <= target)
			p = &all[i];
	return p;
}

const struct cxx_policy *
policy_for(glibcver target)
{
	return policy_for_arch(target, "x86_64");
}

glibcver
policy_glibc_max(const struct cxx_policy *p)
{
	return p->glibc_max ? p->glibc_max : p->glibc;
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
