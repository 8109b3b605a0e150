/* strto.c: strtof128 (glibc 2.26), which static libstdc++'s std::from_chars
 * references for _Float128.
 * SPDX-License-Identifier: MIT-0
 *
 * The strtod grammar in the C locale: white space, a sign, then "inf",
 * "infinity", "nan", "nan(chars)", a hexadecimal float or a decimal one.
 * Correctly rounded, ties to even (the default rounding mode; others are
 * not followed): the decimal digits become a bignum D, and the value
 * D * 10^x is D * 10^x itself (x >= 0) or the quotient of D * 2^s by 5^-x,
 * with the remainder as the sticky bit.  ERANGE on overflow (+-inf) and
 * when a nonzero value rounds to a subnormal or zero inexactly.  x86_64
 * only; no arithmetic on _Float128.
 */
#include "arch.h"
#include "symver.h"

#if defined(__FLT128_MANT_DIG__) && defined(__x86_64__)

#include "bignum.h"

SYMCC_OLD(int *, old_errno_location, "__errno_location", SYMCC_GLIBC_BASE, (void));

#define MAXDIG  11800   /* significant digits kept; later ones only count as sticky */

static int
big_bits(const struct big *b)
{
	return b->n ? 32 * (b->n - 1) + (32 - __builtin_clz(b->d[b->n - 1])) : 0;
}

static int
big_bit(const struct big *b, int i)
{
	return i >= 0 && i / 32 < b->n ? (int)((b->d[i / 32] >> (i % 32)) & 1) : 0;
}

/* whether any of bits [0, i) is set */
static int
big_any_below(const struct big *b, int i)
{
	int w;

	for (w = 0; w < b->n && 32 * (w + 1) <= i; w++)
		if (b->d[w])
			return 1;
	return w < b->n && i > 32 * w && (b->d[w] & ((1u << (i - 32 * w)) - 1));
}

static void
big_shr1(struct big *b)
{
	int i;

	for (i = 0; i < b->n; i++)
		b->d[i] = (b->d[i] >> 1) | (i + 1 < b->n ? b->d[i + 1] << 31 : 0);
	big_trim(b);
}

static int
big_cmp(const struct big *a, const struct big *b)
{
	int i;

	if (a->n != b->n)
		return a->n < b->n ? -1 : 1;
	for (i = a->n - 1; i >= 0; i--)
		if (a->d[i] != b->d[i])
			return a->d[i] < b->d[i] ? -1 : 1;
	return 0;
}

/* a -= b, a >= b */
static void
big_sub(struct big *a, const struct big *b)
{
	u64 borrow = 0;
	int i;

	for (i = 0; i < a->n; i++) {
		u64 t = (u64)a->d[i] - (i < b->n ? b->d[i] : 0) - borrow;
		a->d[i] = (u32)t;
		borrow = (t >> 32) & 1;
	}
	big_trim(a);
}

union quad {
	_Float128 q;
	struct { u64 lo, hi; } w;
};

/* Rounds V * 2^e2 (V an integer of vbits bits, more = whether anything
 * nonzero lies below it) to binary128 with the sign NEG. */
