/* kernel.c: wrappers of newer system calls old glibc lacks: the memory
 * protection keys pkey_alloc, pkey_free, pkey_mprotect, pkey_get, pkey_set
 * (glibc 2.27); the mount API fsopen, fsconfig, fsmount, fspick, move_mount,
 * open_tree, mount_setattr and process_mrelease (2.36); pidfd_getpid (2.39);
 * sched_getattr, sched_setattr (2.41); openat2 (2.43).
 * SPDX-License-Identifier: MIT-0
 *
 * Each does what glibc's wrapper does on the same kernel: a bare system call,
 * so an old kernel gives -1 and ENOSYS.  Beyond that:
 *   - pkey_mprotect with key -1 is mprotect, as in glibc, so it works on
 *     kernels and CPUs without protection keys;
 *   - pkey_get and pkey_set read and write the x86 PKRU register (RDPKRU,
 *     WRPKRU), two bits per key, as glibc does on x86.  On the other
 *     architectures they fail with ENOSYS, as glibc 2.27 to 2.40 does on
 *     most of them (newer glibc drives powerpc's AMR and aarch64's POR_EL0
 *     register; this shim does not);
 *   - pidfd_getpid reads the "Pid:" line of /proc/self/fdinfo/FD, as glibc
 *     does: EBADF when FD is no pidfd (or /proc is not mounted), ESRCH when
 *     the process has exited, EREMOTE when it is in another PID namespace.
 */
#include "arch.h"
#include "symver.h"

typedef __SIZE_TYPE__ size_t;

SYMCC_OLD(long, old_syscall, "syscall", SYMCC_GLIBC_BASE, (long, ...));
SYMCC_OLD(int *, old_errno_location, "__errno_location", SYMCC_GLIBC_BASE, (void));
SYMCC_OLD(int, old_mprotect, "mprotect", SYMCC_GLIBC_BASE, (void *, size_t, int));
SYMCC_OLD(int, old_open, "open", SYMCC_GLIBC_BASE, (const char *, int, ...));
SYMCC_OLD(long, old_read, "read", SYMCC_GLIBC_BASE, (int, void *, size_t));
SYMCC_OLD(int, old_close, "close", SYMCC_GLIBC_BASE, (int));

#define SET_ERRNO(e) (*old_errno_location() = (e))
#define SYMCC_EBADF   9
#define SYMCC_ESRCH   3
#define SYMCC_EREMOTE 66

/* numbers of Linux 5.2 and later: the same on every architecture here */
#define NR_open_tree        428
#define NR_move_mount       429
#define NR_fsopen           430
#define NR_fsconfig         431
#define NR_fsmount          432
#define NR_fspick           433
#define NR_openat2          437
#define NR_mount_setattr    442
#define NR_process_mrelease 448
/* older ones: per architecture (the uapi unistd headers of linux-libc-dev) */
#if defined(__x86_64__) && defined(__LP64__)
# define NR_sched_setattr 314
# define NR_sched_getattr 315
# define NR_pkey_mprotect 329
# define NR_pkey_alloc    330
# define NR_pkey_free     331
#elif defined(__i386__)
# define NR_sched_setattr 351
# define NR_sched_getattr 352
# define NR_pkey_mprotect 380
# define NR_pkey_alloc    381
# define NR_pkey_free     382
#elif defined(__aarch64__) || defined(__riscv)
# define NR_sched_setattr 274
# define NR_sched_getattr 275
# define NR_pkey_mprotect 288
# define NR_pkey_alloc    289
# define NR_pkey_free     290
#elif defined(__arm__)
# define NR_sched_setattr 380
# define NR_sched_getattr 381
# define NR_pkey_mprotect 394
# define NR_pkey_alloc    395
# define NR_pkey_free     396
#elif defined(__powerpc64__)
# define NR_sched_setattr 355
# define NR_sched_getattr 356
# define NR_pkey_alloc    384
# define NR_pkey_free     385
# define NR_pkey_mprotect 386
#elif defined(__s390x__)
# define NR_sched_setattr 345
# define NR_sched_getattr 346
# define NR_pkey_mprotect 384
# define NR_pkey_alloc    385
# define NR_pkey_free     386
#endif

/* ---- memory protection keys ------------------------------------------- */

SYMCC_SHIM int
__wrap_pkey_alloc(unsigned int flags, unsigned int rights)
{
	return (int)old_syscall(NR_pkey_alloc, flags, rights);
}

SYMCC_SHIM int
__wrap_pkey_free(int key)
{
	return (int)old_syscall(NR_pkey_free, key);
}

SYMCC_SHIM int
__wrap_pkey_mprotect(void *addr, size_t len, int prot, int key)
{
	if (key == -1)
		return old_mprotect(addr, len, prot);
	return (int)old_syscall(NR_pkey_mprotect, addr, len, prot, key);
}

#if defined(__x86_64__) || defined(__i386__)
static unsigned int
pkru_read(void)
{
	unsigned int eax, edx;

	/* RDPKRU (0f 01 ee), spelt as bytes for old assemblers; ecx must be 0 */
	__asm__ volatile(".byte 0x0f, 0x01, 0xee" : "=a"(eax), "=d"(edx) : "c"(0));
	return eax;
}

static void
pkru_write(unsigned int v)
{
	/* WRPKRU (0f 01 ef): eax the value, ecx and edx 0 */
	__asm__ volatile(".byte 0x0f, 0x01, 0xef" : : "a"(v), "c"(0), "d"(0) : "memory");
}

