/*
 * fuzz-fixup.c: fixup_weak_needs edits a copy of one untrusted ELF file in
 * place; verify then reads the result.
 * SPDX-License-Identifier: MIT-0
 */
#include "fixup.h"
#include "fuzz.h"
#include "table.h"
#include "verify.h"

FUZZ_INITIALIZE(0)

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_write("output", data, size);
	struct verify_result vr;

	if (fixup_weak_needs(path, 21700, table_for_arch("x86_64")) >= 0 &&
	    verify_output(path, 21700, false, &vr) == 0)
		verify_result_free(&vr);
	return 0;
}
