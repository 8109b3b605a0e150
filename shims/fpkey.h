/* fpkey.h: floating-point encodings as keys that order like the values.
 * SPDX-License-Identifier: MIT-0
 *
 * A value's encoding, sign bit first, in 128 bits (the format's bits at
 * the top).  Read as a sign-magnitude integer it is IEEE 754's totalOrder:
 * -NaN < -Inf < ... < -0 < +0 < ... < +Inf < +NaN.  key_cmp complements a
 * negative key and sets a positive key's sign bit, so unsigned comparison
 * gives that order; with MAG the signs are dropped first.
 */
typedef unsigned long long u64;

struct key {
	u64 hi, lo;
};

/* -1, 0 or 1 as x is below, equal to or above y */
static int
key_cmp(struct key x, struct key y, int mag)
{
	if (mag) {
		x.hi &= ~(1ull << 63);
		y.hi &= ~(1ull << 63);
	}
	if (x.hi >> 63) {
		x.hi = ~x.hi;
		x.lo = ~x.lo;
	} else {
		x.hi |= 1ull << 63;
	}
	if (y.hi >> 63) {
		y.hi = ~y.hi;
		y.lo = ~y.lo;
	} else {
		y.hi |= 1ull << 63;
	}
	if (x.hi != y.hi)
		return x.hi < y.hi ? -1 : 1;
	return x.lo != y.lo ? (x.lo < y.lo ? -1 : 1) : 0;
}
