/* spawn.c: the posix_spawn file actions old glibc lacks:
 * posix_spawn_file_actions_addchdir_np, _addfchdir_np (glibc 2.29) and
 * _addclosefrom_np (2.34); and pidfd_spawn, pidfd_spawnp (2.39).
 * SPDX-License-Identifier: MIT-0
 *
 * The target's posix_spawn knows only the open, close and dup2 actions, and
 * its action list is private.  So when a link uses one of the new actions,
 * symcc takes over the whole family in that module (shims.txt's "companion"
 * lines): posix_spawn_file_actions_init, _destroy, _addopen, _addclose,
 * _adddup2, posix_spawn and posix_spawnp come from here too.  Each action
 * list is recorded in symcc's own list, hung on the object's reserved
 * padding (with a magic word), and the old actions are still handed to
 * glibc's own functions, so glibc's list stays whole.
 *
 * posix_spawn(p) with an object that this module did not initialise is
 * glibc's own (its first version, 2.2: before 2.15 it runs a file that
 * fails with ENOEXEC through /bin/sh).  The posix_spawn functions are bound
 * at 2.2, where they began (the base version on the newer architectures).  Otherwise it forks
 * (the target's glibc forks too: glibc before 2.24 had no CLONE_VFORK
 * spawn), applies the attributes (read with glibc's posix_spawnattr_get*:
 * signal mask, default signals, process group, scheduler, reset IDs), runs
 * the actions in order and executes the file; posix_spawnp searches PATH
 * (default /bin:/usr/bin) as execvp does, without the shell fallback.  An
 * error of the child before exec is reported as posix_spawn's result, as
 * newer glibc does, through a close-on-exec pipe.  pidfd_spawn(p) does the
 * same with a clone system call that returns the pidfd (CLONE_PIDFD, Linux
 * 5.2; EINVAL or ENOSYS before, as glibc's clone3 gives ENOSYS): no
 * pthread_atfork handlers run then, and the child calls only system calls
 * and glibc functions that keep no per-process state (setuid and setgid
 * are the raw system calls, in both paths).  With an object initialised in
 * another module it fails with EINVAL: its actions are glibc's alone.
 *
 * Differences: an object built here and passed to posix_spawn in another
 * module (one not linked by symcc) runs there without the new actions; fork
 * runs pthread_atfork handlers, as the target's own posix_spawn does.
 */
#include "arch.h"
#include "symver.h"

typedef __SIZE_TYPE__ size_t;

struct fa {   /* posix_spawn_file_actions_t: public layout, spawn.h */
	int allocated, used;
	void *actions;
	int pad[16];
};

enum { ACT_OPEN, ACT_CLOSE, ACT_DUP2, ACT_CHDIR, ACT_FCHDIR, ACT_CLOSEFROM };

struct act {
	int kind, fd, fd2, oflag;
	unsigned int mode;
	char *path;
};

struct side {   /* symcc's own list, hung on pad */
	unsigned int magic;
	int n, cap;
	struct act *a;
};

#define SIDE_MAGIC 0x5c3c5bad

SYMCC_OLD(int *, old_errno_location, "__errno_location", SYMCC_GLIBC_BASE, (void));
SYMCC_OLD(void *, old_malloc, "malloc", SYMCC_GLIBC_BASE, (size_t));
SYMCC_OLD(void *, old_realloc, "realloc", SYMCC_GLIBC_BASE, (void *, size_t));
SYMCC_OLD(void, old_free, "free", SYMCC_GLIBC_BASE, (void *));
SYMCC_OLD(size_t, old_strlen, "strlen", SYMCC_GLIBC_BASE, (const char *));
SYMCC_OLD(int, old_fa_init, "posix_spawn_file_actions_init", SYMCC_V_2_2, (struct fa *));
SYMCC_OLD(int, old_fa_destroy, "posix_spawn_file_actions_destroy", SYMCC_V_2_2,
          (struct fa *));
SYMCC_OLD(int, old_fa_addopen, "posix_spawn_file_actions_addopen", SYMCC_V_2_2,
          (struct fa *, int, const char *, int, unsigned int));
SYMCC_OLD(int, old_fa_addclose, "posix_spawn_file_actions_addclose", SYMCC_V_2_2,
          (struct fa *, int));
SYMCC_OLD(int, old_fa_adddup2, "posix_spawn_file_actions_adddup2", SYMCC_V_2_2,
          (struct fa *, int, int));
/* for an object initialised in another module only: the first version
 * (2.2), which every target has (see the top of the file) */
SYMCC_OLD(int, old_spawn, "posix_spawn", SYMCC_V_2_2,
          (int *, const char *, const struct fa *, const void *, char *const[], char *const[]));
