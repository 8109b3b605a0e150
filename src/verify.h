/*
 * verify.h: what a finished ELF file requires of the system that loads it.
 * SPDX-License-Identifier: MIT-0
 */
#ifndef SYMCC_VERIFY_H
#define SYMCC_VERIFY_H
#include <stdbool.h>
#include <stddef.h>
#include "table.h"
#include "util.h"

/* One version requirement (.gnu.version_r) and a symbol that uses it. */
struct need {
	char *symbol;      /* NULL: the version is required with no symbol bound to it */
	char *version;     /* "GLIBC_2.34", "GLIBCXX_3.4.30" */
	char *file;        /* "libc.so.6" */
	bool weak;         /* the requirement is VER_FLG_WEAK: missing is not fatal */
	bool weak_ref;     /* the symbol's reference is weak (STB_WEAK) */
};

struct elf_needs {
	struct need *needs;
	size_t n, cap;
	struct strvec needed;   /* DT_NEEDED */
	struct strvec unversioned; /* strong undefined dynamic symbols with no version */
	char *runpath;          /* DT_RUNPATH, else DT_RPATH, or NULL */
	bool dynamic;           /* has PT_DYNAMIC (an object: a dynamic section) */
	bool shared;            /* ET_DYN without an interpreter */
};

/* Read the version requirements of an ELF file as the loader does (through
 * PT_DYNAMIC; an object through its sections).  -1 on error (reported),
 * also when the section headers say otherwise than the dynamic segment. */
int elf_read_needs(const char *path, struct elf_needs *out);
void elf_needs_free(struct elf_needs *n);
/* The same for an ELF image in memory (a wheel member); name is for messages. */
int elf_read_needs_mem(const char *name, void *buf, size_t len, struct elf_needs *out);

struct cxx_policy;
/* One requirement judged against a target and its manylinux policy: what is
 * wrong with it (malloc'd), or NULL if it is fine. */
char *verify_judge(const struct need *n, glibcver target, const struct cxx_policy *pol);

/* A GLIBC symbol the output needs above the target (for re-planning). */
struct missed {
	char *name, *version;
	bool weak;         /* only weakly referenced */
};

struct verify_result {
	int problems;             /* number of reported problems */
	struct missed *missed;    /* GLIBC_2.x symbols above the target */
	size_t nmissed;
};

/* Judge path's requirements against the target; report each problem (when
 * report is true) as "symcc: error: ...".  -1 if the file cannot be read. */
int verify_output(const char *path, glibcver target, bool report, struct verify_result *res);
/* The same, naming the file `display` in messages (the user's output, not
 * the temporary file the linker wrote). */
int verify_output_as(const char *path, const char *display, glibcver target, bool report,
                     struct verify_result *res);
void verify_result_free(struct verify_result *res);

/* "GLIBC_2.17" -> 21700 into *v; 0, or -1 if not a GLIBC_2.x version. */
int glibc_version_of(const char *version, glibcver *v);

#endif
