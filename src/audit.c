/*
 * audit.c: symcc --check and symcc --explain.
 * SPDX-License-Identifier: MIT-0
 *
 * --check reads what a finished ELF file (or each ELF file in a wheel) needs,
 * as `auditwheel show` does: the newest glibc version and the symbols that
 * force it, the C++ runtime and libgcc_s versions against each manylinux
 * tag's policy, the oldest tag whose policy allows everything, DT_NEEDED
 * entries no symbol binds to, and, with --target, every requirement the
 * target lacks.  The --json schema is in audit.h.
 */
#include <ar.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>
#include <gelf.h>
#include <libelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "emit.h"
#include "plan.h"
#include "target.h"
#include "verify.h"
#include "wheel.h"

static const char *
option_value(const char *arg, const char *name)
{
	size_t n = strlen(name);

	if (strncmp(arg, name, n) == 0 && arg[n] == '=')
		return arg + n + 1;
	return NULL;
}

/* ---- symcc --check ---------------------------------------------------- */

/* What --check learns about one ELF file beyond its version needs. */
struct elf_extra {
	const char *arch;          /* table name: "x86_64", "aarch64", ... */
	int type;                  /* ET_EXEC, ET_DYN, ET_REL */
	int machine, elfclass;     /* e_machine, ELFCLASS32/64 */
	struct strvec wrapped;     /* S for each __wrap_S symcc defined (.symtab) */
	struct strvec unversioned; /* strong undefined dynamic symbols with no version */
	char *runpath;             /* DT_RUNPATH, else DT_RPATH, or NULL */
	bool lto;                  /* has GCC LTO sections (.gnu.lto_*) */
};

/* A wheel being checked: its index and, per member, what it defines once
 * read as a library (state 0 unread, 1 read, -1 not a library). */
struct wheel_ctx {
	struct zip z;
	struct strvec *defs;
	signed char *state;
	int *machine, *elfclass;
};

/* One C++ runtime / libgcc_s version family's newest need. */
struct family {
	const char *prefix;        /* "GLIBCXX_", "CXXABI_", "GCC_" */
	const struct need *max;    /* the need with the newest version, or NULL */
	size_t nsyms;              /* symbols bound to that version */
	const char *oldest_tag;    /* oldest tag whose policy allows it, or NULL */
};

struct report {
	const char *name;          /* "lib.so" or "pkg.whl!pkg/_x.so" */
	char *shown;               /* name escaped for text output */
	const char *wheel, *member;
	struct wheel_ctx *wc;      /* the wheel, for finding libraries it carries */
	size_t lookups;            /* files opened looking for libraries (LOOKUP_MAX) */
	const char *kind;          /* "executable", "shared-library", "static", "relocatable" */
	struct elf_needs en;
	struct elf_extra ex;
	glibcver glibc;            /* newest non-weak GLIBC_2.x need, 0 if none */
	struct family fam[3];
	const struct cxx_policy *meets;
	const char *no_tag_why;    /* why no tag fits, when meets is NULL */
	struct strvec unused, possibly_unused;
	bool have_target, target_ok;
	struct strvec problems;    /* against the target, one per distinct problem */
	struct strvec pins, shims, nulls;   /* relocatable: what symcc would do at link */
	const char **psyms;        /* per problem: the first symbol, or NULL */
	size_t *pcount;            /* per problem: how many symbols have it */
};

struct check_opts {
	glibcver target;
	bool have_target, json;
	size_t nprinted;           /* JSON objects written so far */
};

static const char *
arch_of_machine(int m)
{
	switch (m) {
	case EM_X86_64: return "x86_64";
	case EM_AARCH64: return "aarch64";
	case EM_386: return "i686";
	case EM_ARM: return "armv7";
	case EM_PPC64: return "ppc64le";
	case EM_S390: return "s390x";
	case EM_RISCV: return "riscv64";
	}
	return "unknown";
}

/* The next section of a type after *scn, with its header and data; NULL at
 * the end. */
