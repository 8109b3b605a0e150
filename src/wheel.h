/*
 * wheel.h: read the members of a zip archive (a Python wheel) in memory.
 * SPDX-License-Identifier: MIT-0
 */
#ifndef SYMCC_WHEEL_H
#define SYMCC_WHEEL_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A zip archive read whole into memory. */
struct zip {
	const unsigned char *data;
	size_t len;
	size_t cd_off, cd_size;   /* central directory */
	size_t nentries;
};

struct zip_entry {
	char *name;               /* malloc'd */
	uint16_t method;          /* 0 stored, 8 deflated */
	uint32_t crc;
	size_t csize, usize;
	size_t local_off;         /* offset of the local file header */
	bool is_dir;
};

/* The largest member zip_extract inflates (a wheel's ELF files are smaller). */
#define ZIP_MAX_MEMBER ((size_t)1 << 30)

/* True if data starts like a zip archive ("PK\3\4", or an empty one). */
bool zip_is_zip(const void *data, size_t len);

/* Find the central directory.  0, or -1 with *why set (a static string). */
int zip_open(struct zip *z, const void *data, size_t len, const char **why);

/* Iterate: *pos starts at 0.  1 with *e filled (free e->name), 0 at the end,
 * -1 with *why set on a malformed entry. */
int zip_next(const struct zip *z, size_t *pos, struct zip_entry *e, const char **why);

/* The first up to n bytes of a member into buf; the count, or -1 (*why). */
long zip_peek(const struct zip *z, const struct zip_entry *e, void *buf, size_t n, const char **why);

/* The whole member, malloc'd, its CRC checked; NULL with *why set. */
void *zip_extract(const struct zip *z, const struct zip_entry *e, const char **why);

#endif
