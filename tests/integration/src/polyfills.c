/* polyfills.c: every function symcc polyfills or converts, in one program
 * with deterministic output.  Built natively and with symcc for glibc 2.17
 * on trixie and sid; the symcc build must print the same on bullseye
 * (glibc 2.31), where the shims do the work.  With -D_FORTIFY_SOURCE=3 the
 * string and inet calls become their __*_chk entry points.
 * SPDX-License-Identifier: MIT-0
 */
#define _GNU_SOURCE
#define _FILE_OFFSET_BITS 64   /* fts_open is fts64_open, fcntl fcntl64... */
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fenv.h>
#include <fts.h>
#include <malloc.h>
#include <math.h>
#include <sched.h>
#include <search.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/pidfd.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <termios.h>
#include <threads.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

/* errno as a name, or "ok" */
static const char *
res(int r)
{
	const char *n;

	if (r >= 0)
		return "ok";
	n = strerrorname_np(errno);
	return n ? n : "?";
}

static void
strings(int argc)
{
	char small[8], big[32];
	wchar_t wsmall[6];
	size_t n = (size_t)argc + 7;   /* 8, unknown to the compiler */

	printf("strlcpy %zu '%s'\n", strlcpy(small, "polyfilled", n), small);
	strcpy(big, "poly");
	printf("strlcat %zu '%s'\n", strlcat(big, "filled", sizeof(big)), big);
	printf("strlcat full %zu\n", strlcat(small, "more", n));
	printf("wcslcpy %zu\n", wcslcpy(wsmall, L"wide string", n - 2));
	printf("wcslcat %zu %ls\n", wcslcat(wsmall, L"xy", n - 2), wsmall);
	explicit_bzero(big, n);
	printf("explicit_bzero %d %d\n", big[0], big[7]);
#if __GLIBC_MINOR__ >= 43
	memset_explicit(big, 'z', n);
	printf("memset_explicit %c\n", big[7]);
#else
	printf("memset_explicit: not in this glibc\n");
#endif
}

static int
by_mod(const void *a, const void *b, void *arg)
{
	int m = *(int *)arg;

	return *(const int *)a % m - *(const int *)b % m;
}

static int
cmp_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

static void
walk(const void *node, VISIT v, void *closure)
{
	if (v == postorder || v == leaf)
		*(int *)closure = *(int *)closure * 10 + **(int *const *)node;
}

static void
alloc_and_misc(void)
{
	int v[] = { 13, 21, 5, 9 }, mod = 10, acc = 0, i;
	static int keys[] = { 3, 1, 2 };
	void *root = NULL, *p;
	volatile size_t huge = SIZE_MAX / 2;   /* hidden from -Walloc-size-larger-than */
	struct mallinfo2 mi;
	struct timespec ts;

	errno = 0;
	p = reallocarray(NULL, huge, 4);
	printf("reallocarray overflow %s %s\n", p ? "ptr" : "NULL", strerrorname_np(errno));
	p = reallocarray(NULL, 16, 4);
	printf("reallocarray %s\n", p ? "ok" : "NULL");
	free(p);
	{
		char num[32];

		strfromd(num, sizeof(num), "%.3e", 1234.5678);
		printf("strfromd %s", num);
		strfroml(num, sizeof(num), "%g", 1.5L);
		printf(" strfroml %s strtof64 %g\n", num, (double)strtof64("2.5", NULL));
	}
#if __GLIBC_MINOR__ >= 43
	printf("uabs %u memalignment %zu\n", uabs(-2147483647 - 1), memalignment((void *)0x40));
	free_sized(malloc(8), 8);
#else
	printf("uabs: not in this glibc\n");
#endif
	p = aligned_alloc(64, 128);
	printf("aligned_alloc %d\n", ((uintptr_t)p & 63) == 0);
	p = realloc(p, 1 << 20);
	mi = mallinfo2();
	printf("mallinfo2 %d\n", mi.uordblks + mi.hblkhd >= (1 << 20));
	free(p);
	printf("timespec_get %d\n", timespec_get(&ts, TIME_UTC) == TIME_UTC && ts.tv_sec > 0);
	printf("getauxval %d\n", getauxval(AT_PAGESZ) == (unsigned long)sysconf(_SC_PAGESIZE));
	printf("secure_getenv %s\n", secure_getenv("HOME"));
	qsort_r(v, 4, sizeof(int), by_mod, &mod);
	printf("qsort_r %d %d %d %d\n", v[0], v[1], v[2], v[3]);
	for (i = 0; i < 3; i++)
		tsearch(&keys[i], &root, cmp_int);
	twalk_r(root, walk, &acc);
	printf("twalk_r %d\n", acc);
	printf("sigabbrev_np %s %s\n", sigabbrev_np(SIGTERM), sigabbrev_np(SIGRTMIN + 1) ? "?" : "NULL");
	printf("strerrorname_np %s %s\n", strerrorname_np(EEXIST), strerrorname_np(41) ? "?" : "NULL");
	printf("sigdescr_np %s\n", sigdescr_np(SIGINT));
	printf("strerrordesc_np %s\n", strerrordesc_np(EINVAL));
	printf("timespec_getres %d\n", timespec_getres(&ts, TIME_UTC) == TIME_UTC && ts.tv_sec == 0);
}

