/* fortify.c: _FORTIFY_SOURCE entry points of old functions, added after
 * them: __fdelt_chk (glibc 2.15, for targets below it), __inet_ntop_chk
 * and __inet_pton_chk (2.42).  Those of new functions are beside them
 * (strings.c).
 * SPDX-License-Identifier: MIT-0
 *
 * Each checks the size the compiler saw against the object size it
 * passed, calls the old __chk_fail (2.3.4) on overflow, and otherwise the
 * old unchecked function.
 */
#include "arch.h"
#include "symver.h"

typedef __SIZE_TYPE__ size_t;

#define AF_INET     2
#define AF_INET6    10
#define FD_SETSIZE  1024

SYMCC_OLD(void, old_chk_fail, "__chk_fail", SYMCC_V_2_3_4, (void));
SYMCC_OLD(const char *, old_inet_ntop, "inet_ntop", SYMCC_GLIBC_BASE,
          (int, const void *, char *, unsigned int));
SYMCC_OLD(int, old_inet_pton, "inet_pton", SYMCC_GLIBC_BASE, (int, const char *, void *));

SYMCC_SHIM const char *
__wrap___inet_ntop_chk(int af, const void *src, char *dst, unsigned int size, size_t objsize)
{
	if (size > objsize)
		old_chk_fail();
	return old_inet_ntop(af, src, dst, size);
}

SYMCC_SHIM int
__wrap___inet_pton_chk(int af, const char *src, void *dst, size_t objsize)
{
	if ((af == AF_INET && objsize < 4) || (af == AF_INET6 && objsize < 16))
		old_chk_fail();
	return old_inet_pton(af, src, dst);
}

/* FD_SET and friends: the index of descriptor d's word in an fd_set */
SYMCC_SHIM long
__wrap___fdelt_chk(long d)
{
	if (d < 0 || d >= FD_SETSIZE)
		old_chk_fail();
	return d / (8 * (long)sizeof(long));
}

/* the name the headers use when the compiler can already see the overflow */
SYMCC_SHIM long
__wrap___fdelt_warn(long d)
{
	return __wrap___fdelt_chk(d);
}
