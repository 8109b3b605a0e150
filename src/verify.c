/*
 * verify.c: what a finished ELF file requires of the system that loads it.
 * SPDX-License-Identifier: MIT-0
 *
 * The walk follows elfutils' elflint check_verneed: vn_aux/vna_next offsets,
 * bounded by the section's declared count, names through elf_strptr.
 */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dynseg.h"
#include "target.h"
#include "verify.h"

static void
add_need(struct elf_needs *out, const char *sym, bool weak_ref, const struct vn_entry *v)
{
	struct need *n;

	if (out->n == out->cap) {
		out->cap = out->cap ? out->cap * 2 : 16;
		out->needs = xreallocarray(out->needs, out->cap, sizeof(*out->needs));
	}
	n = &out->needs[out->n++];
	n->symbol = sym ? xstrdup(sym) : NULL;
	n->version = xstrdup(v->name);
	n->file = xstrdup(v->file);
	n->weak = v->weak;
	n->weak_ref = weak_ref;
}

/* The needs of one view: each undefined symbol bound to a version need,
 * then each need no symbol binds; the unversioned strong imports.  Linear:
 * version indexes are 15 bits, so a table maps them to their entries. */
static void
needs_of_view(struct dynview *dv, struct elf_needs *out)
{
	size_t nat = 2, *at;

	for (size_t j = 0; j < dv->nvn; j++)
		nat = dv->vns[j].index >= nat ? dv->vns[j].index + 1 : nat;
	at = xmalloc(nat * sizeof(*at));
	for (size_t i = 0; i < nat; i++)
		at[i] = SIZE_MAX;
	for (size_t j = 0; j < dv->nvn; j++)
		at[dv->vns[j].index] = j;
	strvec_pushv(&out->needed, dv->needed.v, dv->needed.n);
	out->runpath = dv->runpath ? xstrdup(dv->runpath) : NULL;
	for (size_t i = 1; i < dv->nsyms; i++) {
		const struct dyn_sym *s = &dv->syms[i];
		size_t j = (s->versym & 0x7fff) < nat ? at[s->versym & 0x7fff] : SIZE_MAX;

		if (!s->undef)
			continue;
		if ((s->versym & 0x7fff) < 2) {
			/* weak references (crt's __gmon_start__...) need no provider */
			if (*s->name && !s->weak)
				strvec_push(&out->unversioned, s->name);
		} else if (j != SIZE_MAX) {
			add_need(out, *s->name ? s->name : "?", s->weak, &dv->vns[j]);
			dv->vns[j].used = true;
		}
	}
	for (size_t j = 0; j < dv->nvn; j++)
		if (!dv->vns[j].used)
			add_need(out, NULL, false, &dv->vns[j]);
	free(at);
}

/* The string table section a section links to. */
static int
linked_strtab(Elf *elf, const GElf_Shdr *sh, const char *path, struct strtab *st)
{
	Elf_Scn *s = elf_getscn(elf, sh->sh_link);
	Elf_Data *d = s ? elf_getdata(s, NULL) : NULL;

	if (!d)
		return error("%s: cannot read the string table of a dynamic section: %s", path,
		             elf_errmsg(-1));
	st->base = d->d_buf;
	st->size = d->d_size;
	return 0;
}

/* The section view: SHT_DYNAMIC, SHT_DYNSYM, SHT_GNU_versym, SHT_GNU_verneed.
 * 0, or -1 (reported when report is true: an object has no other view). */
