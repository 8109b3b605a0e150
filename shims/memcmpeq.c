/* memcmpeq.c: __memcmpeq (glibc 2.35) -> memcmp at the base version.
 * SPDX-License-Identifier: MIT-0
 *
 * __memcmpeq only promises zero/non-zero; memcmp satisfies that contract.
 */
#include "symver.h"
#include "arch.h"

SYMCC_OLD(int, old_memcmp, "memcmp", SYMCC_GLIBC_BASE,
	  (const void *a, const void *b, __SIZE_TYPE__ n));

/* __memcmpeq (a, b, n): 0 iff the N bytes are equal */
SYMCC_SHIM int
__wrap___memcmpeq(const void *a, const void *b, __SIZE_TYPE__ n)
{
	return old_memcmp(a, b, n);
}
