/* fromfp.c: fromfp, ufromfp, fromfpx, ufromfpx for float, double and long
 * double (and their f32, f64, f32x, f64x names) with the C23 floating
 * results of glibc 2.43.
 * SPDX-License-Identifier: MIT-0
 *
 * The old versions (2.25 to 2.27) return intmax_t, and a target below 2.25
 * has none, so these are complete implementations.  Semantics, checked
 * against glibc 2.43: round x to an integer in direction rnd (FP_INT_UPWARD
 * 0, DOWNWARD 1, TOWARDZERO 2, TONEARESTFROMZERO 3, TONEAREST 4; any other
 * value rounds toward zero); a zero result keeps the sign of x.  If width
 * is 0, x is infinite or NaN, or the result does not fit a signed (fromfp)
 * or unsigned (ufromfp) integer of width bits, raise FE_INVALID and return
 * NaN.  The x variants also raise FE_INEXACT when a fitting result differs
 * from x.  The rounding works on the encoding, so no other exception is
 * raised.  _Float128 (x86_64 only) works on the encoding alone: its
 * arithmetic would import libgcc's soft-float functions.
 */
#include "arch.h"
#include "symver.h"

typedef unsigned long long u64;

enum { UPWARD, DOWNWARD, TOWARDZERO, TONEARESTFROMZERO, TONEAREST };

/* where the dropped fraction lies, relative to one half */
enum { FRAC_ZERO, FRAC_BELOW_HALF, FRAC_HALF, FRAC_ABOVE_HALF };

/* whether rounding moves the truncated value one further from zero */
static int
round_away(int rnd, int negative, int frac, int odd)
{
	if (frac == FRAC_ZERO)
		return 0;
	switch (rnd) {
	case UPWARD:            return !negative;
	case DOWNWARD:          return negative;
	case TONEARESTFROMZERO: return frac >= FRAC_HALF;
	case TONEAREST:         return frac == FRAC_ABOVE_HALF || (frac == FRAC_HALF && odd);
	default:                return 0;   /* TOWARDZERO and unknown modes */
	}
}

/* Classifies a finite value with significand m (integer bit at bit p, so
 * the value is m * 2^(e-p)) and unbiased exponent e < p: sets *frac, *odd
 * (the integer part is odd) and returns the mask of the fraction bits of m
 * (all of m when e < 0). */
static u64
split(u64 m, int e, int p, int *frac, int *odd)
{
	u64 mask, half, f;

	if (e < 0) {
		*odd = 0;
		if (m == 0)
			*frac = FRAC_ZERO;
		else if (e < -1)
			*frac = FRAC_BELOW_HALF;
		else
			*frac = m == 1ull << p ? FRAC_HALF : FRAC_ABOVE_HALF;
		return ~0ull;
	}
	mask = (1ull << (p - e)) - 1;
	half = 1ull << (p - e - 1);
	f = m & mask;
	*frac = f == 0 ? FRAC_ZERO : f < half ? FRAC_BELOW_HALF : f == half ? FRAC_HALF
	                                                                     : FRAC_ABOVE_HALF;
	*odd = (int)((m >> (p - e)) & 1);
	return mask;
}

/* ---- double ------------------------------------------------------------ */

static double
pow2_d(unsigned int n)   /* 2^n, +inf beyond the range */
{
	union { u64 u; double d; } v;

	v.u = n > 1023 ? 0x7ffull << 52 : (u64)(n + 1023) << 52;
	return v.d;
}

static double
nan_d(void)   /* the default NaN, raising FE_INVALID */
{
	volatile double z = 0.0;

	return z / z;
}

static void
raise_inexact(void)
{
	volatile double one = 1.0, tiny = 0x1p-100;

	one += tiny;
}

