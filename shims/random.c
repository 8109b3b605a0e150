/* random.c: getrandom, getentropy (glibc 2.25), arc4random and friends (2.36).
 * SPDX-License-Identifier: MIT-0
 *
 * Polyfills on the getrandom system call (Linux 3.17).  Like glibc:
 * getrandom and getentropy fail with ENOSYS on a kernel without it;
 * arc4random cannot fail, so it falls back to /dev/urandom and aborts when
 * neither works.  glibc 2.36 to 2.40 also make one getrandom call per
 * arc4random call, so the cost is the same as on those releases.
 */
#include <stddef.h>

#include "arch.h"
#include "symver.h"

typedef long ssize_type;

SYMCC_OLD(long, old_syscall, "syscall", SYMCC_GLIBC_BASE, (long, ...));
SYMCC_OLD(int *, old_errno_location, "__errno_location", SYMCC_GLIBC_BASE, (void));
SYMCC_OLD(int, old_open, "open", SYMCC_GLIBC_BASE, (const char *, int, ...));
SYMCC_OLD(ssize_type, old_read, "read", SYMCC_GLIBC_BASE, (int, void *, size_t));
SYMCC_OLD(int, old_close, "close", SYMCC_GLIBC_BASE, (int));
SYMCC_OLD(void, old_abort, "abort", SYMCC_GLIBC_BASE, (void));

SYMCC_SHIM ssize_type
__wrap_getrandom(void *buf, size_t len, unsigned int flags)
{
	/* syscall() returns -1 and sets errno (ENOSYS on old kernels) itself */
	return old_syscall(SYMCC_NR_getrandom, buf, len, flags);
}

SYMCC_SHIM int
__wrap_getentropy(void *buf, size_t len)
{
	unsigned char *p = buf;

	if (len > 256) {
		*old_errno_location() = SYMCC_EIO;
		return -1;
	}
	while (len > 0) {
		ssize_type n = __wrap_getrandom(p, len, 0);
		if (n < 0) {
			if (*old_errno_location() == SYMCC_EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* /dev/urandom, for kernels without getrandom; 0 or -1 */
static int
urandom(unsigned char *p, size_t len)
{
	int fd = old_open("/dev/urandom", SYMCC_O_RDONLY | SYMCC_O_CLOEXEC);

	if (fd < 0)
		return -1;
	while (len > 0) {
		ssize_type n = old_read(fd, p, len);
		if (n < 0 && *old_errno_location() == SYMCC_EINTR)
			continue;
		if (n <= 0) {
			old_close(fd);
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	old_close(fd);
	return 0;
}

SYMCC_SHIM void
__wrap_arc4random_buf(void *buf, size_t len)
{
	unsigned char *p = buf;
	int saved = *old_errno_location();   /* arc4random leaves errno alone */

	while (len > 0) {
		ssize_type n = __wrap_getrandom(p, len, 0);
		if (n > 0) {
			p += n;
			len -= (size_t)n;
		} else if (n < 0 && *old_errno_location() == SYMCC_EINTR) {
			continue;
		} else if (urandom(p, len) == 0) {
			break;
		} else {
			old_abort();   /* no entropy at all: glibc aborts too */
		}
	}
	*old_errno_location() = saved;
}

SYMCC_SHIM unsigned int
__wrap_arc4random(void)
{
	unsigned int r;

	__wrap_arc4random_buf(&r, sizeof(r));
	return r;
}

/* uniform in [0, upper): draw under the smallest all-ones mask that covers
 * upper - 1 and reject what is not below upper (each draw succeeds with
 * probability > 1/2).  No division: on armv7 that would be a call to
 * libgcc's __aeabi_uidivmod, an import the shims must not have. */
SYMCC_SHIM unsigned int
__wrap_arc4random_uniform(unsigned int upper)
{
	unsigned int mask, r;

	if (upper < 2)
		return 0;
	mask = upper - 1;
	mask |= mask >> 1;
	mask |= mask >> 2;
	mask |= mask >> 4;
	mask |= mask >> 8;
	mask |= mask >> 16;
	do
		r = __wrap_arc4random() & mask;
	while (r >= upper);
	return r;
}