static _Float128
round_to_quad(const struct big *v, int vbits, int e2, int more, int neg)
{
	union quad r;
	int top = vbits - 1 + e2;               /* exponent of the leading bit */
	int u = top - 112 < -16494 ? -16494 : top - 112;   /* exponent of the last kept bit */
	int cut = u - e2;                       /* bits of v below the kept ones */
	u64 mh = 0, ml = 0;
	int i, round, sticky, inexact;

	/* the kept bits: v >> cut, at most 113 of them */
	for (i = vbits - 1; i >= cut && i >= 0; i--) {
		mh = (mh << 1) | (ml >> 63);
		ml = (ml << 1) | (u64)big_bit(v, i);
	}
	if (cut > 0) {
		round = big_bit(v, cut - 1);
		sticky = more || big_any_below(v, cut - 1);
	} else {
		round = 0;
		sticky = more;
		for (i = cut; i < 0; i++) {   /* v had fewer bits than kept: shift up */
			mh = (mh << 1) | (ml >> 63);
			ml <<= 1;
		}
	}
	inexact = round || sticky;
	if (round && (sticky || (ml & 1))) {
		if (++ml == 0)
			mh++;
	}
	if (mh >> 49) {   /* rounded up to 2^113 */
		ml = (ml >> 1) | (mh << 63);
		mh >>= 1;
		u++;
	}
	if (mh >> 48) {   /* normal */
		int bexp = u + 112 + 16383;

		if (bexp >= 0x7fff) {
			*old_errno_location() = SYMCC_ERANGE;
			r.w.hi = (u64)0x7fff << 48;
			r.w.lo = 0;
		} else {
			r.w.hi = ((u64)bexp << 48) | (mh & ((1ull << 48) - 1));
			r.w.lo = ml;
		}
	} else {   /* subnormal or zero */
		if (inexact)
			*old_errno_location() = SYMCC_ERANGE;
		r.w.hi = mh;
		r.w.lo = ml;
	}
	r.w.hi |= (u64)neg << 63;
	return r.q;
}

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* whether s starts with WORD, ignoring case */
static int
starts(const char *s, const char *word)
{
	while (*word)
		if (lower((unsigned char)*s++) != *word++)
			return 0;
	return 1;
}

