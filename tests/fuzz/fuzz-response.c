/*
 * fuzz-response.c: an untrusted @response file (argsplit and
 * expand_response_files, nested @files included) read by a driver call and
 * by a linker call.
 * SPDX-License-Identifier: MIT-0
 */
#include "args.h"
#include "fuzz.h"
#include "linkline.h"

FUZZ_INITIALIZE(0)

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *gcc[] = {"gcc", "-o", "prog", "@rsp", NULL};
	char *ld[] = {"ld", "@rsp", "-lc", NULL};
	struct invocation inv;
	struct symcc_opts opts = {0};
	struct linkline ll;
	struct strvec words = STRVEC_INIT;
	char *text = fuzz_string(data, size);

	fuzz_write("rsp", data, size);
	argsplit(text, &words);
	strvec_free(&words);
	free(text);
	args_classify(&inv, gcc, 4, &opts);
	invocation_free(&inv);
	args_classify(&inv, ld, 3, &opts);
	invocation_free(&inv);
	linkline_parse(ld, 3, &ll);
	linkline_free(&ll);
	return 0;
}
