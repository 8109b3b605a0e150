/*
 * util.h: error reporting, checked allocation, string vectors.
 * SPDX-License-Identifier: MIT-0
 *
 * Only main.c exits: stages report with error() and return -1 (or NULL).
 * fatal() is for allocation failure alone.
 */
#ifndef SYMCC_UTIL_H
#define SYMCC_UTIL_H
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdint.h>

#define PRINTF(a, b) __attribute__((format(printf, a, b)))

/* prints "symcc: error: MSG\n"; returns -1 so callers can `return error(...)` */
int error(const char *fmt, ...) PRINTF(1, 2);
/* prints "symcc: warning: MSG\n" */
void warn(const char *fmt, ...) PRINTF(1, 2);
/* prints "symcc: note: MSG\n" (continuation of an error or warning) */
void note(const char *fmt, ...) PRINTF(1, 2);
/* prints "symcc: error: MSG\n" and exits 70 (EX_SOFTWARE) */
_Noreturn void fatal(const char *fmt, ...) PRINTF(1, 2);

/* verbose tracing to stderr, enabled by SYMCC_VERBOSE=1 or --symcc-verbose */
extern bool verbose;
#define VERBOSE(...) do { if (verbose) note(__VA_ARGS__); } while (0)

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* formatted string; caller frees */
char *xasprintf(const char *fmt, ...) PRINTF(1, 2);

/* A growable vector of owned strings, always NULL-terminated (v[n] == NULL). */
struct strvec {
	char **v;
	size_t n, cap;
};
#define STRVEC_INIT {NULL, 0, 0}

void strvec_push(struct strvec *sv, const char *s);        /* copies s */
void strvec_push_owned(struct strvec *sv, char *s);        /* takes s */
void strvec_pushf(struct strvec *sv, const char *fmt, ...) PRINTF(2, 3);
void strvec_pushv(struct strvec *sv, char *const *v, size_t n);
void strvec_insert(struct strvec *sv, size_t at, const char *s);
void strvec_remove(struct strvec *sv, size_t at);
bool strvec_contains(const struct strvec *sv, const char *s);
/* v[0] sep v[1] sep ... v[n-1], malloc'd */
char *strjoin(char *const *v, size_t n, const char *sep);
void strvec_free(struct strvec *sv);

/* true if s starts with prefix */
bool startswith(const char *s, const char *prefix);
/* the last path component of path (no allocation) */
const char *basename_of(const char *path);

/* prog found on PATH (or as given if it has a slash), or NULL.  Caller frees. */
char *which(const char *prog);
/* "PATH MTIME SIZE" of a file, or NULL if it cannot be stat'ed.  Caller frees. */
char *file_identity(const char *path);
/* 32-bit djb2 hash of a string: the hash of ELF .gnu.hash sections
 * (dl_new_hash is the same function); tables keyed by outside names use
 * hash_keyed */
uint32_t hash_string(const char *s);
/* SipHash-1-3 of data under key */
uint64_t siphash13(const uint64_t key[2], const void *data, size_t len);
/* SipHash-1-3 of a string under a random key made once per process: for
 * tables of names from the link's inputs, whose collisions an input
 * cannot then be made of (djb2's can be computed in advance) */
uint32_t hash_keyed(const char *s);

/* Read a whole file into a NUL-terminated buffer; caller frees. NULL with
 * errno set on failure. *len gets the size without the NUL. */
char *read_file(const char *path, size_t *len);
/* The same from an open fd (read to its end; the fd stays open). */
char *read_fd(int fd, size_t *len);

#endif
