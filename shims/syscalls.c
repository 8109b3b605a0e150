/* syscalls.c: polyfills on raw system calls for functions old glibc lacks:
 * memfd_create, mlock2, copy_file_range (2.27), statx, renameat2 (2.28),
 * getcpu (2.29), gettid, getdents64, tgkill (2.30), close_range, closefrom,
 * execveat (2.34), epoll_pwait2 (2.35), pidfd_open, pidfd_send_signal,
 * pidfd_getfd (2.36).
 * SPDX-License-Identifier: MIT-0
 *
 * Each does what glibc's own wrapper does on the same kernel.  Most are a
 * bare system call, so an old kernel gives -1 and ENOSYS (the old syscall()
 * sets errno itself).  The documented fallbacks are kept: mlock2 and
 * renameat2 with flags 0 use mlock and renameat, and with other flags turn
 * ENOSYS into EINVAL; statx without the system call (Linux < 4.11) fills the
 * basic fields from fstatat64 (x86_64 only here: the only stat layout
 * verified); closefrom walks /proc/self/fd when close_range is missing, and
 * aborts, as glibc does, when it cannot close everything.
 */
#include "arch.h"
#include "symver.h"

typedef __SIZE_TYPE__ size_t;
typedef long ssize_type;

SYMCC_OLD(long, old_syscall, "syscall", SYMCC_GLIBC_BASE, (long, ...));
SYMCC_OLD(int *, old_errno_location, "__errno_location", SYMCC_GLIBC_BASE, (void));
SYMCC_OLD(int, old_mlock, "mlock", SYMCC_GLIBC_BASE, (const void *, size_t));
SYMCC_OLD(int, old_renameat, "renameat", SYMCC_V_2_4, (int, const char *, int, const char *));
SYMCC_OLD(int, old_open, "open", SYMCC_GLIBC_BASE, (const char *, int, ...));
SYMCC_OLD(int, old_close, "close", SYMCC_GLIBC_BASE, (int));
SYMCC_OLD(long, old_lseek, "lseek", SYMCC_GLIBC_BASE, (int, long, int));
SYMCC_OLD(void, old_abort, "abort", SYMCC_GLIBC_BASE, (void));

#define SET_ERRNO(e) (*old_errno_location() = (e))

SYMCC_SHIM int
__wrap_memfd_create(const char *name, unsigned int flags)
{
	return (int)old_syscall(SYMCC_NR_memfd_create, name, flags);
}

SYMCC_SHIM int
__wrap_gettid(void)
{
	return (int)old_syscall(SYMCC_NR_gettid);
}

SYMCC_SHIM ssize_type
__wrap_copy_file_range(int infd, long long *inoff, int outfd, long long *outoff,
                       size_t len, unsigned int flags)
{
	return old_syscall(SYMCC_NR_copy_file_range, infd, inoff, outfd, outoff, len, flags);
}

SYMCC_SHIM int
__wrap_close_range(unsigned int first, unsigned int last, int flags)
{
	return (int)old_syscall(SYMCC_NR_close_range, first, last, flags);
}

SYMCC_SHIM int
__wrap_pidfd_open(int pid, unsigned int flags)
{
	return (int)old_syscall(SYMCC_NR_pidfd_open, pid, flags);
}

SYMCC_SHIM int
__wrap_pidfd_send_signal(int pidfd, int sig, void *info, unsigned int flags)
{
	return (int)old_syscall(SYMCC_NR_pidfd_send_signal, pidfd, sig, info, flags);
}

SYMCC_SHIM int
__wrap_pidfd_getfd(int pidfd, int targetfd, unsigned int flags)
{
	return (int)old_syscall(SYMCC_NR_pidfd_getfd, pidfd, targetfd, flags);
}

SYMCC_SHIM int
__wrap_execveat(int dirfd, const char *path, char *const argv[], char *const envp[], int flags)
{
	return (int)old_syscall(SYMCC_NR_execveat, dirfd, path, argv, envp, flags);
}

SYMCC_SHIM int
__wrap_tgkill(int tgid, int tid, int sig)
{
	return (int)old_syscall(SYMCC_NR_tgkill, tgid, tid, sig);
}

