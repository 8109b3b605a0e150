/* bignum.h: the unsigned big integers of strtof128 and strfromf128.
 * SPDX-License-Identifier: MIT-0
 *
 * Enough limbs for m * 5^16800 * 2^130 (m < 2^113): the exact values of
 * every binary128 number and of the quotients strtof128 scales.
 */
typedef unsigned int u32;
typedef unsigned long long u64;

#define BIG_LIMBS 1320

struct big {
	int n;                  /* limbs in use; d[n-1] != 0 unless n == 0 */
	u32 d[BIG_LIMBS];       /* least significant first */
};

static void
big_trim(struct big *b)
{
	while (b->n > 0 && b->d[b->n - 1] == 0)
		b->n--;
}

/* b = b * m + a */
static void
big_muladd(struct big *b, u32 m, u32 a)
{
	u64 carry = a;
	int i;

	for (i = 0; i < b->n; i++) {
		u64 t = (u64)b->d[i] * m + carry;
		b->d[i] = (u32)t;
		carry = t >> 32;
	}
	if (carry)
		b->d[b->n++] = (u32)carry;
}

/* b <<= bits */
static void
big_shl(struct big *b, int bits)
{
	int words = bits / 32, sh = bits % 32, i;

	if (b->n == 0)
		return;
	b->d[b->n] = 0;
	for (i = b->n; i >= 0; i--)
		b->d[i + words] = (b->d[i] << sh) | ((sh && i > 0) ? b->d[i - 1] >> (32 - sh) : 0);
	for (i = 0; i < words; i++)
		b->d[i] = 0;
	b->n += words + 1;
	big_trim(b);
}
