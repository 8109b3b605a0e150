/*
 * fixup.h: small in-place edits of the linked output before verify.
 * SPDX-License-Identifier: MIT-0
 */
#ifndef SYMCC_FIXUP_H
#define SYMCC_FIXUP_H
#include "table.h"
#include "util.h"

/* Make every GLIBC version need newer than target whose symbols are all
 * weak references harmless on old glibc (GNU ld records them as plain
 * needs): unversion the references and drop the need when t shows one
 * version of each symbol, else flag the need VER_FLG_WEAK.  Returns how
 * many needs changed, or -1 on error (reported). */
int fixup_weak_needs(const char *path, glibcver target, const struct glibc_table *t);

/* Put back the library names that symcc's stubs stood in for (stub.c):
 * each of libs that has a stub (stubs, as stub_write_all() made it).  -1 on
 * error (reported). */
int fixup_stub_names(const char *path, const struct strvec *libs, const struct strvec *stubs);

#endif
