/*
 * emit.c: write the objects symcc adds to a link.
 * SPDX-License-Identifier: MIT-0
 *
 * Trampolines are written directly as ELF relocatable objects with libelf:
 * no assembler runs, so generating them costs microseconds.  Each one is
 *     __wrap_S:  endbr64; jmp S@GLIBC_V       (x86_64)
 * with a PLT32 relocation against the undefined symbol "S@GLIBC_V", which the
 * linker binds to that exact (possibly hidden) version, as `.symver` would.
 * The other architectures' sequences are in arches[] below.
 */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "emit.h"
#include "plan.h"
#include "util.h"

#ifndef R_X86_64_PLT32
#define R_X86_64_PLT32 4
#endif
#ifndef GNU_PROPERTY_X86_FEATURE_1_AND
#define GNU_PROPERTY_X86_FEATURE_1_AND 0xc0000002
#endif
#ifndef GNU_PROPERTY_AARCH64_FEATURE_1_AND
#define GNU_PROPERTY_AARCH64_FEATURE_1_AND 0xc0000000
#endif

/* One relocation of a trampoline: where, which type, and the addend (of
 * SHT_RELA arches; SHT_REL arches carry it in the code template); against
 * S@GLIBC_V, or with toc against the linker's .TOC. symbol. */
struct tramp_reloc {
	unsigned char off;
	unsigned type;
	int64_t addend;
	bool toc;
};

/* How one architecture spells a trampoline. */
struct tramp_arch {
	const char *arch;
	int machine, elfclass, elfdata;
	uint32_t flags;              /* e_flags */
	unsigned char code[40];      /* template of one trampoline */
	size_t slot;                 /* bytes per trampoline (template + padding) */
	size_t code_len;             /* meaningful bytes (the symbol's size) */
	struct tramp_reloc reloc[4];
	size_t nreloc;
	bool rel;                    /* SHT_REL (addend in place), else SHT_RELA */
	/* i686: a get-pc thunk placed once after the trampolines; each
	 * trampoline calls it with the rel32 at call_off */
	const unsigned char *thunk;
	size_t thunk_len, call_off;
	const char *mapsym;          /* ARM: the mapping symbol of the code */
	unsigned char st_other;      /* ppc64le: the local entry point field */
	uint32_t property;           /* GNU property (IBT|SHSTK, BTI|PAC), or 0 */
};

/* mov (%esp),%ecx; ret */
static const unsigned char i686_thunk[] = {0x8b, 0x0c, 0x24, 0xc3};