static void
files(void)
{
	char buf[64], path[64];
	int a = memfd_create("a", MFD_CLOEXEC), b = memfd_create("b", 0), d, n = 0;
	off_t off = 0;
	struct statx sx;

	printf("memfd_create %s %s\n", res(a), res(b));
	if (write(a, "hello, polyfills", 16) != 16)
		printf("write failed\n");
	printf("copy_file_range %zd\n", copy_file_range(a, &off, b, NULL, 100, 0));
	buf[pread(b, buf, sizeof(buf), 0)] = 0;
	printf("copied '%s'\n", buf);
	printf("statx %s", res(statx(b, "", AT_EMPTY_PATH, STATX_BASIC_STATS, &sx)));
	printf(" size %llu basic %d\n", (unsigned long long)sx.stx_size, (sx.stx_mask & STATX_SIZE) != 0);

	strcpy(path, "/tmp/polyfills-XXXXXX");
	if (!mkdtemp(path))
		printf("mkdtemp failed\n");
	d = open(path, O_RDONLY | O_DIRECTORY);
	close(openat(d, "one", O_CREAT | O_WRONLY, 0600));
	close(openat(d, "two", O_CREAT | O_WRONLY, 0600));
	printf("renameat2 noreplace %s\n", res(renameat2(d, "one", d, "two", RENAME_NOREPLACE)));
	printf("renameat2 %s\n", res(renameat2(d, "one", d, "three", 0)));
	{
		int f = openat(d, "three", O_RDWR);
		char x[4] = "", y[4] = "";
		struct iovec w = { "abcdef", 6 }, r[2] = { { x, 3 }, { y, 3 } };

		printf("pwritev2 %zd", pwritev2(f, &w, 1, 0, 0));
		printf(" preadv2 %zd %.3s %.3s\n", preadv2(f, r, 2, 0, 0), x, y);
		close(f);
	}
	{
		char dents[1024];
		ssize_t len = getdents64(d, dents, sizeof(dents)), o;

		for (o = 0; o < len; o += ((struct dirent64 *)(dents + o))->d_reclen)
			n += ((struct dirent64 *)(dents + o))->d_name[0] != '.';
		printf("getdents64 %d entries\n", n);
	}
	{
		char *paths[] = { path, NULL };
		FTS *fts = fts_open(paths, FTS_PHYSICAL, NULL);
		FTSENT *e;
		int seen = 0;

		while (fts && (e = fts_read(fts)) != NULL)
			seen += e->fts_info == FTS_F;
		printf("fts %d files\n", seen);
		if (fts)
			fts_close(fts);
	}
	unlinkat(d, "two", 0);
	unlinkat(d, "three", 0);
	close(d);
	rmdir(path);

	dup2(a, 100);
	dup2(a, 101);
	dup2(a, 102);
	printf("close_range %s\n", res(close_range(100, 101, 0)));
	printf("closed %d %d open %d\n", fcntl(100, F_GETFD) < 0, fcntl(101, F_GETFD) < 0,
	       fcntl(102, F_GETFD) >= 0);
	closefrom(102);
	printf("closefrom %d\n", fcntl(102, F_GETFD) < 0);
	close(a);
	close(b);
}