static Elf_Data *
next_of_type(Elf *elf, Elf_Scn **scn, GElf_Word type, GElf_Shdr *sh)
{
	Elf_Data *d;

	while ((*scn = elf_nextscn(elf, *scn)) != NULL)
		if (gelf_getshdr(*scn, sh) && sh->sh_type == type && sh->sh_entsize &&
		    (d = elf_getdata(*scn, NULL)) != NULL)
			return d;
	return NULL;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Is s in the sorted vector sv? */
static bool
sorted_contains(const struct strvec *sv, const char *s)
{
	return s && sv->n && bsearch(&s, sv->v, sv->n, sizeof(*sv->v), cmp_str) != NULL;
}

static void
read_extra(void *buf, size_t len, struct elf_extra *ex)
{
	Elf *elf = elf_memory(buf, len);
	Elf_Scn *scn = NULL;
	GElf_Ehdr eh;

	memset(ex, 0, sizeof(*ex));
	ex->arch = "unknown";
	if (!elf)
		return;
	if (gelf_getehdr(elf, &eh)) {
		ex->arch = arch_of_machine(eh.e_machine);
		ex->type = eh.e_type;
		ex->machine = eh.e_machine;
		ex->elfclass = gelf_getclass(elf);
	}
	while ((scn = elf_nextscn(elf, scn)) != NULL) {
		GElf_Shdr sh;
		Elf_Data *d;

		if (!gelf_getshdr(scn, &sh))
			break;
		{
			size_t shstrndx;
			const char *sn;
			if (elf_getshdrstrndx(elf, &shstrndx) == 0 &&
			    (sn = elf_strptr(elf, shstrndx, sh.sh_name)) && startswith(sn, ".gnu.lto_"))
				ex->lto = true;
		}
		if (sh.sh_type != SHT_SYMTAB || sh.sh_entsize == 0 || !(d = elf_getdata(scn, NULL)))
			continue;
		for (size_t i = 1; i < sh.sh_size / sh.sh_entsize; i++) {
			GElf_Sym sym;
			const char *n;

			if (!gelf_getsym(d, (int)i, &sym) || sym.st_shndx == SHN_UNDEF)
				continue;
			n = elf_strptr(elf, sh.sh_link, sym.st_name);
			if (n && startswith(n, "__wrap_") && n[7])
				strvec_push(&ex->wrapped, n + 7);
		}
	}
	/* sorted once: a hostile .symtab may hold millions of __wrap_ names */
	if (ex->wrapped.n > 1) {
		size_t k = 1;
		qsort(ex->wrapped.v, ex->wrapped.n, sizeof(*ex->wrapped.v), cmp_str);
		for (size_t i = 1; i < ex->wrapped.n; i++) {
			if (strcmp(ex->wrapped.v[i], ex->wrapped.v[k - 1]) == 0)
				free(ex->wrapped.v[i]);
			else
				ex->wrapped.v[k++] = ex->wrapped.v[i];
		}
		ex->wrapped.n = k;
		ex->wrapped.v[k] = NULL;
	}
	elf_end(elf);
}

static bool
cxx_family_exempt(const char *v)
{
	return startswith(v, "CXXABI_TM_") || startswith(v, "CXXABI_FLOAT128");
}

/* A relocatable object records no versions: take each undefined glibc
 * symbol at its default version in the table (what a plain link on the
 * newest glibc binds) as a need, with the library that holds it. */
static void
object_imports(void *buf, size_t len, struct report *r)
{
	const struct glibc_table *t = table_for_arch(r->ex.arch);
	Elf *elf = elf_memory(buf, len);
	Elf_Scn *scn = NULL;

	if (!elf || !t) {
		if (elf)
			elf_end(elf);
		return;
	}
	GElf_Shdr sh;
	Elf_Data *d;

	while ((d = next_of_type(elf, &scn, SHT_SYMTAB, &sh)) != NULL) {
		for (size_t i = 1; i < sh.sh_size / sh.sh_entsize; i++) {
			const struct table_entry *e, *def;
			GElf_Sym sym;
			const char *name;
			struct need *n;
			size_t ne;
			char vb[16];

			if (!gelf_getsym(d, (int)i, &sym) || sym.st_shndx != SHN_UNDEF ||
			    GELF_ST_BIND(sym.st_info) == STB_LOCAL ||
			    !(name = elf_strptr(elf, sh.sh_link, sym.st_name)) || !*name ||
			    !(e = table_lookup(t, name, &ne)) || !ne)
				continue;
			def = &e[ne - 1];
			for (size_t j = 0; j < ne; j++)
				if (e[j].is_default)
					def = &e[j];
			r->en.needs = xreallocarray(r->en.needs, r->en.n + 1, sizeof(*r->en.needs));
			n = &r->en.needs[r->en.n++];
			memset(n, 0, sizeof(*n));
			n->symbol = xstrdup(name);
			n->version = xasprintf("GLIBC_%s", glibcver_format(def->ver, vb, sizeof(vb)));
			n->file = xstrdup(t->libs[def->lib]);
			n->weak_ref = GELF_ST_BIND(sym.st_info) == STB_WEAK;
		}
	}
	elf_end(elf);
}

/* For an object: what symcc would do with each import at the target. */
static void
plan_object(struct report *r, glibcver target)
{
	const struct glibc_table *t = table_for_arch(r->ex.arch);
	char vb[16];

	for (size_t i = 0; t && i < r->en.n; i++) {
		const struct need *n = &r->en.needs[i];
		size_t ne = 0;
		/* a version need no symbol binds to (an object may carry one) */
		const struct table_entry *e = n->symbol ? table_lookup(t, n->symbol, &ne) : NULL;
		struct decision d;
		glibcver from;

		if (!ne || glibc_version_of(n->version, &from) != 0)
			continue;
		plan_decide(t, target, n->symbol, from, n->weak_ref, e[ne - 1].type == SYM_OBJECT, &d);
		switch (d.kind) {
		case DEC_KEEP: break;
		case DEC_PIN: strvec_push(&r->pins, n->symbol); break;
		case DEC_SHIM: strvec_push(&r->shims, n->symbol); break;
		case DEC_WEAK_NULL: strvec_push(&r->nulls, n->symbol); break;
		case DEC_FAIL:
			if (d.oldest)
				strvec_pushf(&r->problems, "'%s' (%s): %s; the oldest target that works is %s",
				             n->symbol, n->version, d.why,
				             glibcver_format(d.oldest, vb, sizeof(vb)));
			else
				strvec_pushf(&r->problems, "'%s' (%s): %s", n->symbol, n->version, d.why);
			break;
		}
	}
	r->have_target = true;
	r->target_ok = r->problems.n == 0;
}

/* Does a need pass one tag's policy?  If not, *why says what fails. */
static bool
need_fits(const struct need *n, const struct cxx_policy *pol, const char **why)
{
	const char *v = n->version;
	glibcver gv;
	bool ok = true;

	if (n->weak)
		return true;
	if (strcmp(v, "GLIBC_PRIVATE") == 0) {
		*why = "it needs GLIBC_PRIVATE";
		return false;
	}
	if (startswith(v, "GLIBC_ABI_")) {
		if (strcmp(v, "GLIBC_ABI_DT_RELR") == 0 && pol->glibc >= 23600)
			return true;
		*why = "it needs a GLIBC_ABI_* version (a linker feature) that the tags lack";
		return false;
	}
	if (glibc_version_of(v, &gv) == 0) {
		*why = "it needs a glibc newer than every manylinux tag's";
		return gv <= policy_glibc_max(pol);
	}
	if (startswith(v, "GLIBCXX_"))
		ok = dotted_cmp(v + 8, pol->glibcxx) <= 0;
	else if (startswith(v, "CXXABI_") && !cxx_family_exempt(v))
		ok = dotted_cmp(v + 7, pol->cxxabi) <= 0;
	else if (startswith(v, "GCC_"))
		ok = dotted_cmp(v + 4, pol->gcc) <= 0;
	if (!ok)
		*why = "it needs a C++ runtime or libgcc_s version newer than every manylinux tag allows";
	return ok;
}

static const char *
oldest_tag_for(const struct need *n, const char *arch)
{
	const struct cxx_policy *all;
	size_t np = manylinux_policies(arch, &all);
	const char *why;

	for (size_t t = 0; t < np; t++)
		if (need_fits(n, &all[t], &why))
			return all[t].tag;
	return NULL;
}

/* The dynamic symbols a shared object for this machine defines, sorted into
 * *defs; -1 if buf is not one. */
static int
defined_symbols(void *buf, size_t len, const struct elf_extra *want, struct strvec *defs)
{
	Elf *elf = elf_memory(buf, len);
	Elf_Scn *scn = NULL;
	GElf_Ehdr eh;
	int r = -1;

	if (!elf || elf_kind(elf) != ELF_K_ELF || !gelf_getehdr(elf, &eh) ||
	    eh.e_machine != want->machine || gelf_getclass(elf) != want->elfclass) {
		if (elf)
			elf_end(elf);
		return -1;
	}
	GElf_Shdr sh;
	Elf_Data *d;

	while ((d = next_of_type(elf, &scn, SHT_DYNSYM, &sh)) != NULL) {
		r = 0;
		for (size_t i = 1; i < sh.sh_size / sh.sh_entsize; i++) {
			GElf_Sym sym;
			const char *n;
			if (gelf_getsym(d, (int)i, &sym) && sym.st_shndx != SHN_UNDEF &&
			    GELF_ST_BIND(sym.st_info) != STB_LOCAL &&
			    (n = elf_strptr(elf, sh.sh_link, sym.st_name)) && *n)
				strvec_push(defs, n);
		}
	}
	elf_end(elf);
	if (defs->n)
		qsort(defs->v, defs->n, sizeof(*defs->v), cmp_str);
	return r;
}

/* The most --check reads of a library it looks up (as of a wheel member). */
#define LIB_MAX_BYTES ZIP_MAX_MEMBER

/* The most library files --check tries for one ELF file: DT_NEEDED names
 * times DT_RUNPATH directories is quadratic in a small file.  Real files
 * need a few dozen; past it, libraries count as not found (possibly unused). */
#define LOOKUP_MAX 4096

/* A library file: only a regular file (never a device or a FIFO, which
 * would not end or would block), at most LIB_MAX_BYTES. */
static int
defined_in_file(struct report *r, const char *path, struct strvec *defs)
{
	const struct elf_extra *want = &r->ex;
	struct stat st;
	size_t len;
	char *buf;
	int fd, rc;

	if (r->lookups >= LOOKUP_MAX)
		return -1;
	r->lookups++;
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) < 0)
		return -1;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || (uintmax_t)st.st_size > LIB_MAX_BYTES) {
		close(fd);
		return -1;
	}
	/* from this descriptor: the name may point elsewhere by now */
	buf = xmalloc((size_t)st.st_size + 1);
	for (len = 0; len < (size_t)st.st_size;) {
		ssize_t got = read(fd, buf + len, (size_t)st.st_size - len);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			break;
		len += (size_t)got;
	}
	close(fd);
	rc = defined_symbols(buf, len, want, defs);
	free(buf);
	return rc;
}

