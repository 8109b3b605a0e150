/*
 * dynseg.c: what the dynamic loader reads of a linked ELF file.
 * SPDX-License-Identifier: MIT-0
 *
 * The loader never reads section headers: it finds PT_DYNAMIC through the
 * program headers, and DT_STRTAB, DT_SYMTAB, DT_VERSYM, DT_VERNEED... are
 * addresses it maps through the PT_LOAD segments.  This file reads the same
 * way, so that a file whose section headers were removed or damaged is
 * still audited for what it needs.  Every size comes from the file and is
 * checked against the segment that holds it; the symbol count comes from
 * DT_HASH or DT_GNU_HASH, as the loader's own lookups bound it.
 */
#include <libelf.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dynseg.h"

const char *
strtab_at(const struct strtab *st, GElf_Word off)
{
	if (!st->base || off >= st->size || !memchr(st->base + off, 0, st->size - off))
		return NULL;
	return st->base + off;
}

int
verneed_parse(Elf_Data *d, size_t count, const struct strtab *st, const char *path,
              struct vn_entry **out, size_t *nout)
{
	/* Elf32_Verneed, Elf64_Verneed and both Elf_Vernaux are 16 bytes */
	size_t off = 0, max = d->d_size / 16, cap = 0;
	unsigned char *seen = xcalloc(0x8000, 1);
	int r = 0;

	*out = NULL;
	*nout = 0;
	for (size_t i = 0; i < count && r == 0; i++) {
		GElf_Verneed vmem, *vn;
		size_t aoff;

		if (d->d_size < 16 || off > d->d_size - 16 || d->d_size > INT32_MAX ||
		    !(vn = gelf_getverneed(d, (int)off, &vmem))) {
			r = error("%s: malformed version needs (entry %zu of %zu lies outside them)", path,
			          i + 1, count);
			break;
		}
		aoff = off + vn->vn_aux;
		for (size_t j = 0; j < vn->vn_cnt; j++) {
			GElf_Vernaux amem, *va;
			struct vn_entry *e;

			if (*nout >= max || *nout >= VERNEED_MAX) {
				r = error("%s: malformed version needs (more entries than they can hold)", path);
				break;
			}
			if (aoff > d->d_size - 16 || !(va = gelf_getvernaux(d, (int)aoff, &amem))) {
				r = error("%s: malformed version needs (an entry lies outside them)", path);
				break;
			}
			if (va->vna_other < 2 || va->vna_other > 0x7fff || seen[va->vna_other]) {
				r = error("%s: malformed version needs (index %u %s)", path,
				          (unsigned)va->vna_other,
				          va->vna_other < 2 || va->vna_other > 0x7fff ? "out of range" : "used twice");
				break;
			}
			seen[va->vna_other] = 1;
			if (*nout == cap) {
				cap = cap ? cap * 2 : 16;
				*out = xreallocarray(*out, cap, sizeof(**out));
			}
			e = &(*out)[(*nout)++];
			e->index = va->vna_other;
			e->name = strtab_at(st, va->vna_name);
			e->file = strtab_at(st, vn->vn_file);
			e->weak = (va->vna_flags & VER_FLG_WEAK) != 0;
			e->used = false;
			if (!e->name || !e->file) {
				r = error("%s: malformed version needs (a name outside the string table)", path);
				break;
			}
			if (va->vna_next == 0)
				break;
			aoff += va->vna_next;
		}
		if (vn->vn_next == 0)
			break;
		off += vn->vn_next;
	}
	free(seen);
	return r;
}

void
dynview_free(struct dynview *dv)
{
	strvec_free(&dv->needed);
	free(dv->syms);
	free(dv->vns);
	memset(dv, 0, sizeof(*dv));
}

/* ---- the segment view ---- */

struct segs {
	Elf *elf;
	const char *path;
	GElf_Phdr *load;
	size_t nload;
};

/* The file offset of address a and how many bytes of its PT_LOAD segment's
 * file image follow it; -1 (reported) if no segment maps it. */
static int
map_addr(const struct segs *s, const char *tag, GElf_Addr a, GElf_Off *off, size_t *avail)
{
	for (size_t i = 0; i < s->nload; i++) {
		const GElf_Phdr *p = &s->load[i];
		if (a >= p->p_vaddr && a - p->p_vaddr < p->p_filesz) {
			*off = p->p_offset + (a - p->p_vaddr);
			*avail = (size_t)(p->p_filesz - (a - p->p_vaddr));
			return 0;
		}
	}
	return error("%s: %s 0x%llx lies in no PT_LOAD segment", s->path, tag, (unsigned long long)a);
}

