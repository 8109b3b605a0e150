/* fmaximum.c: fmaximum, fminimum, fmaximum_num, fminimum_num,
 * fmaximum_mag, fminimum_mag, fmaximum_mag_num, fminimum_mag_num (glibc
 * 2.35, C23 / IEEE 754-2019) for every floating type.
 * SPDX-License-Identifier: MIT-0
 *
 * maximum and minimum order -0 below +0 and return a NaN if either
 * argument is one; the _num forms return the number when only one is a
 * NaN (FE_INVALID if the NaN signals); the _mag forms compare magnitudes
 * and break ties as the plain form.  Ordering uses the encodings as
 * sign-magnitude keys (as totalorder), so no comparison raises.  A NaN
 * result is what glibc's x + y (y + x for two NaNs in the _num forms)
 * gives: the first NaN operand on SSE, the larger significand on x87 and
 * for _Float128 (libgcc's soft-float), made quiet.
 */
#include "symver.h"

#include "fpkey.h"

/* NAN (0 none, 1 quiet, 2 signalling) and KEY of each type */
static int
nan_d(double x)
{
	union { double d; u64 u; } v = { x };

	if ((v.u & ~(1ull << 63)) <= 0x7ff0000000000000ull)
		return 0;
	return (v.u & (1ull << 51)) ? 1 : 2;
}

static struct key
key_d(double x)
{
	union { double d; u64 u; } v = { x };
	struct key k = { v.u, 0 };

	return k;
}

static int
nan_f(float x)
{
	union { float f; unsigned int u; } v = { x };

	if ((v.u & 0x7fffffffu) <= 0x7f800000u)
		return 0;
	return (v.u & (1u << 22)) ? 1 : 2;
}

static struct key
key_f(float x)
{
	union { float f; unsigned int u; } v = { x };
	struct key k = { (u64)v.u << 32, 0 };

	return k;
}

/* The eight functions for type T with suffix S; NAN2 (x, y) is the NaN
 * result for two arguments of which at least one is a NaN */
#define DEFINE_FMAX(s, T, isnan_, key_, nan2)				\
static T								\
pick_##s(T x, T y, int want_max, int mag, int num)			\
{									\
	int nx = isnan_(x), ny = isnan_(y), c;				\
									\
	if (nx || ny) {							\
		if (!num)						\
			return nan2(x, y);				\
		if (nx && ny)   /* glibc's _num computes y + x here */	\
			return nan2(y, x);				\
		if (nx == 2 || ny == 2)					\
			(void)nan2(x, y);   /* FE_INVALID */		\
		return nx ? y : x;					\
	}								\
	c = mag ? key_cmp(key_(x), key_(y), 1) : 0;			\
	if (c == 0)							\
		c = key_cmp(key_(x), key_(y), 0);			\
	return (want_max ? c >= 0 : c <= 0) ? x : y;			\
}									\
SYMCC_SHIM T __wrap_fmaximum##s(T x, T y) { return pick_##s(x, y, 1, 0, 0); }	\
SYMCC_SHIM T __wrap_fminimum##s(T x, T y) { return pick_##s(x, y, 0, 0, 0); }	\
SYMCC_SHIM T __wrap_fmaximum_num##s(T x, T y) { return pick_##s(x, y, 1, 0, 1); }	\
SYMCC_SHIM T __wrap_fminimum_num##s(T x, T y) { return pick_##s(x, y, 0, 0, 1); }	\
SYMCC_SHIM T __wrap_fmaximum_mag##s(T x, T y) { return pick_##s(x, y, 1, 1, 0); }	\
SYMCC_SHIM T __wrap_fminimum_mag##s(T x, T y) { return pick_##s(x, y, 0, 1, 0); }	\
SYMCC_SHIM T __wrap_fmaximum_mag_num##s(T x, T y) { return pick_##s(x, y, 1, 1, 1); } \
SYMCC_SHIM T __wrap_fminimum_mag_num##s(T x, T y) { return pick_##s(x, y, 0, 1, 1); }

static void
raise_invalid(void)
{
	volatile double z = 0.0, r = z / z;

	(void)r;
}

/* x + y for a NaN among them, as SSE computes it whatever order a
 * compiler picks: the first NaN operand, quiet; FE_INVALID if either
 * signals */
static double
nan2_d(double x, double y)
{
	union { double d; u64 u; } v;

	if (nan_d(x) == 2 || nan_d(y) == 2)
		raise_invalid();
	v.d = nan_d(x) ? x : y;
	v.u |= 1ull << 51;
	return v.d;
}

static float
nan2_f(float x, float y)
{
	union { float f; unsigned int u; } v;

	if (nan_f(x) == 2 || nan_f(y) == 2)
		raise_invalid();
	v.f = nan_f(x) ? x : y;
	v.u |= 1u << 22;
	return v.f;
}

DEFINE_FMAX(, double, nan_d, key_d, nan2_d)
DEFINE_FMAX(f, float, nan_f, key_f, nan2_f)
DEFINE_FMAX(f64, double, nan_d, key_d, nan2_d)
DEFINE_FMAX(f32x, double, nan_d, key_d, nan2_d)
DEFINE_FMAX(f32, float, nan_f, key_f, nan2_f)

#if defined(__x86_64__) || defined(__i386__)
union ldbl {
	long double l;
	struct { u64 m; unsigned short se; } w;
};

static int
nan_l(long double x)
{
	union ldbl v;

	v.w.m = 0;
	v.w.se = 0;
	v.l = x;
	if ((v.w.se & 0x7fff) != 0x7fff || !(v.w.m << 1))
		return 0;
	return (v.w.m & (1ull << 62)) ? 1 : 2;
}

static struct key
key_l(long double x)
{
	union ldbl v;
	struct key k;

	v.w.m = 0;
	v.w.se = 0;
	v.l = x;
	k.hi = ((u64)v.w.se << 48) | (v.w.m >> 16);
	k.lo = v.w.m << 48;
	return k;
}

static long double nan2_l(long double x, long double y) { volatile long double r = x + y; return r; }

DEFINE_FMAX(l, long double, nan_l, key_l, nan2_l)
DEFINE_FMAX(f64x, long double, nan_l, key_l, nan2_l)
#endif

#if defined(__FLT128_MANT_DIG__) && defined(__x86_64__)
union quad {
	_Float128 q;
	struct { u64 lo, hi; } w;
};

static int
nan_q(_Float128 x)
{
	union quad v = { x };
	u64 a = v.w.hi & ~(1ull << 63);

	if (a < 0x7fff000000000000ull || (a == 0x7fff000000000000ull && !v.w.lo))
		return 0;
	return (v.w.hi & (1ull << 47)) ? 1 : 2;
}

static struct key
key_q(_Float128 x)
{
	union quad v = { x };
	struct key k = { v.w.hi, v.w.lo };

	return k;
}

/* the NaN with the larger fraction (quiet bit included), quieted */
static _Float128
nan2_q(_Float128 x, _Float128 y)
{
	union quad a = { x }, b = { y }, *r;
	u64 fa = a.w.hi & ((1ull << 48) - 1), fb = b.w.hi & ((1ull << 48) - 1);

	if (nan_q(x) == 2 || nan_q(y) == 2)
		raise_invalid();
	if (!nan_q(x))
		r = &b;
	else if (!nan_q(y))
		r = &a;
	else
		r = (fa > fb || (fa == fb && a.w.lo >= b.w.lo)) ? &a : &b;
	r->w.hi |= 1ull << 47;
	return r->q;
}

DEFINE_FMAX(f128, _Float128, nan_q, key_q, nan2_q)
#endif
