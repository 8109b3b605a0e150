/* stat.c: stat family (glibc 2.33 symbols) -> __xstat & co. with _STAT_VER.
 * SPDX-License-Identifier: MIT-0
 *
 * Up to glibc 2.32, stat() and friends were static wrappers in
 * libc_nonshared.a that called the versioned __xstat family with the
 * architecture's _STAT_VER (and __xmknod with _MKNOD_VER, dev by pointer).
 * These shims are those wrappers.  struct stat is passed through untouched,
 * so its layout never matters here.
 */
#include "symver.h"
#include "arch.h"

typedef __UINT64_TYPE__ symcc_dev_t;	/* dev_t: 64 bits on every Linux ABI */
typedef unsigned int symcc_mode_t;

SYMCC_OLD(int, old_xstat, "__xstat", SYMCC_GLIBC_BASE,
	  (int ver, const char *path, void *buf));
SYMCC_OLD(int, old_fxstat, "__fxstat", SYMCC_GLIBC_BASE,
	  (int ver, int fd, void *buf));
SYMCC_OLD(int, old_lxstat, "__lxstat", SYMCC_GLIBC_BASE,
	  (int ver, const char *path, void *buf));
SYMCC_OLD(int, old_fxstatat, "__fxstatat", SYMCC_V_2_4,
	  (int ver, int dirfd, const char *path, void *buf, int flags));
SYMCC_OLD(int, old_xstat64, "__xstat64", SYMCC_V_2_2,
	  (int ver, const char *path, void *buf));
SYMCC_OLD(int, old_fxstat64, "__fxstat64", SYMCC_V_2_2,
	  (int ver, int fd, void *buf));
SYMCC_OLD(int, old_lxstat64, "__lxstat64", SYMCC_V_2_2,
	  (int ver, const char *path, void *buf));
SYMCC_OLD(int, old_fxstatat64, "__fxstatat64", SYMCC_V_2_4,
	  (int ver, int dirfd, const char *path, void *buf, int flags));
SYMCC_OLD(int, old_xmknod, "__xmknod", SYMCC_GLIBC_BASE,
	  (int ver, const char *path, symcc_mode_t mode, symcc_dev_t *dev));
SYMCC_OLD(int, old_xmknodat, "__xmknodat", SYMCC_V_2_4,
	  (int ver, int dirfd, const char *path, symcc_mode_t mode,
	   symcc_dev_t *dev));

/* stat (path, buf) */
SYMCC_SHIM int
__wrap_stat(const char *path, void *buf)
{
	return old_xstat(SYMCC_STAT_VER, path, buf);
}

/* fstat (fd, buf) */
SYMCC_SHIM int
__wrap_fstat(int fd, void *buf)
{
	return old_fxstat(SYMCC_STAT_VER, fd, buf);
}

/* lstat (path, buf) */
SYMCC_SHIM int
__wrap_lstat(const char *path, void *buf)
{
	return old_lxstat(SYMCC_STAT_VER, path, buf);
}

/* fstatat (dirfd, path, buf, flags) */
SYMCC_SHIM int
__wrap_fstatat(int dirfd, const char *path, void *buf, int flags)
{
	return old_fxstatat(SYMCC_STAT_VER, dirfd, path, buf, flags);
}

/* stat64 (path, buf) */
SYMCC_SHIM int
__wrap_stat64(const char *path, void *buf)
{
	return old_xstat64(SYMCC_STAT_VER, path, buf);
}

/* fstat64 (fd, buf) */
SYMCC_SHIM int
__wrap_fstat64(int fd, void *buf)
{
	return old_fxstat64(SYMCC_STAT_VER, fd, buf);
}

/* lstat64 (path, buf) */
SYMCC_SHIM int
__wrap_lstat64(const char *path, void *buf)
{
	return old_lxstat64(SYMCC_STAT_VER, path, buf);
}

/* fstatat64 (dirfd, path, buf, flags) */
SYMCC_SHIM int
__wrap_fstatat64(int dirfd, const char *path, void *buf, int flags)
{
	return old_fxstatat64(SYMCC_STAT_VER, dirfd, path, buf, flags);
}

/* mknod (path, mode, dev): the old entry point takes dev by pointer */
SYMCC_SHIM int
__wrap_mknod(const char *path, symcc_mode_t mode, symcc_dev_t dev)
{
	return old_xmknod(SYMCC_MKNOD_VER, path, mode, &dev);
}

/* mknodat (dirfd, path, mode, dev) */
SYMCC_SHIM int
__wrap_mknodat(int dirfd, const char *path, symcc_mode_t mode,
	       symcc_dev_t dev)
{
	return old_xmknodat(SYMCC_MKNOD_VER, dirfd, path, mode, &dev);
}
