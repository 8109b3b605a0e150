/* strfrom.c: strfromf128 (glibc 2.26), which static libstdc++'s
 * std::to_chars, and so std::format, reference for _Float128.
 * SPDX-License-Identifier: MIT-0
 *
 * strfromf128 (str, n, format, x) prints x like snprintf with FORMAT, which
 * is "%[.precision]c", c one of a A e E f F g G.  The value is converted
 * exactly: x = m * 2^e with a 113-bit m is the integer m * 2^e (e >= 0) or
 * m * 5^-e scaled by 10^e (e < 0), written out in decimal with a bignum,
 * then rounded to the requested digits, ties to even (the default rounding
 * mode; other modes are not followed).  x86_64 only, where long double is
 * not binary128; no arithmetic on _Float128 (libgcc soft-float calls).
 */
#include "arch.h"
#include "symver.h"

#if defined(__FLT128_MANT_DIG__) && defined(__x86_64__)

#include "bignum.h"

typedef __SIZE_TYPE__ size_t;

SYMCC_OLD(int *, old_errno_location, "__errno_location", SYMCC_GLIBC_BASE, (void));

/* the decimal digits of m * 2^e: at most 11560, plus one chunk of slack */
#define DIGITS 11600

/* b /= d; the remainder */
static u32
big_divmod_small(struct big *b, u32 d)
{
	u64 rem = 0;
	int i;

	for (i = b->n - 1; i >= 0; i--) {
		u64 cur = (rem << 32) | b->d[i];
		b->d[i] = (u32)(cur / d);
		rem = cur % d;
	}
	while (b->n > 0 && b->d[b->n - 1] == 0)
		b->n--;
	return (u32)rem;
}

/* The decimal digits of x's magnitude m * 2^e (m != 0) into dig (as
 * values 0-9, most significant first); returns their number and sets *x10
 * so that the value is 0.d1d2... * 10^(*x10 + 1), i.e. d1 is the digit of
 * 10^*x10. */
static int
exact_digits(u64 mh, u64 ml, int e, unsigned char *dig, int *x10)
{
	struct big b;   /* 5 KB of stack, and dig 12 KB: no TLS, which a late
	                 * dlopen could not provide */
	int n = 0, k = 0, i;

	b.n = 4;
	b.d[0] = (u32)ml;
	b.d[1] = (u32)(ml >> 32);
	b.d[2] = (u32)mh;
	b.d[3] = (u32)(mh >> 32);
	while (b.n > 0 && b.d[b.n - 1] == 0)
		b.n--;
	if (e >= 0) {
		big_shl(&b, e);
	} else {
		k = -e;   /* m / 2^k = m * 5^k / 10^k */
		for (i = k; i >= 13; i -= 13)
			big_muladd(&b, 1220703125u, 0);   /* 5^13 */
		for (; i > 0; i--)
			big_muladd(&b, 5, 0);
	}
	/* base 10^9 chunks, least significant digit first, then reversed */
	while (b.n > 0) {
		u32 r = big_divmod_small(&b, 1000000000u);
		for (i = 0; i < 9; i++) {
			dig[n++] = (unsigned char)(r % 10);
			r /= 10;
		}
	}
	while (n > 1 && dig[n - 1] == 0)
		n--;
	for (i = 0; i < n / 2; i++) {
		unsigned char t = dig[i];
		dig[i] = dig[n - 1 - i];
		dig[n - 1 - i] = t;
	}
	*x10 = n - 1 - k;
	return n;
}

/* Rounds dig[0..n) to keep digits (ties to even); returns how many of
 * dig are significant now (digits past them are zeros): n if all are
 * kept, 1 when everything rounded up to a new leading 1 (which also
 * raises *x10), 0 when the value rounds to zero. */