static const struct tramp_arch arches[] = {
	/* endbr64; jmp S@PLT */
	{.arch = "x86_64", .machine = EM_X86_64, .elfclass = ELFCLASS64, .elfdata = ELFDATA2LSB,
	 .code = {0xf3, 0x0f, 0x1e, 0xfa,
	          0xe9, 0, 0, 0, 0,
	          0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc},
	 .slot = 16, .code_len = 9, .reloc = {{5, R_X86_64_PLT32, -4}}, .nreloc = 1,
	 .property = GNU_PROPERTY_X86_FEATURE_1_AND},
	/* bti c; b S (a veneer or the PLT entry, as the linker needs) */
	{.arch = "aarch64", .machine = EM_AARCH64, .elfclass = ELFCLASS64, .elfdata = ELFDATA2LSB,
	 .code = {0x5f, 0x24, 0x03, 0xd5, 0x00, 0x00, 0x00, 0x14},
	 .slot = 8, .code_len = 8, .reloc = {{4, R_AARCH64_JUMP26, 0}}, .nreloc = 1,
	 .property = GNU_PROPERTY_AARCH64_FEATURE_1_AND},
	/* endbr32; call thunk (%ecx = return address); add $GOT-., %ecx;
	 * jmp *S@GOT(%ecx).  No PLT entry: those need %ebx = GOT in PIC code,
	 * and the caller's %ebx is not ours to rely on.  The thunk keeps
	 * call/ret paired for the shadow stack. */
	{.arch = "i686", .machine = EM_386, .elfclass = ELFCLASS32, .elfdata = ELFDATA2LSB,
	 .code = {0xf3, 0x0f, 0x1e, 0xfb,
	          0xe8, 0, 0, 0, 0,
	          0x81, 0xc1, 2, 0, 0, 0,      /* GOTPC: GOT + 2 - P = GOT - (end of call) */
	          0xff, 0xa1, 0, 0, 0, 0,
	          0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc},
	 .slot = 32, .code_len = 21, .reloc = {{11, R_386_GOTPC, 0}, {17, R_386_GOT32X, 0}},
	 .nreloc = 2, .rel = true, .thunk = i686_thunk, .thunk_len = sizeof(i686_thunk),
	 .call_off = 5, .property = GNU_PROPERTY_X86_FEATURE_1_AND},
	/* b S (ARM state; the linker adds interworking for Thumb callers) */
	{.arch = "armv7", .machine = EM_ARM, .elfclass = ELFCLASS32, .elfdata = ELFDATA2LSB,
	 .flags = EF_ARM_EABI_VER5 | 0x400 /* EF_ARM_ABI_FLOAT_HARD */,
	 .code = {0xfe, 0xff, 0xff, 0xea},   /* addend -8 in place */
	 .slot = 4, .code_len = 4, .reloc = {{0, R_ARM_JUMP24, 0}}, .nreloc = 1, .rel = true,
	 .mapsym = "$a"},
	/* jg S@PLT */
	{.arch = "s390x", .machine = EM_S390, .elfclass = ELFCLASS64, .elfdata = ELFDATA2MSB,
	 .code = {0xc0, 0xf4, 0, 0, 0, 0, 0x07, 0x07},
	 .slot = 8, .code_len = 6, .reloc = {{2, R_390_PLT32DBL, 2}}, .nreloc = 1},
	/* A tail call into another module returns to our caller with that
	 * module's TOC pointer in r2.  So __wrap_S says .localentry 1 ("needs no
	 * r2 on entry, does not preserve it"): ld then saves r2 before each call
	 * to it and turns the caller's nop into the restore.  The code finds
	 * its TOC from its own address (bcl), loads S@GOT into r12 (the global
	 * entry point's convention) and branches:
	 *   mflr 0; bcl 20,31,1f; 1: mflr 12; mtlr 0;
	 *   addis 2,12,(.TOC.-1b)@ha; addi 2,2,(.TOC.-1b)@l;
	 *   addis 12,2,S@got@ha; ld 12,S@got@l(12); mtctr 12; bctr */
	{.arch = "ppc64le", .machine = EM_PPC64, .elfclass = ELFCLASS64, .elfdata = ELFDATA2LSB,
	 .flags = 2 /* ELFv2 */,
	 .code = {0xa6, 0x02, 0x08, 0x7c, 0x05, 0x00, 0x9f, 0x42, 0xa6, 0x02, 0x88, 0x7d,
	          0xa6, 0x03, 0x08, 0x7c, 0x00, 0x00, 0x4c, 0x3c, 0x00, 0x00, 0x42, 0x38,
	          0x00, 0x00, 0x82, 0x3d, 0x00, 0x00, 0x8c, 0xe9, 0xa6, 0x03, 0x89, 0x7d,
	          0x20, 0x04, 0x80, 0x4e},
	 .slot = 40, .code_len = 40,
	 .reloc = {{0x10, R_PPC64_REL16_HA, 8, true}, {0x14, R_PPC64_REL16_LO, 0xc, true},
	           {0x18, R_PPC64_GOT16_HA, 0, false}, {0x1c, R_PPC64_GOT16_LO_DS, 0, false}},
	 .nreloc = 4, .st_other = 1 << 5 /* STO_PPC64_LOCAL: 1 */},
	/* tail S: auipc t1, 0; jalr zero, 0(t1) */
	{.arch = "riscv64", .machine = EM_RISCV, .elfclass = ELFCLASS64, .elfdata = ELFDATA2LSB,
	 .flags = 0x0004 /* EF_RISCV_FLOAT_ABI_DOUBLE */,
	 .code = {0x17, 0x03, 0x00, 0x00, 0x67, 0x00, 0x03, 0x00},
	 .slot = 8, .code_len = 8, .reloc = {{0, R_RISCV_CALL_PLT, 0}}, .nreloc = 1},
};

static const struct tramp_arch *
find_arch(const char *arch)
{
	for (size_t i = 0; i < sizeof(arches) / sizeof(arches[0]); i++)
		if (strcmp(arches[i].arch, arch) == 0)
			return &arches[i];
	return NULL;
}

int
emit_supports(const char *arch)
{
	return find_arch(arch) != NULL;
}

int
emit_arch_ident(const char *arch, struct elf_ident *id)
{
	const struct tramp_arch *a = find_arch(arch);

	if (!a)
		return error("symcc cannot write objects for architecture '%s' yet", arch);
	id->machine = a->machine;
	id->elfclass = a->elfclass;
	id->elfdata = a->elfdata;
	id->flags = a->flags;
	return 0;
}

