/*
 * plan.h: for each imported glibc symbol newer than the target, what to do.
 * SPDX-License-Identifier: MIT-0
 */
#ifndef SYMCC_PLAN_H
#define SYMCC_PLAN_H
#include <stdbool.h>
#include "table.h"
#include "util.h"

struct import;

enum decision_kind {
	DEC_KEEP,       /* the default version is old enough */
	DEC_PIN,        /* bind an older version with a .symver trampoline */
	DEC_SHIM,       /* redirect to a hand-written shim */
	DEC_WEAK_NULL,  /* weak reference to a symbol the target lacks: stays NULL */
	DEC_FAIL,       /* nothing works: the link must fail */
};

/* A hand-written shim (shims/shims.txt). */
struct shim_info {
	const char *name;
	glibcver introduced;    /* the shim is used for targets older than this */
	const char *lib;        /* extra DT_NEEDED on old glibc, or NULL */
	bool data;              /* a data object, not a function */
	const char *group;      /* "spawn" for kind func:spawn or companion:spawn */
	bool companion;         /* wrapped only along with a shim of its group */
};

struct decision {
	enum decision_kind kind;
	const struct table_entry *entry;   /* DEC_PIN: the version bound */
	const struct shim_info *shim;      /* DEC_SHIM */
	const char *caveat;                /* DEC_PIN with a behaviour caveat */
	glibcver oldest;                   /* DEC_FAIL: the oldest target that works, 0 if unknown */
	const char *why;                   /* one line for --explain and errors */
};

/* Decide for one symbol whose link-time default version is `from`. */
void plan_decide(const struct glibc_table *t, glibcver target, const char *name,
                 glibcver from, bool weak, bool object, struct decision *d);

struct plan_item {
	char *name;
	enum decision_kind kind;           /* DEC_PIN or DEC_SHIM */
	char *symver;                      /* DEC_PIN: "memcpy@GLIBC_2.2.5" */
	const struct shim_info *shim;
	const char *lib;                   /* DEC_PIN: the library that holds it on
	                                      old glibc (libpthread.so.0...), NULL for libc */
};

struct plan {
	struct plan_item *items;
	size_t nitems;
	struct strvec libs;        /* sonames to add as DT_NEEDED, first use first */
	int nerrors;
};

/* Plan every import; failures are reported (naming symbol, referencing
 * object and the oldest workable target) and counted in p->nerrors. */
void plan_build(const struct glibc_table *t, glibcver target,
                const struct import *imports, size_t n, struct plan *p);
/* true if the plan already handles name */
bool plan_has(const struct plan *p, const char *name);
void plan_free(struct plan *p);

/* Verdict of pinning name@ver on arch: NULL if safe, else the reason; *unsafe
 * tells an unsafe verdict from a caveat. */
const char *abi_verdict(const char *arch, const char *name, glibcver ver, bool *unsafe);
/* Did glibc 2.34 move everything of soname into libc (libpthread, libdl,
 * librt, libutil, libanl; not libresolv, which kept part of it)? */
bool plan_emptied_lib(const char *soname);
/* The shim for a symbol, or NULL. */
const struct shim_info *shim_lookup(const char *name);

#endif
