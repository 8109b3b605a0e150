/* strings.c: explicit_bzero (glibc 2.25), strlcpy, strlcat, wcslcpy, wcslcat
 * (2.38), memset_explicit (2.43), and their _FORTIFY_SOURCE entry points
 * __explicit_bzero_chk (2.25), __strlcpy_chk, __strlcat_chk, __wcslcpy_chk,
 * __wcslcat_chk (2.38) and __memset_explicit_chk (2.43).
 * SPDX-License-Identifier: MIT-0
 *
 * Plain loops: the shims are built with -fno-builtin and without loop
 * idiom recognition, so no memcpy/strlen call is generated behind our back.
 * The _chk variants check the size against the object size the compiler
 * passed, and call the old __chk_fail (2.3.4) on overflow, as glibc does.
 */
#include "arch.h"
#include "symver.h"

typedef __SIZE_TYPE__ size_t;
typedef __WCHAR_TYPE__ wchar_type;

SYMCC_OLD(void *, old_memset, "memset", SYMCC_GLIBC_BASE, (void *, int, size_t));
SYMCC_OLD(void, old_chk_fail, "__chk_fail", SYMCC_V_2_3_4, (void));

/* memset that the compiler cannot drop as a dead store: the call goes to an
 * external function, and the barrier tells it the memory is read after */
static void *
set_explicit(void *s, int c, size_t n)
{
	old_memset(s, c, n);
	__asm__ __volatile__("" : : "r"(s) : "memory");
	return s;
}

SYMCC_SHIM void
__wrap_explicit_bzero(void *s, size_t n)
{
	set_explicit(s, 0, n);
}

SYMCC_SHIM void *
__wrap_memset_explicit(void *s, int c, size_t n)
{
	return set_explicit(s, c, n);
}

/* The BSD functions, for any character type: copy at most size-1
 * characters, terminate if size > 0, return the length of the string the
 * caller tried to make. */
#define DEFINE_LCPY(name, T)						\
SYMCC_SHIM size_t							\
name(T *dst, const T *src, size_t size)					\
{									\
	size_t len = 0;							\
									\
	while (src[len])						\
		len++;							\
	if (size > 0) {							\
		size_t n = len < size - 1 ? len : size - 1, i;		\
		for (i = 0; i < n; i++)					\
			dst[i] = src[i];				\
		dst[n] = 0;						\
	}								\
	return len;							\
}

/* appends src to the string in dst (size characters in all); if dst has no
 * terminator within size, leaves it alone and returns size + strlen(src) */
#define DEFINE_LCAT(name, cpy, T)					\
SYMCC_SHIM size_t							\
name(T *dst, const T *src, size_t size)					\
{									\
	size_t dlen = 0;						\
									\
	while (dlen < size && dst[dlen])				\
		dlen++;							\
	if (dlen == size) {						\
		size_t slen = 0;					\
		while (src[slen])					\
			slen++;						\
		return size + slen;					\
	}								\
	return dlen + cpy(dst + dlen, src, size - dlen);		\
}

DEFINE_LCPY(__wrap_strlcpy, char)
DEFINE_LCPY(__wrap_wcslcpy, wchar_type)
DEFINE_LCAT(__wrap_strlcat, __wrap_strlcpy, char)
DEFINE_LCAT(__wrap_wcslcat, __wrap_wcslcpy, wchar_type)

/* ---- _FORTIFY_SOURCE entry points ------------------------------------ */

SYMCC_SHIM void
__wrap___explicit_bzero_chk(void *s, size_t n, size_t objsize)
{
	if (objsize < n)
		old_chk_fail();
	set_explicit(s, 0, n);
}

SYMCC_SHIM void *
__wrap___memset_explicit_chk(void *s, int c, size_t n, size_t objsize)
{
	if (objsize < n)
		old_chk_fail();
	return set_explicit(s, c, n);
}

/* objsize is in characters of the type, as the fortify headers pass it */
#define DEFINE_L_CHK(name, fn, T)					\
SYMCC_SHIM size_t							\
name(T *dst, const T *src, size_t size, size_t objsize)			\
{									\
	if (objsize < size)						\
		old_chk_fail();						\
	return fn(dst, src, size);					\
}

DEFINE_L_CHK(__wrap___strlcpy_chk, __wrap_strlcpy, char)
DEFINE_L_CHK(__wrap___strlcat_chk, __wrap_strlcat, char)
DEFINE_L_CHK(__wrap___wcslcpy_chk, __wrap_wcslcpy, wchar_type)
DEFINE_L_CHK(__wrap___wcslcat_chk, __wrap_wcslcat, wchar_type)
