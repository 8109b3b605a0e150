/*
 * fixup.c: small in-place edits of the linked output before verify.
 * SPDX-License-Identifier: MIT-0
 *
 * A weak reference to a function the target lacks must stay NULL there.
 * The linker still records its version (say GLIBC_2.36) as a plain need,
 * and an old ld.so refuses to load the file for it.  Two remedies, both
 * edits of a few bytes with no change of size or layout:
 *
 *  - unversion: when each such symbol has one version only, make its
 *    reference unversioned (.gnu.version index 1) and unlink the need from
 *    .gnu.version_r.  New glibc binds the one version; old glibc finds
 *    nothing, silently.
 *  - flag: otherwise (an unversioned reference could bind an old, other
 *    ABI), mark the need VER_FLG_WEAK.  ld.so accepts its absence (glibc's
 *    match_symbol has honoured the flag since the 2.1 days) but prints
 *    "weak version ... not found" at start-up; symcc warns at link time.
 */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixup.h"
#include "stub.h"
#include "util.h"
#include "verify.h"

/* Field offsets shared by ELFCLASS32 and ELFCLASS64 (all Half and Word). */
enum {
	VN_CNT = 2, VN_AUX = 8,                 /* Elf_Verneed */
	VNA_FLAGS = 4, VNA_NEXT = 12,           /* Elf_Vernaux */
};

struct out_file {
	int fd;
	bool msb;
	const char *path;
};

/* Write an n-byte (2 or 4) field in the file's byte order. */
static int
put(const struct out_file *f, GElf_Off off, uint32_t v, int n)
{
	unsigned char b[4];

	for (int i = 0; i < n; i++)
		b[f->msb ? n - 1 - i : i] = (unsigned char)(v >> (8 * i));
	if (pwrite(f->fd, b, (size_t)n, (off_t)off) != n)
		return error("cannot update '%s': %s", f->path, strerror(errno));
	return 0;
}

struct dynsyms {
	Elf_Data *syms, *vers;
	GElf_Shdr sh, vsh;
	size_t n;
};

static int
read_dynsyms(Elf *elf, Elf_Scn *dynsym, Elf_Scn *versym, struct dynsyms *ds, const char *path)
{
	if (!gelf_getshdr(dynsym, &ds->sh) || !gelf_getshdr(versym, &ds->vsh) ||
	    !(ds->syms = elf_getdata(dynsym, NULL)) || !(ds->vers = elf_getdata(versym, NULL)) ||
	    ds->sh.sh_entsize == 0)
		return error("cannot read dynamic symbols of '%s': %s", path, elf_errmsg(-1));
	(void)elf;
	ds->n = ds->sh.sh_size / ds->sh.sh_entsize;
	return 0;
}

/* Does any strong undefined symbol use version index ndx?  Can every weak
 * one be unversioned safely (one version in the table)? */
static void
users_of(Elf *elf, const struct dynsyms *ds, GElf_Half ndx, const struct glibc_table *t,
         bool *strong, bool *single)
{
	*strong = false;
	*single = true;
	for (size_t i = 1; i < ds->n; i++) {
		GElf_Sym s;
		GElf_Versym v;
		size_t nv = 0;

		if (!gelf_getsym(ds->syms, (int)i, &s) || !gelf_getversym(ds->vers, (int)i, &v) ||
		    (v & 0x7fff) != ndx || s.st_shndx != SHN_UNDEF)
			continue;
		if (GELF_ST_BIND(s.st_info) != STB_WEAK)
			*strong = true;
		const char *name = elf_strptr(elf, ds->sh.sh_link, s.st_name);
		if (!t || !name || (table_lookup(t, name, &nv), nv != 1))
			*single = false;
	}
}

