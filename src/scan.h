/*
 * scan.h: which glibc symbols, at which default versions, a link will import.
 * SPDX-License-Identifier: MIT-0
 */
#ifndef SYMCC_SCAN_H
#define SYMCC_SCAN_H
#include <stdbool.h>
#include <stddef.h>

struct linkline;
struct output;

/* A symbol the output will import from a glibc shared object. */
struct import {
	const char *name;
	const char *version;   /* the version the linker will bind: "GLIBC_2.34" */
	const char *dso;       /* soname of the defining glibc object */
	const char *ref;       /* first input that references it: "a.o", "libx.a(m.o)" */
	bool weak;             /* every reference is weak */
	bool object;           /* a data object, not a function */
};

struct scan_result {
	struct import *imports;
	size_t nimports;
	size_t nfiles, nmembers;    /* what was read, for --symcc-verbose */
	struct scan_state *state;   /* owns the strings */
};

/* Read every input of the link the way the linker will (archive members
 * only when pulled).  -1 on error (reported). */
int scan_link(const struct linkline *ll, struct scan_result *out);
/* The same, refusing an input that is output's file (reported as ld does:
 * "input file 'X' is the same as output file"); NULL checks nothing. */
int scan_link_to(const struct linkline *ll, struct output *output, struct scan_result *out);

/* The first input that references name, or NULL. */
const char *scan_referrer(const struct scan_result *r, const char *name);

void scan_free(struct scan_result *r);

#endif