static void
process(void)
{
	static char page[8192] __attribute__((aligned(4096)));
	char *argv[] = { "sh", "-c", "exit 7", NULL }, *envp[] = { NULL };
	int pidfd, st = 0, fd;
	pid_t pid;

	printf("gettid %d\n", gettid() == getpid());
	printf("tgkill %s\n", res(tgkill(getpid(), gettid(), 0)));
	{
		unsigned int cpu, node;

		printf("getcpu %s\n", res(getcpu(&cpu, &node)));
	}
	{
		int ep = epoll_create(1);   /* not epoll_create1: 2.9 */
		struct epoll_event ev[1];
		struct timespec zero = { 0, 0 };

		printf("epoll_pwait2 %d\n", epoll_pwait2(ep, ev, 1, &zero, NULL));
		close(ep);
	}
	printf("mlock2 %s", res(mlock2(page, 4096, 0)));
	printf(" %s\n", res(mlock2(page + 4096, 4096, MLOCK_ONFAULT)));
	munlock(page, sizeof(page));
	pidfd = pidfd_open(getpid(), 0);
	printf("pidfd_open %s\n", res(pidfd));
	if (pidfd >= 0) {
		printf("pidfd_send_signal %s\n", res(pidfd_send_signal(pidfd, 0, NULL, 0)));
		fd = pidfd_getfd(pidfd, 1, 0);
		printf("pidfd_getfd %s\n", res(fd));
		if (fd >= 0)
			close(fd);
		close(pidfd);
	}
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		execveat(AT_FDCWD, "/bin/sh", argv, envp, 0);
		_exit(99);
	}
	waitpid(pid, &st, 0);
	printf("execveat exit %d\n", WEXITSTATUS(st));
}

static mtx_t mu;
static cnd_t cv;
static tss_t key;
static once_flag once = ONCE_FLAG_INIT;
static int ready, onces;

static void
init_once(void)
{
	onces++;
}

static int
worker(void *arg)
{
	call_once(&once, init_once);
	tss_set(key, arg);
	mtx_lock(&mu);
	ready = 1;
	cnd_signal(&cv);
	mtx_unlock(&mu);
	return (int)(intptr_t)tss_get(key) * 2;
}

static void
c11_threads(void)
{
	struct timespec ts = { 0, 1000000 };
	thrd_t t;
	int r = 0;

	mtx_init(&mu, mtx_plain | mtx_recursive);
	cnd_init(&cv);
	tss_create(&key, NULL);
	call_once(&once, init_once);
	printf("thrd_create %d\n", thrd_create(&t, worker, (void *)21) == thrd_success);
	mtx_lock(&mu);
	while (!ready)
		cnd_wait(&cv, &mu);
	printf("mtx recursive %d\n", mtx_lock(&mu) == thrd_success);
	mtx_unlock(&mu);
	mtx_unlock(&mu);
	printf("thrd_join %d %d\n", thrd_join(t, &r) == thrd_success, r);
	printf("call_once %d\n", onces);
	printf("mtx_trylock %d\n", mtx_trylock(&mu) == thrd_success);
	mtx_unlock(&mu);
	printf("thrd_sleep %d equal %d\n", thrd_sleep(&ts, NULL),
	       thrd_equal(thrd_current(), thrd_current()));
	thrd_yield();
	tss_delete(key);
	cnd_destroy(&cv);
	mtx_destroy(&mu);
}

static void
floats(void)
{
	double x = -0.0, y = 0.0, nan1 = NAN;
	long double lx = 1.5L, ly = 2.5L;
	float fx = -1.0f, fy = -2.0f;
	_Float128 qx = -1, qy = 1;

	printf("totalorder %d %d %d %d %d %d\n", totalorder(&x, &y), totalorder(&y, &x),
	       totalorder(&y, &nan1), totalorderl(&lx, &ly), totalorderf(&fx, &fy),
	       totalorderf128(&qx, &qy));
	printf("totalordermag %d %d\n", totalordermag(&x, &y), totalordermagf(&fy, &fx));
	{
		volatile double half = 2.5;
		volatile long double lhalf = -3.5L;

		printf("roundeven %g %g %Lg\n", roundeven(half), (double)roundevenf(0.5f), roundevenl(lhalf));
		printf("nextup %a %a %La\n", nextup(half), (double)nextdownf(0.0f), nextupl(lhalf));
		printf("fmaximum %g %g %g\n", fmaximum(-0.0, half * 0), fminimum_mag(half, -half),
		       fmaximum_num(NAN, half));
	}
	{
		char buf[64];
		volatile _Float128 three = 3;

		strfromf128(buf, sizeof(buf), "%.30e", 1 / three);
		printf("strfromf128 %s", buf);
		strfromf128(buf, sizeof(buf), "%a", -1 / three);
		printf(" %s", buf);
		strfromf128(buf, sizeof(buf), "%.36g", strtof128("0.1", NULL) * 3);
		printf(" strtof128 %s\n", buf);
	}
#if __GLIBC_MINOR__ >= 43
	feclearexcept(FE_ALL_EXCEPT);
	printf("fromfp %a %a %a", fromfp(2.5, FP_INT_TONEAREST, 8), fromfp(-0.5, FP_INT_UPWARD, 8),
	       ufromfp(300.0, FP_INT_DOWNWARD, 8));
	printf(" invalid %d", fetestexcept(FE_INVALID) != 0);
	feclearexcept(FE_ALL_EXCEPT);
	printf(" %a", fromfpx(2.5, FP_INT_UPWARD, 8));
	printf(" inexact %d", fetestexcept(FE_INEXACT) != 0);
	printf(" %a %La", (double)ufromfpxf(7.5f, FP_INT_TONEARESTFROMZERO, 4),
	       ufromfpl(255.5L, FP_INT_TOWARDZERO, 8));
	printf(" %a\n", (double)fromfpf128(-0x1.8p111f128, FP_INT_DOWNWARD, 113));
#else
	printf("fromfp: not in this glibc\n");
#endif
}