static int
dynview_from_sections(Elf *elf, const char *path, struct dynview *dv)
{
	Elf_Scn *scn = NULL, *dynsym = NULL, *versym = NULL, *verneed = NULL;
	struct strtab st;
	GElf_Shdr mem, *sh;
	Elf_Data *d, *vd = NULL;

	memset(dv, 0, sizeof(*dv));
	while ((scn = elf_nextscn(elf, scn)) != NULL) {
		if (!(sh = gelf_getshdr(scn, &mem)))
			return error("%s: cannot read a section header: %s", path, elf_errmsg(-1));
		if (sh->sh_type == SHT_DYNSYM)
			dynsym = scn;
		else if (sh->sh_type == SHT_GNU_versym)
			versym = scn;
		else if (sh->sh_type == SHT_GNU_verneed)
			verneed = scn;
		else if (sh->sh_type == SHT_DYNAMIC && !dv->present) {
			dv->present = true;
			if (!(d = elf_getdata(scn, NULL)) || sh->sh_entsize == 0)
				return error("%s: cannot read the dynamic section: %s", path, elf_errmsg(-1));
			if (linked_strtab(elf, sh, path, &st) < 0)
				return -1;
			for (size_t i = 0; i < sh->sh_size / sh->sh_entsize; i++) {
				GElf_Dyn dmem, *dyn = gelf_getdyn(d, (int)i, &dmem);
				const char *v;
				if (!dyn || dyn->d_tag == DT_NULL)
					break;
				if (dyn->d_tag != DT_NEEDED && dyn->d_tag != DT_RUNPATH && dyn->d_tag != DT_RPATH)
					continue;
				if (dyn->d_un.d_val > UINT32_MAX || !(v = strtab_at(&st, (GElf_Word)dyn->d_un.d_val)))
					return error("%s: a dynamic entry's string lies outside its string table", path);
				if (dyn->d_tag == DT_NEEDED)
					strvec_push(&dv->needed, v);
				else if (dyn->d_tag == DT_RUNPATH || !dv->runpath)
					dv->runpath = v;
			}
		}
	}
	if (verneed) {
		sh = gelf_getshdr(verneed, &mem);
		if (!sh || !(d = elf_getdata(verneed, NULL)))
			return error("%s: cannot read the version needs: %s", path, elf_errmsg(-1));
		if (linked_strtab(elf, sh, path, &st) < 0 ||
		    verneed_parse(d, sh->sh_info, &st, path, &dv->vns, &dv->nvn) < 0)
			return -1;
	}
	if (!dynsym)
		return 0;
	sh = gelf_getshdr(dynsym, &mem);
	if (!sh || !(d = elf_getdata(dynsym, NULL)) || sh->sh_entsize == 0 ||
	    (versym && !(vd = elf_getdata(versym, NULL))) || linked_strtab(elf, sh, path, &st) < 0)
		return error("%s: cannot read the dynamic symbols: %s", path, elf_errmsg(-1));
	dv->nsyms = sh->sh_size / sh->sh_entsize;
	dv->syms = xreallocarray(NULL, dv->nsyms ? dv->nsyms : 1, sizeof(*dv->syms));
	for (size_t i = 0; i < dv->nsyms; i++) {
		GElf_Sym smem, *sym = gelf_getsym(d, (int)i, &smem);
		GElf_Versym vs = 1;

		if (!sym || (vd && !gelf_getversym(vd, (int)i, &vs)))
			return error("%s: cannot read dynamic symbol %zu: %s", path, i, elf_errmsg(-1));
		dv->syms[i].name = sym->st_name ? strtab_at(&st, sym->st_name) : "";
		if (!dv->syms[i].name)
			dv->syms[i].name = "?";
		dv->syms[i].undef = sym->st_shndx == SHN_UNDEF;
		dv->syms[i].weak = GELF_ST_BIND(sym->st_info) == STB_WEAK;
		dv->syms[i].versym = vs;
	}
	return 0;
}

