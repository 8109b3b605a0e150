/* alloc.c: aligned_alloc (glibc 2.16, for targets below it), reallocarray
 * (2.26) and mallinfo2 (2.33), on the old allocator functions.
 * SPDX-License-Identifier: MIT-0
 */
#include "arch.h"
#include "symver.h"

typedef __SIZE_TYPE__ size_t;

SYMCC_OLD(int *, old_errno_location, "__errno_location", SYMCC_GLIBC_BASE, (void));
SYMCC_OLD(void *, old_realloc, "realloc", SYMCC_GLIBC_BASE, (void *, size_t));
SYMCC_OLD(void *, old_memalign, "memalign", SYMCC_GLIBC_BASE, (size_t, size_t));

/* realloc (p, n * size), or NULL and ENOMEM if the product overflows */
SYMCC_SHIM void *
__wrap_reallocarray(void *p, size_t n, size_t size)
{
	size_t bytes;

	if (__builtin_mul_overflow(n, size, &bytes)) {
		*old_errno_location() = SYMCC_ENOMEM;
		return (void *)0;
	}
	return old_realloc(p, bytes);
}

/* an alignment that is not a power of two is an error (EINVAL), as in
 * glibc 2.38 and later; old memalign would round it up */
SYMCC_SHIM void *
__wrap_aligned_alloc(size_t alignment, size_t size)
{
	if (alignment == 0 || (alignment & (alignment - 1)) != 0) {
		*old_errno_location() = SYMCC_EINVAL;
		return (void *)0;
	}
	return old_memalign(alignment, size);
}

/* struct mallinfo and struct mallinfo2: the same ten fields, int and size_t */
struct symcc_mallinfo {
	int f[10];
};

struct symcc_mallinfo2 {
	size_t f[10];
};

SYMCC_OLD(struct symcc_mallinfo, old_mallinfo, "mallinfo", SYMCC_GLIBC_BASE, (void));

/* The old counters are ints that wrap above 2 GiB; read as unsigned they
 * stay right up to 4 GiB.  The result is a compound literal, not a local
 * copied out: that copy is a memcpy call on some targets (powerpc64le). */
SYMCC_SHIM struct symcc_mallinfo2
__wrap_mallinfo2(void)
{
	struct symcc_mallinfo m = old_mallinfo();

#define U(i) ((size_t)(unsigned int)m.f[i])
	return (struct symcc_mallinfo2){ { U(0), U(1), U(2), U(3), U(4), U(5), U(6), U(7), U(8),
	                                   U(9) } };
#undef U
}