/* Point every weak reference using ndx at index 1 (unversioned). */
static int
unversion(Elf *elf, const struct dynsyms *ds, GElf_Half ndx, const struct out_file *f)
{
	for (size_t i = 1; i < ds->n; i++) {
		GElf_Sym s;
		GElf_Versym v;

		if (!gelf_getsym(ds->syms, (int)i, &s) || !gelf_getversym(ds->vers, (int)i, &v) ||
		    (v & 0x7fff) != ndx || s.st_shndx != SHN_UNDEF)
			continue;
		VERBOSE("%s: weak '%s' made unversioned", f->path,
		        elf_strptr(elf, ds->sh.sh_link, s.st_name));
		if (put(f, ds->vsh.sh_offset + 2 * i, 1, 2) < 0)
			return -1;
	}
	return 0;
}

static int
weaken(Elf *elf, const struct out_file *f, glibcver target, const struct glibc_table *t)
{
	Elf_Scn *scn = NULL, *dynsym = NULL, *versym = NULL, *verneed = NULL;
	struct dynsyms ds;
	GElf_Shdr vsh;
	Elf_Data *d;
	size_t off = 0;
	int changed = 0;

	while ((scn = elf_nextscn(elf, scn)) != NULL) {
		GElf_Shdr sh;
		if (!gelf_getshdr(scn, &sh))
			return error("cannot read a section header of '%s': %s", f->path, elf_errmsg(-1));
		if (sh.sh_type == SHT_DYNSYM)
			dynsym = scn;
		else if (sh.sh_type == SHT_GNU_versym)
			versym = scn;
		else if (sh.sh_type == SHT_GNU_verneed)
			verneed = scn;
	}
	if (!dynsym || !versym || !verneed)
		return 0;
	if (read_dynsyms(elf, dynsym, versym, &ds, f->path) < 0)
		return -1;
	if (!gelf_getshdr(verneed, &vsh) || !(d = elf_getdata(verneed, NULL)))
		return error("cannot read version requirements of '%s': %s", f->path, elf_errmsg(-1));
	for (size_t i = 0; i < vsh.sh_info; i++) {
		GElf_Verneed vn;
		size_t aoff, prev = 0;
		GElf_Word prev_next = 0;
		GElf_Half cnt;

		if (!gelf_getverneed(d, (int)off, &vn))
			return error("malformed version requirements in '%s'", f->path);
		cnt = vn.vn_cnt;
		aoff = off + vn.vn_aux;
		for (size_t j = 0; j < vn.vn_cnt; j++) {
			GElf_Vernaux va;
			const char *name;
			glibcver v;
			bool strong, single, kept = true;

			if (!gelf_getvernaux(d, (int)aoff, &va))
				return error("malformed version requirements in '%s'", f->path);
			name = elf_strptr(elf, vsh.sh_link, va.vna_name);
			users_of(elf, &ds, va.vna_other, t, &strong, &single);
			if (name && glibc_version_of(name, &v) == 0 && v > target && !strong) {
				if (single && cnt > 1) {
					/* unlink: the previous aux (or the verneed) skips this one */
					if (unversion(elf, &ds, va.vna_other, f) < 0)
						return -1;
					if (aoff == off + vn.vn_aux && va.vna_next) {
						vn.vn_aux += va.vna_next;
						if (put(f, vsh.sh_offset + off + VN_AUX, vn.vn_aux, 4) < 0)
							return -1;
					} else if (aoff != off + vn.vn_aux) {
						prev_next = va.vna_next ? prev_next + va.vna_next : 0;
						if (put(f, vsh.sh_offset + prev + VNA_NEXT, prev_next, 4) < 0)
							return -1;
					} else {
						goto flag;   /* the only aux: keep it, flagged */
					}
					cnt--;
					if (put(f, vsh.sh_offset + off + VN_CNT, cnt, 2) < 0)
						return -1;
					kept = false;
					changed++;
				} else if (!(va.vna_flags & VER_FLG_WEAK)) {
flag:
					if (put(f, vsh.sh_offset + aoff + VNA_FLAGS,
					        va.vna_flags | VER_FLG_WEAK, 2) < 0)
						return -1;
					warn("%s: weak references to glibc %s symbols: old glibc's loader "
					     "prints \"weak version `%s' not found\" when it starts", f->path,
					     name + strlen("GLIBC_"), name);
					changed++;
				}
			}
			if (kept) {
				prev = aoff;
				prev_next = va.vna_next;
			}
			if (va.vna_next == 0)
				break;
			aoff += va.vna_next;
		}
		if (vn.vn_next == 0)
			break;
		off += vn.vn_next;
	}
	return changed;
}

