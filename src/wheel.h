/*
 * wheel.h: read the members of a zip archive (a Python wheel) in memory.
 * SPDX-License-Identifier: MIT-0
 */
#ifndef SYMCC_WHEEL_H
#define SYMCC_WHEEL_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct zip_entry;

/* A zip archive read whole into memory, its central directory indexed once
 * by zip_open (free with zip_close). */
struct zip {
	const unsigned char *data;
	size_t len;
	size_t base;              /* bytes before the archive (zipfile's "concat") */
	size_t cd_off, cd_size;   /* central directory, from base */
	size_t nentries;
	struct zip_entry *ents;   /* the entries, in directory order */
	size_t *by_name;          /* indexes into ents, by basename then order */
	size_t inflated;          /* bytes zip_extract produced so far */
};

struct zip_entry {
	char *name;               /* malloc'd */
	uint16_t method;          /* 0 stored, 8 deflated */
	uint32_t crc;
	size_t csize, usize;
	size_t local_off;         /* offset of the local file header (in data) */
	size_t data_off;          /* offset of the member's data (in data) */
	bool is_dir;
};

/* The largest member zip_extract inflates (a wheel's ELF files are smaller),
 * and the most it inflates from one archive, all members together: more
 * than the biggest wheels hold in ELF files (a zip32 archive is at most
 * 4 GiB; deflate expands at most 1032 times). */
#define ZIP_MAX_MEMBER ((size_t)1 << 30)
#define ZIP_MAX_TOTAL ((size_t)8 << 30)

/* True if data ends with a zip end record, as Python's zipfile finds it
 * (whatever comes before: a zip appended to a program is still one). */
bool zip_has_end(const void *data, size_t len);

/* True if data starts like a zip archive ("PK\3\4", or an empty one). */
bool zip_is_zip(const void *data, size_t len);

/* Find the central directory, as Python's zipfile does (data before the
 * archive is allowed), and index it: every entry's local header and data
 * inside the file, no two members overlapping.  0, or -1 with *why set (a
 * static string).  zip_close frees the index (also after a failure). */
int zip_open(struct zip *z, const void *data, size_t len, const char **why);
void zip_close(struct zip *z);

/* Iterate: *pos starts at 0.  1 with *e filled (free e->name), 0 at the end. */
int zip_next(const struct zip *z, size_t *pos, struct zip_entry *e, const char **why);

/* The entries whose basename is base: *n of them from the returned one on
 * (in by_name order), or NULL. */
const size_t *zip_find_base(const struct zip *z, const char *base, size_t *n);

/* True if symcc can read the member's data (stored or deflated). */
bool zip_method_supported(const struct zip_entry *e);

/* The first up to n bytes of a member into buf; the count, or -1 (*why). */
long zip_peek(const struct zip *z, const struct zip_entry *e, void *buf, size_t n, const char **why);

/* The whole member, malloc'd, its CRC and size checked, counted against
 * ZIP_MAX_TOTAL; NULL with *why set. */
void *zip_extract(struct zip *z, const struct zip_entry *e, const char **why);

#endif
