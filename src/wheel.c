/*
 * wheel.c: read the members of a zip archive (a Python wheel) in memory.
 * SPDX-License-Identifier: MIT-0
 *
 * Only what wheels use: one disk, stored (0) and deflated (8) members, no
 * encryption, no zip64.  Every offset and size comes from untrusted input and
 * is checked against the buffer before use; names and sizes are taken from
 * the central directory, as unzip does.  (PKWARE APPNOTE.TXT, sections 4.3.7,
 * 4.3.12, 4.3.16.)
 */
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "util.h"
#include "wheel.h"

#define SIG_LOCAL 0x04034b50u
#define SIG_CENTRAL 0x02014b50u
#define SIG_END 0x06054b50u

static uint16_t
le16(const unsigned char *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t
le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

bool
zip_is_zip(const void *data, size_t len)
{
	const unsigned char *p = data;

	return len >= 4 && (le32(p) == SIG_LOCAL || le32(p) == SIG_END);
}

/* One central directory entry at *pos (from cd start) into e; -1 (*why). */
static int
read_entry(const struct zip *z, size_t *pos, struct zip_entry *e, const char **why)
{
	const unsigned char *p;
	size_t off = z->base + z->cd_off + *pos, end = z->base + z->cd_off + z->cd_size, nlen, rec;
	uint16_t flags;

	memset(e, 0, sizeof(*e));
	if (end - off < 46 || le32(z->data + off) != SIG_CENTRAL) {
		*why = "malformed central directory entry";
		return -1;
	}
	p = z->data + off;
	nlen = le16(p + 28);
	rec = 46 + nlen + le16(p + 30) + le16(p + 32);
	if (rec > end - off) {
		*why = "central directory entry runs past the directory";
		return -1;
	}
	flags = le16(p + 8);
	e->method = le16(p + 10);
	e->crc = le32(p + 16);
	e->csize = le32(p + 20);
	e->usize = le32(p + 24);
	e->local_off = le32(p + 42);
	if (e->csize == 0xffffffffu || e->usize == 0xffffffffu || e->local_off == 0xffffffffu) {
		*why = "a zip64 member (not supported)";
		return -1;
	}
	if (flags & 1) {
		*why = "an encrypted member";
		return -1;
	}
	if (memchr(p + 46, 0, nlen)) {
		*why = "a member name with a NUL byte";
		return -1;
	}
	e->name = xstrndup((const char *)p + 46, nlen);
	e->is_dir = nlen > 0 && e->name[nlen - 1] == '/';
	*pos += rec;
	return 0;
}

/* Where a member's data starts, checked against the file. */
static int
locate_data(const struct zip *z, struct zip_entry *e, const char **why)
{
	const unsigned char *lh;
	size_t start, lo = z->base + z->cd_off;

	if (e->local_off > lo - z->base || lo - z->base - e->local_off < 30 ||
	    le32(z->data + z->base + e->local_off) != SIG_LOCAL) {
		*why = "malformed local file header";
		return -1;
	}
	e->local_off += z->base;
	lh = z->data + e->local_off;
	start = e->local_off + 30 + le16(lh + 26) + le16(lh + 28);
	if (start > lo || e->csize > lo - start) {
		*why = "member data runs into the central directory or past the end of the archive";
		return -1;
	}
	e->data_off = start;
	return 0;
}

static const struct zip *sort_zip;   /* for the qsort comparators */

static const char *
base_of(const char *name)
{
	const char *slash = strrchr(name, '/');

	return slash ? slash + 1 : name;
}

static int
cmp_by_name(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	int c = strcmp(base_of(sort_zip->ents[i].name), base_of(sort_zip->ents[j].name));

	return c ? c : (i > j) - (i < j);
}

static int
cmp_by_offset(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	size_t oi = sort_zip->ents[i].local_off, oj = sort_zip->ents[j].local_off;

	return (oi > oj) - (oi < oj);
}

/* The end of central directory record: the last 22 bytes plus a comment of
 * up to 64 KiB that ends the file.  True with *at set if there is one. */
static bool
find_end(const unsigned char *p, size_t len, size_t *at)
{
	size_t lo = len > 22 + 65535 ? len - 22 - 65535 : 0;

	if (len < 22)
		return false;
	for (size_t i = len - 22 + 1; i-- > lo;)
		if (le32(p + i) == SIG_END && i + 22 + le16(p + i + 20) == len) {
			*at = i;
			return true;
		}
	return false;
}

bool
zip_has_end(const void *data, size_t len)
{
	size_t at;

	return find_end(data, len, &at);
}

int
zip_open(struct zip *z, const void *data, size_t len, const char **why)
{
	const unsigned char *p = data;
	size_t i, pos = 0, *order;

	memset(z, 0, sizeof(*z));
	z->data = p;
	z->len = len;
	if (len < 22) {
		*why = "too short for a zip archive";
		return -1;
	}
	if (!find_end(p, len, &i)) {
		*why = "no end of central directory record (not a zip archive, or truncated)";
		return -1;
	}
	if (le16(p + i + 4) != 0 || le16(p + i + 6) != 0 || le16(p + i + 8) != le16(p + i + 10)) {
		*why = "a multi-disk zip archive";
		return -1;
	}
	z->nentries = le16(p + i + 10);
	z->cd_size = le32(p + i + 12);
	z->cd_off = le32(p + i + 16);
	if (z->nentries == 0xffff || z->cd_size == 0xffffffffu || z->cd_off == 0xffffffffu) {
		*why = "a zip64 archive (not supported)";
		return -1;
	}
	/* The directory ends where the end record starts; what lies before the
	 * archive shifts every offset (a zip appended to a program), as zipfile
	 * reads it. */
	if (z->cd_size > i || z->cd_off > i - z->cd_size) {
		*why = "the central directory lies outside the file";
		return -1;
	}
	z->base = i - z->cd_size - z->cd_off;
	/* 46 bytes each at least: the count is bounded by the directory's size */
	if (z->nentries > z->cd_size / 46) {
		*why = "more entries than the central directory holds";
		return -1;
	}
	z->ents = xcalloc(z->nentries ? z->nentries : 1, sizeof(*z->ents));
	for (size_t k = 0; k < z->nentries; k++)
		if (read_entry(z, &pos, &z->ents[k], why) < 0 || locate_data(z, &z->ents[k], why) < 0) {
			zip_close(z);
			return -1;
		}
	if (pos != z->cd_size) {
		zip_close(z);
		*why = "the central directory holds other than its entry count";
		return -1;
	}
	/* no two members may share bytes: one member's data read as many is
	 * how a small file inflates to gigabytes */
	order = xreallocarray(NULL, z->nentries ? z->nentries : 1, sizeof(*order));
	for (size_t k = 0; k < z->nentries; k++)
		order[k] = k;
	sort_zip = z;
	qsort(order, z->nentries, sizeof(*order), cmp_by_offset);
	for (size_t k = 1; k < z->nentries; k++)
		if (z->ents[order[k - 1]].data_off + z->ents[order[k - 1]].csize >
		    z->ents[order[k]].local_off) {
			free(order);
			zip_close(z);
			*why = "two members overlap (one member's data read as another)";
			return -1;
		}
	qsort(order, z->nentries, sizeof(*order), cmp_by_name);
	z->by_name = order;
	return 0;
}

void
zip_close(struct zip *z)
{
	for (size_t k = 0; z->ents && k < z->nentries; k++)
		free(z->ents[k].name);
	free(z->ents);
	free(z->by_name);
	z->ents = NULL;
	z->by_name = NULL;
}

int
zip_next(const struct zip *z, size_t *pos, struct zip_entry *e, const char **why)
{
	(void)why;
	if (*pos >= z->nentries || !z->by_name)
		return 0;
	*e = z->ents[(*pos)++];
	e->name = xstrdup(e->name);
	return 1;
}

const size_t *
zip_find_base(const struct zip *z, const char *base, size_t *n)
{
	size_t lo = 0, hi = z->nentries, first;

	*n = 0;
	if (!z->by_name)
		return NULL;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(base_of(z->ents[z->by_name[mid]].name), base) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	first = lo;
	while (lo < z->nentries && strcmp(base_of(z->ents[z->by_name[lo]].name), base) == 0)
		lo++;
	*n = lo - first;
	return *n ? z->by_name + first : NULL;
}

bool
zip_method_supported(const struct zip_entry *e)
{
	return e->method == 0 || e->method == 8;
}

/* Where a member's data starts; NULL (*why) if symcc cannot read it. */
static const unsigned char *
member_data(const struct zip *z, const struct zip_entry *e, const char **why)
{
	if (!zip_method_supported(e)) {
		*why = e->method == 12 ? "a member compressed with bzip2, which symcc cannot read"
		       : e->method == 14 ? "a member compressed with lzma, which symcc cannot read"
		       : "a member compressed with a method other than stored or deflate";
		return NULL;
	}
	if (e->method == 0 && e->csize != e->usize) {
		*why = "a stored member whose sizes differ";
		return NULL;
	}
	return z->data + e->data_off;
}

/* Inflate raw deflate data into out[0..n); the count produced, or -1. */
static long
inflate_into(const unsigned char *in, size_t inlen, unsigned char *out, size_t n, bool whole,
             const char **why)
{
	z_stream s;
	int r;
	long got;

	memset(&s, 0, sizeof(s));
	if (inflateInit2(&s, -MAX_WBITS) != Z_OK) {
		*why = "cannot initialise zlib";
		return -1;
	}
	s.next_in = (Bytef *)in;
	s.avail_in = (uInt)inlen;
	s.next_out = out;
	s.avail_out = (uInt)n;
	r = inflate(&s, Z_FINISH);
	got = (long)(n - s.avail_out);
	inflateEnd(&s);
	if (r == Z_STREAM_END || (!whole && (r == Z_OK || r == Z_BUF_ERROR) && s.avail_out == 0))
		return got;
	*why = whole && (r == Z_BUF_ERROR || r == Z_OK) ? "a deflated member larger than its recorded size"
	                                                : "corrupt deflate data";
	return -1;
}

long
zip_peek(const struct zip *z, const struct zip_entry *e, void *buf, size_t n, const char **why)
{
	const unsigned char *d = member_data(z, e, why);

	if (!d)
		return -1;
	if (n > e->usize)
		n = e->usize;
	if (n == 0)
		return 0;
	if (e->method == 0) {
		memcpy(buf, d, n);
		return (long)n;
	}
	return inflate_into(d, e->csize, buf, n, false, why);
}

void *
zip_extract(struct zip *z, const struct zip_entry *e, const char **why)
{
	const unsigned char *d;
	unsigned char *out;

	*why = NULL;
	if (!(d = member_data(z, e, why)))
		return NULL;
	if (e->usize > ZIP_MAX_MEMBER) {
		*why = "a member larger than 1 GiB";
		return NULL;
	}
	if (e->usize > ZIP_MAX_TOTAL - z->inflated) {
		*why = "more than 8 GiB inflated from one archive";
		return NULL;
	}
	z->inflated += e->usize;
	out = xmalloc(e->usize ? e->usize : 1);
	if (e->method == 0)
		memcpy(out, d, e->usize);
	else if (inflate_into(d, e->csize, out, e->usize, true, why) != (long)e->usize) {
		if (*why == NULL)
			*why = "a deflated member shorter than its recorded size";
		free(out);
		return NULL;
	}
	if (crc32(crc32(0L, Z_NULL, 0), out, (uInt)e->usize) != e->crc) {
		*why = "a member whose CRC-32 does not match (corrupt archive)";
		free(out);
		return NULL;
	}
	return out;
}
