/*
 * tablegen.c: turn data/glibc-<arch>.txt into the C table of table.h.
 * SPDX-License-Identifier: MIT-0
 *
 * usage: tablegen INPUT.txt OUTPUT.c SYMBOL
 * Writes `const struct glibc_table SYMBOL`. A malformed line is reported as
 * "tablegen: FILE:LINE: message" and fails the build (exit 1).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "table.h"

#define MAXFIELDS 8

struct entry {
	char *name;
	glibcver ver;
	unsigned lib;     /* index into libs */
	int type;         /* enum symtype */
	int is_default;
	uint32_t size;
	unsigned long line;
};

/* Set by main. */
static const char *inpath;
static const char *outpath;

/* Filled by parse. */
static char *arch;
static glibcver base;
static struct entry *entries;
static size_t nentries, centries;
static char *libs[256];
static size_t nlibs;

static void
fail(unsigned long line, const char *fmt, ...)
{
	va_list ap;
	if (line)
		fprintf(stderr, "tablegen: %s:%lu: ", inpath, line);
	else
		fprintf(stderr, "tablegen: %s: ", inpath);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (outpath)
		remove(outpath);
	exit(1);
}

static void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n);
	if (p == NULL) {
		fprintf(stderr, "tablegen: out of memory\n");
		exit(1);
	}
	return p;
}

static char *
xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	return memcpy(xrealloc(NULL, n), s, n);
}

/* 1 if s is non-empty and made only of characters in set (or alphanumerics). */
static int
wordof(const char *s, const char *set)
{
	if (*s == '\0')
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || strchr(set, *s)))
			return 0;
	return 1;
}

static glibcver
parsever(unsigned long line, const char *s, int need_prefix)
{
	glibcver v;
	if ((need_prefix && strncmp(s, "GLIBC_", 6) != 0) || glibcver_parse(s, &v) != 0)
		fail(line, "bad version '%s'", s);
	return v;
}

static unsigned
libindex(unsigned long line, const char *soname)
{
	if (!wordof(soname, "_.+-") || strstr(soname, ".so") == NULL)
		fail(line, "bad library '%s'", soname);
	for (size_t i = 0; i < nlibs; i++)
		if (strcmp(libs[i], soname) == 0)
			return (unsigned)i;
	if (nlibs == sizeof(libs) / sizeof(libs[0]))
		fail(line, "more than %zu libraries", nlibs);
	libs[nlibs] = xstrdup(soname);
	return (unsigned)nlibs++;
}

static void
add_entry(unsigned long line, char **f)
{
	struct entry e = {0};

	if (!wordof(f[0], "_.$"))
		fail(line, "bad symbol name '%s'", f[0]);
	e.ver = parsever(line, f[1], 1);
	e.lib = libindex(line, f[2]);
	if (strlen(f[3]) != 1 || !strchr("FOTN", f[3][0]))
		fail(line, "bad type '%s' (expected F, O, T or N)", f[3]);
	e.type = f[3][0] == 'F' ? SYM_FUNC : f[3][0] == 'O' ? SYM_OBJECT :
	         f[3][0] == 'T' ? SYM_TLS : SYM_NOTYPE;
	char *end;
	errno = 0;
	unsigned long long size = strtoull(f[4], &end, 10);
	if (f[4][0] < '0' || f[4][0] > '9' || *end || errno || size > UINT32_MAX)
		fail(line, "bad size '%s'", f[4]);
	if (size != 0 && e.type != SYM_OBJECT && e.type != SYM_TLS)
		fail(line, "size %s given for a symbol that is not an object", f[4]);
	e.size = (uint32_t)size;
	if (strcmp(f[5], "d") != 0 && strcmp(f[5], "c") != 0)
		fail(line, "bad flag '%s' (expected d or c)", f[5]);
	e.is_default = f[5][0] == 'd';
	e.name = xstrdup(f[0]);
	e.line = line;

	if (nentries == centries) {
		centries = centries ? 2 * centries : 4096;
		entries = xrealloc(entries, centries * sizeof(*entries));
	}
	entries[nentries++] = e;
}

