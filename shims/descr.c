/* descr.c: sigdescr_np and strerrordesc_np (glibc 2.32), the untranslated
 * descriptions of signals and errno values, from the target's own glibc.
 * SPDX-License-Identifier: MIT-0
 *
 * A file of their own: what they import (_sys_siglist at 2.3.3, strerror_l
 * at 2.6) must not reach the other shims, which work down to the base
 * version.  sigdescr_np reads _sys_siglist, the array glibc keeps for old
 * binaries, through the GOT (never copied, so its size does not matter).
 * strerrordesc_np is NULL for a value strerrorname_np does not name, else
 * strerror_l in the "C" locale: the message the target's glibc has for it
 * (the same table glibc's own strerrordesc_np reads).
 */
#include "arch.h"
#include "symver.h"

typedef void *locale_type;

#define LC_MESSAGES_MASK (1 << 5)
#define NSIG_STANDARD    32   /* _sys_siglist: NULL from 32 on */

extern const char *const old_sys_siglist[];
__asm__(".symver old_sys_siglist, _sys_siglist@" SYMCC_V_2_3_3);
SYMCC_OLD(locale_type, old_newlocale, "newlocale", SYMCC_V_2_3, (int, const char *, locale_type));
SYMCC_OLD(char *, old_strerror_l, "strerror_l", SYMCC_V_2_6, (int, locale_type));

const char *__wrap_strerrorname_np(int e);   /* misc.c */

/* "Interrupt" for SIGINT, or NULL */
SYMCC_SHIM const char *
__wrap_sigdescr_np(int sig)
{
	if (sig <= 0 || sig >= NSIG_STANDARD)
		return 0;
	return old_sys_siglist[sig];
}

/* the "C" locale, made once; 0 if it cannot be.  Two threads that race
 * here the first time may each make one, and one of them is never freed:
 * a compare-and-swap would be an outline-atomics call into libgcc on
 * aarch64. */
static locale_type
c_locale(void)
{
	static locale_type c;
	locale_type l = __atomic_load_n(&c, __ATOMIC_ACQUIRE);

	if (!l) {
		l = old_newlocale(LC_MESSAGES_MASK, "C", 0);
		__atomic_store_n(&c, l, __ATOMIC_RELEASE);
	}
	return l;
}

/* "Invalid argument" for EINVAL, or NULL for a value with no description.
 * A value newer than the target's glibc (EFTYPE, 2.43) has none there:
 * strerror_l says "Unknown error N", and this says NULL. */
SYMCC_SHIM const char *
__wrap_strerrordesc_np(int e)
{
	static const char unknown[] = "Unknown error ";
	const char *msg;
	locale_type c;
	unsigned int i;

	if (!__wrap_strerrorname_np(e) || !(c = c_locale()))
		return 0;
	msg = old_strerror_l(e, c);
	for (i = 0; i < sizeof(unknown) - 1 && msg[i] == unknown[i]; i++)
		;
	return i == sizeof(unknown) - 1 ? 0 : msg;
}
