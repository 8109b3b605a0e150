/* misc.c: qsort_r (glibc 2.8), timespec_get and getauxval (2.16),
 * secure_getenv (2.17), twalk_r (2.30), sigabbrev_np and strerrorname_np
 * (2.32), timespec_getres (2.34), on older functions.
 * SPDX-License-Identifier: MIT-0
 *
 * qsort_r and twalk_r pass the caller's closure to an old function that has
 * no closure argument: it travels in a thread-local variable, saved and
 * restored around the call, so nesting and threads work.  The variable is
 * initial-exec TLS, which needs no __tls_get_addr import; in a shared
 * library that is dlopen'ed late this uses a few bytes of the static TLS
 * reserve, as many libraries do.
 */
#include "arch.h"
#include "symver.h"

typedef __SIZE_TYPE__ size_t;

SYMCC_OLD(int *, old_errno_location, "__errno_location", SYMCC_GLIBC_BASE, (void));
#if defined(__aarch64__) || defined(__powerpc64__) || defined(__riscv)
/* glibc 2.17 renamed __secure_getenv; these began at 2.17 or later and
 * never had the old name (the shim is then never chosen, but the object
 * must still link when another shim here is) */
SYMCC_OLD(char *, old_secure_getenv, "secure_getenv", SYMCC_GLIBC_BASE, (const char *));
#else
SYMCC_OLD(char *, old_secure_getenv, "__secure_getenv", SYMCC_GLIBC_BASE, (const char *));
#endif
SYMCC_OLD(long, old_syscall, "syscall", SYMCC_GLIBC_BASE, (long, ...));
SYMCC_OLD(int, old_open, "open", SYMCC_GLIBC_BASE, (const char *, int, ...));
SYMCC_OLD(long, old_read, "read", SYMCC_GLIBC_BASE, (int, void *, size_t));
SYMCC_OLD(int, old_close, "close", SYMCC_GLIBC_BASE, (int));
SYMCC_OLD(void, old_qsort, "qsort", SYMCC_GLIBC_BASE,
          (void *, size_t, size_t, int (*)(const void *, const void *)));
SYMCC_OLD(void, old_twalk, "twalk", SYMCC_GLIBC_BASE,
          (const void *, void (*)(const void *, int, int)));

/* getenv, except in a set-user-ID or set-group-ID program */
SYMCC_SHIM char *
__wrap_secure_getenv(const char *name)
{
	return old_secure_getenv(name);
}

#define TIME_UTC 1

struct symcc_timespec {
	long tv_sec, tv_nsec;
};

/* system call NR (clock_gettime or clock_getres) on the clock of BASE:
 * BASE on success, 0 for an unknown base */
static int
utc_clock(long nr, struct symcc_timespec *ts, int base)
{
	if (base != TIME_UTC || old_syscall(nr, SYMCC_CLOCK_REALTIME, ts) != 0)
		return 0;
	return base;
}

SYMCC_SHIM int
__wrap_timespec_get(struct symcc_timespec *ts, int base)
{
	return utc_clock(SYMCC_NR_clock_gettime, ts, base);
}

SYMCC_SHIM int
__wrap_timespec_getres(struct symcc_timespec *ts, int base)
{
	return utc_clock(SYMCC_NR_clock_getres, ts, base);
}

/* the auxiliary vector entry TYPE from /proc/self/auxv, or 0 and ENOENT.
 * AT_HWCAP is the kernel's value, as in glibc before 2.26; later glibc on
 * x86 returns a value of its own for it. */
SYMCC_SHIM unsigned long
__wrap_getauxval(unsigned long type)
{
	unsigned long entry[2];
	int fd = old_open("/proc/self/auxv", SYMCC_O_RDONLY | SYMCC_O_CLOEXEC);

	if (fd >= 0) {
		while (old_read(fd, entry, sizeof(entry)) == (long)sizeof(entry) && entry[0] != 0) {
			if (entry[0] == type) {
				old_close(fd);
				return entry[1];
			}
		}
		old_close(fd);
	}
	*old_errno_location() = SYMCC_ENOENT;
	return 0;
}

/* ---- closures through thread-local storage -------------------------- */

#define SYMCC_TLS __thread __attribute__((tls_model("initial-exec")))

static SYMCC_TLS int (*qsort_cmp)(const void *, const void *, void *);
static SYMCC_TLS void *qsort_arg;

static int
qsort_tramp(const void *a, const void *b)
{
	return qsort_cmp(a, b, qsort_arg);
}

SYMCC_SHIM void
__wrap_qsort_r(void *base, size_t n, size_t size,
               int (*cmp)(const void *, const void *, void *), void *arg)
{
	int (*saved_cmp)(const void *, const void *, void *) = qsort_cmp;
	void *saved_arg = qsort_arg;

	qsort_cmp = cmp;
	qsort_arg = arg;
	old_qsort(base, n, size, qsort_tramp);
	qsort_cmp = saved_cmp;
	qsort_arg = saved_arg;
}

static SYMCC_TLS void (*twalk_action)(const void *, int, void *);
static SYMCC_TLS void *twalk_arg;

