/*
 * target.h: the glibc a build targets, and the manylinux policy it implies.
 * SPDX-License-Identifier: MIT-0
 */
#ifndef SYMCC_TARGET_H
#define SYMCC_TARGET_H
#include "table.h"

/* Parse "2.17", "GLIBC_2.17", "manylinux2014", "manylinux_2_28" (an
 * architecture suffix like "_x86_64" is accepted).  0, or -1 if malformed. */
int target_parse(const char *spec, glibcver *out);

/* Maximum versions of the C++ runtime and libgcc_s a manylinux tag allows. */
struct cxx_policy {
	glibcver glibc;         /* the tag's glibc */
	const char *tag;        /* "manylinux_2_17" */
	const char *glibcxx, *cxxabi, *gcc;
	glibcver glibc_max;     /* newest GLIBC_2.x allowed if not glibc (aarch64 2_17: 2.18), else 0 */
	const char *alias;      /* "manylinux2014", or NULL */
};

/* The policy of the newest manylinux tag whose glibc is <= target (the
 * oldest tag if target is older than every tag). */
const struct cxx_policy *policy_for(glibcver target);

/* The same for an architecture ("x86_64", "aarch64"; others get x86_64's). */
const struct cxx_policy *policy_for_arch(glibcver target, const char *arch);

/* Every manylinux tag's policy for arch, oldest first, into *out; the count. */
size_t manylinux_policies(const char *arch, const struct cxx_policy **out);

/* The newest GLIBC_2.x version a policy allows. */
glibcver policy_glibc_max(const struct cxx_policy *p);

/* The manylinux tag name for a glibc version: "manylinux_2_17" (malloc'd). */
char *manylinux_tag(glibcver v);

/* Compare dotted version strings numerically ("3.4.9" < "3.4.19"). */
int dotted_cmp(const char *a, const char *b);

#endif
