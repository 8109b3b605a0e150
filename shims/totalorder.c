/* totalorder.c: totalorder and totalordermag for every floating type, with
 * the pointer arguments of glibc 2.31.
 * SPDX-License-Identifier: MIT-0
 *
 * The older versions (2.25 to 2.27) take values, and a target below 2.25
 * has none, so these are complete implementations rather than converters.
 * IEEE 754 totalOrder on binary formats is a comparison of the encodings as
 * sign-magnitude integers: -NaN < -Inf < ... < -0 < +0 < ... < +Inf < +NaN,
 * NaNs ordered by payload, signalling below quiet among positive NaNs.
 * Each value is packed, sign bit first, into a 128-bit key; a negative key
 * is complemented and a positive one gets its sign bit set, so unsigned
 * comparison of the keys is the total order.  long double is x87's 80-bit
 * format on x86, binary128 on aarch64, riscv64 and s390x, double on armv7;
 * ppc64le's IBM double-double has no shim.
 */
#include "symver.h"

#include "fpkey.h"

static int
key_le(struct key x, struct key y, int mag)
{
	return key_cmp(x, y, mag) <= 0;
}

static struct key
key_f(const float *p)
{
	union { float f; unsigned int u; } v;
	struct key k;

	v.f = *p;
	k.hi = (u64)v.u << 32;
	k.lo = 0;
	return k;
}

static struct key
key_d(const double *p)
{
	union { double d; u64 u; } v;
	struct key k;

	v.d = *p;
	k.hi = v.u;
	k.lo = 0;
	return k;
}

#define DEFINE_TOTALORDER(suffix, T, keyfn)				\
SYMCC_SHIM int								\
__wrap_totalorder##suffix(const T *x, const T *y)			\
{									\
	return key_le(keyfn(x), keyfn(y), 0);				\
}									\
SYMCC_SHIM int								\
__wrap_totalordermag##suffix(const T *x, const T *y)			\
{									\
	return key_le(keyfn(x), keyfn(y), 1);				\
}

DEFINE_TOTALORDER(f, float, key_f)
DEFINE_TOTALORDER(f32, float, key_f)
DEFINE_TOTALORDER(, double, key_d)
DEFINE_TOTALORDER(f64, double, key_d)
DEFINE_TOTALORDER(f32x, double, key_d)

/* binary128 from its two 64-bit halves in memory order */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
# define SYMCC_Q_HALVES struct { u64 hi, lo; }
#else
# define SYMCC_Q_HALVES struct { u64 lo, hi; }
#endif

#if defined(__FLT128_MANT_DIG__)
/* binary128 */
static struct key
key_q(const _Float128 *p)
{
	union { _Float128 q; SYMCC_Q_HALVES w; } v;
	struct key k;

	v.q = *p;
	k.hi = v.w.hi;
	k.lo = v.w.lo;
	return k;
}

DEFINE_TOTALORDER(f128, _Float128, key_q)
#endif

#if defined(__x86_64__) || defined(__i386__)
/* x87 extended: 64-bit significand, then 16 bits of sign and exponent */
static struct key
key_l(const long double *p)
{
	union { long double l; struct { u64 mant; unsigned short se; } w; } v;
	struct key k;

	v.w.mant = 0;
	v.w.se = 0;
	v.l = *p;
	k.hi = ((u64)v.w.se << 48) | (v.w.mant >> 16);
	k.lo = v.w.mant << 48;
	return k;
}

DEFINE_TOTALORDER(l, long double, key_l)
DEFINE_TOTALORDER(f64x, long double, key_l)
#elif __LDBL_MANT_DIG__ == 113 && defined(__FLT128_MANT_DIG__)
/* long double is binary128 (aarch64, riscv64, s390x): _Float128's format */
static struct key
key_l(const long double *p)
{
	_Float128 q = (_Float128)*p;

	return key_q(&q);
}

DEFINE_TOTALORDER(l, long double, key_l)
DEFINE_TOTALORDER(f64x, long double, key_l)
#elif __LDBL_MANT_DIG__ == 53
/* long double is double (armv7): glibc's totalorderl is totalorder */
static struct key
key_l(const long double *p)
{
	double d = (double)*p;

	return key_d(&d);
}

DEFINE_TOTALORDER(l, long double, key_l)
#endif
/* (ppc64le's IBM double-double long double has no shim) */
