/*
 * cache.h: symcc's cache directory, trusted only as ssh and ccache trust theirs.
 * SPDX-License-Identifier: MIT-0
 */
#ifndef SYMCC_CACHE_H
#define SYMCC_CACHE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct stat;

/* A verified cache directory: an fd open on it and its canonical path. */
struct cachedir {
	int fd;
	char *path;
};

/* The cache directory ($SYMCC_CACHE_DIR, $XDG_CACHE_HOME/symcc or
 * ~/.cache/symcc), made if missing (its last component, and for the two
 * defaults the one above it, never more: HOME=/nonexistent stays so), and
 * used only if it is owned by the effective user and writable by no one
 * else, and every directory above it is owned by root or that user and
 * writable by no one else (or sticky, as /tmp).  NULL when there is none
 * or it fails those checks (then with one warning), or after cache_off(). */
const struct cachedir *cache_dir(void);
/* The subdirectory name of the cache dir, made if missing, checked the same
 * way; NULL otherwise. */
const struct cachedir *cache_subdir(const char *name);

/* Stop using the cache for the rest of this run, saying why in a warning
 * (followed by "; linking without the cache").  The cache says at most one
 * warning per run: this or cache_warn's, the first. */
void cache_off(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A warning about the cache that does not turn it off (an entry that is
 * the user's own but wrong, written again): only if none was said yet. */
void cache_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Open the entry name of d for reading: never through a symlink, and only
 * a regular file owned by the effective user that no one else may write.
 * The fd (*st filled), or -1: errno ENOENT on a miss; anything else turns
 * the cache off (warned). */
int cache_open(const struct cachedir *d, const char *name, struct stat *st);
/* The whole entry, NUL-terminated (caller frees), or NULL as cache_open. */
char *cache_read(const struct cachedir *d, const char *name, size_t *len);
/* Write the entry whole (beside it, then renamed, so parallel runs see the
 * old one or the new one).  0, or -1 with the cache turned off (warned):
 * a cache that cannot be written is no reason to fail a link. */
int cache_write(const struct cachedir *d, const char *name, const void *data, size_t len);
/* Mark an open entry as used (its mtime, at most once a day), for cache_trim. */
void cache_used(int fd, const struct stat *st);
/* Keep at most max entries named PREFIX* in d, removing the least recently
 * used; best effort (parallel runs share the cache). */
void cache_trim(const struct cachedir *d, const char *prefix, size_t max);
/* d->path/name, malloc'd. */
char *cache_path(const struct cachedir *d, const char *name);

/* 64-bit FNV-1a of data, continued from h (start with CACHE_HASH_INIT):
 * names entries by what they depend on. */
#define CACHE_HASH_INIT 0xcbf29ce484222325ULL
uint64_t cache_hash(uint64_t h, const void *data, size_t len);
/* the same over s and its NUL */
uint64_t cache_hash_str(uint64_t h, const char *s);

/* Forget the verified directories (for tests that change the environment). */
void cache_reset(void);

#endif