/* The symbols a wheel member defines, read once per wheel; -1 if it is
 * not a shared object for this machine or cannot be read. */
static int
defined_in_member(struct wheel_ctx *wc, size_t i, const struct elf_extra *want,
                  struct strvec *defs)
{
	const char *why;
	void *buf;

	if (wc->state[i] == 0 || wc->machine[i] != want->machine || wc->elfclass[i] != want->elfclass) {
		strvec_free(&wc->defs[i]);
		wc->state[i] = -1;
		wc->machine[i] = want->machine;
		wc->elfclass[i] = want->elfclass;
		if (zip_method_supported(&wc->z.ents[i]) &&
		    (buf = zip_extract(&wc->z, &wc->z.ents[i], &why)) != NULL) {
			wc->state[i] = defined_symbols(buf, wc->z.ents[i].usize, want, &wc->defs[i]) == 0 ? 1 : -1;
			free(buf);
		}
	}
	if (wc->state[i] < 0)
		return -1;
	strvec_pushv(defs, wc->defs[i].v, wc->defs[i].n);
	return 0;
}

/* Find an unversioned DT_NEEDED library as the loader would (DT_RUNPATH or
 * DT_RPATH with $ORIGIN, then the system directories), or among a wheel's
 * members, or beside the file (where a test's LD_LIBRARY_PATH points), and
 * read what it defines.  0 if found.  A name with a '/' is a path the loader
 * opens as it is (from the working directory of the process): for a file,
 * that path; for a wheel member, nothing (the wheel does not say where it
 * will run, and its names must not reach the checking host's files). */
static int
resolve_library(struct report *r, const char *lib, struct strvec *defs)
{
	static const char *const sysdirs[] = {
		"/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu",
		"/usr/lib/aarch64-linux-gnu", "/lib64", "/usr/lib64", "/lib", "/usr/lib",
	};
	const char *file = r->wheel ? r->member : r->name;
	const char *slash = strrchr(file, '/');
	char *origin;
	int found = -1;

	if (!*lib || (r->wc && strchr(lib, '/')) || r->lookups >= LOOKUP_MAX)
		return -1;
	origin = slash ? xstrndup(file, (size_t)(slash - file)) : xstrdup(".");
	if (r->wc) {
		size_t n;
		const size_t *at = zip_find_base(&r->wc->z, lib, &n);
		for (size_t i = 0; found < 0 && i < n; i++)
			found = defined_in_member(r->wc, at[i], &r->ex, defs);
		if (found == 0 && defs->n)
			qsort(defs->v, defs->n, sizeof(*defs->v), cmp_str);
	} else if (strchr(lib, '/')) {
		found = defined_in_file(r, lib, defs);
	} else {
		char *rp = r->ex.runpath ? xstrdup(r->ex.runpath) : NULL, *save = NULL;
		for (char *d = rp ? strtok_r(rp, ":", &save) : NULL; found < 0 && d && r->lookups < LOOKUP_MAX;
		     d = strtok_r(NULL, ":", &save)) {
			char *path;
			if (startswith(d, "$ORIGIN") || startswith(d, "${ORIGIN}"))
				path = xasprintf("%s%s/%s", origin, d + (d[1] == '{' ? 9 : 7), lib);
			else
				path = xasprintf("%s/%s", d, lib);
			found = defined_in_file(r, path, defs);
			free(path);
		}
		free(rp);
		if (found < 0) {
			char *path = xasprintf("%s/%s", origin, lib);
			found = defined_in_file(r, path, defs);
			free(path);
		}
	}
	for (size_t i = 0; found < 0 && !strchr(lib, '/') && i < sizeof(sysdirs) / sizeof(sysdirs[0]); i++) {
		char *path = xasprintf("%s/%s", sysdirs[i], lib);
		found = defined_in_file(r, path, defs);
		free(path);
	}
	free(origin);
	return found;
}

/* Does the library define one of the file's unversioned imports? 1 yes, 0 no,
 * -1 if it cannot be found to tell. */
static int
binds_unversioned(struct report *r, const char *lib)
{
	struct strvec defs = STRVEC_INIT;
	int used = 0;

	if (resolve_library(r, lib, &defs) < 0) {
		strvec_free(&defs);
		return -1;
	}
	for (size_t i = 0; !used && i < r->ex.unversioned.n; i++)
		used = defs.n && bsearch(&r->ex.unversioned.v[i], defs.v, defs.n, sizeof(*defs.v),
		                         cmp_str) != NULL;
	strvec_free(&defs);
	return used;
}

static void
find_unused(struct report *r)
{
	const struct glibc_table *t = table_for_arch(r->ex.arch);
	struct strvec used = STRVEC_INIT, versioned = STRVEC_INIT;

	for (size_t i = 0; i < r->en.n; i++) {
		const struct need *n = &r->en.needs[i];
		glibcver v;

		strvec_push(&versioned, n->file);
		if (!n->symbol)
			continue;
		strvec_push(&used, n->file);
		/* A symbol glibc 2.34 moved into libc.so.6 is still bound in its old
		 * library (libpthread.so.0...) on older glibc: symcc adds that one. */
		if (t && glibc_version_of(n->version, &v) == 0) {
			size_t ne;
			const struct table_entry *e = table_lookup(t, n->symbol, &ne);
			for (size_t j = 0; j < ne; j++)
				if (e[j].ver == v)
					strvec_push(&used, t->libs[e[j].lib]);
		}
	}
	/* sorted, then searched: a file may have thousands of version needs */
	if (used.n)
		qsort(used.v, used.n, sizeof(*used.v), cmp_str);
	if (versioned.n)
		qsort(versioned.v, versioned.n, sizeof(*versioned.v), cmp_str);
	for (size_t i = 0; i < r->en.needed.n; i++) {
		const char *lib = r->en.needed.v[i];
		if (sorted_contains(&used, lib))
			continue;
		if (sorted_contains(&versioned, lib) || r->ex.unversioned.n == 0) {
			strvec_push(&r->unused, lib);
			continue;
		}
		switch (binds_unversioned(r, lib)) {
		case 0: strvec_push(&r->unused, lib); break;
		case -1: strvec_push(&r->possibly_unused, lib); break;
		}
	}
	strvec_free(&used);
	strvec_free(&versioned);
}

/* One problem against the target, before grouping. */
struct pending {
	char *msg;
	const char *sym;
	size_t order, count;
};

static int
cmp_pending(const void *a, const void *b)
{
	const struct pending *p = a, *q = b;
	int c = strcmp(p->msg, q->msg);

	if (!c)
		c = (p->sym != NULL) - (q->sym != NULL);
	return c ? c : (p->order > q->order) - (p->order < q->order);
}

