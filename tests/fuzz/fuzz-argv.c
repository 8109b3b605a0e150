/*
 * fuzz-argv.c: an untrusted argument list (NUL-separated) through
 * take_symcc_options, args_classify as a driver and as a linker call, and
 * linkline_parse.
 * SPDX-License-Identifier: MIT-0
 */
#include "args.h"
#include "fuzz.h"
#include "linkline.h"

FUZZ_INITIALIZE(0)

static void
classify(char **argv, size_t argc)
{
	struct invocation inv;
	struct symcc_opts opts = {0};

	args_classify(&inv, argv, argc, &opts);
	invocation_free(&inv);
	free((char *)opts.target);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strvec args = STRVEC_INIT;
	struct linkline ll;
	const char *s = (const char *)data, *end = s + size;

	if (size > 65536)
		return 0;
	strvec_push(&args, "gcc");
	while (s < end && args.n < 256) {
		const char *nul = memchr(s, '\0', (size_t)(end - s));
		size_t n = nul ? (size_t)(nul - s) : (size_t)(end - s);

		strvec_push_owned(&args, xstrndup(s, n));
		s += n + 1;
	}
	classify(args.v, args.n);
	free(args.v[0]);
	args.v[0] = xstrdup("x86_64-linux-gnu-ld.bfd");
	classify(args.v, args.n);
	if (linkline_parse(args.v, args.n, &ll) == 0) {
		for (size_t i = 0; i < ll.nitems; i++)
			if (ll.items[i].kind == LDI_LIB)
				free(linkline_find_lib(&ll, ll.items[i].arg, i & 1));
		(void)emulation_arch(ll.emulation);
		(void)emulation_triplet(ll.emulation);
	}
	linkline_free(&ll);
	strvec_free(&args);
	return 0;
}