/* len bytes at address a of type t, wholly inside one segment; NULL (reported). */
static Elf_Data *
chunk(const struct segs *s, const char *tag, GElf_Addr a, size_t len, Elf_Type t)
{
	GElf_Off off = 0;
	size_t avail = 0;
	Elf_Data *d;

	if (map_addr(s, tag, a, &off, &avail) < 0)
		return NULL;
	if (len > avail) {
		error("%s: %s runs past the end of its PT_LOAD segment", s->path, tag);
		return NULL;
	}
	if (!(d = elf_getdata_rawchunk(s->elf, (int64_t)off, len, t)))
		error("%s: cannot read %s: %s", s->path, tag, elf_errmsg(-1));
	return d;
}

/* Bytes of address a's segment from a on (0 if unmapped: reported later). */
static size_t
avail_at(const struct segs *s, GElf_Addr a)
{
	for (size_t i = 0; i < s->nload; i++)
		if (a >= s->load[i].p_vaddr && a - s->load[i].p_vaddr < s->load[i].p_filesz)
			return (size_t)(s->load[i].p_filesz - (a - s->load[i].p_vaddr));
	return 0;
}

static const uint32_t *
words(const struct segs *s, const char *tag, GElf_Addr a, size_t n)
{
	Elf_Data *d;

	if (n > SIZE_MAX / 4)
		return NULL;
	d = chunk(s, tag, a, n * 4, ELF_T_WORD);
	return d ? d->d_buf : NULL;
}

/* The number of dynamic symbols, from DT_GNU_HASH or DT_HASH; -1 (reported). */
static int
count_symbols(const struct segs *s, GElf_Addr gnu, GElf_Addr sysv, size_t *count)
{
	const uint32_t *h, *b, *c;
	size_t wsz = gelf_getclass(s->elf) == ELFCLASS64 ? 8 : 4, boff, nchain, avail;
	uint32_t max = 0;

	*count = 0;
	if (!gnu && !sysv)
		return 0;
	if (!gnu) {
		if (!(h = words(s, "DT_HASH", sysv, 2)))
			return -1;
		*count = h[1];
		return 0;
	}
	if (!(h = words(s, "DT_GNU_HASH", gnu, 4)))
		return -1;
	avail = avail_at(s, gnu);
	if (h[2] > (avail - 16) / wsz)
		return error("%s: DT_GNU_HASH runs past the end of its PT_LOAD segment", s->path);
	boff = 16 + (size_t)h[2] * wsz;
	if (h[0] > (avail - boff) / 4)
		return error("%s: DT_GNU_HASH runs past the end of its PT_LOAD segment", s->path);
	if (!(b = words(s, "DT_GNU_HASH", gnu + boff, h[0])))
		return -1;
	for (uint32_t i = 0; i < h[0]; i++)
		max = b[i] > max ? b[i] : max;
	*count = h[1];
	if (max == 0)
		return 0;
	if (max < h[1])
		return error("%s: malformed DT_GNU_HASH (a bucket below its first symbol)", s->path);
	/* the chain from the last bucket's first symbol ends with an odd word */
	nchain = (avail - boff - (size_t)h[0] * 4) / 4;
	if (max - h[1] >= nchain || !(c = words(s, "DT_GNU_HASH", gnu + boff + (size_t)h[0] * 4, nchain)))
		return error("%s: malformed DT_GNU_HASH (a chain outside it)", s->path);
	for (size_t i = max - h[1]; i < nchain; i++)
		if (c[i] & 1) {
			*count = h[1] + i + 1;
			return 0;
		}
	return error("%s: malformed DT_GNU_HASH (an unterminated chain)", s->path);
}

struct dyntags {
	GElf_Addr strtab, symtab, hash, gnu_hash, verneed, versym, rela, rel, jmprel;
	GElf_Xword strsz, syment, verneednum, runpath, rpath, relasz, relsz, pltrelsz, pltrel;
	bool has_strsz, has_syment, has_verneednum, has_runpath, has_rpath;
};

/* Raise *count to one past the largest symbol index the relocations at a
 * (size bytes, Elf_Rela or Elf_Rel) use; -1 (reported). */
static int
reloc_symbols(const struct segs *s, const char *tag, GElf_Addr a, GElf_Xword size, bool rela,
              size_t *count)
{
	size_t fsz = gelf_fsize(s->elf, rela ? ELF_T_RELA : ELF_T_REL, 1, EV_CURRENT), n;
	Elf_Data *d;

	if (!a || !size)
		return 0;
	if (!fsz)
		return error("%s: cannot size a relocation: %s", s->path, elf_errmsg(-1));
	n = (size_t)(size / fsz);
	if (!(d = chunk(s, tag, a, n * fsz, rela ? ELF_T_RELA : ELF_T_REL)))
		return -1;
	for (size_t i = 0; i < n; i++) {
		GElf_Rela ra;
		GElf_Rel rl;
		GElf_Xword info;

		if (rela ? !gelf_getrela(d, (int)i, &ra) : !gelf_getrel(d, (int)i, &rl))
			return error("%s: cannot read relocation %zu of %s: %s", s->path, i, tag,
			             elf_errmsg(-1));
		info = rela ? ra.r_info : rl.r_info;
		if (GELF_R_SYM(info) >= *count)
			*count = (size_t)GELF_R_SYM(info) + 1;
	}
	return 0;
}

