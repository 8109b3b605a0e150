/*
 * emit.h: write the objects symcc adds to a link.
 * SPDX-License-Identifier: MIT-0
 */
#ifndef SYMCC_EMIT_H
#define SYMCC_EMIT_H
#include <stddef.h>

struct plan;

/* Write a relocatable object with one trampoline per pinned symbol S of the
 * plan: a hidden function __wrap_S that jumps to S@GLIBC_V.  The caller links
 * it with --wrap=S.  -1 on error (reported), or if arch is unsupported. */
int emit_trampolines(const char *arch, const struct plan *p, const char *path);

/* true if emit_trampolines() knows arch */
int emit_supports(const char *arch);

/* The table architecture the embedded shims archive was built for: symcc's own. */
extern const char symcc_shims_arch[];

/* Write len bytes to a new file at path (mode 0600).  -1 on error (reported). */
int emit_blob(const void *data, size_t len, const char *path);

#endif