/* the third argument of the system call (a cache) is unused since Linux
 * 2.6.24; glibc passes NULL */
SYMCC_SHIM int
__wrap_getcpu(unsigned int *cpu, unsigned int *node)
{
	return (int)old_syscall(SYMCC_NR_getcpu, cpu, node, (void *)0);
}

/* the kernel checks the size of the signal set: 64 signals, 8 bytes */
SYMCC_SHIM int
__wrap_epoll_pwait2(int epfd, void *events, int maxevents, const void *timeout,
                    const void *sigmask)
{
	return (int)old_syscall(SYMCC_NR_epoll_pwait2, epfd, events, maxevents, timeout, sigmask, 8);
}

/* the kernel reads the size as an int: larger requests are clamped */
SYMCC_SHIM ssize_type
__wrap_getdents64(int fd, void *buf, size_t len)
{
	if (len > 0x7fffffff)
		len = 0x7fffffff;
	return old_syscall(SYMCC_NR_getdents64, fd, buf, len);
}

SYMCC_SHIM int
__wrap_mlock2(const void *addr, size_t len, unsigned int flags)
{
	long r;

	if (flags == 0)
		return old_mlock(addr, len);
	r = old_syscall(SYMCC_NR_mlock2, addr, len, flags);
	if (r < 0 && *old_errno_location() == SYMCC_ENOSYS)
		SET_ERRNO(SYMCC_EINVAL);   /* no mlock2: every flag is unknown */
	return (int)r;
}

SYMCC_SHIM int
__wrap_renameat2(int oldfd, const char *old, int newfd, const char *new_, unsigned int flags)
{
	long r;

	if (flags == 0)
		return old_renameat(oldfd, old, newfd, new_);
	r = old_syscall(SYMCC_NR_renameat2, oldfd, old, newfd, new_, flags);
	if (r < 0 && *old_errno_location() == SYMCC_ENOSYS)
		SET_ERRNO(SYMCC_EINVAL);
	return (int)r;
}

/* ---- statx ------------------------------------------------------------ */

struct symcc_statx_ts {
	long long tv_sec;
	unsigned int tv_nsec;
	int reserved;
};

struct symcc_statx {   /* struct statx, linux/stat.h: the same on every arch */
	unsigned int mask, blksize;
	unsigned long long attributes;
	unsigned int nlink, uid, gid;
	unsigned short mode, pad0;
	unsigned long long ino, size, blocks, attributes_mask;
	struct symcc_statx_ts atime, btime, ctime, mtime;
	unsigned int rdev_major, rdev_minor, dev_major, dev_minor;
	unsigned long long spare[14];
};

#define STATX_BASIC_STATS   0x7ffu
#define AT_SYMLINK_NOFOLLOW 0x100
#define AT_NO_AUTOMOUNT     0x800
#define AT_EMPTY_PATH       0x1000
#define AT_STATX_SYNC_TYPE  0x6000

#if defined(__x86_64__) && defined(__LP64__)
struct symcc_stat64 {   /* x86_64 struct stat / stat64 */
	unsigned long dev, ino, nlink;
	unsigned int mode, uid, gid, pad0;
	unsigned long rdev;
	long size, blksize, blocks;
	long atime, atime_ns, mtime, mtime_ns, ctime, ctime_ns;
	long reserved[3];
};

SYMCC_OLD(int, old_fxstatat64, "__fxstatat64", SYMCC_V_2_4,
          (int, int, const char *, struct symcc_stat64 *, int));

/* glibc's dev_t encoding (sys/sysmacros.h) */
static unsigned int
dev_major(unsigned long d)
{
	return (unsigned int)(((d >> 32) & 0xfffff000u) | ((d >> 8) & 0xfffu));
}

static unsigned int
dev_minor(unsigned long d)
{
	return (unsigned int)(((d >> 12) & 0xffffff00u) | (d & 0xffu));
}

static void
set_ts(struct symcc_statx_ts *t, long sec, long nsec)
{
	t->tv_sec = sec;
	t->tv_nsec = (unsigned int)nsec;
	t->reserved = 0;
}

