/* threads.c: the C11 threads API (glibc 2.28) on POSIX threads, for
 * targets below 2.28.
 * SPDX-License-Identifier: MIT-0
 *
 * glibc's C11 types are its pthread types: thrd_t is pthread_t, mtx_t
 * pthread_mutex_t, cnd_t pthread_cond_t, tss_t pthread_key_t and once_flag
 * pthread_once_t, so every function is the pthread call plus the C11 result
 * code (thrd_success 0, busy 1, error 2, nomem 3, timedout 4).  The pthread
 * functions lived in libpthread.so.0 before 2.34: shims.txt names it.
 */
#include "arch.h"
#include "symver.h"
#include "pthreadkey.h"

typedef __SIZE_TYPE__ size_t;
typedef unsigned long thrd_type;

struct symcc_timespec {
	long tv_sec, tv_nsec;
};

enum { THRD_SUCCESS, THRD_BUSY, THRD_ERROR, THRD_NOMEM, THRD_TIMEDOUT };
enum { MTX_PLAIN = 0, MTX_RECURSIVE = 1, MTX_TIMED = 2 };
#define PTHREAD_MUTEX_RECURSIVE 1

SYMCC_OLD(int *, old_errno_location, "__errno_location", SYMCC_GLIBC_BASE, (void));
SYMCC_OLD(void *, old_malloc, "malloc", SYMCC_GLIBC_BASE, (size_t));
SYMCC_OLD(void, old_free, "free", SYMCC_GLIBC_BASE, (void *));
SYMCC_OLD(int, old_nanosleep, "nanosleep", SYMCC_GLIBC_BASE,
          (const struct symcc_timespec *, struct symcc_timespec *));
SYMCC_OLD(int, old_sched_yield, "sched_yield", SYMCC_GLIBC_BASE, (void));
SYMCC_OLD(int, old_create, "pthread_create", SYMCC_V_2_1,
          (thrd_type *, const void *, void *(*)(void *), void *));
SYMCC_OLD(int, old_join, "pthread_join", SYMCC_GLIBC_BASE, (thrd_type, void **));
SYMCC_OLD(int, old_detach, "pthread_detach", SYMCC_GLIBC_BASE, (thrd_type));
SYMCC_OLD(void, old_exit, "pthread_exit", SYMCC_GLIBC_BASE, (void *));
SYMCC_OLD(thrd_type, old_self, "pthread_self", SYMCC_GLIBC_BASE, (void));
SYMCC_OLD(int, old_mutex_init, "pthread_mutex_init", SYMCC_GLIBC_BASE, (void *, const void *));
SYMCC_OLD(int, old_mutex_destroy, "pthread_mutex_destroy", SYMCC_GLIBC_BASE, (void *));
SYMCC_OLD(int, old_mutex_lock, "pthread_mutex_lock", SYMCC_GLIBC_BASE, (void *));
SYMCC_OLD(int, old_mutex_trylock, "pthread_mutex_trylock", SYMCC_GLIBC_BASE, (void *));
SYMCC_OLD(int, old_mutex_unlock, "pthread_mutex_unlock", SYMCC_GLIBC_BASE, (void *));
SYMCC_OLD(int, old_mutex_timedlock, "pthread_mutex_timedlock", SYMCC_V_2_2,
          (void *, const struct symcc_timespec *));
SYMCC_OLD(int, old_mutexattr_init, "pthread_mutexattr_init", SYMCC_GLIBC_BASE, (void *));
SYMCC_OLD(int, old_mutexattr_settype, "pthread_mutexattr_settype", SYMCC_V_2_1,
          (void *, int));
SYMCC_OLD(int, old_cond_init, "pthread_cond_init", SYMCC_V_COND, (void *, const void *));
SYMCC_OLD(int, old_cond_destroy, "pthread_cond_destroy", SYMCC_V_COND, (void *));
SYMCC_OLD(int, old_cond_signal, "pthread_cond_signal", SYMCC_V_COND, (void *));
SYMCC_OLD(int, old_cond_broadcast, "pthread_cond_broadcast", SYMCC_V_COND, (void *));
SYMCC_OLD(int, old_cond_wait, "pthread_cond_wait", SYMCC_V_COND, (void *, void *));
SYMCC_OLD(int, old_cond_timedwait, "pthread_cond_timedwait", SYMCC_V_COND,
          (void *, void *, const struct symcc_timespec *));

/* a pthread error number as a C11 result */
static int
c11(int err)
{
	switch (err) {
	case 0:               return THRD_SUCCESS;
	case SYMCC_EBUSY:     return THRD_BUSY;
	case SYMCC_ENOMEM:    return THRD_NOMEM;
	case SYMCC_ETIMEDOUT: return THRD_TIMEDOUT;
	default:              return THRD_ERROR;
	}
}

/* ---- threads ---------------------------------------------------------- */

struct start {
	int (*func)(void *);
	void *arg;
};