static int
round_digits(unsigned char *dig, int n, int keep, int *x10)
{
	int i, up, rest = 0;

	if (keep >= n)
		return n;
	if (keep < 0)
		return 0;
	for (i = keep + 1; i < n; i++)
		rest |= dig[i];
	if (dig[keep] != 5)
		up = dig[keep] > 5;
	else
		up = rest || (keep > 0 && (dig[keep - 1] & 1));
	if (!up)
		return keep;
	for (i = keep - 1; i >= 0; i--) {
		if (dig[i] < 9) {
			dig[i]++;
			return keep;
		}
		dig[i] = 0;
	}
	/* 99...9 + 1: a leading 1, one place up */
	dig[0] = 1;
	for (i = 1; i < keep; i++)
		dig[i] = 0;
	++*x10;
	return keep > 0 ? keep : 1;
}

/* the output, written while counting what snprintf would */
struct out {
	char *s;
	size_t cap, len;
};

static void
put(struct out *o, char c)
{
	if (o->len + 1 < o->cap)
		o->s[o->len] = c;
	o->len++;
}

static void
put_str(struct out *o, const char *s)
{
	while (*s)
		put(o, *s++);
}

static void
put_exp(struct out *o, char e, int x)
{
	char buf[8];
	int n = 0;

	put(o, e);
	put(o, x < 0 ? '-' : '+');
	if (x < 0)
		x = -x;
	do {
		buf[n++] = (char)('0' + x % 10);
		x /= 10;
	} while (x);
	if (n < 2)
		buf[n++] = '0';
	while (n)
		put(o, buf[--n]);
}

/* digit i of the rounded number (0 past the kept ones) */
static char
digit_at(const unsigned char *dig, int kept, int i)
{
	return (char)('0' + (i >= 0 && i < kept ? dig[i] : 0));
}

/* [d.ddd]e+xx with prec digits after the point; strip: drop trailing zeros
 * of the fraction (%g) */
static void
put_e(struct out *o, const unsigned char *dig, int kept, int x10, int prec, int strip, int upper)
{
	int i, last = prec;

	if (strip)
		while (last > 0 && digit_at(dig, kept, last) == '0')
			last--;
	put(o, digit_at(dig, kept, 0));
	if (last > 0)
		put(o, '.');
	for (i = 1; i <= last; i++)
		put(o, digit_at(dig, kept, i));
	put_exp(o, upper ? 'E' : 'e', x10);
}

/* ddd.ddd with prec digits after the point */
static void
put_f(struct out *o, const unsigned char *dig, int kept, int x10, int prec, int strip)
{
	int i, last = prec;

	if (strip)
		while (last > 0 && digit_at(dig, kept, x10 + last) == '0')
			last--;
	if (x10 < 0)
		put(o, '0');
	for (i = 0; i <= x10; i++)
		put(o, digit_at(dig, kept, i));
	if (last > 0)
		put(o, '.');
	for (i = 1; i <= last; i++)
		put(o, digit_at(dig, kept, x10 + i));
}

/* %a: 0x1.hhhp+d (0x0.hhhp-16382 for subnormals), shortest exact without a
 * precision, else rounded to prec hex digits (ties to even) */
static void
put_a(struct out *o, u64 mh, u64 ml, int bexp, int prec, int upper)
{
	const char *hex = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	unsigned char h[29];   /* lead digit, then 28 fraction digits */
	int i, n = 28, x = bexp ? bexp - 16383 : (mh | ml) ? -16382 : 0;

	h[0] = bexp ? 1 : 0;
	for (i = 0; i < 28; i++) {
		int bit = 108 - 4 * i;   /* of the 112 fraction bits */
		h[i + 1] = (unsigned char)((bit >= 64 ? mh >> (bit - 64) : ml >> bit) & 15);
	}
	if (prec >= 0 && prec < 28) {
		int rest = 0, up;

		for (i = prec + 2; i <= 28; i++)
			rest |= h[i];
		up = h[prec + 1] > 8 || (h[prec + 1] == 8 && (rest || (h[prec] & 1)));
		for (i = prec; up && i > 0; i--) {
			up = h[i] == 15;
			h[i] = (unsigned char)((h[i] + 1) & 15);
		}
		if (up)
			h[0]++;   /* 0x1.fff -> 0x2.000 */
		n = prec;
	} else if (prec < 0) {
		while (n > 0 && h[n] == 0)
			n--;
	} else {
		n = prec;
	}
	put(o, '0');
	put(o, upper ? 'X' : 'x');
	put(o, hex[h[0]]);
	if (n > 0)
		put(o, '.');
	for (i = 1; i <= n; i++)
		put(o, i <= 28 ? hex[h[i]] : '0');
	put(o, upper ? 'P' : 'p');
	put(o, x < 0 ? '-' : '+');
	{
		char buf[8];
		int k = 0, v = x < 0 ? -x : x;

		do {
			buf[k++] = (char)('0' + v % 10);
			v /= 10;
		} while (v);
		while (k)
			put(o, buf[--k]);
	}
}

