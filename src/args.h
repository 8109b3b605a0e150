/*
 * args.h: classify a compiler invocation as a link or a pass-through.
 * SPDX-License-Identifier: MIT-0
 */
#ifndef SYMCC_ARGS_H
#define SYMCC_ARGS_H
#include <stdbool.h>
#include "util.h"

/* Options symcc takes from the command line (all spelled --symcc-*). */
struct symcc_opts {
	const char *target;     /* --symcc-target=V, or NULL */
	bool verbose;           /* --symcc-verbose */
};

struct invocation {
	struct strvec argv;     /* the compiler's argv: argv[0] is the compiler,
	                           symcc's own options removed, @files kept */
	struct strvec expanded; /* argv with @files expanded, for reading only */
	bool is_ld;             /* argv[0] is a linker, not a compiler driver */
	bool is_link;           /* goes through scan/plan/emit/link/verify */
	const char *why_pass;   /* when !is_link: why it passes through */
	const char *output;     /* effective output (last -o), points into expanded; NULL = a.out */
	bool shared;            /* -shared */
	bool needs_driver;      /* an OPT_DRIVER option: the link must run through the driver */
};

/* Split text into arguments the way GCC and ld read response files
 * (whitespace separates; '...' "..." quote; backslash escapes). */
void argsplit(const char *text, struct strvec *out);

/* Expand @file arguments in argv[0..argc) recursively into out; an @file
 * that cannot be read, or is not a regular file, stays as it is, as GCC
 * does.  -1 (reported) past 16 levels or 2000 files. */
int expand_response_files(char *const *argv, size_t argc, struct strvec *out);

/* Remove --symcc-* options from args into opts. -1 on an unknown one. */
int take_symcc_options(struct strvec *args, struct symcc_opts *opts);

/* Fill inv from a compiler (or linker) argv. -1 on error (reported). */
int args_classify(struct invocation *inv, char *const *argv, size_t argc,
                  struct symcc_opts *opts);
void invocation_free(struct invocation *inv);

/* true if the program name names a linker (ld, ld.bfd, x86_64-linux-gnu-ld, ld.lld, ...) */
bool is_linker_name(const char *prog);

/* Flags of driver options (sorted table in args.c). */
enum {
	OPT_ARG = 1 << 0,     /* takes the next argument when not joined: "-o FILE" */
	OPT_JOINED = 1 << 1,  /* the name is a prefix, the rest is its value: "-DX" */
	OPT_NOLINK = 1 << 2,  /* the invocation does not link: -c -E -S */
	OPT_INFO = 1 << 3,    /* prints information and exits: --version */
	OPT_STATIC = 1 << 4,  /* fully static output: no glibc versions */
	OPT_DRIVER = 1 << 5,  /* the driver itself acts on it at link time: -v, -wrapper */
};
/* Look up a driver option; returns its flags or 0 when unknown. */
int driver_option(const char *arg);
/* true if the option table is sorted (bsearch needs it; a unit test asks) */
bool driver_options_sorted(void);

#endif