static int
cmp_order(const void *a, const void *b)
{
	const struct pending *p = a, *q = b;

	return (p->order > q->order) - (p->order < q->order);
}

/* One line per distinct problem (many symbols often need the same
 * version), in the order each first appears, with its first symbol and
 * count: sorted, then grouped, since a file may have thousands of distinct
 * ones.  Takes the messages. */
static void
group_problems(struct report *r, struct pending *p, size_t n)
{
	size_t ng = 0;

	qsort(p, n, sizeof(*p), cmp_pending);
	for (size_t i = 0, j; i < n; i = j) {
		for (j = i + 1; j < n && strcmp(p[i].msg, p[j].msg) == 0 &&
		                (p[i].sym != NULL) == (p[j].sym != NULL); j++)
			free(p[j].msg);
		p[ng] = p[i];   /* the group's first appearance */
		p[ng++].count = j - i;
	}
	qsort(p, ng, sizeof(*p), cmp_order);
	r->psyms = xreallocarray(NULL, ng ? ng : 1, sizeof(*r->psyms));
	r->pcount = xreallocarray(NULL, ng ? ng : 1, sizeof(*r->pcount));
	for (size_t g = 0; g < ng; g++) {
		strvec_push_owned(&r->problems, p[g].msg);
		r->psyms[g] = p[g].sym;
		r->pcount[g] = p[g].count;
	}
}

static void
analyse(struct report *r, const struct check_opts *o)
{
	static const char *const prefixes[3] = {"GLIBCXX_", "CXXABI_", "GCC_"};
	const struct cxx_policy *all;
	size_t np;
	glibcver v;

	r->kind = r->ex.type == ET_REL ? "relocatable"
	          : !r->en.dynamic    ? "static"
	          : r->en.shared      ? "shared-library"
	                              : "executable";
	for (size_t i = 0; i < r->en.n; i++)
		if (!r->en.needs[i].weak && glibc_version_of(r->en.needs[i].version, &v) == 0 &&
		    v > r->glibc)
			r->glibc = v;
	for (size_t f = 0; f < 3; f++) {
		struct family *fm = &r->fam[f];
		fm->prefix = prefixes[f];
		for (size_t i = 0; i < r->en.n; i++) {
			const struct need *n = &r->en.needs[i];
			size_t pl = strlen(fm->prefix);
			int c;
			if (!startswith(n->version, fm->prefix) || n->weak || cxx_family_exempt(n->version))
				continue;
			c = fm->max ? dotted_cmp(n->version + pl, fm->max->version + pl) : 1;
			if (c > 0) {
				fm->max = n;
				fm->nsyms = 0;
			}
			if (c >= 0 && n->symbol && strcmp(n->version, fm->max->version) == 0)
				fm->nsyms++;
		}
		if (fm->max)
			fm->oldest_tag = oldest_tag_for(fm->max, r->ex.arch);
	}
	np = manylinux_policies(r->ex.arch, &all);
	r->no_tag_why = "it needs a glibc newer than every manylinux tag's";
	for (size_t t = 0; t < np && !r->meets && (r->en.dynamic || r->ex.type == ET_REL); t++) {
		bool ok = true;
		for (size_t i = 0; ok && i < r->en.n; i++)
			ok = need_fits(&r->en.needs[i], &all[t], &r->no_tag_why);
		if (ok)
			r->meets = &all[t];
	}
	if (r->en.dynamic)
		find_unused(r);
	if (o->have_target && r->ex.type == ET_REL)
		plan_object(r, o->target);
	if (o->have_target && strcmp(r->kind, "relocatable") != 0) {
		const struct cxx_policy *pol = policy_for_arch(o->target, r->ex.arch);
		struct pending *pend = xreallocarray(NULL, r->en.n ? r->en.n : 1, sizeof(*pend));
		size_t np2 = 0;

		r->have_target = true;
		for (size_t i = 0; i < r->en.n; i++) {
			const struct need *n = &r->en.needs[i];
			char *p;
			/* aarch64's 2.17 already has GLIBC_2.18 (manylinux2014 allows it) */
			if (glibc_version_of(n->version, &v) == 0 && v <= policy_glibc_max(pol))
				continue;
			if (!(p = verify_judge(n, o->target, pol)))
				continue;
			pend[np2].msg = p;
			pend[np2].sym = n->symbol;
			pend[np2].order = np2;
			np2++;
		}
		group_problems(r, pend, np2);
		free(pend);
		r->target_ok = r->problems.n == 0;
		for (size_t i = 0; i < r->problems.n; i++) {
			char *msg = r->problems.v[i];
			if (r->psyms[i] && r->pcount[i] == 1)
				r->problems.v[i] = xasprintf("'%s' %s", r->psyms[i], msg);
			else if (r->psyms[i])
				r->problems.v[i] = xasprintf("%zu symbols (such as '%s') %s%s", r->pcount[i],
				                             r->psyms[i], startswith(msg, "needs ") ? "need " : "",
				                             startswith(msg, "needs ") ? msg + 6 : msg);
			else
				continue;
			free(msg);
		}
	}
}

static void
report_free(struct report *r)
{
	elf_needs_free(&r->en);
	free(r->shown);
	strvec_free(&r->ex.wrapped);
	strvec_free(&r->ex.unversioned);
	free(r->ex.runpath);
	strvec_free(&r->unused);
	strvec_free(&r->possibly_unused);
	strvec_free(&r->problems);
	strvec_free(&r->pins);
	strvec_free(&r->shims);
	strvec_free(&r->nulls);
	free(r->psyms);
	free(r->pcount);
}

/* ---- output ---- */

