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
 * object with the stand-in SONAME of that library that defines the symbols the plan pins to it, at
 * their versions, and push its path to stubs; push "" for a library with no
 * pin (a shim's).  Linked in place of the library, it makes the linker
 * record each need under the library that holds the symbol on old glibc.
 * -1 on error (reported). */
int stub_write_all(const char *arch, const struct plan *p, const char *dir, struct strvec *stubs);

#endif