/* x rounded to an integer in direction rnd; x finite */
static double
round_d(double x, int rnd)
{
	union { double d; u64 u; } v;
	int e, frac, odd, neg;
	u64 m, mask;

	v.d = x;
	neg = (int)(v.u >> 63);
	e = (int)((v.u >> 52) & 0x7ff) - 1023;
	if (e >= 52)
		return x;   /* already an integer */
	m = (v.u & ((1ull << 52) - 1)) | (e > -1023 ? 1ull << 52 : 0);
	mask = split(m, e, 52, &frac, &odd);
	v.u &= e < 0 ? 1ull << 63 : ~mask;   /* truncated: x's sign and integer bits */
	if (round_away(rnd, neg, frac, odd))
		v.d += neg ? -1.0 : 1.0;   /* exact: an integer below 2^53 */
	return v.d;
}

/* NAME (x, rnd, width, is_unsigned, exact): x rounded by ROUND, or NaN (from
 * NAN) unless the result fits WIDTH bits; POW2 (n) is 2^n or +inf */
#define DEFINE_FROMFP_IMPL(name, T, round, pow2, nan)			\
static T								\
name(T x, int rnd, unsigned int width, int is_unsigned, int exact)	\
{									\
	T r, bound;							\
									\
	if (width == 0 || !(x - x == 0))   /* NaN for inf and NaN */	\
		return nan();						\
	r = round(x, rnd);						\
	if (is_unsigned) {						\
		bound = pow2(width);					\
		if (r < 0 || !(r < bound))				\
			return nan();					\
	} else {							\
		bound = pow2(width - 1);				\
		if (r < -bound || !(r < bound))				\
			return nan();					\
	}								\
	if (exact && r != x)						\
		raise_inexact();					\
	return r;							\
}

DEFINE_FROMFP_IMPL(fromfp_d, double, round_d, pow2_d, nan_d)

/* ---- long double: x87 extended (x86 only) -------------------------------- */

#if defined(__x86_64__) || defined(__i386__)
union ldbl {
	long double l;
	struct { u64 mant; unsigned short se; } w;
};

static long double
pow2_l(unsigned int n)
{
	union ldbl v;

	v.l = 0.0L;
	v.w.mant = 1ull << 63;
	v.w.se = n > 16383 ? 0x7fff : (unsigned short)(n + 16383);   /* 0x7fff: +inf */
	return v.l;
}

static long double
nan_l(void)
{
	volatile long double z = 0.0L;

	return z / z;
}

static long double
round_l(long double x, int rnd)
{
	union ldbl v;
	int e, frac, odd, neg;
	u64 mask;

	v.l = x;
	neg = v.w.se >> 15;
	e = (int)(v.w.se & 0x7fff) - 16383;
	if (e >= 63)
		return x;
	mask = split(v.w.mant, e, 63, &frac, &odd);
	if (e < 0)
		v.w.se &= 0x8000;   /* +-0 */
	v.w.mant &= ~mask;
	if (round_away(rnd, neg, frac, odd))
		v.l += neg ? -1.0L : 1.0L;
	return v.l;
}

DEFINE_FROMFP_IMPL(fromfp_l, long double, round_l, pow2_l, nan_l)
#endif

/* ---- _Float128 (x86_64): all on the encoding ------------------------------ */

#if defined(__FLT128_MANT_DIG__) && defined(__x86_64__)
/* binary128, little-endian: sign, 15-bit exponent, 112 fraction bits in
 * hi (48) and lo (64).  Its arithmetic would be libgcc calls, so rounding,
 * the range check and the NaN are built from the bits. */
union quad {
	_Float128 q;
	struct { u64 lo, hi; } w;
};

#define Q_FRAC_HI ((1ull << 48) - 1)

static _Float128
nan_q(void)   /* the default NaN (negative on x86), raising FE_INVALID */
{
	volatile double raise = nan_d();   /* stored: a dropped division raises nothing */
	union quad v;

	(void)raise;
	v.w.hi = 0xffff800000000000ull;
	v.w.lo = 0;
	return v.q;
}

