/*
 * util.c: error reporting, checked allocation, string vectors.
 * SPDX-License-Identifier: MIT-0
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <endian.h>
#include <unistd.h>

#include "util.h"

bool verbose;

static void
vreport(const char *kind, const char *fmt, va_list ap)
{
	char msg[4096];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	/* one write, so messages of parallel links do not interleave */
	fprintf(stderr, "symcc: %s: %s\n", kind, msg);
}

int
error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport("error", fmt, ap);
	va_end(ap);
	return -1;
}

void
warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport("warning", fmt, ap);
	va_end(ap);
}

void
note(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport("note", fmt, ap);
	va_end(ap);
}

void
fatal(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport("error", fmt, ap);
	va_end(ap);
	exit(70);
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		fatal("out of memory");
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		fatal("out of memory");
	return p;
}

void *
xreallocarray(void *p, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		fatal("out of memory");
	p = realloc(p, (n && size) ? n * size : 1);
	if (!p)
		fatal("out of memory");
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

static char *
xvasprintf(const char *fmt, va_list ap)
{
	va_list ap2;
	int n;
	char *s;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		fatal("invalid format string");
	s = xmalloc((size_t)n + 1);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	return s;
}

static void
strvec_grow(struct strvec *sv, size_t extra)
{
	if (sv->n + extra + 1 <= sv->cap)
		return;
	sv->cap = (sv->n + extra + 1) * 2;
	sv->v = xreallocarray(sv->v, sv->cap, sizeof(*sv->v));
}

void
strvec_push_owned(struct strvec *sv, char *s)
{
	strvec_grow(sv, 1);
	sv->v[sv->n++] = s;
	sv->v[sv->n] = NULL;
}

void
strvec_push(struct strvec *sv, const char *s)
{
	strvec_push_owned(sv, xstrdup(s));
}

void
strvec_pushf(struct strvec *sv, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	strvec_push_owned(sv, xvasprintf(fmt, ap));
	va_end(ap);
}

void
strvec_pushv(struct strvec *sv, char *const *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		strvec_push(sv, v[i]);
}

void
strvec_insert(struct strvec *sv, size_t at, const char *s)
{
	strvec_grow(sv, 1);
	memmove(sv->v + at + 1, sv->v + at, (sv->n - at + 1) * sizeof(*sv->v));
	sv->v[at] = xstrdup(s);
	sv->n++;
}

void
strvec_remove(struct strvec *sv, size_t at)
{
	free(sv->v[at]);
	memmove(sv->v + at, sv->v + at + 1, (sv->n - at) * sizeof(*sv->v));
	sv->n--;
}

bool
strvec_contains(const struct strvec *sv, const char *s)
{
	for (size_t i = 0; i < sv->n; i++)
		if (strcmp(sv->v[i], s) == 0)
			return true;
	return false;
}

char *
strjoin(char *const *v, size_t n, const char *sep)
{
	size_t len = 1, nsep = strlen(sep);
	char *out, *o;

	for (size_t i = 0; i < n; i++)
		len += strlen(v[i]) + nsep;
	out = o = xmalloc(len);
	*o = '\0';
	for (size_t i = 0; i < n; i++)
		o = stpcpy(stpcpy(o, i ? sep : ""), v[i]);
	return out;
}

void
strvec_free(struct strvec *sv)
{
	for (size_t i = 0; i < sv->n; i++)
		free(sv->v[i]);
	free(sv->v);
	sv->v = NULL;
	sv->n = sv->cap = 0;
}

bool
startswith(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

const char *
basename_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

char *
read_fd(int fd, size_t *len)
{
	struct stat st;
	char *buf = NULL;
	size_t cap = 0, n = 0;

	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
		cap = (size_t)st.st_size + 2;
	buf = xmalloc(cap ? cap : 4096);
	if (!cap)
		cap = 4096;
	for (;;) {
		ssize_t r;

		if (n + 1 >= cap) {
			cap = cap * 2 + 4096;
			buf = xreallocarray(buf, cap, 1);
		}
		r = read(fd, buf + n, cap - n - 1);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			int saved = errno;
			free(buf);
			errno = saved;
			return NULL;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

char *
read_file(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	char *buf;
	int saved;

	if (fd < 0)
		return NULL;
	buf = read_fd(fd, len);
	saved = errno;
	close(fd);
	errno = saved;
	return buf;
}

char *
which(const char *prog)
{
	const char *path = getenv("PATH");
	char *copy, *save = NULL, *found = NULL;

	if (strchr(prog, '/'))
		return access(prog, X_OK) == 0 ? xstrdup(prog) : NULL;
	if (!path)
		return NULL;
	copy = xstrdup(path);
	for (char *dir = strtok_r(copy, ":", &save); dir && !found; dir = strtok_r(NULL, ":", &save)) {
		char *p = xasprintf("%s/%s", *dir ? dir : ".", prog);
		if (access(p, X_OK) == 0)
			found = p;
		else
			free(p);
	}
	free(copy);
	return found;
}

char *
file_identity(const char *path)
{
	struct stat st;

	if (!path || stat(path, &st) != 0)
		return NULL;
	return xasprintf("%s %lld %lld", path, (long long)st.st_mtime, (long long)st.st_size);
}

uint32_t
hash_string(const char *s)
{
	uint32_t h = 5381;

	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h;
}

/* SipHash-1-3 (Aumasson and Bernstein's keyed hash; one compression
 * round per 8-byte word, three to finish), written from the paper. */
#define ROTL64(x, b) (((x) << (b)) | ((x) >> (64 - (b))))
#define SIPROUND(v0, v1, v2, v3) do { \
	v0 += v1; v1 = ROTL64(v1, 13); v1 ^= v0; v0 = ROTL64(v0, 32); \
	v2 += v3; v3 = ROTL64(v3, 16); v3 ^= v2; \
	v0 += v3; v3 = ROTL64(v3, 21); v3 ^= v0; \
	v2 += v1; v1 = ROTL64(v1, 17); v1 ^= v2; v2 = ROTL64(v2, 32); \
} while (0)

static uint64_t
load_le64(const unsigned char *p, size_t n)
{
	uint64_t w = 0;

	for (size_t i = 0; i < n; i++)
		w |= (uint64_t)p[i] << (8 * i);
	return w;
}

uint64_t
siphash13(const uint64_t key[2], const void *data, size_t len)
{
	const unsigned char *p = data;
	uint64_t v0 = key[0] ^ 0x736f6d6570736575ULL, v1 = key[1] ^ 0x646f72616e646f6dULL;
	uint64_t v2 = key[0] ^ 0x6c7967656e657261ULL, v3 = key[1] ^ 0x7465646279746573ULL;
	uint64_t m;
	size_t left = len;

	for (; left >= 8; p += 8, left -= 8) {
		memcpy(&m, p, 8);
		m = le64toh(m);
		v3 ^= m;
		SIPROUND(v0, v1, v2, v3);
		v0 ^= m;
	}
	m = load_le64(p, left) | (uint64_t)len << 56;
	v3 ^= m;
	SIPROUND(v0, v1, v2, v3);
	v0 ^= m;
	v2 ^= 0xff;
	SIPROUND(v0, v1, v2, v3);
	SIPROUND(v0, v1, v2, v3);
	SIPROUND(v0, v1, v2, v3);
	return v0 ^ v1 ^ v2 ^ v3;
}

uint32_t
hash_keyed(const char *s)
{
	static uint64_t key[2];
	static bool keyed;

	if (!keyed) {
		/* the kernel's random bytes; else (no getrandom before Linux
		 * 3.17) the 16 it gave the process, hashed so that the key
		 * reveals nothing of the stack protector's canary made of them */
		if (getrandom(key, sizeof(key), GRND_NONBLOCK) != (ssize_t)sizeof(key)) {
			const void *at_random = (const void *)getauxval(AT_RANDOM);
			uint64_t seed[2] = {(uint64_t)getpid(), (uint64_t)(uintptr_t)&key};

			if (at_random) {
				key[0] = siphash13(seed, at_random, 16);
				seed[0] = ~seed[0];
				key[1] = siphash13(seed, at_random, 16);
			}
		}
		keyed = true;
	}
	return (uint32_t)siphash13(key, s, strlen(s));
}
