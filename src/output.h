/*
 * output.h: the link's output file, put in place only after verify passes.
 * SPDX-License-Identifier: MIT-0
 */
#ifndef SYMCC_OUTPUT_H
#define SYMCC_OUTPUT_H
#include <stdbool.h>
#include <sys/stat.h>

struct output {
	const char *final;    /* the user's output ("a.out" when no -o) */
	char *path;           /* where the linker writes; NULL before output_begin */
	bool copy_back;       /* final is written in place, not renamed over: it is not
	                         a regular file (/dev/null), or its directory is not
	                         writable but the file is (ld then writes into it) */
	int fd;               /* copy_back: final, open for writing; else -1 */
	bool existed;         /* final existed at output_init: an older build */
	bool is_input;        /* ... and it is an input of this link: never removed */
	struct stat st, lst;  /* that file (stat, and lstat of the name) */
};

/* Note what is at final now (nothing is created yet).  Call first: the
 * older build output_abort may remove is the one seen here. */
void output_init(struct output *o, const char *final);

/* Is st (an input of the link) the output file?  Then it is reported as
 * gcc and ld do ("input file 'X' is the same as output file"), remembered
 * as never to be removed, and true is returned. */
bool output_is_input(struct output *o, const struct stat *st, const char *input);

/* Pick where the linker writes: beside final, so the rename is atomic (a
 * short name when final's name is too long for a suffix); in symcc's temp
 * dir when final is not a regular file, or when its directory cannot be
 * written but final can.  -1 on error (reported): a final no linker could
 * write (a FIFO: "Illegal seek", as ld says). */
int output_begin(struct output *o);

/* Put the verified output in place with the mode the linker gives it
 * (rename, or a copy into final: also when final cannot be replaced but
 * written, another user's file in a sticky directory).  -1 on error
 * (reported). */
int output_commit(struct output *o);

/* The link failed: remove the temporary output and, as ld removes its own
 * output on failure, the older build at final seen by output_init (never
 * an input of the link, nor a file that took its place since), so that
 * nothing looks like the result of this link.  Safe before output_begin. */
void output_abort(struct output *o);

void output_free(struct output *o);

#endif
