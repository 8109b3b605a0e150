/*
 * output.h: the link's output file, put in place only after verify passes.
 * SPDX-License-Identifier: MIT-0
 */
#ifndef SYMCC_OUTPUT_H
#define SYMCC_OUTPUT_H
#include <stdbool.h>

struct output {
	const char *final;    /* the user's output ("a.out" when no -o) */
	char *path;           /* where the linker writes; NULL before output_begin */
	bool copy_back;       /* final is not a regular file (/dev/null): copy, not rename */
};

/* Pick where the linker writes: beside final, so the rename is atomic; in
 * symcc's temp dir when final is not a regular file.  -1 on error (reported). */
int output_begin(struct output *o, const char *final);

/* Put the verified output in place (rename, or copy for /dev/null and
 * FIFOs).  -1 on error (reported). */
int output_commit(struct output *o);

/* The link failed: remove the temporary output and, as ld removes its own
 * output on failure, an older regular file at final, so that nothing looks
 * like the result of this link.  Safe before output_begin. */
void output_abort(struct output *o);

void output_free(struct output *o);

#endif