static void
termios_and_inet(int argc)
{
	struct termios t;
	unsigned char addr[16];
	char text[INET6_ADDRSTRLEN];
	fd_set set;
	int fd = argc + 2;
	volatile int af = AF_INET6;   /* unknown sizes: the __inet_*_chk paths */

	memset(&t, 0, sizeof(t));
#if __GLIBC_MINOR__ >= 42
	/* one call per statement: the order of evaluation matters here */
	printf("cfsetospeed %d", cfsetospeed(&t, 115200));
	printf(" %u", (unsigned)cfgetospeed(&t));
	printf(" cfsetispeed %d", cfsetispeed(&t, 9600));
	printf(" %u", (unsigned)cfgetispeed(&t));
	printf(" cfsetspeed %d", cfsetspeed(&t, 4000000));
	printf(" %u %u\n", (unsigned)cfgetospeed(&t), (unsigned)cfgetispeed(&t));
#else
	printf("cfsetospeed: numeric rates not in this glibc\n");
#endif
	printf("inet_pton %d", inet_pton(af, "2001:db8::1", addr));
	printf(" inet_ntop %s\n", inet_ntop(af, addr, text, sizeof(text) - (socklen_t)argc + 1));
	FD_ZERO(&set);
	FD_SET(fd, &set);
	printf("FD_ISSET %d\n", FD_ISSET(fd, &set) != 0);
}

/* posix_spawn's new file actions (shims/spawn.c): chdir, fchdir and
 * closefrom in the child, in order with the old ones; errors as results */
static void
spawn_actions(void)
{
	extern char **environ;
	char *pwd[] = {"sh", "-c", "pwd", NULL};
	char *fd7[] = {"sh", "-c", "echo fd7 >&7", NULL};
	posix_spawn_file_actions_t fa;
	pid_t pid;
	int st, r, dir = open("/dev", O_RDONLY | O_DIRECTORY);

	/* each child prints (if at all) before the line that reports it */
	fflush(stdout);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addchdir_np(&fa, "/");
	posix_spawn_file_actions_addchdir_np(&fa, "dev");
	r = posix_spawn(&pid, "/bin/sh", &fa, NULL, pwd, environ);
	waitpid(pid, &st, 0);
	printf("spawn chdir %d exit %d\n", r, WEXITSTATUS(st));
	printf("spawn missing %s\n", strerrorname_np(posix_spawn(&pid, "/no/such", &fa, NULL, pwd,
	                                                         environ)));
	posix_spawn_file_actions_destroy(&fa);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addfchdir_np(&fa, dir);
	posix_spawn_file_actions_addchdir_np(&fa, "no-such-dir");
	printf("spawnp chdir missing %s\n", strerrorname_np(posix_spawnp(&pid, "sh", &fa, NULL, pwd,
	                                                                 environ)));
	posix_spawn_file_actions_destroy(&fa);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addfchdir_np(&fa, dir);
	r = posix_spawnp(&pid, "sh", &fa, NULL, pwd, environ);
	waitpid(pid, &st, 0);
	printf("spawnp fchdir %d exit %d\n", r, WEXITSTATUS(st));
	posix_spawn_file_actions_destroy(&fa);
	dup2(1, 7);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, 1, 8);
	posix_spawn_file_actions_addclosefrom_np(&fa, 3);
	posix_spawn_file_actions_adddup2(&fa, 1, 7);
	r = posix_spawn(&pid, "/bin/sh", &fa, NULL, fd7, environ);
	waitpid(pid, &st, 0);
	printf("spawn closefrom then dup2 %d exit %d\n", r, WEXITSTATUS(st));
	posix_spawn_file_actions_destroy(&fa);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addclosefrom_np(&fa, 3);
	r = posix_spawn(&pid, "/bin/sh", &fa, NULL, fd7, environ);
	waitpid(pid, &st, 0);
	printf("spawn closefrom %d, fd 7 closed: %s\n", r, WEXITSTATUS(st) != 0 ? "yes" : "no");
	posix_spawn_file_actions_destroy(&fa);
	close(7);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addfchdir_np(&fa, dir);
	r = pidfd_spawnp(&st, "sh", &fa, NULL, pwd, environ);
	if (r == 0) {
		siginfo_t si;
		int pidfd = st;
		r = waitid((idtype_t)3 /* P_PIDFD */, (id_t)pidfd, &si, WEXITED);
		printf("pidfd_spawnp waitid %d exit %d\n", r, si.si_status);
		close(pidfd);
	} else {
		printf("pidfd_spawnp %s\n", strerrorname_np(r));
	}
	posix_spawn_file_actions_destroy(&fa);
	close(dir);
}

