/*
 * fuzz-template.c: an untrusted cached linker command (the cache's
 * driver-* entry) read back for a link: template_load (cache_read, the key
 * line, the stamps, template_fill), replay_check on the command it would
 * run without the driver, then linkline_parse and linkline_direct.
 * SPDX-License-Identifier: MIT-0
 *
 * The input is the entry after its key line, which the harness writes
 * itself (a wrong key is only a miss); an input starting with a NUL byte
 * is the whole entry.  linkline.c is included for its static functions:
 * a miss here ends the run instead of asking the driver.
 */
#include "fuzz.h"
#include "../../src/linkline.c"

/* two runs of inputs, an option with its argument, a -B directory */
static char *fuzz_argv[] = {"cc", "-O2", "a.o", "b.o", "-lm", "c.o", "-B/usr/lib/",
                            "-o", "prog", NULL};
static struct shape fuzz_shape;
static bool have_shape;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_use_cache();
	have_shape = shape_of(fuzz_argv, &fuzz_shape) == 0 && cache_dir() != NULL;
	if (!have_shape)
		fprintf(stderr, "fuzz-template: no compiler 'cc' on PATH or no cache: nothing read\n");
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strvec words = STRVEC_INIT, dargv = STRVEC_INIT, denv = STRVEC_INIT;
	struct strvec extra = STRVEC_INIT, a = STRVEC_INIT, e = STRVEC_INIT;
	struct linkline ll;
	char *head, *name, *text;
	size_t len;

	if (!have_shape || size > 65536)
		return 0;
	head = xasprintf("%s\n", fuzz_shape.key);
	text = fuzz_entry(head, data, size, &len);
	free(head);
	name = template_name(&fuzz_shape);
	if (cache_write(cache_dir(), name, text, len) != 0)
		abort();
	if (template_load(&fuzz_shape, fuzz_argv, &words, &dargv, &denv) &&
	    linkline_parse(words.v, words.n, &ll) == 0) {
		ll.direct_argv = dargv;
		ll.direct_env = denv;
		dargv = (struct strvec)STRVEC_INIT;
		denv = (struct strvec)STRVEC_INIT;
		strvec_push(&extra, "--wrap=memcpy");
		linkline_direct(&ll, "prog", "res.txt", &extra, &a, &e);
		linkline_free(&ll);
	}
	strvec_free(&words);
	strvec_free(&dargv);
	strvec_free(&denv);
	strvec_free(&extra);
	strvec_free(&a);
	strvec_free(&e);
	free(name);
	free(text);
	return 0;
}
