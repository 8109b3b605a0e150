/* stdlib2.c: uabs, ulabs, ullabs, uimaxabs (glibc 2.42), umaxabs,
 * memalignment, free_sized, free_aligned_sized (2.43).
 * SPDX-License-Identifier: MIT-0
 *
 * The absolute values as unsigned types (defined for the most negative
 * value too); memalignment, the largest power of two that divides the
 * address (0 for NULL); free_sized and free_aligned_sized are free, the
 * size and alignment being hints that glibc does not check either.
 */
#include "arch.h"
#include "symver.h"

typedef __SIZE_TYPE__ size_t;

SYMCC_OLD(void, old_free, "free", SYMCC_GLIBC_BASE, (void *));

#define DEFINE_UABS(name, U, S)						\
SYMCC_SHIM U								\
name(S x)								\
{									\
	return x < 0 ? (U)0 - (U)x : (U)x;				\
}

DEFINE_UABS(__wrap_uabs, unsigned int, int)
DEFINE_UABS(__wrap_ulabs, unsigned long, long)
DEFINE_UABS(__wrap_ullabs, unsigned long long, long long)
DEFINE_UABS(__wrap_uimaxabs, __UINTMAX_TYPE__, __INTMAX_TYPE__)
DEFINE_UABS(__wrap_umaxabs, __UINTMAX_TYPE__, __INTMAX_TYPE__)

SYMCC_SHIM size_t
__wrap_memalignment(const void *p)
{
	__UINTPTR_TYPE__ a = (__UINTPTR_TYPE__)p;

	return (size_t)(a & (0 - a));
}

SYMCC_SHIM void
__wrap_free_sized(void *p, size_t size)
{
	(void)size;
	old_free(p);
}

SYMCC_SHIM void
__wrap_free_aligned_sized(void *p, size_t alignment, size_t size)
{
	(void)alignment;
	(void)size;
	old_free(p);
}