/* The length of the valid UTF-8 sequence at s, or 0 if it is not one. */
static size_t
utf8_len(const unsigned char *s)
{
	size_t n = s[0] >= 0xc2 && s[0] <= 0xdf ? 2 : s[0] >= 0xe0 && s[0] <= 0xef ? 3
	           : s[0] >= 0xf0 && s[0] <= 0xf4 ? 4 : 0;

	for (size_t i = 1; i < n; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	return n;
}

/* s with every byte that could forge or hide text escaped, C-style: a
 * backslash, control characters (\n, \t, \r, \xHH), C1 controls and bytes
 * that start no valid UTF-8 sequence (\xHH).  Names come from the files
 * checked: a member named "a.so\nx.whl!b.so: target 2.17: ok" must not print
 * a line of its own.  Caller frees. */
static char *
escape(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	char *out = xmalloc(strlen(s) * 4 + 1), *o = out;
	size_t n;

	while (*p) {
		if (*p == '\\') {
			*o++ = '\\', *o++ = '\\', p++;
		} else if (*p == '\n' || *p == '\t' || *p == '\r') {
			*o++ = '\\', *o++ = *p == '\n' ? 'n' : *p == '\t' ? 't' : 'r', p++;
		} else if (*p >= 0x20 && *p < 0x7f) {
			*o++ = (char)*p++;
		} else if (*p >= 0x80 && (n = utf8_len(p)) != 0 && !(p[0] == 0xc2 && p[1] < 0xa0)) {
			memcpy(o, p, n), o += n, p += n;
		} else {
			o += sprintf(o, "\\x%02x", *p++);
		}
	}
	*o = '\0';
	return out;
}

/* escape(s) for one printf: the result lives until VIS_SLOTS more calls. */
#define VIS_SLOTS 8
static const char *
vis(const char *s)
{
	static char *slot[VIS_SLOTS];
	static unsigned k;

	if (!s)
		return "(null)";
	k = (k + 1) % VIS_SLOTS;
	free(slot[k]);
	slot[k] = escape(s);
	return slot[k];
}

/* A JSON string; names read from a file need not be UTF-8: a byte that
 * starts no valid sequence becomes U+FFFD. */
static void
json_str(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	if (!s) {
		fputs("null", stdout);
		return;
	}
	putchar('"');
	while (*p) {
		size_t n;
		if (*p == '"' || *p == '\\')
			printf("\\%c", *p++);
		else if (*p < 0x20 || *p == 0x7f)
			printf("\\u%04x", *p++);
		else if (*p < 0x80)
			putchar(*p++);
		else if ((n = utf8_len(p)) != 0)
			fwrite(p, 1, n, stdout), p += n;
		else
			fputs("\\ufffd", stdout), p++;
	}
	putchar('"');
}

static void
json_strvec(const struct strvec *sv)
{
	putchar('[');
	for (size_t i = 0; i < sv->n; i++) {
		if (i)
			fputs(", ", stdout);
		json_str(sv->v[i]);
	}
	putchar(']');
}

static void
json_begin(struct check_opts *o, const char *name, const char *wheel, const char *member)
{
	fputs(o->nprinted++ ? ",\n  {" : "  {", stdout);
	fputs("\"file\": ", stdout);
	json_str(name);
	fputs(", \"wheel\": ", stdout);
	json_str(wheel);
	fputs(", \"member\": ", stdout);
	json_str(member);
}

static void
json_error(struct check_opts *o, const char *name, const char *wheel, const char *member,
           const char *msg)
{
	json_begin(o, name, wheel, member);
	fputs(", \"kind\": \"error\", \"error\": ", stdout);
	json_str(msg);
	fputs("}", stdout);
}

static void
print_json(struct check_opts *o, const struct report *r)
{
	char vb[16];

	json_begin(o, r->name, r->wheel, r->member);
	printf(", \"kind\": \"%s\", \"arch\": ", r->kind);
	json_str(r->ex.arch);
	fputs(", \"glibc\": ", stdout);
	json_str(r->glibc ? glibcver_format(r->glibc, vb, sizeof(vb)) : NULL);
	fputs(",\n   \"forced_by\": [", stdout);
	for (size_t i = 0, k = 0; r->glibc && i < r->en.n; i++) {
		const struct need *n = &r->en.needs[i];
		glibcver v;
		if (n->weak || glibc_version_of(n->version, &v) != 0 || v != r->glibc)
			continue;
		fputs(k++ ? ", {\"symbol\": " : "{\"symbol\": ", stdout);
		json_str(n->symbol);
		fputs(", \"version\": ", stdout);
		json_str(n->version);
		fputs(", \"library\": ", stdout);
		json_str(n->file);
		fputs(", \"origin\": ", stdout);
		json_str(r->ex.type == ET_REL ? r->name
		         : n->symbol && sorted_contains(&r->ex.wrapped, n->symbol) ? "symcc-pin" : NULL);
		putchar('}');
	}
	printf("], \"origins_known\": %s,\n   \"cxx\": [", r->ex.type == ET_REL ? "true" : "false");
	for (size_t f = 0, k = 0; f < 3; f++) {
		const struct family *fm = &r->fam[f];
		if (!fm->max)
			continue;
		fputs(k++ ? ", {\"version\": " : "{\"version\": ", stdout);
		json_str(fm->max->version);
		fputs(", \"library\": ", stdout);
		json_str(fm->max->file);
		printf(", \"symbols\": %zu, \"oldest_tag\": ", fm->nsyms);
		json_str(fm->oldest_tag);
		putchar('}');
	}
	fputs("],\n   \"needs\": [", stdout);
	for (size_t i = 0; i < r->en.n; i++) {
		const struct need *n = &r->en.needs[i];
		fputs(i ? ", {\"symbol\": " : "{\"symbol\": ", stdout);
		json_str(n->symbol);
		fputs(", \"version\": ", stdout);
		json_str(n->version);
		fputs(", \"library\": ", stdout);
		json_str(n->file);
		printf(", \"weak\": %s}", n->weak ? "true" : "false");
	}
	fputs("],\n   \"meets\": ", stdout);
	json_str(r->meets ? r->meets->tag : NULL);
	fputs(", \"meets_alias\": ", stdout);
	json_str(r->meets ? r->meets->alias : NULL);
	fputs(", \"no_tag_reason\": ", stdout);
	json_str(!r->meets && r->en.dynamic ? r->no_tag_why : NULL);
	fputs(",\n   \"tags\": {", stdout);
	{
		const struct cxx_policy *all;
		size_t np = manylinux_policies(r->ex.arch, &all);
		/* a tag is met when it is the oldest met or newer (policies only grow) */
		for (size_t t = 0; t < np; t++)
			printf("%s\"%s\": %s", t ? ", " : "", all[t].tag,
			       r->en.dynamic || r->ex.type == ET_REL
			           ? (r->meets && all[t].glibc >= r->meets->glibc ? "true" : "false")
			           : "true");
	}
	putchar('}');
	fputs(",\n   \"needed\": ", stdout);
	json_strvec(&r->en.needed);
	fputs(", \"unused\": ", stdout);
	json_strvec(&r->unused);
	fputs(", \"possibly_unused\": ", stdout);
	json_strvec(&r->possibly_unused);
	fputs(",\n   \"target\": ", stdout);
	if (r->have_target) {
		fputs("{\"version\": ", stdout);
		json_str(glibcver_format(o->target, vb, sizeof(vb)));
		printf(", \"ok\": %s, \"problems\": ", r->target_ok ? "true" : "false");
		json_strvec(&r->problems);
		if (r->ex.type == ET_REL) {
			fputs(", \"pin\": ", stdout);
			json_strvec(&r->pins);
			fputs(", \"shim\": ", stdout);
			json_strvec(&r->shims);
			fputs(", \"weak_null\": ", stdout);
			json_strvec(&r->nulls);
		}
		putchar('}');
	} else {
		fputs("null", stdout);
	}
	fputs(", \"error\": null}", stdout);
}

/* At most this many forcing symbols in the human report (JSON lists all). */
#define HUMAN_MAX_SYMS 6

/* " sym@VER, sym@VER (symcc pin) and N more": the needs at the newest glibc. */
static void
print_forced(const struct report *r)
{
	size_t k = 0;

	for (size_t i = 0; i < r->en.n; i++) {
		const struct need *n = &r->en.needs[i];
		glibcver v;
		if (n->weak || glibc_version_of(n->version, &v) != 0 || v != r->glibc)
			continue;
		if (k++ < HUMAN_MAX_SYMS)
			printf("%s %s@%s%s", k > 1 ? "," : "", n->symbol ? vis(n->symbol) : "(version only)",
			       vis(n->version),
			       n->symbol && sorted_contains(&r->ex.wrapped, n->symbol) ? " (symcc pin)" : "");
	}
	if (k > HUMAN_MAX_SYMS)
		printf(" and %zu more", k - HUMAN_MAX_SYMS);
}

static void
print_names(const char *what, const struct strvec *sv, bool *first)
{
	if (!sv->n)
		return;
	printf("%s %s", *first ? "" : ";", what);
	for (size_t i = 0; i < sv->n && i < HUMAN_MAX_SYMS; i++)
		printf("%s %s", i ? "," : "", vis(sv->v[i]));
	if (sv->n > HUMAN_MAX_SYMS)
		printf(" and %zu more", sv->n - HUMAN_MAX_SYMS);
	*first = false;
}

/* A relocatable object: what a plain link would need, and what symcc
 * would do at the target.  Here the referencing object is known. */
static void
print_object(const struct check_opts *o, const struct report *r)
{
	const char *f = r->shown;
	char vb[16];
	bool first = true;

	if (!r->glibc && r->ex.lto) {
		printf("%s: GCC LTO object: its glibc imports appear only when the link generates its code\n",
		       f);
	} else if (!r->glibc) {
		printf("%s: imports no glibc symbol\n", f);
	} else {
		printf("%s: linked without symcc: glibc %s, for", f, glibcver_format(r->glibc, vb, sizeof(vb)));
		print_forced(r);
		printf("; meets %s\n", r->meets ? r->meets->tag : "no manylinux tag");
	}
	if (!r->have_target)
		return;
	if (r->pins.n || r->shims.n || r->nulls.n) {
		printf("%s: for %s symcc", f, glibcver_format(o->target, vb, sizeof(vb)));
		print_names("pins", &r->pins, &first);
		print_names("shims", &r->shims, &first);
		print_names("leaves NULL on the target (weak)", &r->nulls, &first);
		printf("\n");
	}
	for (size_t i = 0; i < r->problems.n; i++)
		printf("%s: error: %s\n", f, vis(r->problems.v[i]));
	printf("%s: target %s: %s\n", f, glibcver_format(o->target, vb, sizeof(vb)),
	       r->target_ok ? "ok" : "FAIL");
}

static void
print_human(const struct check_opts *o, const struct report *r)
{
	const char *f = r->shown;
	char vb[16];

	if (strcmp(r->kind, "relocatable") == 0) {
		print_object(o, r);
		return;
	}
	if (strcmp(r->kind, "static") == 0) {
		printf("%s: statically linked: needs no shared glibc\n", f);
		return;
	}
	if (!r->glibc) {
		printf("%s: glibc: no version needed\n", f);
	} else {
		printf("%s: glibc %s, for", f, glibcver_format(r->glibc, vb, sizeof(vb)));
		print_forced(r);
		printf("\n");
	}
	for (size_t i = 0; i < 3; i++) {
		const struct family *fm = &r->fam[i];
		if (!fm->max)
			continue;
		printf("%s: %s from %s (%zu symbol%s): %s%s\n", f, vis(fm->max->version), vis(fm->max->file),
		       fm->nsyms, fm->nsyms == 1 ? "" : "s", fm->oldest_tag ? fm->oldest_tag : "no manylinux tag",
		       fm->oldest_tag ? " or newer" : "");
	}
	if (r->meets)
		printf("%s: meets %s%s%s%s\n", f, r->meets->tag, r->meets->alias ? " (" : "",
		       r->meets->alias ? r->meets->alias : "", r->meets->alias ? ")" : "");
	else
		printf("%s: meets no manylinux tag: %s\n", f, r->no_tag_why);
	for (size_t i = 0; i < r->unused.n; i++)
		printf("%s: warning: DT_NEEDED %s is unused: no symbol binds to it\n", f, vis(r->unused.v[i]));
	for (size_t i = 0; i < r->possibly_unused.n; i++)
		printf("%s: note: DT_NEEDED %s is possibly unused: it has no symbol versions and was not "
		       "found to read, so which of the %zu unversioned imports it provides is not known\n",
		       f, vis(r->possibly_unused.v[i]), r->ex.unversioned.n);
	if (r->have_target) {
		for (size_t i = 0; i < r->problems.n; i++)
			printf("%s: error: %s\n", f, vis(r->problems.v[i]));
		if (r->problems.n)
			printf("%s: note: a linked file does not record which object referenced each symbol; "
			       "check the objects and archives it was linked from (symcc --check "
			       "--target=V m.o libx.a)\n", f);
		printf("%s: target %s: %s\n", f, glibcver_format(o->target, vb, sizeof(vb)),
		       r->target_ok ? "ok" : "FAIL");
	}
}

/* Check one ELF image; 0 pass, 1 fail against the target, 2 error.  *meets
 * gets the tag it meets (NULL if none) and *untagged whether it is a dynamic
 * file that meets none, for a wheel's summary. */
static int
check_elf(struct check_opts *o, const char *name, const char *wheel, const char *member,
          struct wheel_ctx *wc, void *buf, size_t len, const struct cxx_policy **meets, bool *untagged)
{
	struct report r;
	int rc;

	memset(&r, 0, sizeof(r));
	r.name = name;
	r.shown = escape(name);
	r.wheel = wheel;
	r.member = member;
	r.wc = wc;
	if (elf_read_needs_mem(r.shown, buf, len, &r.en) < 0) {
		if (o->json)
			json_error(o, name, wheel, member, "not a readable ELF file");
		elf_needs_free(&r.en);
		free(r.shown);
		return 2;
	}
	read_extra(buf, len, &r.ex);
	/* what the loader reads (verify.c), not the sections */
	r.ex.runpath = r.en.runpath ? xstrdup(r.en.runpath) : NULL;
	strvec_pushv(&r.ex.unversioned, r.en.unversioned.v, r.en.unversioned.n);
	if (r.ex.type == ET_REL)
		object_imports(buf, len, &r);
	analyse(&r, o);
	if (o->json)
		print_json(o, &r);
	else
		print_human(o, &r);
	rc = r.have_target && !r.target_ok ? 1 : 0;
	if (meets)
		*meets = r.meets;
	if (untagged)
		*untagged = r.en.dynamic && !r.meets;
	report_free(&r);
	return rc;
}

static bool
is_elf(const void *p, size_t n)
{
	return n >= 4 && memcmp(p, ELFMAG, SELFMAG) == 0;
}

/* An error about one file (or member), on stderr and in the JSON report. */
static int
check_error(struct check_opts *o, const char *name, const char *wheel, const char *member,
            const char *why)
{
	error("%s: %s", vis(name), why);
	if (o->json)
		json_error(o, name, wheel, member, why);
	return 2;
}

/* A decimal field of an archive member header, space-padded; -1 if not. */
static int
ar_number(const char *f, size_t w, size_t *v)
{
	size_t i = 0;

	*v = 0;
	if (f[0] < '0' || f[0] > '9')
		return -1;
	for (; i < w && f[i] >= '0' && f[i] <= '9'; i++) {
		if (*v > (SIZE_MAX - 9) / 10)
			return -1;
		*v = *v * 10 + (size_t)(f[i] - '0');
	}
	for (; i < w; i++)
		if (f[i] != ' ')
			return -1;
	return 0;
}

/* A static archive: each ELF member as an object "lib.a(m.o)".  The format
 * is walked here, every header checked, so that a damaged archive is an
 * error and never "no ELF objects". */
static int
check_archive(struct check_opts *o, const char *path, char *data, size_t len)
{
	const char *names = NULL, *why = NULL;
	size_t off = SARMAG, nnames = 0, nobj = 0;
	int worst = 0;

	while (off < len && !why) {
		const char *h = data + off, *body;
		size_t size, nlen = 0, skip = 0;
		char *mname = NULL;

		if (len - off < sizeof(struct ar_hdr)) {
			why = "a member header runs past the end (truncated archive)";
			break;
		}
		if (memcmp(h + 58, ARFMAG, 2) != 0 || ar_number(h + 48, 10, &size) < 0) {
			why = "a malformed member header";
			break;
		}
		body = h + sizeof(struct ar_hdr);
		if (size > len - off - sizeof(struct ar_hdr)) {
			why = "a member runs past the end (truncated archive)";
			break;
		}
		if (memcmp(h, "//              ", 16) == 0) {
			names = body;
			nnames = size;
		} else if (h[0] == '/' && h[1] >= '0' && h[1] <= '9') {
			size_t at;
			const char *e;
			if (ar_number(h + 1, 15, &at) < 0 || !names || at >= nnames ||
			    !(e = memchr(names + at, '/', nnames - at)) || e + 1 >= names + nnames ||
			    e[1] != '\n') {
				why = "a long member name outside the name table";
				break;
			}
			mname = xstrndup(names + at, (size_t)(e - (names + at)));
		} else if (memcmp(h, "#1/", 3) == 0) {
			if (ar_number(h + 3, 13, &nlen) < 0 || nlen > size) {
				why = "a BSD member name runs past its member";
				break;
			}
			mname = xstrndup(body, nlen);
			skip = nlen;
		} else if (h[0] != '/') {
			const char *e = memchr(h, '/', 16);
			size_t n = e ? (size_t)(e - h) : 16;
			while (!e && n && h[n - 1] == ' ')
				n--;
			mname = xstrndup(h, n);
		}
		/* "/" and "/SYM64/" (symbol tables) have no name: not objects */
		if (mname && is_elf(body + skip, size - skip)) {
			char *name = xasprintf("%s(%s)", path, mname);
			char *copy = xmalloc(size - skip ? size - skip : 1);
			int rc;

			memcpy(copy, body + skip, size - skip);
			rc = check_elf(o, name, NULL, NULL, NULL, copy, size - skip, NULL, NULL);
			worst = rc > worst ? rc : worst;
			nobj++;
			free(copy);
			free(name);
		}
		free(mname);
		off += sizeof(struct ar_hdr) + size + (size & 1);
	}
	if (why)
		return check_error(o, path, NULL, NULL, why);
	if (!nobj && !o->json)
		printf("%s: no ELF objects\n", vis(path));
	return worst;
}

static void
wheel_ctx_free(struct wheel_ctx *wc)
{
	for (size_t i = 0; wc->defs && i < wc->z.nentries; i++)
		strvec_free(&wc->defs[i]);
	free(wc->defs);
	free(wc->state);
	free(wc->machine);
	free(wc->elfclass);
	zip_close(&wc->z);
}

static int
check_wheel(struct check_opts *o, const char *path, const void *data, size_t len)
{
	struct wheel_ctx wc;
	const char *why = NULL;
	size_t nelf = 0;
	const struct cxx_policy *newest = NULL;
	bool untagged = false;
	int worst = 0;

	memset(&wc, 0, sizeof(wc));
	if (zip_open(&wc.z, data, len, &why) < 0)
		return check_error(o, path, path, NULL, why);
	wc.defs = xcalloc(wc.z.nentries + 1, sizeof(*wc.defs));
	wc.state = xcalloc(wc.z.nentries + 1, sizeof(*wc.state));
	wc.machine = xcalloc(wc.z.nentries + 1, sizeof(*wc.machine));
	wc.elfclass = xcalloc(wc.z.nentries + 1, sizeof(*wc.elfclass));
	for (size_t i = 0; i < wc.z.nentries; i++) {
		const struct zip_entry *e = &wc.z.ents[i];
		unsigned char magic[4];
		const struct cxx_policy *meets = NULL;
		bool none = false;
		char *name;
		void *buf;
		long got;
		int rc;

		if (e->is_dir)
			continue;
		name = xasprintf("%s!%s", path, e->name);
		/* a member symcc cannot read may be an ELF file: never skip it */
		if ((got = zip_peek(&wc.z, e, magic, sizeof(magic), &why)) < 0) {
			worst = check_error(o, name, path, e->name, why);
		} else if (got == 4 && is_elf(magic, 4)) {
			if (!(buf = zip_extract(&wc.z, e, &why))) {
				worst = check_error(o, name, path, e->name, why);
			} else {
				nelf++;
				rc = check_elf(o, name, path, e->name, &wc, buf, e->usize, &meets, &none);
				worst = rc > worst ? rc : worst;
				if (rc != 2 && none)
					untagged = true;
				else if (meets && (!newest || meets->glibc > newest->glibc))
					newest = meets;
				free(buf);
			}
		}
		free(name);
	}
	wheel_ctx_free(&wc);
	if (!o->json && worst < 2) {
		const char *p = vis(path);
		if (!nelf)
			printf("%s: no ELF files (a pure Python wheel): meets every tag\n", p);
		else if (untagged)
			printf("%s: %zu ELF file%s: meets no manylinux tag\n", p, nelf, nelf == 1 ? "" : "s");
		else if (newest)
			printf("%s: %zu ELF file%s: meets %s\n", p, nelf, nelf == 1 ? "" : "s", newest->tag);
	}
	return worst;
}

static int
check_path(struct check_opts *o, const char *path)
{
	size_t len;
	char *data = read_file(path, &len);
	bool zip;
	int rc;

	if (!data) {
		error("cannot read '%s': %s", vis(path), strerror(errno));
		if (o->json)
			json_error(o, path, NULL, NULL, strerror(errno));
		return 2;
	}
	/* Python's zipfile, and so pip, reads a file that ends with a zip end
	 * record as a wheel whatever comes before; a broken one is an error */
	zip = zip_is_zip(data, len) || zip_has_end(data, len);
	if (is_elf(data, len))
		rc = check_elf(o, path, NULL, NULL, NULL, data, len, NULL, NULL);
	else if (len >= 8 && memcmp(data, "!<thin>\n", 8) == 0)
		rc = check_error(o, path, NULL, NULL,
		                 "a thin archive (it names its members' files; check those instead): "
		                 "not supported");
	else if (len >= SARMAG && memcmp(data, ARMAG, SARMAG) == 0)
		rc = check_archive(o, path, data, len);
	else if (zip)
		rc = 0;
	else
		rc = check_error(o, path, NULL, NULL,
		                 "neither an ELF file, a static archive nor a wheel (zip archive)");
	/* a program or archive with a zip appended is both: check both */
	if (zip) {
		int w = check_wheel(o, path, data, len);
		rc = w > rc ? w : rc;
	}
	free(data);
	return rc;
}

int
check_main(int argc, char **argv)
{
	struct check_opts o;
	int worst = 0, files = 0;

	memset(&o, 0, sizeof(o));
	for (int i = 1; i < argc; i++) {
		const char *t = option_value(argv[i], "--target");
		if (!t)
			t = option_value(argv[i], "--tag");
		if (strcmp(argv[i], "--json") == 0) {
			o.json = true;
			continue;
		}
		if (!t) {
			if (startswith(argv[i], "--")) {
				error("unknown --check option '%s' (--target=V, --tag=TAG, --json)", argv[i]);
				return 2;
			}
			continue;
		}
		if (target_parse(t, &o.target) < 0) {
			error("malformed target '%s' (examples: 2.17, manylinux2014, manylinux_2_28)", t);
			return 2;
		}
		o.have_target = true;
	}
	if (o.json)
		fputs("[\n", stdout);
	for (int i = 1; i < argc; i++) {
		int r;
		if (startswith(argv[i], "--"))
			continue;
		files++;
		r = check_path(&o, argv[i]);
		if (r > worst)
			worst = r;
	}
	if (o.json)
		fputs(o.nprinted ? "\n]\n" : "]\n", stdout);
	if (!files) {
		error("--check needs at least one file");
		return 2;
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		error("cannot write the report");
		return 2;
	}
	return worst;
}

static const char *
decision_name(enum decision_kind k)
{
	switch (k) {
	case DEC_KEEP: return "keep the default version";
	case DEC_PIN: return "pin";
	case DEC_SHIM: return "use symcc's shim";
	case DEC_WEAK_NULL: return "leave the weak reference (NULL on the target)";
	case DEC_FAIL: return "fail the link";
	}
	return "?";
}

static const char *
decision_key(enum decision_kind k)
{
	switch (k) {
	case DEC_KEEP: return "keep";
	case DEC_PIN: return "pin";
	case DEC_SHIM: return "shim";
	case DEC_WEAK_NULL: return "weak";
	case DEC_FAIL: return "fail";
	}
	return "?";
}

/* One symbol of --explain --json: what the planner decides, no more. */
static void
explain_json(const struct glibc_table *t, const char *arch, glibcver target, const char *sym,
             const struct decision *d, bool first)
{
	char vb[16];

	fputs(first ? "  {\"symbol\": " : ",\n  {\"symbol\": ", stdout);
	json_str(sym);
	fputs(", \"arch\": ", stdout);
	json_str(arch);
	printf(", \"target\": \"%s\", \"decision\": \"%s\", \"version\": ",
	       glibcver_format(target, vb, sizeof(vb)), decision_key(d->kind));
	json_str(d->kind == DEC_PIN ? glibcver_format(d->entry->ver, vb, sizeof(vb)) : NULL);
	fputs(", \"library\": ", stdout);
	json_str(d->kind == DEC_PIN ? t->libs[d->entry->lib] : NULL);
	fputs(", \"because\": ", stdout);
	json_str(d->why);
	fputs(", \"oldest\": ", stdout);
	json_str(d->kind == DEC_FAIL && d->oldest ? glibcver_format(d->oldest, vb, sizeof(vb)) : NULL);
	putchar('}');
}

/* Explain one symbol in text, or as JSON; 1 when the link would fail. */
static int
explain_one(const struct glibc_table *t, const char *arch, glibcver target, const char *sym,
            bool json, bool first)
{
	const struct table_entry *e;
	struct decision d;
	glibcver from = 0;
	size_t n;
	char vb[16], tb[16];

	e = table_lookup(t, sym, &n);
	for (size_t i = 0; i < n; i++)
		if (e[i].is_default)
			from = e[i].ver;
	if (!from && n)
		from = e[n - 1].ver;
	plan_decide(t, target, sym, from, false, n && e[n - 1].type == SYM_OBJECT, &d);
	if (json) {
		explain_json(t, arch, target, sym, &d, first);
		return d.kind == DEC_FAIL;
	}
	printf("%s on %s, target %s:\n", sym, arch, glibcver_format(target, tb, sizeof(tb)));
	if (!n)
		printf("  not a glibc symbol on %s (in the table's releases)\n", arch);
	for (size_t i = 0; i < n; i++) {
		bool unsafe;
		const char *why = abi_verdict(arch, sym, e[i].ver, &unsafe);
		printf("  GLIBC_%-8s %-18s %s%s%s%s\n", glibcver_format(e[i].ver, vb, sizeof(vb)),
		       t->libs[e[i].lib], e[i].is_default ? "default" : "compat",
		       why ? (unsafe ? ", UNSAFE: " : ", caveat: ") : "", why ? why : "",
		       e[i].type == SYM_OBJECT ? " (data)" : "");
	}
	if (shim_lookup(sym) && shim_lookup(sym)->companion)
		printf("  shim: symcc has one, used along with its %s shims\n", shim_lookup(sym)->group);
	else if (shim_lookup(sym))
		printf("  shim: symcc has one (used for targets older than %s)\n",
		       glibcver_format(shim_lookup(sym)->introduced, vb, sizeof(vb)));
	printf("  decision: %s", decision_name(d.kind));
	if (d.kind == DEC_PIN)
		printf(" GLIBC_%s (%s)", glibcver_format(d.entry->ver, vb, sizeof(vb)),
		       t->libs[d.entry->lib]);
	printf("\n  because: %s\n", d.why);
	if (d.caveat)
		printf("  caveat: %s\n", d.caveat);
	if (d.kind == DEC_FAIL && d.oldest)
		printf("  oldest target that works: %s\n", glibcver_format(d.oldest, vb, sizeof(vb)));
	return d.kind == DEC_FAIL;
}

int
explain_main(int argc, char **argv)
{
	const char *arch = symcc_shims_arch, *sym = NULL;   /* symcc's own */
	glibcver target = 21700;
	const struct glibc_table *t;
	bool json = false;
	int nsym = 0, rc = 0;
	char vb[16], tb[16];

	for (int i = 1; i < argc; i++) {
		const char *v;
		if ((v = option_value(argv[i], "--target"))) {
			if (target_parse(v, &target) < 0) {
				error("malformed target '%s'", v);
				return 2;
			}
		} else if ((v = option_value(argv[i], "--arch"))) {
			arch = v;
		} else if (strcmp(argv[i], "--json") == 0) {
			json = true;
		} else if (startswith(argv[i], "--")) {
			error("unknown --explain option '%s' (--target=V, --arch=A, --json)", argv[i]);
			return 2;
		} else if (!nsym++) {
			sym = argv[i];
		}
	}
	if (!nsym || (nsym > 1 && !json)) {
		error(nsym ? "--explain takes one symbol (several with --json)"
		           : "--explain needs a symbol name");
		return 2;
	}
	if (!(t = table_for_arch(arch))) {
		error("no glibc table for architecture '%s'", arch);
		return 2;
	}
	if (target < t->base) {
		glibcver_format(t->base, vb, sizeof(vb));
		glibcver_format(target, tb, sizeof(tb));
		if (json)
			error("glibc on %s begins at %s, not %s", arch, vb, tb);
		else
			printf("%s on %s, target %s:\n  decision: fail the link\n"
			       "  because: glibc on %s begins at %s\n  oldest target that works: %s\n",
			       sym, arch, tb, arch, vb, vb);
		return json ? 2 : 1;
	}
	if (json)
		fputs("[\n", stdout);
	for (int i = 1, first = 1; i < argc; i++) {
		if (startswith(argv[i], "--"))
			continue;
		rc |= explain_one(t, arch, target, argv[i], json, first);
		first = 0;
	}
	if (json)
		fputs("\n]\n", stdout);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		error("cannot write the report");
		return 2;
	}
	return rc;
}