/* twalk's callback also gets the depth, which twalk_r's does not */
static void
twalk_tramp(const void *node, int visit, int depth)
{
	(void)depth;
	twalk_action(node, visit, twalk_arg);
}

SYMCC_SHIM void
__wrap_twalk_r(const void *root, void (*action)(const void *, int, void *), void *arg)
{
	void (*saved_action)(const void *, int, void *) = twalk_action;
	void *saved_arg = twalk_arg;

	twalk_action = action;
	twalk_arg = arg;
	old_twalk(root, twalk_tramp);
	twalk_action = saved_action;
	twalk_arg = saved_arg;
}

/* ---- names of signals and errno values -------------------------------- */

/* signals 1 to 31 (the numbering every architecture here shares) */
static const char *const sig_abbrev[] = {
	0, "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL",
	"USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD",
	"CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG", "XCPU", "XFSZ",
	"VTALRM", "PROF", "WINCH", "POLL", "PWR", "SYS",
};

/* SIGxxx without the SIG, or NULL (also for the real-time signals) */
SYMCC_SHIM const char *
__wrap_sigabbrev_np(int sig)
{
	if (sig <= 0 || sig >= (int)(sizeof(sig_abbrev) / sizeof(sig_abbrev[0])))
		return 0;
	return sig_abbrev[sig];
}

/* errno 0 to 134 as glibc 2.43 names them: the asm-generic numbering (x86,
 * arm, aarch64, riscv64, s390x; powerpc has EDEADLOCK at 58).  A value with
 * no name of its own (41, 58: aliases elsewhere) is NULL. */
#if defined(__powerpc__)
# define EDEADLOCK_58 "EDEADLOCK"
#else
# define EDEADLOCK_58 0
#endif

static const char *const errno_names[] = {
	"0",
	"EPERM", "ENOENT", "ESRCH", "EINTR", "EIO", "ENXIO",
	"E2BIG", "ENOEXEC", "EBADF", "ECHILD", "EAGAIN", "ENOMEM",
	"EACCES", "EFAULT", "ENOTBLK", "EBUSY", "EEXIST", "EXDEV",
	"ENODEV", "ENOTDIR", "EISDIR", "EINVAL", "ENFILE", "EMFILE",
	"ENOTTY", "ETXTBSY", "EFBIG", "ENOSPC", "ESPIPE", "EROFS",
	"EMLINK", "EPIPE", "EDOM", "ERANGE", "EDEADLK", "ENAMETOOLONG",
	"ENOLCK", "ENOSYS", "ENOTEMPTY", "ELOOP", 0, "ENOMSG",
	"EIDRM", "ECHRNG", "EL2NSYNC", "EL3HLT", "EL3RST", "ELNRNG",
	"EUNATCH", "ENOCSI", "EL2HLT", "EBADE", "EBADR", "EXFULL",
	"ENOANO", "EBADRQC", "EBADSLT", EDEADLOCK_58, "EBFONT", "ENOSTR",
	"ENODATA", "ETIME", "ENOSR", "ENONET", "ENOPKG", "EREMOTE",
	"ENOLINK", "EADV", "ESRMNT", "ECOMM", "EPROTO", "EMULTIHOP",
	"EDOTDOT", "EBADMSG", "EOVERFLOW", "ENOTUNIQ", "EBADFD", "EREMCHG",
	"ELIBACC", "ELIBBAD", "ELIBSCN", "ELIBMAX", "ELIBEXEC", "EILSEQ",
	"ERESTART", "ESTRPIPE", "EUSERS", "ENOTSOCK", "EDESTADDRREQ", "EMSGSIZE",
	"EPROTOTYPE", "ENOPROTOOPT", "EPROTONOSUPPORT", "ESOCKTNOSUPPORT", "EOPNOTSUPP", "EPFNOSUPPORT",
	"EAFNOSUPPORT", "EADDRINUSE", "EADDRNOTAVAIL", "ENETDOWN", "ENETUNREACH", "ENETRESET",
	"ECONNABORTED", "ECONNRESET", "ENOBUFS", "EISCONN", "ENOTCONN", "ESHUTDOWN",
	"ETOOMANYREFS", "ETIMEDOUT", "ECONNREFUSED", "EHOSTDOWN", "EHOSTUNREACH", "EALREADY",
	"EINPROGRESS", "ESTALE", "EUCLEAN", "ENOTNAM", "ENAVAIL", "EISNAM",
	"EREMOTEIO", "EDQUOT", "ENOMEDIUM", "EMEDIUMTYPE", "ECANCELED", "ENOKEY",
	"EKEYEXPIRED", "EKEYREVOKED", "EKEYREJECTED", "EOWNERDEAD", "ENOTRECOVERABLE", "ERFKILL",
	"EHWPOISON", "EFTYPE",
};

/* the name of errno value E ("EINVAL"), or NULL */
SYMCC_SHIM const char *
__wrap_strerrorname_np(int e)
{
	if (e < 0 || e >= (int)(sizeof(errno_names) / sizeof(errno_names[0])))
		return 0;
	return errno_names[e];
}