/* x (finite) rounded to an integer in direction rnd, on the bits; *inexact
 * tells whether it changed */
static _Float128
round_q(_Float128 x, int rnd, int *inexact)
{
	union quad v;
	u64 mh, ml;
	int neg, bexp, e, frac = FRAC_ZERO, odd = 0, sh;

	v.q = x;
	neg = (int)(v.w.hi >> 63);
	bexp = (int)((v.w.hi >> 48) & 0x7fff);
	e = bexp - 16383;
	mh = (v.w.hi & Q_FRAC_HI) | (bexp ? 1ull << 48 : 0);
	ml = v.w.lo;
	if (e < 0) {   /* |x| < 1: the integer part is 0 */
		if (mh | ml)
			frac = e < -1 ? FRAC_BELOW_HALF
			     : (mh == 1ull << 48 && ml == 0) ? FRAC_HALF : FRAC_ABOVE_HALF;
		bexp = 0;
		mh = ml = 0;
		if (round_away(rnd, neg, frac, 0)) {   /* +-1 */
			bexp = 16383;
			mh = 1ull << 48;
		}
	} else if (e < 112) {
		/* sh fraction bits at the bottom of the 113-bit significand */
		u64 fh, fl, hh, hl, uh, ul;

		sh = 112 - e;
		fl = sh >= 64 ? ml : ml & ((1ull << sh) - 1);
		fh = sh >= 64 ? mh & ((1ull << (sh - 64)) - 1) : 0;
		hl = sh - 1 >= 64 ? 0 : 1ull << (sh - 1);    /* one half */
		hh = sh - 1 >= 64 ? 1ull << (sh - 65) : 0;
		uh = sh >= 64 ? 1ull << (sh - 64) : 0;       /* one unit */
		ul = sh >= 64 ? 0 : 1ull << sh;
		if (fh | fl)
			frac = (fh < hh || (fh == hh && fl < hl)) ? FRAC_BELOW_HALF
			     : (fh == hh && fl == hl) ? FRAC_HALF : FRAC_ABOVE_HALF;
		odd = ((mh & uh) | (ml & ul)) != 0;
		mh -= fh;
		ml -= fl;
		if (round_away(rnd, neg, frac, odd)) {
			ml += ul;
			mh += uh + (ml < ul);   /* carry */
			if (mh >> 49) {   /* 2^(e+1): renormalise */
				ml = (ml >> 1) | (mh << 63);
				mh >>= 1;
				bexp++;
			}
		}
	}
	*inexact = frac != FRAC_ZERO;
	v.w.hi = ((u64)neg << 63) | ((u64)bexp << 48) | (mh & Q_FRAC_HI);
	v.w.lo = ml;
	return v.q;
}

static _Float128
fromfp_q(_Float128 x, int rnd, unsigned int width, int is_unsigned, int exact)
{
	union quad v;
	int neg, bexp, e, inexact;

	v.q = x;
	if (width == 0 || ((v.w.hi >> 48) & 0x7fff) == 0x7fff)
		return nan_q();
	v.q = round_q(x, rnd, &inexact);
	neg = (int)(v.w.hi >> 63);
	bexp = (int)((v.w.hi >> 48) & 0x7fff);
	/* the range check on the result's exponent: |r| < 2^k iff r is 0 or
	 * its exponent is below k; -2^(w-1) itself fits a signed width */
	if (bexp) {
		e = bexp - 16383;
		if (is_unsigned) {
			if (neg || (unsigned int)e >= width)
				return nan_q();
		} else if ((unsigned int)e >= width - 1 &&
		           !(neg && (unsigned int)e == width - 1 && (v.w.hi & Q_FRAC_HI) == 0 &&
		             v.w.lo == 0)) {
			return nan_q();
		}
	}
	if (exact && inexact)
		raise_inexact();
	return v.q;
}
#endif

