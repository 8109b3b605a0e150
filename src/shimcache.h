/*
 * shimcache.h: symcc's shims for an architecture other than its own.
 * SPDX-License-Identifier: MIT-0
 */
#ifndef SYMCC_SHIMCACHE_H
#define SYMCC_SHIMCACHE_H
#include <stddef.h>

struct invocation;

/* A file embedded in symcc (src/tools/embedfiles.c writes the tables). */
struct symcc_embedded_file {
	const char *name;
	const unsigned char *data;
	size_t len;
};

/* the .c files of shims/ and their headers, as symcc was built with them;
 * {0}-terminated */
extern const struct symcc_embedded_file symcc_shims_sources[];

/* The shims archive for arch (a table architecture: "aarch64", "i686"...),
 * compiled from the embedded sources by the invocation's own compiler with
 * its ABI options (-m32, -mfloat-abi=...), or for `symcc ld` by
 * TRIPLET-gcc.  Built once into $SYMCC_CACHE_DIR/shims (default
 * ~/.cache/symcc/shims) under a name keyed by the compiler's identity (path,
 * mtime, size), those options, arch, symcc's version and the sources, and
 * renamed into place whole, so parallel builds share it safely; its digest
 * is checked at each use.  Without a usable cache, built into symcc's temp
 * directory for this link.  *path gets a malloc'd path; 0, or -1 on error
 * (reported). */
int shimcache_archive(const char *arch, const struct invocation *inv, char **path);

/* The host's shims archive (embedded in symcc, data/len, digest the
 * build's FNV-1a of the bytes) as a file in the cache, named by that digest
 * and written once, so a link need not write 700 KB; its bytes are
 * compared with data at each use (and written again when they differ).
 * 0 with *path (malloc'd, not to be deleted), or 1 if there is no usable
 * cache (the caller writes a temporary copy). */
int shimcache_host(const void *data, size_t len, unsigned long long digest, const char *arch,
                   char **path);

/* Check that the archive shimcache_archive() gave defines every shim the
 * plan uses: some shims are written for some architectures only.  0, or -1
 * with an error naming each missing one. */
struct plan;
int shimcache_check(const char *archive, const struct plan *p, const char *arch);

/* The compiler options of argv that select an ABI and so take part in the
 * cache key and the shims' own compilation; appended to out.  (For tests.) */
struct strvec;
void shimcache_abi_options(char *const *argv, size_t argc, struct strvec *out);

#endif
