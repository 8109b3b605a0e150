/*
 * fuzz-dump.c: symcc --dump-glibc on one untrusted shared object.
 * SPDX-License-Identifier: MIT-0
 */
#include "dump.h"
#include "fuzz.h"

FUZZ_INITIALIZE(1)

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *argv[] = {"--dump-glibc", (char *)fuzz_write("input", data, size), NULL};

	dump_glibc_main(2, argv);
	return 0;
}