int
new_ehdr(Elf *elf, const char *path, const struct elf_ident *id, GElf_Half type)
{
	GElf_Ehdr eh;

	if (!gelf_newehdr(elf, id->elfclass) || !gelf_getehdr(elf, &eh))
		return error("cannot create ELF header of '%s': %s", path, elf_errmsg(-1));
	eh.e_ident[EI_DATA] = (unsigned char)id->elfdata;
	eh.e_machine = (GElf_Half)id->machine;
	eh.e_type = type;
	eh.e_version = EV_CURRENT;
	eh.e_flags = id->flags;
	if (!gelf_update_ehdr(elf, &eh))
		return error("cannot create ELF header of '%s': %s", path, elf_errmsg(-1));
	return 0;
}

size_t
strtab_add(struct strtab *s, const char *str)
{
	size_t n = strlen(str) + 1, off = s->len;

	if (s->len + n > s->cap) {
		s->cap = (s->len + n) * 2 + 64;
		s->buf = xreallocarray(s->buf, s->cap, 1);
	}
	memcpy(s->buf + s->len, str, n);
	s->len += n;
	return off;
}

Elf_Scn *
new_section(Elf *elf, const char *path, const char *name, struct strtab *shstr,
            GElf_Word type, GElf_Xword flags, void *buf, size_t size, size_t align,
            Elf_Type dtype)
{
	Elf_Scn *scn = elf_newscn(elf);
	Elf_Data *d;
	GElf_Shdr sh;

	if (!scn || !(d = elf_newdata(scn)) || !gelf_getshdr(scn, &sh)) {
		error("cannot create section %s in '%s': %s", name, path, elf_errmsg(-1));
		return NULL;
	}
	d->d_buf = buf;
	d->d_size = size;
	d->d_align = align;
	d->d_type = dtype;
	d->d_version = EV_CURRENT;
	sh.sh_name = (GElf_Word)strtab_add(shstr, name);
	sh.sh_type = type;
	sh.sh_flags = flags;
	sh.sh_addralign = align;
	if (!gelf_update_shdr(scn, &sh)) {
		error("cannot create section %s in '%s': %s", name, path, elf_errmsg(-1));
		return NULL;
	}
	return scn;
}

int
set_link(Elf_Scn *scn, GElf_Word link, GElf_Word info, GElf_Xword entsize, const char *path)
{
	GElf_Shdr sh;

	if (!gelf_getshdr(scn, &sh))
		return error("cannot update a section of '%s': %s", path, elf_errmsg(-1));
	sh.sh_link = link;
	sh.sh_info = info;
	sh.sh_entsize = entsize;
	if (!gelf_update_shdr(scn, &sh))
		return error("cannot update a section of '%s': %s", path, elf_errmsg(-1));
	return 0;
}

/* The NT_GNU_PROPERTY_TYPE_0 note with one feature-and property, value 3
 * (x86: IBT | SHSTK; aarch64: BTI | PAC), padded to the class's alignment. */
static size_t
property_note(const struct tramp_arch *a, uint32_t note[8])
{
	bool is64 = a->elfclass == ELFCLASS64;

	note[0] = 4;
	note[1] = is64 ? 16 : 12;
	note[2] = 5;            /* NT_GNU_PROPERTY_TYPE_0 */
	note[3] = 0x554e47;     /* "GNU\0" */
	note[4] = a->property;
	note[5] = 4;
	note[6] = 3;
	note[7] = 0;
	return is64 ? 32 : 28;
}

static void
put32(unsigned char *p, uint32_t v, int elfdata)
{
	for (int i = 0; i < 4; i++)
		p[elfdata == ELFDATA2LSB ? i : 3 - i] = (unsigned char)(v >> (8 * i));
}

