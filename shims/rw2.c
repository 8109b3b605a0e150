/* rw2.c: preadv2, pwritev2 and their 64 names (glibc 2.26).
 * SPDX-License-Identifier: MIT-0
 *
 * The system calls (Linux 4.6), with glibc's fallback on older kernels:
 * flags 0 become preadv/pwritev, or readv/writev for offset -1 (the file
 * position); other flags fail with EOPNOTSUPP.  preadv and pwritev are
 * system calls here too: their functions are GLIBC_2.10, and the targets
 * go down to the base version.
 */
#include "arch.h"
#include "symver.h"

typedef long ssize_type;

#define SYMCC_EOPNOTSUPP 95

SYMCC_OLD(long, old_syscall, "syscall", SYMCC_GLIBC_BASE, (long, ...));
SYMCC_OLD(int *, old_errno_location, "__errno_location", SYMCC_GLIBC_BASE, (void));
SYMCC_OLD(ssize_type, old_readv, "readv", SYMCC_GLIBC_BASE, (int, const void *, int));
SYMCC_OLD(ssize_type, old_writev, "writev", SYMCC_GLIBC_BASE, (int, const void *, int));

/* the system call NR, then the fallback; the offset goes as low and high
 * halves (a 64-bit kernel reads the low one whole) */
static ssize_type
rw2(long nr, int write, int fd, const void *iov, int n, long long off, int flags)
{
	long lo = (long)off, hi = (long)((unsigned long long)off >> 32);
	long r = old_syscall(nr, fd, iov, n, lo, hi, flags);

	if (r >= 0 || *old_errno_location() != SYMCC_ENOSYS)
		return r;
	if (flags != 0) {
		*old_errno_location() = SYMCC_EOPNOTSUPP;
		return -1;
	}
	if (off == -1)
		return write ? old_writev(fd, iov, n) : old_readv(fd, iov, n);
	return old_syscall(write ? SYMCC_NR_pwritev : SYMCC_NR_preadv, fd, iov, n, lo, hi);
}

SYMCC_SHIM ssize_type
__wrap_preadv64v2(int fd, const void *iov, int n, long long off, int flags)
{
	return rw2(SYMCC_NR_preadv2, 0, fd, iov, n, off, flags);
}

SYMCC_SHIM ssize_type
__wrap_pwritev64v2(int fd, const void *iov, int n, long long off, int flags)
{
	return rw2(SYMCC_NR_pwritev2, 1, fd, iov, n, off, flags);
}

#if defined(__LP64__)
/* off_t is 64 bits: the same functions */
SYMCC_SHIM ssize_type
__wrap_preadv2(int fd, const void *iov, int n, long off, int flags)
{
	return rw2(SYMCC_NR_preadv2, 0, fd, iov, n, off, flags);
}

SYMCC_SHIM ssize_type
__wrap_pwritev2(int fd, const void *iov, int n, long off, int flags)
{
	return rw2(SYMCC_NR_pwritev2, 1, fd, iov, n, off, flags);
}
#endif