SYMCC_SHIM int
__wrap_strfromf128(char *str, size_t n, const char *format, _Float128 x)
{
	unsigned char dig[DIGITS];
	union { _Float128 q; struct { u64 lo, hi; } w; } v;
	struct out o = { str, n, 0 };
	const char *f = format;
	int prec = -1, conv, upper, neg, bexp, nd, x10, kept;
	u64 mh, ml;

	if (*f++ != '%')
		goto invalid;
	if (*f == '.') {
		prec = 0;
		for (f++; *f >= '0' && *f <= '9'; f++)
			prec = prec * 10 + (*f - '0');
	}
	conv = *f++;
	if (*f != 0)
		goto invalid;
	upper = conv == 'A' || conv == 'E' || conv == 'F' || conv == 'G';
	conv |= 0x20;   /* lower case */
	if (conv != 'a' && conv != 'e' && conv != 'f' && conv != 'g')
		goto invalid;

	v.q = x;
	neg = (int)(v.w.hi >> 63);
	bexp = (int)((v.w.hi >> 48) & 0x7fff);
	mh = v.w.hi & ((1ull << 48) - 1);
	ml = v.w.lo;
	if (neg)
		put(&o, '-');
	if (bexp == 0x7fff) {
		put_str(&o, (mh | ml) ? (upper ? "NAN" : "nan") : (upper ? "INF" : "inf"));
		goto done;
	}
	if (conv == 'a') {
		put_a(&o, mh, ml, bexp, prec, upper);
		goto done;
	}
	if (prec < 0)
		prec = 6;
	if (bexp == 0 && (mh | ml) == 0) {   /* zero */
		dig[0] = 0;
		nd = kept = 1;
		x10 = 0;
	} else {
		if (bexp)
			mh |= 1ull << 48;
		nd = exact_digits(mh, ml, (bexp ? bexp : 1) - 16383 - 112, dig, &x10);
		kept = -1;
	}
	if (conv == 'g') {
		int p = prec == 0 ? 1 : prec, xr = x10;

		if (kept < 0) {   /* the exponent after rounding to p digits */
			kept = round_digits(dig, nd, p, &xr);
			x10 = xr;
		}
		if (x10 < p && x10 >= -4)
			put_f(&o, dig, kept, x10, p - 1 - x10, 1);
		else
			put_e(&o, dig, kept, x10, p - 1, 1, upper);
	} else if (conv == 'e') {
		if (kept < 0)
			kept = round_digits(dig, nd, prec + 1, &x10);
		put_e(&o, dig, kept, x10, prec, 0, upper);
	} else {
		if (kept < 0) {
			kept = round_digits(dig, nd, x10 + 1 + prec, &x10);
			if (kept == 0)   /* rounds to zero */
				x10 = 0;
		}
		put_f(&o, dig, kept, x10, prec, 0);
	}
done:
	if (n > 0)
		str[o.len < n ? o.len : n - 1] = 0;
	return (int)o.len;
invalid:
	*old_errno_location() = SYMCC_EINVAL;
	return -1;
}

#endif