SYMCC_OLD(int, old_spawnp, "posix_spawnp", SYMCC_V_2_2,
          (int *, const char *, const struct fa *, const void *, char *const[], char *const[]));
SYMCC_OLD(int, old_getflags, "posix_spawnattr_getflags", SYMCC_V_2_2, (const void *, short *));
SYMCC_OLD(int, old_getpgroup, "posix_spawnattr_getpgroup", SYMCC_V_2_2, (const void *, int *));
SYMCC_OLD(int, old_getsigmask, "posix_spawnattr_getsigmask", SYMCC_V_2_2,
          (const void *, void *));
SYMCC_OLD(int, old_getsigdefault, "posix_spawnattr_getsigdefault", SYMCC_V_2_2,
          (const void *, void *));
SYMCC_OLD(int, old_getschedpolicy, "posix_spawnattr_getschedpolicy", SYMCC_V_2_2,
          (const void *, int *));
SYMCC_OLD(int, old_getschedparam, "posix_spawnattr_getschedparam", SYMCC_V_2_2,
          (const void *, void *));
SYMCC_OLD(int, old_sigismember, "sigismember", SYMCC_GLIBC_BASE, (const void *, int));
SYMCC_OLD(int, old_sigprocmask, "sigprocmask", SYMCC_GLIBC_BASE, (int, const void *, void *));
SYMCC_OLD(int, old_sigaction, "sigaction", SYMCC_GLIBC_BASE, (int, const void *, void *));
SYMCC_OLD(int, old_setpgid, "setpgid", SYMCC_GLIBC_BASE, (int, int));
SYMCC_OLD(int, old_sched_setscheduler, "sched_setscheduler", SYMCC_GLIBC_BASE,
          (int, int, const void *));
SYMCC_OLD(int, old_sched_setparam, "sched_setparam", SYMCC_GLIBC_BASE, (int, const void *));
SYMCC_OLD(unsigned int, old_getuid, "getuid", SYMCC_GLIBC_BASE, (void));
SYMCC_OLD(unsigned int, old_getgid, "getgid", SYMCC_GLIBC_BASE, (void));
SYMCC_OLD(int, old_fork, "fork", SYMCC_GLIBC_BASE, (void));
SYMCC_OLD(int, old_pipe, "pipe", SYMCC_GLIBC_BASE, (int *));
SYMCC_OLD(int, old_fcntl, "fcntl", SYMCC_GLIBC_BASE, (int, int, ...));
SYMCC_OLD(int, old_open, "open", SYMCC_GLIBC_BASE, (const char *, int, ...));
SYMCC_OLD(int, old_close, "close", SYMCC_GLIBC_BASE, (int));
SYMCC_OLD(int, old_dup2, "dup2", SYMCC_GLIBC_BASE, (int, int));
SYMCC_OLD(int, old_chdir, "chdir", SYMCC_GLIBC_BASE, (const char *));
SYMCC_OLD(int, old_fchdir, "fchdir", SYMCC_GLIBC_BASE, (int));
SYMCC_OLD(long, old_read, "read", SYMCC_GLIBC_BASE, (int, void *, size_t));
SYMCC_OLD(long, old_write, "write", SYMCC_GLIBC_BASE, (int, const void *, size_t));
SYMCC_OLD(int, old_waitpid, "waitpid", SYMCC_GLIBC_BASE, (int, int *, int));
SYMCC_OLD(int, old_execve, "execve", SYMCC_GLIBC_BASE, (const char *, char *const[], char *const[]));
SYMCC_OLD(char *, old_getenv, "getenv", SYMCC_GLIBC_BASE, (const char *));
SYMCC_OLD(void, old__exit, "_exit", SYMCC_GLIBC_BASE, (int));
SYMCC_OLD(int, old_setsid, "setsid", SYMCC_GLIBC_BASE, (void));
SYMCC_OLD(long, old_syscall, "syscall", SYMCC_GLIBC_BASE, (long, ...));

