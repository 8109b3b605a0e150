/*
 * stub.h: stand-ins for the libraries that old glibc kept apart from libc.
 * SPDX-License-Identifier: MIT-0
 */
#ifndef SYMCC_STUB_H
#define SYMCC_STUB_H
#include "util.h"

struct plan;

/* The stand-in SONAME of lib's stub (malloc'd): lib with its last character
 * replaced by '~'; fixup_stub_names() puts lib back in the output. */
char *stub_soname(const char *lib);

/* For each library of p->libs, in order: write into dir a stub shared
 * object with the stand-in SONAME of that library that defines every
 * function t places in it, at those versions (hidden), and push its path
 * to stubs; push "" for libm and libmvec (2.34 left them apart).  Linked
 * before libc, it makes the linker record each versioned need under the
 * library that holds the symbol on old glibc.  -1 on error (reported). */
struct glibc_table;
int stub_write_all(const char *arch, const struct glibc_table *t, const struct plan *p,
                   const char *dir, struct strvec *stubs);

#endif