static int
write_object(const struct tramp_arch *a, const struct plan *p, size_t npin,
             Elf *elf, const char *path)
{
	struct strtab shstr = {0}, str = {0};
	size_t textlen = npin * a->slot + (a->thunk ? a->thunk_len : 0);
	unsigned char *code = xcalloc(textlen ? textlen : 1, 1);
	size_t maxsyms = 4 + 2 * npin, nrel = npin * a->nreloc;
	GElf_Sym *syms = xcalloc(maxsyms, sizeof(*syms));
	Elf_Type rtype = a->rel ? ELF_T_REL : ELF_T_RELA;
	size_t symsz, relsz;
	void *symbuf = NULL, *relbuf = NULL;
	uint32_t note[8];
	size_t notelen = property_note(a, note);
	Elf_Scn *text, *rel, *symtab, *strs, *shs;
	Elf_Data *symd, *reld;
	const struct elf_ident id = {a->machine, a->elfclass, a->elfdata, a->flags};
	GElf_Ehdr eh;
	size_t k = 0, nsyms = 2, nlocal, toc = 0;
	int r = -1;

	strtab_add(&shstr, "");
	strtab_add(&str, "");
	if (new_ehdr(elf, path, &id, ET_REL) < 0)
		goto out;
	symsz = gelf_fsize(elf, ELF_T_SYM, 1, EV_CURRENT);
	relsz = gelf_fsize(elf, rtype, 1, EV_CURRENT);
	/* the in-memory structures of this class have their file sizes */
	symbuf = xcalloc(maxsyms, symsz);
	relbuf = xcalloc(nrel ? nrel : 1, relsz);
	/* symbols: [0] null, [1] .text section, [2] a mapping symbol; then per
	 * pin __wrap_S, S@V */
	syms[1].st_info = GELF_ST_INFO(STB_LOCAL, STT_SECTION);
	syms[1].st_shndx = 1;
	if (a->mapsym) {
		syms[nsyms].st_name = (GElf_Word)strtab_add(&str, a->mapsym);
		syms[nsyms].st_info = GELF_ST_INFO(STB_LOCAL, STT_NOTYPE);
		syms[nsyms].st_shndx = 1;
		nsyms++;
	}
	nlocal = nsyms;
	for (size_t j = 0; j < a->nreloc; j++)
		if (a->reloc[j].toc && toc == 0) {
			toc = nsyms;
			syms[nsyms].st_name = (GElf_Word)strtab_add(&str, ".TOC.");
			syms[nsyms].st_info = GELF_ST_INFO(STB_GLOBAL, STT_NOTYPE);
			syms[nsyms].st_shndx = SHN_UNDEF;
			nsyms++;
		}
	text = new_section(elf, path, ".text", &shstr, SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR,
	                   code, textlen, 16, ELF_T_BYTE);
	rel = new_section(elf, path, a->rel ? ".rel.text" : ".rela.text", &shstr,
	                  a->rel ? SHT_REL : SHT_RELA, SHF_INFO_LINK,
	                  relbuf, nrel * relsz, a->elfclass == ELFCLASS64 ? 8 : 4, rtype);
	if (!text || !rel)
		goto out;
	reld = elf_getdata(rel, NULL);
	for (size_t i = 0; i < p->nitems; i++) {
		const struct plan_item *it = &p->items[i];
		size_t off = a->slot * k;
		char *wrap;

		if (it->kind != DEC_PIN)
			continue;
		memcpy(code + off, a->code, a->slot);
		if (a->thunk)
			put32(code + off + a->call_off,
			      (uint32_t)(npin * a->slot - (off + a->call_off + 4)), a->elfdata);
		wrap = xasprintf("__wrap_%s", it->name);
		syms[nsyms].st_name = (GElf_Word)strtab_add(&str, wrap);
		syms[nsyms].st_info = GELF_ST_INFO(STB_GLOBAL, STT_FUNC);
		syms[nsyms].st_other = STV_HIDDEN | a->st_other;
		syms[nsyms].st_shndx = 1;
		syms[nsyms].st_value = off;
		syms[nsyms].st_size = a->code_len;
		nsyms++;
		free(wrap);
		syms[nsyms].st_name = (GElf_Word)strtab_add(&str, it->symver);
		syms[nsyms].st_info = GELF_ST_INFO(STB_GLOBAL, STT_NOTYPE);
		syms[nsyms].st_shndx = SHN_UNDEF;
		for (size_t j = 0; j < a->nreloc; j++) {
			GElf_Rela ra = {.r_offset = off + a->reloc[j].off,
			                .r_info = GELF_R_INFO(a->reloc[j].toc ? toc : nsyms,
			                                      a->reloc[j].type),
			                .r_addend = a->reloc[j].addend};
			GElf_Rel rl = {.r_offset = ra.r_offset, .r_info = ra.r_info};
			int ndx = (int)(k * a->nreloc + j);

			/* GElf's r_info: libelf packs it for the class */
			if (!(a->rel ? gelf_update_rel(reld, ndx, &rl) : gelf_update_rela(reld, ndx, &ra))) {
				error("cannot write a relocation in '%s': %s", path, elf_errmsg(-1));
				goto out;
			}
		}
		nsyms++;
		k++;
	}
	if (a->thunk)
		memcpy(code + npin * a->slot, a->thunk, a->thunk_len);
	symtab = new_section(elf, path, ".symtab", &shstr, SHT_SYMTAB, 0,
	                     symbuf, nsyms * symsz, 8, ELF_T_SYM);
	strs = new_section(elf, path, ".strtab", &shstr, SHT_STRTAB, 0, NULL, 0, 1, ELF_T_BYTE);
	if (!symtab || !strs)
		goto out;
	symd = elf_getdata(symtab, NULL);
	for (size_t i = 0; i < nsyms; i++)
		if (!gelf_update_sym(symd, (int)i, &syms[i])) {
			error("cannot write a symbol in '%s': %s", path, elf_errmsg(-1));
			goto out;
		}
	if (!new_section(elf, path, ".note.GNU-stack", &shstr, SHT_PROGBITS, 0, NULL, 0, 1,
	                 ELF_T_BYTE))
		goto out;
	if (a->property &&
	    !new_section(elf, path, ".note.gnu.property", &shstr, SHT_NOTE, SHF_ALLOC,
	                 note, notelen, a->elfclass == ELFCLASS64 ? 8 : 4, ELF_T_WORD))
		goto out;
	shs = new_section(elf, path, ".shstrtab", &shstr, SHT_STRTAB, 0, NULL, 0, 1, ELF_T_BYTE);
	if (!shs)
		goto out;
	/* string tables are complete only now */
	elf_getdata(strs, NULL)->d_buf = str.buf;
	elf_getdata(strs, NULL)->d_size = str.len;
	elf_getdata(shs, NULL)->d_buf = shstr.buf;
	elf_getdata(shs, NULL)->d_size = shstr.len;
	if (set_link(rel, (GElf_Word)elf_ndxscn(symtab), (GElf_Word)elf_ndxscn(text),
	             relsz, path) < 0 ||
	    set_link(symtab, (GElf_Word)elf_ndxscn(strs), (GElf_Word)nlocal, symsz, path) < 0)
		goto out;
	if (!gelf_getehdr(elf, &eh)) {
		error("cannot write '%s': %s", path, elf_errmsg(-1));
		goto out;
	}
	eh.e_shstrndx = (GElf_Half)elf_ndxscn(shs);   /* a handful of sections: no extension needed */
	if (!gelf_update_ehdr(elf, &eh)) {
		error("cannot write '%s': %s", path, elf_errmsg(-1));
		goto out;
	}
	if (elf_update(elf, ELF_C_WRITE) < 0) {
		error("cannot write '%s': %s", path, elf_errmsg(-1));
		goto out;
	}
	r = 0;
out:
	free(code);
	free(syms);
	free(symbuf);
	free(relbuf);
	free(str.buf);
	free(shstr.buf);
	return r;
}

