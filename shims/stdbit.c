/* stdbit.c: the C23 <stdbit.h> functions (glibc 2.39), stdc_*_uc, _us,
 * _ui, _ul, _ull.
 * SPDX-License-Identifier: MIT-0
 *
 * With GCC the header expands most of them inline; these are the
 * out-of-line functions that code taking their address, or built without
 * the builtins, calls.  Plain bit arithmetic on a 64-bit value: the
 * compiler's builtins would become libgcc calls (__popcountdi2, __clzdi2)
 * on some targets.  Each is checked against glibc 2.43's.
 */
#include "symver.h"

typedef unsigned long long u64;

/* leading zeros of a nonzero 64-bit value */
static unsigned int
clz64(u64 x)
{
	unsigned int n = 0;

	if (!(x >> 32)) { n += 32; x <<= 32; }
	if (!(x >> 48)) { n += 16; x <<= 16; }
	if (!(x >> 56)) { n += 8; x <<= 8; }
	if (!(x >> 60)) { n += 4; x <<= 4; }
	if (!(x >> 62)) { n += 2; x <<= 2; }
	if (!(x >> 63)) n += 1;
	return n;
}

/* trailing zeros of a nonzero value */
static unsigned int
ctz64(u64 x)
{
	return 63 - clz64(x & (0 - x));
}

static unsigned int
popcount64(u64 x)
{
	x = x - ((x >> 1) & 0x5555555555555555ull);
	x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
	x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0full;
	return (unsigned int)((x * 0x0101010101010101ull) >> 56);
}

/* the value as W bits, and its complement in W bits */
#define MASK(w) ((w) == 64 ? ~0ull : (1ull << (w)) - 1)

static unsigned int lz(u64 x, unsigned w) { return x ? clz64(x) - (64 - w) : w; }
static unsigned int tz(u64 x, unsigned w) { return x ? ctz64(x) : w; }

#define DEFINE_STDBIT(s, T)						\
SYMCC_SHIM unsigned int __wrap_stdc_leading_zeros_##s(T x)		\
{ return lz(x, W); }							\
SYMCC_SHIM unsigned int __wrap_stdc_leading_ones_##s(T x)		\
{ return lz(~(u64)x & MASK(W), W); }					\
SYMCC_SHIM unsigned int __wrap_stdc_trailing_zeros_##s(T x)		\
{ return tz(x, W); }							\
SYMCC_SHIM unsigned int __wrap_stdc_trailing_ones_##s(T x)		\
{ return tz(~(u64)x & MASK(W), W); }					\
SYMCC_SHIM unsigned int __wrap_stdc_first_leading_zero_##s(T x)	\
{ u64 c = ~(u64)x & MASK(W); return c ? lz(c, W) + 1 : 0; }		\
SYMCC_SHIM unsigned int __wrap_stdc_first_leading_one_##s(T x)		\
{ return x ? lz(x, W) + 1 : 0; }					\
SYMCC_SHIM unsigned int __wrap_stdc_first_trailing_zero_##s(T x)	\
{ u64 c = ~(u64)x & MASK(W); return c ? ctz64(c) + 1 : 0; }		\
SYMCC_SHIM unsigned int __wrap_stdc_first_trailing_one_##s(T x)	\
{ return x ? ctz64(x) + 1 : 0; }					\
SYMCC_SHIM unsigned int __wrap_stdc_count_zeros_##s(T x)		\
{ return W - popcount64(x); }						\
SYMCC_SHIM unsigned int __wrap_stdc_count_ones_##s(T x)		\
{ return popcount64(x); }						\
SYMCC_SHIM _Bool __wrap_stdc_has_single_bit_##s(T x)			\
{ return x && !(x & (T)(x - 1)); }					\
SYMCC_SHIM unsigned int __wrap_stdc_bit_width_##s(T x)			\
{ return W - lz(x, W); }						\
SYMCC_SHIM T __wrap_stdc_bit_floor_##s(T x)				\
{ return x ? (T)(1ull << (W - 1 - lz(x, W))) : 0; }			\
/* the least power of two >= x; 0 when it does not fit in T */		\
SYMCC_SHIM T __wrap_stdc_bit_ceil_##s(T x)				\
{									\
	unsigned int b;							\
									\
	if (x <= 1)							\
		return 1;						\
	b = W - lz((u64)x - 1, W);					\
	return b >= W ? 0 : (T)(1ull << b);				\
}

#define W 8
DEFINE_STDBIT(uc, unsigned char)
#undef W
#define W 16
DEFINE_STDBIT(us, unsigned short)
#undef W
#define W 32
DEFINE_STDBIT(ui, unsigned int)
#undef W
#define W (8 * (unsigned)sizeof(long))
DEFINE_STDBIT(ul, unsigned long)
#undef W
#define W 64
DEFINE_STDBIT(ull, unsigned long long)
#undef W