static void
parse(FILE *in)
{
	char *buf = NULL;
	size_t cap = 0;
	unsigned long line = 0;
	int have_base = 0;

	while (getline(&buf, &cap, in) != -1) {
		char *f[MAXFIELDS + 1];
		int nf = 0;
		line++;
		for (char *p = strtok(buf, " \t\n"); p; p = strtok(NULL, " \t\n")) {
			if (*p == '#')
				break;  /* comment to the end of the line */
			if (nf == MAXFIELDS + 1)
				fail(line, "too many fields");
			f[nf++] = p;
		}
		if (nf == 0)
			continue;
		if (strcmp(f[0], "arch") == 0) {
			if (nf != 2 || !wordof(f[1], "_"))
				fail(line, "expected 'arch NAME'");
			if (arch)
				fail(line, "second arch directive");
			arch = xstrdup(f[1]);
		} else if (strcmp(f[0], "base") == 0) {
			if (nf != 2)
				fail(line, "expected 'base GLIBC_x.y'");
			if (have_base)
				fail(line, "second base directive");
			base = parsever(line, f[1], 1);
			have_base = 1;
		} else if (strcmp(f[0], "release") == 0) {
			if (nf != 3 || !wordof(f[1], "_.+-"))
				fail(line, "expected 'release NAME x.y'");
			parsever(line, f[2], 0);
		} else if (nf == 6) {
			add_entry(line, f);
		} else {
			fail(line, "expected 'symbol GLIBC_x.y library type size d|c', found %d field%s",
			     nf, nf == 1 ? "" : "s");
		}
	}
	if (ferror(in))
		fail(0, "read error: %s", strerror(errno));
	free(buf);
	if (!arch)
		fail(0, "no 'arch' directive");
	if (!have_base)
		fail(0, "no 'base' directive");
	if (nentries == 0)
		fail(0, "no symbols");
}

static int
entrycmp(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	int c = strcmp(x->name, y->name);
	if (c)
		return c;
	return (x->ver > y->ver) - (x->ver < y->ver);
}

static const char *const typenames[] = {
	[SYM_FUNC] = "SYM_FUNC", [SYM_OBJECT] = "SYM_OBJECT",
	[SYM_TLS] = "SYM_TLS", [SYM_NOTYPE] = "SYM_NOTYPE",
};

/* One table read and checked: what emit_table() needs once the globals
 * have moved on to the next file. */
struct table {
	const char *symbol, *path;
	char *arch;
	glibcver base, newest;
	char **libs;
	size_t nlibs;
	struct entry *entries;
	size_t nentries;
};

/* The string pool: every distinct name once, sorted, with its offset. */
static char **pool;
static size_t *pool_off, npool;

static int
namecmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
build_pool(const struct table *t, size_t nt)
{
	size_t n = 0, off = 0;

	for (size_t i = 0; i < nt; i++)
		n += t[i].nentries;
	pool = xrealloc(NULL, (n ? n : 1) * sizeof(*pool));
	for (size_t i = 0; i < nt; i++)
		for (size_t j = 0; j < t[i].nentries; j++)
			pool[npool++] = t[i].entries[j].name;
	qsort(pool, npool, sizeof(*pool), namecmp);
	n = 0;
	for (size_t i = 0; i < npool; i++)
		if (n == 0 || strcmp(pool[n - 1], pool[i]) != 0)
			pool[n++] = pool[i];
	npool = n;
	pool_off = xrealloc(NULL, (npool ? npool : 1) * sizeof(*pool_off));
	for (size_t i = 0; i < npool; i++) {
		pool_off[i] = off;
		off += strlen(pool[i]) + 1;
		if (off > UINT32_MAX)
			fail(0, "more than 4 GB of symbol names");
	}
}

static size_t
pool_offset(const char *name)
{
	char **p = bsearch(&name, pool, npool, sizeof(*pool), namecmp);
	return pool_off[p - pool];
}

static void
emit_pool(FILE *out)
{
	fprintf(out, "static const char names[] =\n");
	for (size_t i = 0; i < npool; i++)
		fprintf(out, "\t\"%s\\0\"\n", pool[i]);
	fprintf(out, "\t;\n\n");
}

static void
emit_table(FILE *out, const struct table *t)
{
	const char *sym = t->symbol;

	fprintf(out, "extern const struct glibc_table %s;\n\n", sym);
	fprintf(out, "static const char *const libs_%s[] = {\n", sym);
	for (size_t i = 0; i < t->nlibs; i++)
		fprintf(out, "\t\"%s\",\n", t->libs[i]);
	fprintf(out, "};\n\n");
	fprintf(out, "static const struct table_entry entries_%s[] = {\n", sym);
	for (size_t i = 0; i < t->nentries; i++) {
		const struct entry *e = &t->entries[i];
		fprintf(out, "\t{%zu, %lu, %u, %s, %d, %lu},\n", pool_offset(e->name),
		        (unsigned long)e->ver, e->lib, typenames[e->type], e->is_default,
		        (unsigned long)e->size);
	}
	fprintf(out, "};\n\n");
	fprintf(out, "const struct glibc_table %s = {\n", sym);
	fprintf(out, "\t.arch = \"%s\",\n", t->arch);
	fprintf(out, "\t.base = %lu,\n", (unsigned long)t->base);
	fprintf(out, "\t.newest = %lu,\n", (unsigned long)t->newest);
	fprintf(out, "\t.libs = libs_%s,\n", sym);
	fprintf(out, "\t.nlibs = %zu,\n", t->nlibs);
	fprintf(out, "\t.entries = entries_%s,\n", sym);
	fprintf(out, "\t.nentries = %zu,\n", t->nentries);
	fprintf(out, "\t.names = names,\n");
	fprintf(out, "};\n\n");
}