int
write_elf_file(const char *path, int (*fill)(Elf *elf, const char *path, const void *arg),
               const void *arg)
{
	int fd, r;
	Elf *elf;

	elf_version(EV_CURRENT);
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return error("cannot create '%s': %s", path, strerror(errno));
	elf = elf_begin(fd, ELF_C_WRITE, NULL);
	if (!elf) {
		close(fd);
		return error("cannot write '%s': %s", path, elf_errmsg(-1));
	}
	r = fill(elf, path, arg);
	elf_end(elf);
	if (close(fd) != 0 && r == 0)
		r = error("cannot write '%s': %s", path, strerror(errno));
	return r;
}

struct tramp_job {
	const struct tramp_arch *a;
	const struct plan *p;
	size_t npin;
};

static int
fill_trampolines(Elf *elf, const char *path, const void *arg)
{
	const struct tramp_job *j = arg;

	return write_object(j->a, j->p, j->npin, elf, path);
}

int
emit_trampolines(const char *arch, const struct plan *p, const char *path)
{
	struct tramp_job j = {find_arch(arch), p, 0};

	if (!j.a)
		return error("symcc cannot write trampolines for architecture '%s' yet", arch);
	for (size_t i = 0; i < p->nitems; i++)
		if (p->items[i].kind == DEC_PIN)
			j.npin++;
	return write_elf_file(path, fill_trampolines, &j);
}

int
emit_blob(const void *data, size_t len, const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	const char *p = data;

	if (fd < 0)
		return error("cannot create '%s': %s", path, strerror(errno));
	while (len > 0) {
		ssize_t w = write(fd, p, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			int e = w < 0 ? errno : ENOSPC;
			close(fd);
			return error("cannot write '%s': %s", path, strerror(e));
		}
		p += w;
		len -= (size_t)w;
	}
	if (close(fd) != 0)
		return error("cannot write '%s': %s", path, strerror(errno));
	return 0;
}

/* The architecture the embedded shims archive was built for. */
const char symcc_shims_arch[] = SYMCC_SHIMS_ARCH;