static bool
str_eq(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* What the two views disagree on of what the loader acts on, or NULL.  The
 * symbols only say which symbol needs a version (DT_GNU_HASH and the
 * relocations need not reach every one the sections list): not compared. */
static const char *
views_differ(const struct dynview *seg, const struct dynview *sec)
{
	if (seg->needed.n != sec->needed.n)
		return "DT_NEEDED";
	for (size_t i = 0; i < seg->needed.n; i++)
		if (strcmp(seg->needed.v[i], sec->needed.v[i]) != 0)
			return "DT_NEEDED";
	if (!str_eq(seg->runpath, sec->runpath))
		return "DT_RUNPATH";
	if (seg->nvn != sec->nvn)
		return "the version needs";
	for (size_t i = 0; i < seg->nvn; i++) {
		const struct vn_entry *a = &seg->vns[i], *b = &sec->vns[i];
		if (a->index != b->index || strcmp(a->name, b->name) != 0 ||
		    strcmp(a->file, b->file) != 0 || a->weak != b->weak)
			return "the version needs";
	}
	return NULL;
}

/* Does the section header table lie inside the file? */
static bool
shdrs_in_file(Elf *elf, size_t shnum)
{
	GElf_Ehdr em, *eh = gelf_getehdr(elf, &em);
	size_t size = 0, esz = gelf_fsize(elf, ELF_T_SHDR, 1, EV_CURRENT);

	return eh && elf_rawfile(elf, &size) && esz && eh->e_shoff <= size &&
	       shnum <= (size - eh->e_shoff) / esz;
}

/* A linked file is read as the loader reads it, through PT_DYNAMIC; its
 * sections, when it has readable ones, must say the same.  An object has
 * only sections. */
static int
read_needs_elf(Elf *elf, const char *path, struct elf_needs *out)
{
	struct dynview seg, sec;
	size_t phnum, shnum;
	GElf_Ehdr emem, *eh = gelf_getehdr(elf, &emem);
	const char *diff;
	bool have_sec;
	int r = 0;

	if (!eh)
		return error("cannot read ELF header of '%s': %s", path, elf_errmsg(-1));
	if (eh->e_type != ET_EXEC && eh->e_type != ET_DYN && eh->e_type != ET_REL)
		return error("%s: not an executable, a shared library or an object (ELF type %u)", path,
		             (unsigned)eh->e_type);
	out->shared = eh->e_type == ET_DYN;
	if (eh->e_type == ET_REL) {
		if (dynview_from_sections(elf, path, &sec) == 0) {
			/* the linker reads no version needs from an object: it
			 * records the versions its inputs' libraries define */
			sec.nvn = 0;
			out->dynamic = sec.present;
			needs_of_view(&sec, out);
		} else {
			r = -1;
		}
		dynview_free(&sec);
		return r;
	}
	if (elf_getphdrnum(elf, &phnum) != 0)
		return error("%s: cannot read the program headers: %s", path, elf_errmsg(-1));
	for (size_t i = 0; i < phnum; i++) {
		GElf_Phdr pm, *ph = gelf_getphdr(elf, (int)i, &pm);
		if (!ph)
			return error("%s: cannot read program header %zu: %s", path, i, elf_errmsg(-1));
		if (ph->p_type == PT_INTERP)
			out->shared = false;
	}
	if (dynview_from_segment(elf, path, &seg) < 0)
		return -1;
	/* section headers the loader ignores may be absent or damaged: then the
	 * segment alone is what the file needs */
	memset(&sec, 0, sizeof(sec));
	have_sec = elf_getshdrnum(elf, &shnum) == 0 && shnum > 1 && shdrs_in_file(elf, shnum);
	if (have_sec && dynview_from_sections(elf, path, &sec) < 0) {
		dynview_free(&seg);
		dynview_free(&sec);
		return -1;
	}
	out->dynamic = seg.present;
	if (have_sec && (sec.present || seg.present)) {
		if (!sec.present)
			r = error("%s: a PT_DYNAMIC segment but no dynamic section: its section headers "
			          "and the dynamic segment the loader reads disagree", path);
		else if (!seg.present)
			r = error("%s: a dynamic section but no PT_DYNAMIC segment: its section headers "
			          "and what the loader reads disagree", path);
		else if ((diff = views_differ(&seg, &sec)) != NULL)
			r = error("%s: its section headers and the dynamic segment the loader reads "
			          "disagree on %s", path, diff);
	}
	needs_of_view(&seg, out);
	dynview_free(&seg);
	dynview_free(&sec);
	return r;
}

int
elf_read_needs(const char *path, struct elf_needs *out)
{
	int fd, r;
	Elf *elf;

	memset(out, 0, sizeof(*out));
	elf_version(EV_CURRENT);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return error("cannot open '%s': %s", path, strerror(errno));
	elf = elf_begin(fd, ELF_C_READ_MMAP, NULL);
	if (!elf || elf_kind(elf) != ELF_K_ELF) {
		r = error("'%s' is not an ELF file: %s", path, elf_errmsg(-1));
	} else {
		r = read_needs_elf(elf, path, out);
	}
	if (r < 0)
		elf_needs_free(out);   /* what was read before the error */
	if (elf)
		elf_end(elf);
	close(fd);
	return r;
}

int
elf_read_needs_mem(const char *name, void *buf, size_t len, struct elf_needs *out)
{
	Elf *elf;
	int r;

	memset(out, 0, sizeof(*out));
	elf_version(EV_CURRENT);
	elf = elf_memory(buf, len);
	if (!elf || elf_kind(elf) != ELF_K_ELF)
		r = error("'%s' is not an ELF file: %s", name, elf_errmsg(-1));
	else
		r = read_needs_elf(elf, name, out);
	if (r < 0)
		elf_needs_free(out);   /* what was read before the error */
	if (elf)
		elf_end(elf);
	return r;
}

void
elf_needs_free(struct elf_needs *n)
{
	for (size_t i = 0; i < n->n; i++) {
		free(n->needs[i].symbol);
		free(n->needs[i].version);
		free(n->needs[i].file);
	}
	free(n->needs);
	strvec_free(&n->needed);
	strvec_free(&n->unversioned);
	free(n->runpath);
	memset(n, 0, sizeof(*n));
}

int
glibc_version_of(const char *version, glibcver *v)
{
	if (!startswith(version, "GLIBC_2."))
		return -1;
	return glibcver_parse(version, v);
}

/* Allowed maximum for a C++ runtime / libgcc_s version family, or NULL. */
static const char *
policy_max(const struct cxx_policy *p, const char *version, const char **family)
{
	if (startswith(version, "GLIBCXX_")) {
		*family = "GLIBCXX_";
		return p->glibcxx;
	}
	if (startswith(version, "CXXABI_")) {
		*family = "CXXABI_";
		if (startswith(version, "CXXABI_TM_") || startswith(version, "CXXABI_FLOAT128"))
			return NULL;   /* allowed by every policy */
		return p->cxxabi;
	}
	if (startswith(version, "GCC_")) {
		*family = "GCC_";
		return p->gcc;
	}
	return NULL;
}

static void
add_missed(struct verify_result *res, const struct need *n)
{
	for (size_t i = 0; i < res->nmissed; i++)
		if (strcmp(res->missed[i].name, n->symbol) == 0)
			return;
	res->missed = xreallocarray(res->missed, res->nmissed + 1, sizeof(*res->missed));
	res->missed[res->nmissed].name = xstrdup(n->symbol);
	res->missed[res->nmissed].version = xstrdup(n->version);
	res->missed[res->nmissed].weak = n->weak_ref;
	res->nmissed++;
}

/* Judge one requirement; returns a problem description (malloc'd) or NULL. */
char *
verify_judge(const struct need *n, glibcver target, const struct cxx_policy *pol)
{
	char tv[16];
	glibcver v;
	const char *family, *max;

	glibcver_format(target, tv, sizeof(tv));
	if (strcmp(n->version, "GLIBC_PRIVATE") == 0)
		return xasprintf("needs GLIBC_PRIVATE from %s, which no other glibc release provides",
		                 n->file);
	if (startswith(n->version, "GLIBC_ABI_")) {
		glibcver since = strcmp(n->version, "GLIBC_ABI_DT_RELR") == 0 ? 23600 : 24300;
		if (target >= since)
			return NULL;
		return xasprintf("needs %s from %s, which glibc %s lacks (a linker feature newer than the target)",
		                 n->version, n->file, tv);
	}
	if (glibc_version_of(n->version, &v) == 0) {
		if (v <= target || n->weak)
			return NULL;
		return xasprintf("needs %s from %s, newer than target %s", n->version, n->file, tv);
	}
	max = policy_max(pol, n->version, &family);
	if (max && dotted_cmp(n->version + strlen(family), max) > 0 && !n->weak)
		return xasprintf("needs %s from %s, newer than %s allows (%s%s); link the C++ runtime "
		                 "statically (-static-libstdc++ -static-libgcc) or raise the target",
		                 n->version, n->file, pol->tag, family, max);
	return NULL;
}

/* One problem and the symbols that have it: a C++ runtime need can come
 * with dozens of symbols, reported in one message. */
struct problem_group {
	char *problem;
	struct strvec symbols;
};

/* Add symbol (may be NULL) to the group of problem; takes problem. */
static void
group_problem(struct problem_group **groups, size_t *n, char *problem, const char *symbol)
{
	size_t i;

	for (i = 0; i < *n && strcmp((*groups)[i].problem, problem) != 0; i++)
		;
	if (i == *n) {
		*groups = xreallocarray(*groups, *n + 1, sizeof(**groups));
		(*groups)[i].problem = problem;
		memset(&(*groups)[i].symbols, 0, sizeof((*groups)[i].symbols));
		(*n)++;
	} else {
		free(problem);
	}
	if (symbol && !strvec_contains(&(*groups)[i].symbols, symbol))
		strvec_push(&(*groups)[i].symbols, symbol);
}

static void
report_group(const char *path, const struct problem_group *g)
{
	enum { SHOWN = 8 };
	size_t shown = g->symbols.n < SHOWN ? g->symbols.n : SHOWN;
	char *list;

	if (g->symbols.n == 0) {
		error("%s %s", basename_of(path), g->problem);
		return;
	}
	if (g->symbols.n == 1) {
		error("'%s' %s", g->symbols.v[0], g->problem);
		return;
	}
	list = strjoin(g->symbols.v, shown, ", ");
	error("%s %s", basename_of(path), g->problem);
	if (g->symbols.n > shown)
		note("for %zu symbols: %s and %zu more", g->symbols.n, list, g->symbols.n - shown);
	else
		note("for %zu symbols: %s", g->symbols.n, list);
	free(list);
}

int
verify_output(const char *path, glibcver target, bool report, struct verify_result *res)
{
	return verify_output_as(path, path, target, report, res);
}

int
verify_output_as(const char *path, const char *display, glibcver target, bool report,
                 struct verify_result *res)
{
	struct problem_group *groups = NULL;
	size_t ngroups = 0;
	struct elf_needs en;
	const struct cxx_policy *pol = policy_for(target);
	glibcver v;

	memset(res, 0, sizeof(*res));
	if (elf_read_needs(path, &en) < 0)
		return -1;
	for (size_t i = 0; i < en.n; i++) {
		const struct need *n = &en.needs[i];
		char *problem = verify_judge(n, target, pol);

		if (!problem)
			continue;
		res->problems++;
		group_problem(&groups, &ngroups, problem, n->symbol);
		if (n->symbol && glibc_version_of(n->version, &v) == 0)
			add_missed(res, n);
	}
	for (size_t g = 0; g < ngroups; g++) {
		if (report)
			report_group(display, &groups[g]);
		free(groups[g].problem);
		strvec_free(&groups[g].symbols);
	}
	free(groups);
	elf_needs_free(&en);
	return 0;
}

void
verify_result_free(struct verify_result *res)
{
	for (size_t i = 0; i < res->nmissed; i++) {
		free(res->missed[i].name);
		free(res->missed[i].version);
	}
	free(res->missed);
	memset(res, 0, sizeof(*res));
}
