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

#include "target.h"
#include "verify.h"

struct vn_entry {
	GElf_Half index;
	const char *name, *file;
	bool weak;
	bool used;
};

static void
add_need(struct elf_needs *out, const char *sym, bool weak_ref, const struct vn_entry *v)
{
	struct need *n;

	out->needs = xreallocarray(out->needs, out->n + 1, sizeof(*out->needs));
	n = &out->needs[out->n++];
	n->symbol = sym ? xstrdup(sym) : NULL;
	n->version = xstrdup(v->name);
	n->file = xstrdup(v->file ? v->file : "?");
	n->weak = v->weak;
	n->weak_ref = weak_ref;
}

static int
read_verneed(Elf *elf, Elf_Scn *scn, const char *path, struct vn_entry **out, size_t *nout)
{
	GElf_Shdr mem, *sh = gelf_getshdr(scn, &mem);
	Elf_Data *d = elf_getdata(scn, NULL);
	size_t off = 0;

	if (!sh || !d)
		return error("cannot read version requirements of '%s': %s", path, elf_errmsg(-1));
	for (size_t i = 0; i < sh->sh_info; i++) {
		GElf_Verneed vmem, *vn = gelf_getverneed(d, (int)off, &vmem);
		size_t aoff;

		if (!vn)
			return error("malformed version requirements in '%s': %s", path, elf_errmsg(-1));
		aoff = off + vn->vn_aux;
		for (size_t j = 0; j < vn->vn_cnt; j++) {
			GElf_Vernaux amem, *va = gelf_getvernaux(d, (int)aoff, &amem);
			struct vn_entry *e;

			if (!va)
				return error("malformed version requirements in '%s': %s", path, elf_errmsg(-1));
			*out = xreallocarray(*out, *nout + 1, sizeof(**out));
			e = &(*out)[(*nout)++];
			e->index = va->vna_other;
			e->name = elf_strptr(elf, sh->sh_link, va->vna_name);
			e->file = elf_strptr(elf, sh->sh_link, vn->vn_file);
			e->weak = (va->vna_flags & VER_FLG_WEAK) != 0;
			e->used = false;
			if (!e->name)
				return error("malformed version requirements in '%s': %s", path, elf_errmsg(-1));
			if (va->vna_next == 0)
				break;
			aoff += va->vna_next;
		}
		if (vn->vn_next == 0)
			break;
		off += vn->vn_next;
	}
	return 0;
}

static int
read_needed(Elf *elf, Elf_Scn *scn, struct elf_needs *out, const char *path)
{
	GElf_Shdr mem, *sh = gelf_getshdr(scn, &mem);
	Elf_Data *d = elf_getdata(scn, NULL);

	if (!sh || !d || sh->sh_entsize == 0)
		return error("cannot read the dynamic section of '%s': %s", path, elf_errmsg(-1));
	for (size_t i = 0; i < sh->sh_size / sh->sh_entsize; i++) {
		GElf_Dyn dmem, *dyn = gelf_getdyn(d, (int)i, &dmem);
		if (!dyn || dyn->d_tag == DT_NULL)
			break;
		if (dyn->d_tag == DT_NEEDED) {
			const char *s = elf_strptr(elf, sh->sh_link, dyn->d_un.d_val);
			if (s)
				strvec_push(&out->needed, s);
		}
	}
	return 0;
}

static int
read_needs_elf(Elf *elf, const char *path, struct elf_needs *out)
{
	Elf_Scn *scn = NULL, *dynsym = NULL, *versym = NULL, *verneed = NULL;
	struct vn_entry *vns = NULL;
	size_t nvn = 0, phnum;
	GElf_Ehdr emem, *eh = gelf_getehdr(elf, &emem);
	int r = 0;

	if (!eh)
		return error("cannot read ELF header of '%s': %s", path, elf_errmsg(-1));
	out->shared = eh->e_type == ET_DYN;
	if (elf_getphdrnum(elf, &phnum) == 0)
		for (size_t i = 0; i < phnum; i++) {
			GElf_Phdr pm, *ph = gelf_getphdr(elf, (int)i, &pm);
			if (ph && ph->p_type == PT_INTERP)
				out->shared = false;
		}
	while ((scn = elf_nextscn(elf, scn)) != NULL) {
		GElf_Shdr mem, *sh = gelf_getshdr(scn, &mem);
		if (!sh)
			return error("cannot read a section header of '%s': %s", path, elf_errmsg(-1));
		if (sh->sh_type == SHT_DYNSYM)
			dynsym = scn;
		else if (sh->sh_type == SHT_GNU_versym)
			versym = scn;
		else if (sh->sh_type == SHT_GNU_verneed)
			verneed = scn;
		else if (sh->sh_type == SHT_DYNAMIC) {
			out->dynamic = true;
			if (read_needed(elf, scn, out, path) < 0)
				return -1;
		}
	}
	if (!verneed)
		return 0;
	if (read_verneed(elf, verneed, path, &vns, &nvn) < 0) {
		free(vns);
		return -1;
	}
	if (dynsym && versym) {
		GElf_Shdr dm, *dsh = gelf_getshdr(dynsym, &dm);
		Elf_Data *sd = elf_getdata(dynsym, NULL), *vd = elf_getdata(versym, NULL);

		if (!dsh || !sd || !vd || dsh->sh_entsize == 0) {
			free(vns);
			return error("cannot read dynamic symbols of '%s': %s", path, elf_errmsg(-1));
		}
		for (size_t i = 1; i < dsh->sh_size / dsh->sh_entsize; i++) {
			GElf_Sym smem, *sym = gelf_getsym(sd, (int)i, &smem);
			GElf_Versym vs;
			const char *name;

			if (!sym || !gelf_getversym(vd, (int)i, &vs)) {
				r = error("cannot read dynamic symbols of '%s': %s", path, elf_errmsg(-1));
				break;
			}
			if (sym->st_shndx != SHN_UNDEF || (vs & 0x7fff) < 2)
				continue;
			name = elf_strptr(elf, dsh->sh_link, sym->st_name);
			for (size_t j = 0; j < nvn; j++)
				if (vns[j].index == (vs & 0x7fff)) {
					add_need(out, name ? name : "?",
					         GELF_ST_BIND(sym->st_info) == STB_WEAK, &vns[j]);
					vns[j].used = true;
				}
		}
	}
	for (size_t j = 0; j < nvn; j++)
		if (!vns[j].used)
			add_need(out, NULL, false, &vns[j]);
	free(vns);
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