SYMCC_SHIM int
__wrap_pkey_get(int key)
{
	if (key < 0 || key > 15) {
		SET_ERRNO(SYMCC_EINVAL);
		return -1;
	}
	return (int)((pkru_read() >> (2 * key)) & 3u);
}

SYMCC_SHIM int
__wrap_pkey_set(int key, unsigned int rights)
{
	unsigned int v;

	if (key < 0 || key > 15 || rights > 3) {
		SET_ERRNO(SYMCC_EINVAL);
		return -1;
	}
	v = pkru_read() & ~(3u << (2 * key));
	pkru_write(v | (rights << (2 * key)));
	return 0;
}
#else
SYMCC_SHIM int
__wrap_pkey_get(int key)
{
	(void)key;
	SET_ERRNO(SYMCC_ENOSYS);
	return -1;
}

SYMCC_SHIM int
__wrap_pkey_set(int key, unsigned int rights)
{
	(void)key;
	(void)rights;
	SET_ERRNO(SYMCC_ENOSYS);
	return -1;
}
#endif

/* ---- the mount API and friends ---------------------------------------- */

SYMCC_SHIM int
__wrap_fsopen(const char *fsname, unsigned int flags)
{
	return (int)old_syscall(NR_fsopen, fsname, flags);
}

SYMCC_SHIM int
__wrap_fsconfig(int fd, unsigned int cmd, const char *key, const void *value, int aux)
{
	return (int)old_syscall(NR_fsconfig, fd, cmd, key, value, aux);
}

SYMCC_SHIM int
__wrap_fsmount(int fd, unsigned int flags, unsigned int attr_flags)
{
	return (int)old_syscall(NR_fsmount, fd, flags, attr_flags);
}

SYMCC_SHIM int
__wrap_fspick(int dirfd, const char *path, unsigned int flags)
{
	return (int)old_syscall(NR_fspick, dirfd, path, flags);
}

SYMCC_SHIM int
__wrap_move_mount(int fromfd, const char *from, int tofd, const char *to, unsigned int flags)
{
	return (int)old_syscall(NR_move_mount, fromfd, from, tofd, to, flags);
}

SYMCC_SHIM int
__wrap_open_tree(int dirfd, const char *path, unsigned int flags)
{
	return (int)old_syscall(NR_open_tree, dirfd, path, flags);
}

SYMCC_SHIM int
__wrap_mount_setattr(int dirfd, const char *path, unsigned int flags, void *attr, size_t size)
{
	return (int)old_syscall(NR_mount_setattr, dirfd, path, flags, attr, size);
}

SYMCC_SHIM int
__wrap_process_mrelease(int pidfd, unsigned int flags)
{
	return (int)old_syscall(NR_process_mrelease, pidfd, flags);
}

SYMCC_SHIM int
__wrap_openat2(int dirfd, const char *path, void *how, size_t size)
{
	return (int)old_syscall(NR_openat2, dirfd, path, how, size);
}

SYMCC_SHIM int
__wrap_sched_setattr(int pid, void *attr, unsigned int flags)
{
	return (int)old_syscall(NR_sched_setattr, pid, attr, flags);
}

SYMCC_SHIM int
__wrap_sched_getattr(int pid, void *attr, unsigned int size, unsigned int flags)
{
	return (int)old_syscall(NR_sched_getattr, pid, attr, size, flags);
}

/* ---- pidfd_getpid ------------------------------------------------------ */

SYMCC_SHIM int
__wrap_pidfd_getpid(int fd)
{
	static const char dir[] = "/proc/self/fdinfo/";
	char path[40], digits[12], buf[4096];
	size_t n = 0, at = 0;
	long got = 0, r;
	int f, neg = 0, pid = 0, seen = 0;
	unsigned int u = fd < 0 ? 0 : (unsigned int)fd;

	if (fd < 0) {
		SET_ERRNO(SYMCC_EBADF);
		return -1;
	}
	for (; dir[at]; at++)   /* a loop, not a string copy: no memcpy import */
		path[at] = dir[at];
	do
		digits[n++] = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	while (n)
		path[at++] = digits[--n];
	path[at] = 0;
	if ((f = old_open(path, SYMCC_O_RDONLY | SYMCC_O_CLOEXEC)) < 0) {
		SET_ERRNO(SYMCC_EBADF);
		return -1;
	}
	while (got < (long)sizeof(buf) - 1 &&
	       (r = old_read(f, buf + got, sizeof(buf) - 1 - (size_t)got)) > 0)
		got += r;
	old_close(f);
	buf[got < 0 ? 0 : got] = 0;
	/* a line "Pid:<whitespace>[-]digits" */
	for (long i = 0; i < got; i++) {
		long j;
		if ((i && buf[i - 1] != '\n') || buf[i] != 'P' || buf[i + 1] != 'i' ||
		    buf[i + 2] != 'd' || buf[i + 3] != ':')
			continue;
		for (j = i + 4; buf[j] == ' ' || buf[j] == '\t'; j++)
			;
		if (buf[j] == '-')
			neg = 1, j++;
		for (; buf[j] >= '0' && buf[j] <= '9'; j++, seen = 1)
			pid = pid * 10 + (buf[j] - '0');
		break;
	}
	if (!seen) {
		SET_ERRNO(SYMCC_EBADF);   /* not a pidfd */
		return -1;
	}
	if (neg) {
		SET_ERRNO(SYMCC_ESRCH);   /* "Pid: -1": the process has exited */
		return -1;
	}
	if (pid == 0) {
		SET_ERRNO(SYMCC_EREMOTE);   /* in a PID namespace we cannot see */
		return -1;
	}
	return pid;
}