/* the system calls of shims/kernel.c: results that need no privilege, or
 * that are the same for root in every root (a chroot on the same kernel) */
static void
kernel_calls(void)
{
	long ps = sysconf(_SC_PAGESIZE);
	char *p = mmap(NULL, (size_t)ps, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	struct sched_attr a;
	int fd, key;

	printf("pkey_mprotect -1 %s", res(pkey_mprotect(p, (size_t)ps, PROT_READ, -1)));
	printf(" %s\n", res(pkey_mprotect(p + 1, (size_t)ps, PROT_READ, -1)));
	printf("pkey_get 16 %s\n", res(pkey_get(16)));
	printf("pkey_set 1 4 %s\n", res(pkey_set(1, 4)));
	key = pkey_alloc(0, 0);
	if (key >= 0)
		printf("pkey_alloc ok %d %d\n", pkey_set(key, PKEY_DISABLE_WRITE), pkey_get(key));
	else
		printf("pkey_alloc %s\n", res(key));
	printf("pkey_free %s\n", res(key >= 0 ? pkey_free(key) : pkey_free(1000)));
	munmap(p, (size_t)ps);
	printf("fsopen %s\n", res(fsopen("no-such-fs", 0)));
	printf("fsconfig %s\n", res(fsconfig(-1, FSCONFIG_CMD_CREATE, NULL, NULL, 0)));
	printf("fsmount %s\n", res(fsmount(-1, 0, 0)));
	printf("fspick %s\n", res(fspick(AT_FDCWD, "/no/such/dir", 0)));
	printf("move_mount %s\n", res(move_mount(-1, "", -1, "", 0)));
	fd = open_tree(AT_FDCWD, "/", OPEN_TREE_CLOEXEC);
	printf("open_tree %s\n", res(fd));
	if (fd >= 0)
		close(fd);
	printf("mount_setattr %s\n", res(mount_setattr(-1, "", 0, NULL, 0)));
	printf("process_mrelease %s\n", res(process_mrelease(-1, 0)));
	fd = pidfd_open(getpid(), 0);
	printf("pidfd_getpid %s\n", fd >= 0 && pidfd_getpid(fd) == getpid() ? "ok" : res(-1));
	if (fd >= 0)
		close(fd);
	printf("pidfd_getpid -1 %s\n", res(pidfd_getpid(-1)));
	memset(&a, 0, sizeof(a));
	printf("sched_getattr %s", res(sched_getattr(0, &a, sizeof(a), 0)));
	printf(" policy %u size %u\n", a.sched_policy, a.size);
	printf("sched_setattr %s\n", res(sched_setattr(0, &a, 0)));
}

int
main(int argc, char **argv)
{
	(void)argv;
	setvbuf(stdout, NULL, _IOLBF, 0);
	strings(argc);
	alloc_and_misc();
	files();
	process();
	c11_threads();
	floats();
	termios_and_inet(argc);
	kernel_calls();
	spawn_actions();
	return 0;
}
