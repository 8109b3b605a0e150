/* fts64.c: fts64_open, fts64_read, fts64_children, fts64_set, fts64_close
 * (glibc 2.23), on the 64-bit architectures.
 * SPDX-License-Identifier: MIT-0
 *
 * <fts.h> redirects fts_* to fts64_* under _FILE_OFFSET_BITS=64 (what
 * autoconf's AC_SYS_LARGEFILE sets); before 2.23 it refused that macro.
 * Where off_t and ino_t are 64 bits, FTS64 and FTSENT64 are FTS and FTSENT,
 * and glibc's fts64_* are aliases of fts_* (the same addresses in
 * libc.so.6): these go to fts_* at the base version.  Not built on 32-bit
 * architectures, where the structures differ.
 */
#include "arch.h"
#include "symver.h"

#if defined(__LP64__)
SYMCC_OLD(void *, old_fts_open, "fts_open", SYMCC_GLIBC_BASE,
          (char *const *, int, int (*)(const void **, const void **)));
SYMCC_OLD(void *, old_fts_read, "fts_read", SYMCC_GLIBC_BASE, (void *));
SYMCC_OLD(void *, old_fts_children, "fts_children", SYMCC_GLIBC_BASE, (void *, int));
SYMCC_OLD(int, old_fts_set, "fts_set", SYMCC_GLIBC_BASE, (void *, void *, int));
SYMCC_OLD(int, old_fts_close, "fts_close", SYMCC_GLIBC_BASE, (void *));

SYMCC_SHIM void *
__wrap_fts64_open(char *const *paths, int options, int (*cmp)(const void **, const void **))
{
	return old_fts_open(paths, options, cmp);
}

SYMCC_SHIM void *
__wrap_fts64_read(void *fts)
{
	return old_fts_read(fts);
}

SYMCC_SHIM void *
__wrap_fts64_children(void *fts, int options)
{
	return old_fts_children(fts, options);
}

SYMCC_SHIM int
__wrap_fts64_set(void *fts, void *ent, int instr)
{
	return old_fts_set(fts, ent, instr);
}

SYMCC_SHIM int
__wrap_fts64_close(void *fts)
{
	return old_fts_close(fts);
}
#endif
