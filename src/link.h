/*
 * link.h: run the real link with what plan and emit produced.
 * SPDX-License-Identifier: MIT-0
 */
#ifndef SYMCC_LINK_H
#define SYMCC_LINK_H
#include "util.h"

struct invocation;
struct linkline;
struct plan;

struct link_request {
	const struct invocation *inv;
	const struct plan *plan;
	const char *trampolines;     /* object of trampolines, or NULL */
	const char *shims;           /* archive of shims, or NULL */
	const char *output;          /* where the linker writes */
	const struct strvec *ldflags;/* extra linker flags, in the linker's own spelling */
	const struct linkline *ll;   /* the driver's command, or NULL */
	const char *resfile;         /* a fresh path for the LTO plugin's resolution file */
	const struct strvec *stubs;  /* per plan->libs: symcc's stub of it, or "" (stub.h) */
};

/* Does the link run the driver's linker command itself, without the
 * driver?  Yes when the driver would run nothing else and no option asks
 * for the driver (-v, -wrapper, -save-temps...), no launcher comes first,
 * and SYMCC_DIRECT is not 0. */
bool link_runs_direct(const struct link_request *rq);

/* The argv of the real link (compiler driver, or its linker command
 * directly), and the variables to set in its environment. */
void link_argv(const struct link_request *rq, struct strvec *argv, struct strvec *env);

/* Flags that keep the output loadable by old glibc, as far as this linker
 * knows them (probed once per linker and cached). */
void link_safety_flags(const struct invocation *inv, struct strvec *flags);

#endif