/* Open path for in-place edits and run edit on it. */
static int
edit_output(const char *path, int (*edit)(Elf *elf, const struct out_file *f, const void *arg),
            const void *arg)
{
	struct out_file f = {-1, false, path};
	GElf_Ehdr eh;
	Elf *elf;
	int r;

	elf_version(EV_CURRENT);
	f.fd = open(path, O_RDWR | O_CLOEXEC);
	if (f.fd < 0)
		return error("cannot open '%s': %s", path, strerror(errno));
	elf = elf_begin(f.fd, ELF_C_READ, NULL);
	if (!elf || elf_kind(elf) != ELF_K_ELF || !gelf_getehdr(elf, &eh)) {
		r = error("'%s' is not an ELF file: %s", path, elf_errmsg(-1));
	} else {
		f.msb = eh.e_ident[EI_DATA] == ELFDATA2MSB;
		r = edit(elf, &f, arg);
	}
	if (elf)
		elf_end(elf);
	if (close(f.fd) != 0 && r >= 0)
		r = error("cannot update '%s': %s", path, strerror(errno));
	return r;
}

struct weaken_args {
	glibcver target;
	const struct glibc_table *t;
};

static int
weaken_edit(Elf *elf, const struct out_file *f, const void *arg)
{
	const struct weaken_args *a = arg;

	return weaken(elf, f, a->target, a->t);
}

int
fixup_weak_needs(const char *path, glibcver target, const struct glibc_table *t)
{
	struct weaken_args a = {target, t};

	return edit_output(path, weaken_edit, &a);
}

/* Write each stub's library name over its stand-in in .dynstr (stub.c). */
static int
rename_stubs(Elf *elf, const struct out_file *f, const struct strvec *libs,
             const struct strvec *stubs)
{
	Elf_Scn *scn = NULL;
	GElf_Shdr sh, strsh;
	Elf_Data *d;

	while ((scn = elf_nextscn(elf, scn)) != NULL) {
		if (!gelf_getshdr(scn, &sh))
			return error("cannot read a section header of '%s': %s", f->path, elf_errmsg(-1));
		if (sh.sh_type == SHT_DYNAMIC)
			break;
	}
	if (!scn)
		return 0;
	scn = elf_getscn(elf, sh.sh_link);
	if (!scn || !gelf_getshdr(scn, &strsh) || strsh.sh_type != SHT_STRTAB ||
	    !(d = elf_rawdata(scn, NULL)))
		return error("cannot read the dynamic strings of '%s': %s", f->path, elf_errmsg(-1));
	for (size_t i = 0; i < libs->n && i < stubs->n; i++) {
		if (!stubs->v[i][0])
			continue;
		char *stand_in = stub_soname(libs->v[i]);
		size_t n = strlen(stand_in);
		const char *buf = d->d_buf;

		for (size_t off = 1; off + n < d->d_size; off++) {
			if (buf[off - 1] != '\0' || memcmp(buf + off, stand_in, n + 1) != 0)
				continue;
			VERBOSE("%s: need %s named %s", f->path, stand_in, libs->v[i]);
			if (pwrite(f->fd, libs->v[i] + n - 1, 1, (off_t)(strsh.sh_offset + off + n - 1)) != 1) {
				free(stand_in);
				return error("cannot update '%s': %s", f->path, strerror(errno));
			}
		}
		free(stand_in);
	}
	return 0;
}

struct rename_args {
	const struct strvec *libs, *stubs;
};

static int
rename_edit(Elf *elf, const struct out_file *f, const void *arg)
{
	const struct rename_args *a = arg;

	return rename_stubs(elf, f, a->libs, a->stubs);
}

int
fixup_stub_names(const char *path, const struct strvec *libs, const struct strvec *stubs)
{
	struct rename_args a = {libs, stubs};

	return stubs->n ? edit_output(path, rename_edit, &a) : 0;
}
