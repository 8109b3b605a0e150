/*
 * fuzz-target.c: untrusted version strings (SYMCC_TARGET, --symcc-target=,
 * --check --target=, version names read from ELF files): target_parse,
 * glibcver_parse, glibc_version_of, dotted_cmp and the formatting back.
 * SPDX-License-Identifier: MIT-0
 */
#include "fuzz.h"
#include "target.h"
#include "table.h"
#include "verify.h"

static int
sign(int x)
{
	return (x > 0) - (x < 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_string(data, size), *b = s + strlen(s);
	char buf[16];
	glibcver v;

	if (b < s + size)
		b++;   /* the text after the first NUL is a second version */
	if (target_parse(s, &v) == 0) {
		char *tag = manylinux_tag(v);
		glibcver back;

		glibcver_format(v, buf, sizeof(buf));
		/* a target that parses formats back to the same version */
		if (glibcver_parse(buf, &back) != 0 || back != v)
			abort();
		(void)policy_for(v);
		free(tag);
	}
	if (glibcver_parse(s, &v) == 0)
		glibcver_format(v, buf, sizeof(buf));
	(void)glibc_version_of(s, &v);
	if (sign(dotted_cmp(s, b)) != -sign(dotted_cmp(b, s)))
		abort();   /* antisymmetric */
	free(s);
	return 0;
}
