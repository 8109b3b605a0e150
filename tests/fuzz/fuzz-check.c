/*
 * fuzz-check.c: symcc --check on one untrusted ELF file (elf_read_needs,
 * verify_output and the audit report), and verify's judgement at two targets.
 * SPDX-License-Identifier: MIT-0
 */
#include "audit.h"
#include "fuzz.h"
#include "verify.h"

FUZZ_INITIALIZE(1)

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *path = (char *)fuzz_write("input", data, size);
	char *argv1[] = {"--check", path, NULL};
	char *argv2[] = {"--check", "--target=2.17", path, NULL};
	struct verify_result vr;

	check_main(2, argv1);
	check_main(3, argv2);
	if (verify_output(path, 21700, true, &vr) == 0)
		verify_result_free(&vr);
	return 0;
}