#define ERRNO (*old_errno_location())
#define CLONE_PIDFD 0x1000
#define SIGCHLD_NR 17   /* SIGCHLD: 17 on every architecture here */
#if defined(__x86_64__) && defined(__LP64__)
# define NR_clone 56
# define NR_setuid 105
# define NR_setgid 106
#elif defined(__i386__) || defined(__arm__)
# define NR_clone 120
# define NR_setuid 213   /* setuid32 */
# define NR_setgid 214
#elif defined(__aarch64__) || defined(__riscv)
# define NR_clone 220
# define NR_setuid 146
# define NR_setgid 144
#elif defined(__powerpc64__)
# define NR_clone 120
# define NR_setuid 23
# define NR_setgid 46
#elif defined(__s390x__)
# define NR_clone 120
# define NR_setuid 213
# define NR_setgid 214
#endif
#define SYMCC_EBADF 9
#define F_SETFD 2
#define FD_CLOEXEC 1
#define SIG_BLOCK_SETMASK 2   /* SIG_SETMASK: 2 on every architecture here */
/* posix_spawnattr flags (spawn.h) */
#define SP_RESETIDS 0x01
#define SP_SETPGROUP 0x02
#define SP_SETSIGDEF 0x04
#define SP_SETSIGMASK 0x08
#define SP_SETSCHEDPARAM 0x10
#define SP_SETSCHEDULER 0x20
#define SP_SETSID 0x80

static struct side *
side_of(const struct fa *fa)
{
	struct side *s;

	__builtin_memcpy(&s, &fa->pad[0], sizeof(s));
	return s && (unsigned int)fa->pad[2] == SIDE_MAGIC ? s : (struct side *)0;
}

static int
push(struct fa *fa, struct act a)
{
	struct side *s = side_of(fa);

	if (!s)
		return SYMCC_EINVAL;   /* not initialised here: cannot hold a new action */
	if (s->n == s->cap) {
		int cap = s->cap ? 2 * s->cap : 8;
		struct act *na = old_realloc(s->a, (size_t)cap * sizeof(*na));
		if (!na)
			return SYMCC_ENOMEM;
		s->a = na;
		s->cap = cap;
	}
	if (a.path) {
		size_t n = old_strlen(a.path) + 1;
		char *copy = old_malloc(n);
		if (!copy)
			return SYMCC_ENOMEM;
		for (size_t i = 0; i < n; i++)
			copy[i] = a.path[i];
		a.path = copy;
	}
	s->a[s->n++] = a;
	return 0;
}

SYMCC_SHIM int
__wrap_posix_spawn_file_actions_init(struct fa *fa)
{
	struct side *s;
	int r = old_fa_init(fa);

	if (r)
		return r;
	if (!(s = old_malloc(sizeof(*s)))) {
		old_fa_destroy(fa);
		return SYMCC_ENOMEM;
	}
	s->magic = SIDE_MAGIC;
	s->n = s->cap = 0;
	s->a = (struct act *)0;
	__builtin_memcpy(&fa->pad[0], &s, sizeof(s));
	fa->pad[2] = (int)SIDE_MAGIC;
	return 0;
}

SYMCC_SHIM int
__wrap_posix_spawn_file_actions_destroy(struct fa *fa)
{
	struct side *s = side_of(fa);

	if (s) {
		for (int i = 0; i < s->n; i++)
			old_free(s->a[i].path);
		old_free(s->a);
		old_free(s);
		fa->pad[2] = 0;
	}
	return old_fa_destroy(fa);
}

SYMCC_SHIM int
__wrap_posix_spawn_file_actions_addopen(struct fa *fa, int fd, const char *path, int oflag,
                                        unsigned int mode)
{
	struct act a = {ACT_OPEN, fd, 0, oflag, mode, (char *)path};
	int r = old_fa_addopen(fa, fd, path, oflag, mode);

	return r || !side_of(fa) ? r : push(fa, a);
}

SYMCC_SHIM int
__wrap_posix_spawn_file_actions_addclose(struct fa *fa, int fd)
{
	struct act a = {ACT_CLOSE, fd, 0, 0, 0, (char *)0};
	int r = old_fa_addclose(fa, fd);

	return r || !side_of(fa) ? r : push(fa, a);
}

SYMCC_SHIM int
__wrap_posix_spawn_file_actions_adddup2(struct fa *fa, int fd, int fd2)
{
	struct act a = {ACT_DUP2, fd, fd2, 0, 0, (char *)0};
	int r = old_fa_adddup2(fa, fd, fd2);

	return r || !side_of(fa) ? r : push(fa, a);
}

SYMCC_SHIM int
__wrap_posix_spawn_file_actions_addchdir_np(struct fa *fa, const char *path)
{
	struct act a = {ACT_CHDIR, 0, 0, 0, 0, (char *)path};

	return push(fa, a);
}

SYMCC_SHIM int
__wrap_posix_spawn_file_actions_addfchdir_np(struct fa *fa, int fd)
{
	struct act a = {ACT_FCHDIR, fd, 0, 0, 0, (char *)0};

	if (fd < 0)
		return SYMCC_EBADF;
	return push(fa, a);
}