static int
read_symbols(const struct segs *s, const struct dyntags *t, const struct strtab *st,
             struct dynview *dv)
{
	size_t fsz = gelf_fsize(s->elf, ELF_T_SYM, 1, EV_CURRENT), n = 0;
	Elf_Data *sd, *vd = NULL;

	if (!fsz)
		return error("%s: cannot size a symbol: %s", s->path, elf_errmsg(-1));
	if (t->has_syment && t->syment != fsz)
		return error("%s: DT_SYMENT is %llu, not %zu", s->path, (unsigned long long)t->syment, fsz);
	/* DT_GNU_HASH counts only the symbols it hashes (defined ones): the
	 * loader reaches the others through relocations, by index */
	if (count_symbols(s, t->gnu_hash, t->hash, &n) < 0 ||
	    reloc_symbols(s, "DT_RELA", t->rela, t->relasz, true, &n) < 0 ||
	    reloc_symbols(s, "DT_REL", t->rel, t->relsz, false, &n) < 0 ||
	    reloc_symbols(s, "DT_JMPREL", t->jmprel, t->pltrelsz, t->pltrel == DT_RELA, &n) < 0)
		return -1;
	if (n > avail_at(s, t->symtab) / fsz)
		return error("%s: the dynamic symbol table runs past the end of its PT_LOAD segment",
		             s->path);
	if (!n)
		return 0;
	if (!(sd = chunk(s, "DT_SYMTAB", t->symtab, n * fsz, ELF_T_SYM)))
		return -1;
	if (t->versym && !(vd = chunk(s, "DT_VERSYM", t->versym, n * 2, ELF_T_HALF)))
		return -1;
	dv->syms = xreallocarray(NULL, n, sizeof(*dv->syms));
	dv->nsyms = n;
	for (size_t i = 0; i < n; i++) {
		GElf_Sym sm, *sym = gelf_getsym(sd, (int)i, &sm);
		GElf_Versym vs = 1;

		if (!sym || (vd && !gelf_getversym(vd, (int)i, &vs)))
			return error("%s: cannot read dynamic symbol %zu: %s", s->path, i, elf_errmsg(-1));
		dv->syms[i].name = sym->st_name ? strtab_at(st, sym->st_name) : "";
		if (!dv->syms[i].name)
			return error("%s: dynamic symbol %zu's name lies outside DT_STRTAB", s->path, i);
		dv->syms[i].undef = sym->st_shndx == SHN_UNDEF;
		dv->syms[i].weak = GELF_ST_BIND(sym->st_info) == STB_WEAK;
		dv->syms[i].versym = vs;
	}
	return 0;
}

static int
read_tags(const struct segs *s, const GElf_Phdr *dyn, struct dyntags *t, struct strvec *needed_off)
{
	size_t fsz = gelf_fsize(s->elf, ELF_T_DYN, 1, EV_CURRENT);
	Elf_Data *d;

	if (!fsz)
		return error("%s: cannot size a dynamic entry: %s", s->path, elf_errmsg(-1));
	if (!(d = elf_getdata_rawchunk(s->elf, (int64_t)dyn->p_offset, dyn->p_filesz / fsz * fsz,
	                               ELF_T_DYN)))
		return error("%s: cannot read the PT_DYNAMIC segment: %s", s->path, elf_errmsg(-1));
	for (size_t i = 0; i < dyn->p_filesz / fsz; i++) {
		GElf_Dyn dm, *e = gelf_getdyn(d, (int)i, &dm);

		if (!e)
			return error("%s: cannot read dynamic entry %zu: %s", s->path, i, elf_errmsg(-1));
		switch (e->d_tag) {
		case DT_NULL: return 0;
		case DT_NEEDED: strvec_pushf(needed_off, "%llu", (unsigned long long)e->d_un.d_val); break;
		case DT_STRTAB: t->strtab = e->d_un.d_ptr; break;
		case DT_STRSZ: t->strsz = e->d_un.d_val; t->has_strsz = true; break;
		case DT_SYMTAB: t->symtab = e->d_un.d_ptr; break;
		case DT_SYMENT: t->syment = e->d_un.d_val; t->has_syment = true; break;
		case DT_HASH: t->hash = e->d_un.d_ptr; break;
		case DT_GNU_HASH: t->gnu_hash = e->d_un.d_ptr; break;
		case DT_VERNEED: t->verneed = e->d_un.d_ptr; break;
		case DT_VERNEEDNUM: t->verneednum = e->d_un.d_val; t->has_verneednum = true; break;
		case DT_VERSYM: t->versym = e->d_un.d_ptr; break;
		case DT_RUNPATH: t->runpath = e->d_un.d_val; t->has_runpath = true; break;
		case DT_RPATH: t->rpath = e->d_un.d_val; t->has_rpath = true; break;
		case DT_RELA: t->rela = e->d_un.d_ptr; break;
		case DT_RELASZ: t->relasz = e->d_un.d_val; break;
		case DT_REL: t->rel = e->d_un.d_ptr; break;
		case DT_RELSZ: t->relsz = e->d_un.d_val; break;
		case DT_JMPREL: t->jmprel = e->d_un.d_ptr; break;
		case DT_PLTRELSZ: t->pltrelsz = e->d_un.d_val; break;
		case DT_PLTREL: t->pltrel = e->d_un.d_val; break;
		}
	}
	return 0;
}

