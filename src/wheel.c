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

int
zip_open(struct zip *z, const void *data, size_t len, const char **why)
{
	const unsigned char *p = data;
	size_t lo, i;

	memset(z, 0, sizeof(*z));
	z->data = p;
	z->len = len;
	if (len < 22) {
		*why = "too short for a zip archive";
		return -1;
	}
	/* The end record is the last 22 bytes plus a comment of up to 64 KiB. */
	lo = len > 22 + 65535 ? len - 22 - 65535 : 0;
	for (i = len - 22 + 1; i-- > lo;)
		if (le32(p + i) == SIG_END && i + 22 + le16(p + i + 20) == len)
			break;
	if (i + 1 == lo || i < lo || le32(p + i) != SIG_END) {
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
	if (z->cd_off > i || z->cd_size > i - z->cd_off) {
		*why = "the central directory lies outside the file";
		return -1;
	}
	return 0;
}

int
zip_next(const struct zip *z, size_t *pos, struct zip_entry *e, const char **why)
{
	const unsigned char *p;
	size_t off = z->cd_off + *pos, end = z->cd_off + z->cd_size, nlen, rec;
	uint16_t flags;

	memset(e, 0, sizeof(*e));
	if (off == end)
		return 0;
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
	e->name = xstrndup((const char *)p + 46, nlen);
	if (strlen(e->name) != nlen) {
		free(e->name);
		e->name = NULL;
		*why = "a member name with a NUL byte";
		return -1;
	}
	e->is_dir = nlen > 0 && e->name[nlen - 1] == '/';
	*pos += rec;
	return 1;
}

/* Where a member's data starts, checked against the file; NULL (*why). */
static const unsigned char *
member_data(const struct zip *z, const struct zip_entry *e, const char **why)
{
	const unsigned char *lh;
	size_t start;

	if (e->local_off > z->len || z->len - e->local_off < 30 ||
	    le32(z->data + e->local_off) != SIG_LOCAL) {
		*why = "malformed local file header";
		return NULL;
	}
	lh = z->data + e->local_off;
	start = e->local_off + 30 + le16(lh + 26) + le16(lh + 28);
	if (start > z->len || e->csize > z->len - start) {
		*why = "member data runs past the end of the archive";
		return NULL;
	}
	if (e->method != 0 && e->method != 8) {
		*why = "a member compressed with a method other than stored or deflate";
		return NULL;
	}
	if (e->method == 0 && e->csize != e->usize) {
		*why = "a stored member whose sizes differ";
		return NULL;
	}
	return z->data + start;
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
zip_extract(const struct zip *z, const struct zip_entry *e, const char **why)
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