/* Read, sort and check inpath into *t; the globals start over. */
static int
load(const char *symbol, struct table *t)
{
	if (!wordof(symbol, "_") || (symbol[0] >= '0' && symbol[0] <= '9')) {
		fprintf(stderr, "tablegen: bad C identifier '%s'\n", symbol);
		return 2;
	}
	FILE *in = fopen(inpath, "r");
	if (in == NULL) {
		fprintf(stderr, "tablegen: cannot open '%s': %s\n", inpath, strerror(errno));
		return 1;
	}
	parse(in);
	fclose(in);

	qsort(entries, nentries, sizeof(*entries), entrycmp);
	glibcver newest = 0;
	for (size_t i = 0; i < nentries; i++) {
		const struct entry *e = &entries[i];
		char vb[16];
		if (i > 0 && entrycmp(&entries[i - 1], e) == 0)
			fail(e->line > entries[i - 1].line ? e->line : entries[i - 1].line,
			     "duplicate entry %s GLIBC_%s (also on line %lu)", e->name,
			     glibcver_format(e->ver, vb, sizeof(vb)),
			     e->line < entries[i - 1].line ? e->line : entries[i - 1].line);
		if (e->ver < base)
			fail(e->line, "%s GLIBC_%s is older than the base version", e->name,
			     glibcver_format(e->ver, vb, sizeof(vb)));
		if (e->ver > newest)
			newest = e->ver;
	}
	t->symbol = symbol;
	t->path = inpath;
	t->arch = arch;
	t->base = base;
	t->newest = newest;
	t->libs = xrealloc(NULL, (nlibs ? nlibs : 1) * sizeof(*t->libs));
	memcpy(t->libs, libs, nlibs * sizeof(*libs));
	t->nlibs = nlibs;
	t->entries = entries;
	t->nentries = nentries;
	arch = NULL;
	base = 0;
	entries = NULL;
	nentries = centries = 0;
	nlibs = 0;
	return 0;
}

int
main(int argc, char **argv)
{
	struct table *t;
	size_t nt;
	const char *out_arg;
	int multi = argc >= 2 && strcmp(argv[1], "--pool") == 0;

	/* tablegen INPUT.txt OUTPUT.c SYMBOL: one table;
	 * tablegen --pool OUTPUT.c INPUT.txt SYMBOL...: several sharing one string pool */
	if ((!multi && argc != 4) || (multi && (argc < 5 || (argc - 3) % 2 != 0))) {
		fprintf(stderr, "usage: tablegen INPUT.txt OUTPUT.c SYMBOL\n"
		                "       tablegen --pool OUTPUT.c INPUT.txt SYMBOL [INPUT.txt SYMBOL]...\n");
		return 2;
	}
	nt = multi ? (size_t)(argc - 3) / 2 : 1;
	t = xrealloc(NULL, nt * sizeof(*t));
	out_arg = argv[2];
	for (size_t i = 0; i < nt; i++) {
		int r;
		inpath = multi ? argv[3 + 2 * i] : argv[1];
		r = load(multi ? argv[4 + 2 * i] : argv[3], &t[i]);
		if (r)
			return r;
	}
	build_pool(t, nt);

	outpath = out_arg;
	FILE *out = fopen(outpath, "w");
	if (out == NULL) {
		fprintf(stderr, "tablegen: cannot create '%s': %s\n", outpath, strerror(errno));
		return 1;
	}
	fprintf(out, "/* Generated by tablegen from");
	for (size_t i = 0; i < nt; i++) {
		const char *slash = strrchr(t[i].path, '/');
		fprintf(out, " %s", slash ? slash + 1 : t[i].path);
	}
	fprintf(out, ": do not edit. */\n#include \"table.h\"\n\n");
	emit_pool(out);
	for (size_t i = 0; i < nt; i++)
		emit_table(out, &t[i]);
	if (fflush(out) != 0 || ferror(out) || fclose(out) != 0) {
		fprintf(stderr, "tablegen: cannot write '%s': %s\n", outpath, strerror(errno));
		remove(outpath);
		return 1;
	}
	return 0;
}
