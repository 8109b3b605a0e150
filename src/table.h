/*
 * table.h: the compiled-in glibc symbol version tables, one per architecture.
 * SPDX-License-Identifier: MIT-0
 *
 * Generated at build time from data/glibc-<arch>.txt by src/tools/tablegen.c.
 * Lookups do no file I/O: the tables are sorted arrays searched with bsearch.
 */
#ifndef SYMCC_TABLE_H
#define SYMCC_TABLE_H
#include <stddef.h>
#include <stdint.h>

/* glibc version "2.2.5" encoded as 2*10000 + 2*100 + 5; "2.17" is 21700. */
typedef uint32_t glibcver;

enum symtype { SYM_FUNC, SYM_OBJECT, SYM_TLS, SYM_NOTYPE };

/* One version node at which glibc defines a symbol on one architecture.
 * The name is an offset into the table's string pool (table_name()): no
 * pointer, so no relocation per entry and 16 bytes instead of 24. */
struct table_entry {
	uint32_t name;    /* offset into glibc_table.names */
	glibcver ver;
	uint8_t lib;      /* index into table.libs: the library that held this
	                     (symbol, version) in the oldest release scanned */
	uint8_t type;     /* enum symtype */
	uint8_t is_default; /* 1: default (@@) version in the newest release */
	uint32_t size;    /* st_size (objects); 0 for functions */
};

struct glibc_table {
	const char *arch;          /* "x86_64", "aarch64", ... */
	glibcver base;             /* oldest version node on this arch */
	glibcver newest;           /* newest version node in the table */
	const char *const *libs;   /* sonames: "libc.so.6", "libpthread.so.0", ... */
	size_t nlibs;
	const struct table_entry *entries;  /* sorted by (strcmp(name), ver) */
	size_t nentries;
	const char *names;         /* the entries' names, NUL-separated */
};

/* The symbol name of an entry of t. */
static inline const char *
table_name(const struct glibc_table *t, const struct table_entry *e)
{
	return t->names + e->name;
}

/* The table for an architecture name as the table files spell it, or NULL. */
const struct glibc_table *table_for_arch(const char *arch);

/* All entries of a symbol, oldest version first; *n is their count.
 * NULL (and *n = 0) when glibc does not define the symbol on this arch. */
const struct table_entry *table_lookup(const struct glibc_table *t,
                                       const char *name, size_t *n);

/* Parse "2.17", "2.2.5", "GLIBC_2.17" into *v; 0 on success, -1 if malformed. */
int glibcver_parse(const char *s, glibcver *v);

/* Format v as "2.17" / "2.2.5" into buf (at least 16 bytes); returns buf. */
char *glibcver_format(glibcver v, char *buf, size_t len);

#endif
