/* nextup.c: nextup and nextdown (glibc 2.24; _Float128 2.26; the _FloatN
 * names 2.27): the next representable value above or below x.
 * SPDX-License-Identifier: MIT-0
 *
 * On the encoding: for binary formats the next value up is the encoding
 * plus one for a positive x and minus one for a negative x, from either
 * zero to the least subnormal, and +inf stays.  The x87 format has an
 * explicit integer bit, handled at the exponent steps.  A NaN comes back
 * quiet, raising FE_INVALID if it was signalling (as x + x).
 * nextdown (x) is -nextup (-x).  No other exception, as glibc.
 */
#include "arch.h"
#include "symver.h"

typedef unsigned long long u64;

SYMCC_SHIM double
__wrap_nextup(double x)
{
	union { double d; u64 u; } v;

	v.d = x;
	if ((v.u & 0x7fffffffffffffffull) > 0x7ff0000000000000ull)
		return x + x;   /* NaN */
	if (v.u == 0x7ff0000000000000ull)
		return x;       /* +inf */
	if ((v.u << 1) == 0)
		v.u = 1;        /* +-0: the least subnormal */
	else if (v.u >> 63)
		v.u--;
	else
		v.u++;
	return v.d;
}

SYMCC_SHIM float
__wrap_nextupf(float x)
{
	union { float f; unsigned int u; } v;

	v.f = x;
	if ((v.u & 0x7fffffffu) > 0x7f800000u)
		return x + x;
	if (v.u == 0x7f800000u)
		return x;
	if ((v.u << 1) == 0)
		v.u = 1;
	else if (v.u >> 31)
		v.u--;
	else
		v.u++;
	return v.f;
}

SYMCC_SHIM double __wrap_nextdown(double x) { return -__wrap_nextup(-x); }
SYMCC_SHIM float __wrap_nextdownf(float x) { return -__wrap_nextupf(-x); }
SYMCC_SHIM symcc_float32 __wrap_nextupf32(symcc_float32 x) { return __wrap_nextupf(x); }
SYMCC_SHIM symcc_float32 __wrap_nextdownf32(symcc_float32 x) { return -__wrap_nextupf(-x); }
SYMCC_SHIM symcc_float64 __wrap_nextupf64(symcc_float64 x) { return __wrap_nextup(x); }
SYMCC_SHIM symcc_float64 __wrap_nextdownf64(symcc_float64 x) { return -__wrap_nextup(-x); }
SYMCC_SHIM symcc_float32x __wrap_nextupf32x(symcc_float32x x) { return __wrap_nextup(x); }
SYMCC_SHIM symcc_float32x __wrap_nextdownf32x(symcc_float32x x) { return -__wrap_nextup(-x); }

#if defined(__x86_64__) || defined(__i386__)
SYMCC_SHIM long double
__wrap_nextupl(long double x)
{
	union { long double l; struct { u64 m; unsigned short se; } w; } v;
	unsigned int e;

	v.l = x;
	e = v.w.se & 0x7fff;
	if (e == 0x7fff) {
		if (v.w.m << 1)
			return x + x;   /* NaN */
		if (!(v.w.se & 0x8000))
			return x;       /* +inf */
	}
	if (e == 0 && v.w.m == 0) {   /* +-0 */
		v.w.se = 0;
		v.w.m = 1;
	} else if (!(v.w.se & 0x8000)) {   /* up in magnitude */
		if (++v.w.m == 0) {   /* past 0xfff...f: the next binade */
			v.w.m = 1ull << 63;
			v.w.se++;
		} else if (e == 0 && v.w.m == 1ull << 63) {
			v.w.se = 1;   /* the least normal */
		}
	} else if (e == 0x7fff) {   /* -inf: the most negative finite */
		v.w.se = 0xfffe;
		v.w.m = ~0ull;
	} else {   /* down in magnitude */
		if (v.w.m == 1ull << 63 && e > 1) {
			v.w.m = ~0ull;
			v.w.se--;
		} else if (v.w.m == 1ull << 63 && e == 1) {
			v.w.se = 0x8000;   /* into the subnormals */
			v.w.m--;
		} else {
			v.w.m--;
		}
	}
	return v.l;
}

SYMCC_SHIM long double __wrap_nextdownl(long double x) { return -__wrap_nextupl(-x); }
SYMCC_SHIM symcc_float64x __wrap_nextupf64x(symcc_float64x x) { return __wrap_nextupl(x); }
SYMCC_SHIM symcc_float64x __wrap_nextdownf64x(symcc_float64x x) { return -__wrap_nextupl(-x); }
#endif

#if defined(__FLT128_MANT_DIG__) && defined(__x86_64__)
union quad {
	_Float128 q;
	struct { u64 lo, hi; } w;
};

SYMCC_SHIM _Float128
__wrap_nextupf128(_Float128 x)
{
	union quad v;
	u64 ahi;

	v.q = x;
	ahi = v.w.hi & 0x7fffffffffffffffull;
	if (ahi > 0x7fff000000000000ull || (ahi == 0x7fff000000000000ull && v.w.lo)) {
		if (!(v.w.hi & (1ull << 47))) {   /* signalling: raise, and quiet it */
			volatile double z = 0.0, raise = z / z;

			(void)raise;
			v.w.hi |= 1ull << 47;
		}
		return v.q;
	}
	if (v.w.hi == 0x7fff000000000000ull && v.w.lo == 0)
		return x;
	if (ahi == 0 && v.w.lo == 0) {
		v.w.hi = 0;
		v.w.lo = 1;
	} else if (v.w.hi >> 63) {
		v.w.hi -= v.w.lo == 0;
		v.w.lo--;
	} else {
		v.w.lo++;
		v.w.hi += v.w.lo == 0;
	}
	return v.q;
}

/* -x on the sign bit: _Float128 negation would be a libgcc call */
static _Float128
neg_q(_Float128 x)
{
	union quad v;

	v.q = x;
	v.w.hi ^= 1ull << 63;
	return v.q;
}

SYMCC_SHIM _Float128 __wrap_nextdownf128(_Float128 x) { return neg_q(__wrap_nextupf128(neg_q(x))); }
#endif