/* statx from fstatat64, for kernels without statx: the basic stats only */
static int
statx_from_stat(int fd, const char *path, int flags, struct symcc_statx *buf)
{
	struct symcc_stat64 st;
	unsigned char *p = (unsigned char *)buf;
	size_t i;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH | AT_STATX_SYNC_TYPE)) {
		SET_ERRNO(SYMCC_EINVAL);
		return -1;
	}
	if (old_fxstatat64(SYMCC_STAT_VER, fd, path, &st,
	                   flags & (AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH)) != 0)
		return -1;
	for (i = 0; i < sizeof(*buf); i++)
		p[i] = 0;
	buf->mask = STATX_BASIC_STATS;
	buf->blksize = (unsigned int)st.blksize;
	buf->nlink = (unsigned int)st.nlink;
	buf->uid = st.uid;
	buf->gid = st.gid;
	buf->mode = (unsigned short)st.mode;
	buf->ino = st.ino;
	buf->size = (unsigned long long)st.size;
	buf->blocks = (unsigned long long)st.blocks;
	set_ts(&buf->atime, st.atime, st.atime_ns);
	set_ts(&buf->mtime, st.mtime, st.mtime_ns);
	set_ts(&buf->ctime, st.ctime, st.ctime_ns);
	buf->rdev_major = dev_major(st.rdev);
	buf->rdev_minor = dev_minor(st.rdev);
	buf->dev_major = dev_major(st.dev);
	buf->dev_minor = dev_minor(st.dev);
	return 0;
}
#endif

SYMCC_SHIM int
__wrap_statx(int fd, const char *path, int flags, unsigned int mask, struct symcc_statx *buf)
{
	long r = old_syscall(SYMCC_NR_statx, fd, path, flags, mask, buf);

#if defined(__x86_64__) && defined(__LP64__)
	if (r < 0 && *old_errno_location() == SYMCC_ENOSYS)
		return statx_from_stat(fd, path, flags, buf);
#endif
	return (int)r;
}

/* ---- closefrom -------------------------------------------------------- */

struct symcc_dirent64 {
	unsigned long long ino;
	long long off;
	unsigned short reclen;
	unsigned char type;
	char name[];
};

/* closes every descriptor >= low listed in /proc/self/fd; 0, or -1 if the
 * directory cannot be read */
static int
close_listed(unsigned int low)
{
	long buf[512];   /* long: aligned for the dirent records */
	int dirfd = old_open("/proc/self/fd", SYMCC_O_RDONLY | SYMCC_O_CLOEXEC);
	int closed_any = 0;

	if (dirfd < 0 && *old_errno_location() == 24 /* EMFILE */) {
		/* no descriptor left for the directory: low goes anyway, so
		 * close it first (glibc does the same) */
		old_close((int)low);
		dirfd = old_open("/proc/self/fd", SYMCC_O_RDONLY | SYMCC_O_CLOEXEC);
	}
	if (dirfd < 0)
		return -1;
	for (;;) {
		long n = __wrap_getdents64(dirfd, buf, sizeof(buf)), off;

		if (n < 0) {
			old_close(dirfd);
			return -1;
		}
		if (n == 0) {
			if (!closed_any)
				break;
			/* closing may reorder the listing: read it again until a
			 * pass finds nothing to close */
			closed_any = 0;
			old_lseek(dirfd, 0, 0);
			continue;
		}
		for (off = 0; off < n;) {
			struct symcc_dirent64 *d = (struct symcc_dirent64 *)((char *)buf + off);
			const char *s = d->name;
			unsigned long fd = 0;

			off += d->reclen;
			if (*s < '0' || *s > '9')
				continue;   /* . and .. */
			while (*s >= '0' && *s <= '9')
				fd = fd * 10 + (unsigned long)(*s++ - '0');
			if (fd >= low && fd != (unsigned long)dirfd) {
				old_close((int)fd);
				closed_any = 1;
			}
		}
	}
	old_close(dirfd);
	return 0;
}

SYMCC_SHIM void
__wrap_closefrom(int lowfd)
{
	unsigned int low = lowfd < 0 ? 0 : (unsigned int)lowfd;

	if (__wrap_close_range(low, ~0u, 0) == 0)
		return;
	if (close_listed(low) != 0)
		old_abort();   /* glibc: "closefrom failed to close a file descriptor" */
}
