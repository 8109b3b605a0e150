/*
 * fuzz-driver.c: untrusted `cc -###` output (what a wrapper or a strange
 * driver may print): linkline_from_driver_output, split_driver_line,
 * linkline_parse, and the library search the scan then does.
 * SPDX-License-Identifier: MIT-0
 */
#include "fuzz.h"
#include "linkline.h"

FUZZ_INITIALIZE(0)

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_string(data, size);
	struct linkline ll;

	if (linkline_from_driver_output(text, "cc", &ll) == 0) {
		for (size_t i = 0; i < ll.nitems; i++)
			if (ll.items[i].kind == LDI_LIB)
				free(linkline_find_lib(&ll, ll.items[i].arg, i & 1));
			else if (ll.items[i].kind == LDI_FILE)
				free(linkline_find_file(&ll, ll.items[i].arg, i & 1));
		(void)emulation_arch(ll.emulation);
	}
	linkline_free(&ll);
	free(text);
	return 0;
}
