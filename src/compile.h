/*
 * compile.h: compile the sources of a compile-and-link call first.
 * SPDX-License-Identifier: MIT-0
 */
#ifndef SYMCC_COMPILE_H
#define SYMCC_COMPILE_H

struct invocation;
struct output;

/* For `cc a.c b.o -o prog`, compile a.c to a temp object with the same
 * flags and replace it in inv->argv, so that scan sees every object and the
 * link runs once.  Returns 0 when done (or no sources), 1 when it left the
 * sources alone (options that name side outputs after the link output:
 * verify and its one re-plan cover that case), -1 when a compile failed,
 * symcc could not run it, or an input named on the command line is out's
 * file (refused as gcc refuses it): *status is then the exit status to
 * return (the compiler's own, its messages already printed). */
int compile_sources(struct invocation *inv, struct output *out, int *status);

/* The source a temp object was compiled from, or NULL: for messages. */
const char *compile_source_of(const char *object);

#endif