/* runs a C11 thread function; its int result becomes the pthread result */
static void *
start_c11(void *p)
{
	struct start s = *(struct start *)p;

	old_free(p);
	return (void *)(long)s.func(s.arg);
}

SYMCC_SHIM int
__wrap_thrd_create(thrd_type *thr, int (*func)(void *), void *arg)
{
	struct start *s = old_malloc(sizeof(*s));
	int err;

	if (!s)
		return THRD_NOMEM;
	s->func = func;
	s->arg = arg;
	err = old_create(thr, (const void *)0, start_c11, s);
	if (err)
		old_free(s);
	return c11(err);
}

SYMCC_SHIM int
__wrap_thrd_join(thrd_type thr, int *res)
{
	void *ret;
	int err = old_join(thr, &ret);

	if (err == 0 && res)
		*res = (int)(long)ret;
	return c11(err);
}

SYMCC_SHIM int
__wrap_thrd_detach(thrd_type thr)
{
	return c11(old_detach(thr));
}

SYMCC_SHIM void
__wrap_thrd_exit(int res)
{
	old_exit((void *)(long)res);
	__builtin_unreachable();
}

SYMCC_SHIM thrd_type
__wrap_thrd_current(void)
{
	return old_self();
}

SYMCC_SHIM int
__wrap_thrd_equal(thrd_type a, thrd_type b)
{
	return a == b;
}

/* 0, -1 if a signal interrupted the sleep, another negative value on error */
SYMCC_SHIM int
__wrap_thrd_sleep(const struct symcc_timespec *d, struct symcc_timespec *rem)
{
	if (old_nanosleep(d, rem) == 0)
		return 0;
	return *old_errno_location() == SYMCC_EINTR ? -1 : -2;
}

SYMCC_SHIM void
__wrap_thrd_yield(void)
{
	old_sched_yield();
}

/* ---- mutexes ---------------------------------------------------------- */

SYMCC_SHIM int
__wrap_mtx_init(void *m, int type)
{
	long attr[8];   /* pthread_mutexattr_t: 4 bytes, aligned to 4 */

	/* as glibc: the two recursive types are recursive, any other value
	 * is a plain mutex */
	switch (type) {
	case MTX_PLAIN | MTX_RECURSIVE:
	case MTX_TIMED | MTX_RECURSIVE:
		old_mutexattr_init(attr);
		old_mutexattr_settype(attr, PTHREAD_MUTEX_RECURSIVE);
		return c11(old_mutex_init(m, attr));
	default:
		return c11(old_mutex_init(m, (const void *)0));
	}
}

SYMCC_SHIM void
__wrap_mtx_destroy(void *m)
{
	old_mutex_destroy(m);
}

SYMCC_SHIM int
__wrap_mtx_lock(void *m)
{
	return c11(old_mutex_lock(m));
}

SYMCC_SHIM int
__wrap_mtx_trylock(void *m)
{
	return c11(old_mutex_trylock(m));
}

SYMCC_SHIM int
__wrap_mtx_timedlock(void *m, const struct symcc_timespec *t)
{
	return c11(old_mutex_timedlock(m, t));
}

SYMCC_SHIM int
__wrap_mtx_unlock(void *m)
{
	return c11(old_mutex_unlock(m));
}

/* ---- condition variables ---------------------------------------------- */

SYMCC_SHIM int
__wrap_cnd_init(void *c)
{
	return c11(old_cond_init(c, (const void *)0));
}

SYMCC_SHIM void
__wrap_cnd_destroy(void *c)
{
	old_cond_destroy(c);
}

SYMCC_SHIM int
__wrap_cnd_signal(void *c)
{
	return c11(old_cond_signal(c));
}

SYMCC_SHIM int
__wrap_cnd_broadcast(void *c)
{
	return c11(old_cond_broadcast(c));
}

SYMCC_SHIM int
__wrap_cnd_wait(void *c, void *m)
{
	return c11(old_cond_wait(c, m));
}

SYMCC_SHIM int
__wrap_cnd_timedwait(void *c, void *m, const struct symcc_timespec *t)
{
	return c11(old_cond_timedwait(c, m, t));
}

/* ---- thread-specific storage and call_once ---------------------------- */

SYMCC_SHIM int
__wrap_tss_create(unsigned int *key, void (*dtor)(void *))
{
	return c11(old_key_create(key, dtor));
}

SYMCC_SHIM void
__wrap_tss_delete(unsigned int key)
{
	old_key_delete(key);
}

SYMCC_SHIM void *
__wrap_tss_get(unsigned int key)
{
	return old_getspecific(key);
}

SYMCC_SHIM int
__wrap_tss_set(unsigned int key, void *val)
{
	return c11(old_setspecific(key, val));
}

SYMCC_SHIM void
__wrap_call_once(int *flag, void (*func)(void))
{
	old_once(flag, func);
}
