/* clockwait.c: pthread_cond_clockwait, pthread_mutex_clocklock,
 * pthread_rwlock_clock{rd,wr}lock, sem_clockwait (glibc 2.30) and
 * pthread_clockjoin_np (2.31), on the older timed functions.
 * SPDX-License-Identifier: MIT-0
 *
 * The old functions take an absolute CLOCK_REALTIME deadline.  A
 * CLOCK_MONOTONIC deadline is turned into one: realtime now + (deadline -
 * monotonic now).  This is what libstdc++ itself does where clockwait is
 * missing.  Limits: a wall-clock jump during the wait moves its end, and a
 * condition variable initialised with CLOCK_MONOTONIC (pthread_condattr_
 * setclock) would read the converted deadline in the wrong clock: with
 * std::condition_variable, which uses the default clock, that never happens.
 */
#include "arch.h"
#include "symver.h"

struct symcc_timespec {
	long tv_sec, tv_nsec;
};

SYMCC_OLD(long, old_syscall, "syscall", SYMCC_GLIBC_BASE, (long, ...));
SYMCC_OLD(int *, old_errno_location, "__errno_location", SYMCC_GLIBC_BASE, (void));
SYMCC_OLD(int, old_cond_timedwait, "pthread_cond_timedwait", SYMCC_V_COND,
          (void *, void *, const struct symcc_timespec *));
SYMCC_OLD(int, old_mutex_timedlock, "pthread_mutex_timedlock", SYMCC_V_2_2,
          (void *, const struct symcc_timespec *));
SYMCC_OLD(int, old_rwlock_timedrdlock, "pthread_rwlock_timedrdlock", SYMCC_V_2_2,
          (void *, const struct symcc_timespec *));
SYMCC_OLD(int, old_rwlock_timedwrlock, "pthread_rwlock_timedwrlock", SYMCC_V_2_2,
          (void *, const struct symcc_timespec *));
SYMCC_OLD(int, old_sem_timedwait, "sem_timedwait", SYMCC_V_2_2,
          (void *, const struct symcc_timespec *));
SYMCC_OLD(int, old_timedjoin, "pthread_timedjoin_np", SYMCC_V_2_3_3,
          (unsigned long, void **, const struct symcc_timespec *));

/* The realtime deadline for (clock, abstime), in *out.  0, or EINVAL for a
 * clock other than REALTIME and MONOTONIC or a malformed time. */
static int
realtime_deadline(int clock, const struct symcc_timespec *abstime, struct symcc_timespec *out)
{
	struct symcc_timespec mono, real;

	if (abstime->tv_nsec < 0 || abstime->tv_nsec >= 1000000000L)
		return SYMCC_EINVAL;
	if (clock == SYMCC_CLOCK_REALTIME) {
		*out = *abstime;
		return 0;
	}
	if (clock != SYMCC_CLOCK_MONOTONIC)
		return SYMCC_EINVAL;
	old_syscall(SYMCC_NR_clock_gettime, SYMCC_CLOCK_MONOTONIC, &mono);
	old_syscall(SYMCC_NR_clock_gettime, SYMCC_CLOCK_REALTIME, &real);
	out->tv_sec = real.tv_sec + (abstime->tv_sec - mono.tv_sec);
	out->tv_nsec = real.tv_nsec + (abstime->tv_nsec - mono.tv_nsec);
	while (out->tv_nsec < 0) {
		out->tv_nsec += 1000000000L;
		out->tv_sec--;
	}
	while (out->tv_nsec >= 1000000000L) {
		out->tv_nsec -= 1000000000L;
		out->tv_sec++;
	}
	if (out->tv_sec < 0) {   /* long past: the old function times out at once */
		out->tv_sec = 0;
		out->tv_nsec = 0;
	}
	return 0;
}

SYMCC_SHIM int
__wrap_pthread_cond_clockwait(void *cond, void *mutex, int clock,
                              const struct symcc_timespec *abstime)
{
	struct symcc_timespec t;
	int e = realtime_deadline(clock, abstime, &t);

	return e ? e : old_cond_timedwait(cond, mutex, &t);
}

SYMCC_SHIM int
__wrap_pthread_mutex_clocklock(void *mutex, int clock, const struct symcc_timespec *abstime)
{
	struct symcc_timespec t;
	int e = realtime_deadline(clock, abstime, &t);

	return e ? e : old_mutex_timedlock(mutex, &t);
}

SYMCC_SHIM int
__wrap_pthread_rwlock_clockrdlock(void *rw, int clock, const struct symcc_timespec *abstime)
{
	struct symcc_timespec t;
	int e = realtime_deadline(clock, abstime, &t);

	return e ? e : old_rwlock_timedrdlock(rw, &t);
}

SYMCC_SHIM int
__wrap_pthread_rwlock_clockwrlock(void *rw, int clock, const struct symcc_timespec *abstime)
{
	struct symcc_timespec t;
	int e = realtime_deadline(clock, abstime, &t);

	return e ? e : old_rwlock_timedwrlock(rw, &t);
}

/* sem_* report errors through errno and -1 */
SYMCC_SHIM int
__wrap_sem_clockwait(void *sem, int clock, const struct symcc_timespec *abstime)
{
	struct symcc_timespec t;
	int e = realtime_deadline(clock, abstime, &t);

	if (e) {
		*old_errno_location() = e;
		return -1;
	}
	return old_sem_timedwait(sem, &t);
}

/* a NULL abstime waits for ever, as pthread_timedjoin_np does */
SYMCC_SHIM int
__wrap_pthread_clockjoin_np(unsigned long thread, void **ret, int clock,
                            const struct symcc_timespec *abstime)
{
	struct symcc_timespec t;
	int e;

	if (!abstime)
		return old_timedjoin(thread, ret, (const struct symcc_timespec *)0);
	e = realtime_deadline(clock, abstime, &t);
	return e ? e : old_timedjoin(thread, ret, &t);
}