static int
read_view(const struct segs *s, const GElf_Phdr *dyn, struct dynview *dv)
{
	struct dyntags t;
	struct strvec noff = STRVEC_INIT;
	struct strtab st = {NULL, 0};
	Elf_Data *d;
	int r = -1;

	memset(&t, 0, sizeof(t));
	if (read_tags(s, dyn, &t, &noff) < 0)
		goto out;
	if (t.strtab) {
		if (!t.has_strsz) {
			error("%s: DT_STRTAB without DT_STRSZ", s->path);
			goto out;
		}
		if (!(d = chunk(s, "DT_STRTAB", t.strtab, t.strsz, ELF_T_BYTE)))
			goto out;
		st.base = d->d_buf;
		st.size = d->d_size;
	} else if (noff.n || t.has_runpath || t.has_rpath || t.verneed || t.symtab) {
		error("%s: dynamic entries name strings but there is no DT_STRTAB", s->path);
		goto out;
	}
	for (size_t i = 0; i < noff.n; i++) {
		const char *n = strtab_at(&st, (GElf_Word)strtoull(noff.v[i], NULL, 10));
		if (!n || strtoull(noff.v[i], NULL, 10) > UINT32_MAX) {
			error("%s: a DT_NEEDED name lies outside DT_STRTAB", s->path);
			goto out;
		}
		strvec_push(&dv->needed, n);
	}
	if (t.has_runpath || t.has_rpath) {
		GElf_Xword o = t.has_runpath ? t.runpath : t.rpath;
		if (o > UINT32_MAX || !(dv->runpath = strtab_at(&st, (GElf_Word)o))) {
			error("%s: DT_RUNPATH or DT_RPATH lies outside DT_STRTAB", s->path);
			goto out;
		}
	}
	if (t.symtab && read_symbols(s, &t, &st, dv) < 0)
		goto out;
	if (t.verneed) {
		if (!t.has_verneednum) {
			error("%s: DT_VERNEED without DT_VERNEEDNUM", s->path);
			goto out;
		}
		if (!(d = chunk(s, "DT_VERNEED", t.verneed, avail_at(s, t.verneed), ELF_T_VNEED)) ||
		    verneed_parse(d, t.verneednum, &st, s->path, &dv->vns, &dv->nvn) < 0)
			goto out;
	}
	r = 0;
out:
	strvec_free(&noff);
	return r;
}

int
dynview_from_segment(Elf *elf, const char *path, struct dynview *dv)
{
	struct segs s = {elf, path, NULL, 0};
	GElf_Phdr dyn = {0};
	size_t phnum;
	int r = 0;

	memset(dv, 0, sizeof(*dv));
	if (elf_getphdrnum(elf, &phnum) != 0)
		return error("%s: cannot read the program headers: %s", path, elf_errmsg(-1));
	s.load = xreallocarray(NULL, phnum ? phnum : 1, sizeof(*s.load));
	for (size_t i = 0; i < phnum; i++) {
		GElf_Phdr pm, *ph = gelf_getphdr(elf, (int)i, &pm);
		if (!ph) {
			free(s.load);
			return error("%s: cannot read program header %zu: %s", path, i, elf_errmsg(-1));
		}
		if (ph->p_type == PT_LOAD)
			s.load[s.nload++] = *ph;
		else if (ph->p_type == PT_DYNAMIC && !dv->present) {
			dv->present = true;
			dyn = *ph;
		}
	}
	if (dv->present && (r = read_view(&s, &dyn, dv)) < 0)
		dynview_free(dv);
	free(s.load);
	return r;
}