SYMCC_SHIM int
__wrap_posix_spawn_file_actions_addclosefrom_np(struct fa *fa, int from)
{
	struct act a = {ACT_CLOSEFROM, from, 0, 0, 0, (char *)0};

	if (from < 0)
		return SYMCC_EBADF;
	return push(fa, a);
}

/* ---- the child -------------------------------------------------------- */

static void
fail_child(int pipefd, int err)
{
	old_write(pipefd, &err, sizeof(err));
	old__exit(127);
}

static int
apply_attr(const void *attr)
{
	short flags = 0;
	unsigned long long set[16];   /* sigset_t: 128 bytes */
	int pg, policy;
	int param[8];
	struct { void *handler; unsigned long long rest[32]; } dfl;

	if (!attr)
		return 0;
	old_getflags(attr, &flags);
	if ((flags & SP_SETSIGMASK) && old_getsigmask(attr, set) == 0 &&
	    old_sigprocmask(SIG_BLOCK_SETMASK, set, (void *)0) != 0)
		return ERRNO;
	if (flags & SP_SETSIGDEF) {
		old_getsigdefault(attr, set);
		for (int i = 0; i < (int)sizeof(dfl.rest) / 8; i++)
			dfl.rest[i] = 0;
		dfl.handler = (void *)0;   /* SIG_DFL, no flags, empty mask */
		for (int sig = 1; sig < 65; sig++)
			if (old_sigismember(set, sig) == 1 && old_sigaction(sig, &dfl, (void *)0) != 0 &&
			    sig != 32 && sig != 33)   /* glibc's own, refused */
				return ERRNO;
	}
	if ((flags & SP_SETSID) && old_setsid() < 0)
		return ERRNO;
	if ((flags & SP_SETPGROUP) && old_getpgroup(attr, &pg) == 0 && old_setpgid(0, pg) != 0)
		return ERRNO;
	if (flags & (SP_SETSCHEDPARAM | SP_SETSCHEDULER)) {
		old_getschedparam(attr, param);
		if (flags & SP_SETSCHEDULER) {
			old_getschedpolicy(attr, &policy);
			if (old_sched_setscheduler(0, policy, param) < 0)
				return ERRNO;
		} else if (old_sched_setparam(0, param) != 0) {
			return ERRNO;
		}
	}
	if ((flags & SP_RESETIDS) && (old_syscall(NR_setgid, old_getgid()) != 0 ||
	                              old_syscall(NR_setuid, old_getuid()) != 0))
		return ERRNO;
	return 0;
}

/* close every fd from FROM on but KEEP (the error pipe, which exec
 * closes): close_range, or one by one before Linux 5.9 */
static void
close_from(int from, int keep)
{
	long r;

	if (keep >= from) {
		r = keep > from ? old_syscall(SYMCC_NR_close_range, from, keep - 1, 0) : 0;
		if (r == 0)
			r = old_syscall(SYMCC_NR_close_range, keep + 1, ~0u, 0);
	} else {
		r = old_syscall(SYMCC_NR_close_range, from, ~0u, 0);
	}
	if (r == 0)
		return;
	for (int fd = from; fd < 65536; fd++)
		if (fd != keep)
			old_close(fd);
}

static int
run_actions(const struct side *s, int pipefd)
{
	for (int i = 0; i < s->n; i++) {
		const struct act *a = &s->a[i];
		int fd;
		switch (a->kind) {
		case ACT_OPEN:
			if ((fd = old_open(a->path, a->oflag, a->mode)) < 0)
				return ERRNO;
			if (fd != a->fd) {
				if (old_dup2(fd, a->fd) < 0)
					return ERRNO;
				old_close(fd);
			}
			break;
		case ACT_CLOSE:
			if (old_close(a->fd) != 0 && ERRNO != SYMCC_EBADF)
				return ERRNO;
			break;
		case ACT_DUP2:
			if (a->fd == a->fd2) {   /* POSIX: clear close-on-exec */
				if (old_fcntl(a->fd, F_SETFD, 0) != 0)
					return ERRNO;
			} else if (old_dup2(a->fd, a->fd2) < 0) {
				return ERRNO;
			}
			break;
		case ACT_CHDIR:
			if (old_chdir(a->path) != 0)
				return ERRNO;
			break;
		case ACT_FCHDIR:
			if (old_fchdir(a->fd) != 0)
				return ERRNO;
			break;
		case ACT_CLOSEFROM:
			close_from(a->fd, pipefd);
			break;
		}
	}
	return 0;
}