static int
hexval(int c)
{
	c = lower(c);
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* an optional exponent [eEpP][+-]digits at *pp: its value (saturated),
 * and *pp past it if it is complete */
static long
parse_exp(const char **pp, int letter)
{
	const char *p = *pp;
	long x = 0;
	int neg = 0;

	if (lower((unsigned char)*p) != letter)
		return 0;
	p++;
	if (*p == '+' || *p == '-')
		neg = *p++ == '-';
	if (*p < '0' || *p > '9')
		return 0;
	while (*p >= '0' && *p <= '9') {
		if (x < 100000000)
			x = x * 10 + (*p - '0');
		p++;
	}
	*pp = p;
	return neg ? -x : x;
}

/* nan(chars): the payload, as glibc reads it (strtoull, base 0); 0 if the
 * chars are not one whole number */
static u64
nan_payload(const char *s, const char *end)
{
	u64 v = 0;
	int base = 10, d;

	if (s == end)
		return 0;
	if (*s == '0') {
		base = 8;
		s++;
		if (s < end && lower((unsigned char)*s) == 'x') {
			base = 16;
			s++;
			if (s == end)
				return 0;
		}
	}
	for (; s < end; s++) {
		d = hexval((unsigned char)*s);
		if (d < 0 || d >= base)
			return 0;
		v = v * (u64)base + (u64)d;
	}
	return v;
}

SYMCC_SHIM _Float128
__wrap_strtof128(const char *nptr, char **endptr)
{
	struct big v, t;   /* 10 KB of stack */
	const char *p = nptr, *start;
	union quad r;
	int neg = 0, ndig = 0, more = 0, any = 0, c;
	long x10 = 0, x;

	while (*p == ' ' || (*p >= '\t' && *p <= '\r'))
		p++;
	if (*p == '+' || *p == '-')
		neg = *p++ == '-';
	r.w.lo = 0;
	if (starts(p, "inf")) {
		p += starts(p, "infinity") ? 8 : 3;
		r.w.hi = ((u64)neg << 63) | ((u64)0x7fff << 48);
		goto done;
	}
	if (starts(p, "nan")) {
		const char *q = p + 3;
		u64 payload = 0;

		p = q;
		if (*q == '(') {
			for (q++; (*q >= '0' && *q <= '9') || (lower((unsigned char)*q) >= 'a' &&
			     lower((unsigned char)*q) <= 'z') || *q == '_'; q++)
				;
			if (*q == ')') {
				payload = nan_payload(p + 1, q);
				p = q + 1;
			}
		}
		r.w.hi = ((u64)neg << 63) | ((u64)0x7fff << 48) | (1ull << 47);   /* quiet */
		r.w.lo = payload;
		goto done;
	}
	v.n = 0;
	if (p[0] == '0' && lower((unsigned char)p[1]) == 'x' &&
	    (hexval((unsigned char)p[2]) >= 0 || (p[2] == '.' && hexval((unsigned char)p[3]) >= 0))) {
		/* hexadecimal: 4 bits a digit, at most 40 significant ones */
		long x2 = 0;

		p += 2;
		for (; (c = hexval((unsigned char)*p)) >= 0 || (*p == '.' && !any); p++) {
			if (*p == '.') {
				any = 1;   /* seen the point */
				continue;
			}
			if (v.n == 0 && c == 0) {
				if (any)
					x2 -= 4;
				continue;
			}
			if (ndig < 40) {
				big_muladd(&v, 16, (u32)c);
				ndig++;
				if (any)
					x2 -= 4;
			} else {
				more |= c != 0;
				if (!any)
					x2 += 4;
			}
		}
		x2 += parse_exp(&p, 'p');
		if (v.n == 0) {
			r.w.hi = (u64)neg << 63;
			goto done;
		}
		r.q = round_to_quad(&v, big_bits(&v), (int)(x2 < -100000 ? -100000 : x2 > 100000 ? 100000 : x2),
		                    more, neg);
		goto done;
	}
	/* decimal */
	start = p;
	for (; (*p >= '0' && *p <= '9') || (*p == '.' && !any); p++) {
		if (*p == '.') {
			any = 1;
			continue;
		}
		if (v.n == 0 && *p == '0') {
			if (any)
				x10--;
			continue;
		}
		if (ndig < MAXDIG) {
			big_muladd(&v, 10, (u32)(*p - '0'));
			ndig++;
			if (any)
				x10--;
		} else {
			more |= *p != '0';
			if (!any)
				x10++;
		}
	}
	if (p == start || (p == start + 1 && *start == '.')) {   /* no digits */
		p = nptr;
		r.w.hi = 0;
		goto done;
	}
	x10 += parse_exp(&p, 'e');
	if (v.n == 0) {
		r.w.hi = (u64)neg << 63;
		goto done;
	}
	x = x10;
	if (ndig + x > 4935) {   /* >= 10^4934: overflow */
		*old_errno_location() = SYMCC_ERANGE;
		r.w.hi = ((u64)neg << 63) | ((u64)0x7fff << 48);
		goto done;
	}
	if (ndig + x < -4967) {   /* < 10^-4967, under half the least subnormal */
		*old_errno_location() = SYMCC_ERANGE;
		r.w.hi = (u64)neg << 63;
		goto done;
	}
	if (x >= 0) {
		for (; x >= 9; x -= 9)
			big_muladd(&v, 1000000000u, 0);
		for (; x > 0; x--)
			big_muladd(&v, 10, 0);
		r.q = round_to_quad(&v, big_bits(&v), 0, more, neg);
	} else {
		/* D / 10^k = (D * 2^s / 5^k) * 2^(-s-k), the remainder sticky */
		long k = -x, i;
		int s, bits;
		u64 qh = 0, ql = 0;

		t.n = 1;
		t.d[0] = 1;
		for (i = k; i >= 13; i -= 13)
			big_muladd(&t, 1220703125u, 0);   /* 5^13 */
		for (; i > 0; i--)
			big_muladd(&t, 5, 0);
		/* scale the quotient to 116 or 117 bits: D * 2^s / 5^k, or for
		 * s < 0 D / (5^k * 2^-s) */
		s = big_bits(&t) - big_bits(&v) + 116;
		if (s >= 0)
			big_shl(&v, s);
		else
			big_shl(&t, -s);
		bits = big_bits(&v) - big_bits(&t);   /* the quotient has bits or bits+1 bits */
		big_shl(&t, bits);
		for (i = bits; i >= 0; i--) {
			qh = (qh << 1) | (ql >> 63);
			ql <<= 1;
			if (big_cmp(&v, &t) >= 0) {
				big_sub(&v, &t);
				ql |= 1;
			}
			big_shr1(&t);
		}
		more |= v.n != 0;   /* the remainder */
		t.n = 4;            /* the quotient, in t */
		t.d[0] = (u32)ql;
		t.d[1] = (u32)(ql >> 32);
		t.d[2] = (u32)qh;
		t.d[3] = (u32)(qh >> 32);
		big_trim(&t);
		r.q = round_to_quad(&t, big_bits(&t), (int)(-s - k), more, neg);
	}
done:
	if (endptr)
		*endptr = (char *)p;
	return r.q;
}

#endif
