/*
 * fuzz-scan.c: scan_link on one untrusted input: an object, an archive, a
 * shared object, a GCC LTO object or a linker script.
 * SPDX-License-Identifier: MIT-0
 *
 * The input is read three ways: after an object with undefined references
 * (so that archive members are pulled through the symbol index), inside a
 * group, and as a --whole-archive.
 */
#include "fuzz.h"
#include "linkline.h"
#include "scan.h"

#ifndef FUZZ_DIR
#define FUZZ_DIR "tests/fuzz"
#endif

static const char *undef_obj;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *d = getenv("SYMCC_FUZZ_DIR");
	static char path[4096];

	/* references f, g, h, x, y, main, memcpy, printf, stat, __libc_start_main */
	snprintf(path, sizeof(path), "%s/undef.o", d && *d ? d : FUZZ_DIR);
	undef_obj = access(path, R_OK) == 0 ? path : NULL;
	if (!undef_obj)
		fprintf(stderr, "fuzz-scan: no %s: archive members are only read whole\n", path);
	fuzz_dir();
	return 0;
}

static void
scan_items(struct ld_item *items, size_t n)
{
	struct linkline ll;
	struct scan_result r;

	memset(&ll, 0, sizeof(ll));
	ll.items = items;
	ll.nitems = n;
	ll.nostdlib = true;   /* -l names resolve in the fuzz directory only */
	strvec_push(&ll.libdirs, fuzz_dir());
	scan_link(&ll, &r);
	for (size_t i = 0; i < r.nimports; i++)
		(void)scan_referrer(&r, r.imports[i].name);
	scan_free(&r);
	strvec_free(&ll.libdirs);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *in = (char *)fuzz_write("input", data, size);
	char *undef = (char *)(undef_obj ? undef_obj : in);
	struct ld_item plain[] = {{LDI_FILE, undef}, {LDI_FILE, in}};
	struct ld_item group[] = {{LDI_FILE, undef}, {LDI_GROUP_START, NULL}, {LDI_FILE, in},
	                          {LDI_LIB, ":input"}, {LDI_GROUP_END, NULL}};
	struct ld_item whole[] = {{LDI_PUSH, NULL}, {LDI_WHOLE_ON, NULL}, {LDI_FILE, in},
	                          {LDI_POP, NULL}, {LDI_BSTATIC, NULL}, {LDI_LIB, ":input"}};

	scan_items(plain, 2);
	scan_items(group, 5);
	scan_items(whole, 6);
	return 0;
}