/* execvp's search without its shell fallback */
static void
exec_path(const char *file, char *const argv[], char *const envp[], int search)
{
	const char *path, *p;
	char buf[4096];
	int err = SYMCC_ENOENT, slash = 0;

	for (p = file; *p; p++)
		slash |= *p == '/';
	if (!search || slash || !*file) {
		old_execve(file, argv, envp);
		return;
	}
	path = old_getenv("PATH");
	if (!path)
		path = "/bin:/usr/bin";
	for (p = path;; p++) {
		const char *start = p;
		size_t n = 0, fl = old_strlen(file);
		while (*p && *p != ':')
			p++;
		if (p > start) {
			if ((size_t)(p - start) + 1 + fl + 1 > sizeof(buf))
				goto next;
			for (const char *q = start; q < p; q++)
				buf[n++] = *q;
			buf[n++] = '/';
		}
		for (size_t i = 0; i <= fl; i++)
			buf[n + i] = file[i];
		old_execve(buf, argv, envp);
		if (ERRNO != SYMCC_ENOENT && ERRNO != 20 /* ENOTDIR */)
			err = ERRNO;
		if (ERRNO == 13 /* EACCES */)
			err = ERRNO;
	next:
		if (!*p)
			break;
	}
	ERRNO = err;
}

/* a child like fork's; with pidfd, a clone that also returns its pidfd */
static int
fork_child(int *pidfd)
{
	if (!pidfd)
		return old_fork();
#if defined(__s390x__)
	return (int)old_syscall(NR_clone, 0L, (long)(CLONE_PIDFD | SIGCHLD_NR), pidfd, 0L, 0L);
#else
	return (int)old_syscall(NR_clone, (long)(CLONE_PIDFD | SIGCHLD_NR), 0L, pidfd, 0L, 0L);
#endif
}

static int
spawn(int *pid, int *pidfd, const char *file, const struct fa *fa, const void *attr,
      char *const argv[], char *const envp[], int search)
{
	static const struct side none;
	const struct side *s = fa ? side_of(fa) : &none;
	int fds[2], child, err = 0, status, pfd = -1;
	long r;

	if (!s && pidfd)
		return SYMCC_EINVAL;
	if (!s)   /* initialised in another module: its actions are glibc's alone */
		return search ? old_spawnp(pid, file, fa, attr, argv, envp)
		              : old_spawn(pid, file, fa, attr, argv, envp);
	if (old_pipe(fds) != 0)
		return ERRNO;
	old_fcntl(fds[0], F_SETFD, FD_CLOEXEC);
	old_fcntl(fds[1], F_SETFD, FD_CLOEXEC);
	child = fork_child(pidfd ? &pfd : (int *)0);
	if (child < 0) {
		err = ERRNO;
		old_close(fds[0]);
		old_close(fds[1]);
		return err;
	}
	if (child == 0) {
		old_close(fds[0]);
		if ((err = apply_attr(attr)) != 0 || (err = run_actions(s, fds[1])) != 0)
			fail_child(fds[1], err);
		exec_path(file, argv, envp, search);
		fail_child(fds[1], ERRNO);
	}
	old_close(fds[1]);
	do
		r = old_read(fds[0], &err, sizeof(err));
	while (r < 0 && ERRNO == SYMCC_EINTR);
	old_close(fds[0]);
	if (r == (long)sizeof(err)) {   /* the child failed before exec: reap it */
		while (old_waitpid(child, &status, 0) < 0 && ERRNO == SYMCC_EINTR)
			;
		if (pfd >= 0)
			old_close(pfd);
		return err;
	}
	if (pid)
		*pid = child;
	if (pidfd)
		*pidfd = pfd;
	return 0;
}

SYMCC_SHIM int
__wrap_posix_spawn(int *pid, const char *path, const struct fa *fa, const void *attr,
                   char *const argv[], char *const envp[])
{
	return spawn(pid, (int *)0, path, fa, attr, argv, envp, 0);
}

SYMCC_SHIM int
__wrap_posix_spawnp(int *pid, const char *file, const struct fa *fa, const void *attr,
                    char *const argv[], char *const envp[])
{
	return spawn(pid, (int *)0, file, fa, attr, argv, envp, 1);
}

SYMCC_SHIM int
__wrap_pidfd_spawn(int *pidfd, const char *path, const struct fa *fa, const void *attr,
                   char *const argv[], char *const envp[])
{
	return spawn((int *)0, pidfd, path, fa, attr, argv, envp, 0);
}

SYMCC_SHIM int
__wrap_pidfd_spawnp(int *pidfd, const char *file, const struct fa *fa, const void *attr,
                    char *const argv[], char *const envp[])
{
	return spawn((int *)0, pidfd, file, fa, attr, argv, envp, 1);
}