/* ---- the entry points ----------------------------------------------------- */

/* float: every float and its rounded value are exact as doubles */
static float
fromfp_f(float x, int rnd, unsigned int width, int is_unsigned, int exact)
{
	return (float)fromfp_d(x, rnd, width, is_unsigned, exact);
}

#define DEFINE_FROMFP(suffix, T, impl)					\
SYMCC_SHIM T								\
__wrap_fromfp##suffix(T x, int rnd, unsigned int width)			\
{									\
	return impl(x, rnd, width, 0, 0);				\
}									\
SYMCC_SHIM T								\
__wrap_ufromfp##suffix(T x, int rnd, unsigned int width)		\
{									\
	return impl(x, rnd, width, 1, 0);				\
}									\
SYMCC_SHIM T								\
__wrap_fromfpx##suffix(T x, int rnd, unsigned int width)		\
{									\
	return impl(x, rnd, width, 0, 1);				\
}									\
SYMCC_SHIM T								\
__wrap_ufromfpx##suffix(T x, int rnd, unsigned int width)		\
{									\
	return impl(x, rnd, width, 1, 1);				\
}

DEFINE_FROMFP(f, float, fromfp_f)
DEFINE_FROMFP(f32, float, fromfp_f)
DEFINE_FROMFP(, double, fromfp_d)
DEFINE_FROMFP(f64, double, fromfp_d)
DEFINE_FROMFP(f32x, double, fromfp_d)
#if defined(__x86_64__) || defined(__i386__)
DEFINE_FROMFP(l, long double, fromfp_l)
DEFINE_FROMFP(f64x, long double, fromfp_l)
#endif
#if defined(__FLT128_MANT_DIG__) && defined(__x86_64__)
DEFINE_FROMFP(f128, _Float128, fromfp_q)
#endif

/* ---- roundeven (2.25): to the nearest integer, ties to even ---------------- */

/* No exception for a finite x or an infinity (C23: roundeven never raises
 * inexact); a NaN is returned quiet, raising FE_INVALID if it was
 * signalling, as x + x does. */
SYMCC_SHIM double
__wrap_roundeven(double x)
{
	return __builtin_isfinite(x) ? round_d(x, TONEAREST) : x + x;
}

SYMCC_SHIM float
__wrap_roundevenf(float x)
{
	return __builtin_isfinite(x) ? (float)round_d(x, TONEAREST) : x + x;
}

SYMCC_SHIM symcc_float32 __wrap_roundevenf32(symcc_float32 x) { return __wrap_roundevenf(x); }
SYMCC_SHIM symcc_float64 __wrap_roundevenf64(symcc_float64 x) { return __wrap_roundeven(x); }
SYMCC_SHIM symcc_float32x __wrap_roundevenf32x(symcc_float32x x) { return __wrap_roundeven(x); }

#if defined(__x86_64__) || defined(__i386__)
SYMCC_SHIM long double
__wrap_roundevenl(long double x)
{
	return __builtin_isfinite(x) ? round_l(x, TONEAREST) : x + x;
}

SYMCC_SHIM symcc_float64x __wrap_roundevenf64x(symcc_float64x x) { return __wrap_roundevenl(x); }
#endif

#if defined(__FLT128_MANT_DIG__) && defined(__x86_64__)
SYMCC_SHIM _Float128
__wrap_roundevenf128(_Float128 x)
{
	union quad v;
	int inexact;

	v.q = x;
	if (((v.w.hi >> 48) & 0x7fff) != 0x7fff)
		return round_q(x, TONEAREST, &inexact);
	if ((v.w.hi & Q_FRAC_HI) | v.w.lo) {   /* NaN: quiet it */
		if (!(v.w.hi & (1ull << 47))) {
			volatile double raise = nan_d();

			(void)raise;
			v.w.hi |= 1ull << 47;
		}
	}
	return v.q;
}
#endif
