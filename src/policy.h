/*
 * policy.h: the libraries each manylinux tag allows and the symbols it
 * forbids (data/manylinux-policy.txt, from auditwheel's policy file).
 * SPDX-License-Identifier: MIT-0
 */
#ifndef SYMCC_POLICY_H
#define SYMCC_POLICY_H

#include <stdbool.h>
#include <gelf.h>

#include "table.h"

/* The glibc of the oldest manylinux tag whose policy allows a wheel to need
 * the system library soname ("libz.so.1"), or 0 if no tag's does.  The
 * dynamic loader itself (ld-linux*.so.*, ld64.so.*) is always allowed. */
glibcver policy_lib_since(const char *soname);

/* Does the tag of glibc `tag` forbid symbol `sym` (a wheel's undefined
 * symbol) when the wheel needs `lib`?  Whatever the version it binds. */
bool policy_blacklisted(const char *lib, const char *sym, glibcver tag);

/* The x86-64 ISA level an x86_64 ELF file says it needs (2 to 4 for
 * x86-64-v2 to v4, from GNU_PROPERTY_X86_ISA_1_NEEDED in its
 * NT_GNU_PROPERTY_TYPE_0 note, as auditwheel reads it), or 1 (the
 * baseline every manylinux tag assumes). */
int policy_x86_isa_level(Elf *elf);

#endif
