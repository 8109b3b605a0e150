/*
 * link.h: run the real link with what plan and emit produced.
 * SPDX-License-Identifier: MIT-0
 */
#ifndef SYMCC_LINK_H
#define SYMCC_LINK_H
#include "util.h"

struct invocation;
struct plan;

struct link_request {
	const struct invocation *inv;
	const struct plan *plan;
	const char *trampolines;     /* object of trampolines, or NULL */
	const char *shims;           /* archive of shims, or NULL */
	const char *output;          /* where the linker writes */
	const struct strvec *ldflags;/* extra linker flags, in the linker's own spelling */
};

/* The argv of the real link (compiler driver or linker). */
void link_argv(const struct link_request *rq, struct strvec *argv);

/* Flags that keep the output loadable by old glibc, as far as this linker
 * knows them (probed once per linker and cached). */
void link_safety_flags(const struct invocation *inv, struct strvec *flags);

#endif
