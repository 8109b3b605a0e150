/*
 * fixup.h: small in-place edits of the linked output before verify.
 * SPDX-License-Identifier: MIT-0
 */
#ifndef SYMCC_FIXUP_H
#define SYMCC_FIXUP_H
#include "table.h"

/* Mark as VER_FLG_WEAK every GLIBC version need newer than target whose
 * symbols are all weak references, so old glibc loads the file and the
 * symbols stay NULL there (GNU ld does not set the flag itself).  Writes
 * two bytes per such need; returns how many, or -1 on error (reported). */
int fixup_weak_needs(const char *path, glibcver target);

#endif
