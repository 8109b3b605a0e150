/*
 * emit.c: write the objects symcc adds to a link.
 * SPDX-License-Identifier: MIT-0
 *
 * Trampolines are written directly as ELF relocatable objects with libelf:
 * no assembler runs, so generating them costs microseconds.  Each one is
 *     __wrap_S:  endbr64; jmp S@GLIBC_V       (x86_64)
 * with a PLT32 relocation against the undefined symbol "S@GLIBC_V", which the
 * linker binds to that exact (possibly hidden) version, as `.symver` would.
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

/* How one architecture spells a trampoline. */
struct tramp_arch {
	const char *arch;
	int machine, elfclass, elfdata;
	unsigned char code[16];   /* template, 16 bytes per trampoline */
	size_t code_len;          /* meaningful bytes (the rest is padding) */
	size_t reloc_off;         /* where the relocation applies */
	unsigned reloc_type;
	int64_t addend;
	bool x86_cet_note;        /* emit the IBT/SHSTK property note */
};

static const struct tramp_arch arches[] = {
	{"x86_64", EM_X86_64, ELFCLASS64, ELFDATA2LSB,
	 {0xf3, 0x0f, 0x1e, 0xfa,            /* endbr64 */
	  0xe9, 0, 0, 0, 0,                  /* jmp rel32 */
	  0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc},
	 9, 5, R_X86_64_PLT32, -4, true},
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

/* A growing string table. */
struct strtab {
	char *buf;
	size_t len, cap;
};

static size_t
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

static Elf_Scn *
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

static int
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

static int
write_object(const struct tramp_arch *a, const struct plan *p, size_t npin,
             Elf *elf, const char *path)
{
	struct strtab shstr = {0}, str = {0};
	unsigned char *code = xcalloc(npin ? npin : 1, 16);
	Elf64_Sym *syms = xcalloc(2 + 2 * npin, sizeof(*syms));
	Elf64_Rela *rela = xcalloc(npin ? npin : 1, sizeof(*rela));
	uint32_t note[8] = {4, 16, 5, 0x554e47 /* "GNU\0" */,
	                    GNU_PROPERTY_X86_FEATURE_1_AND, 4, 3 /* IBT | SHSTK */, 0};
	Elf_Scn *text, *rel, *symtab, *strs, *shs;
	GElf_Ehdr eh;
	size_t k = 0, nsyms = 2;
	int r = -1;

	strtab_add(&shstr, "");
	strtab_add(&str, "");
	if (!gelf_newehdr(elf, a->elfclass) || !gelf_getehdr(elf, &eh)) {
		error("cannot create ELF header of '%s': %s", path, elf_errmsg(-1));
		goto out;
	}
	eh.e_ident[EI_DATA] = (unsigned char)a->elfdata;
	eh.e_machine = (GElf_Half)a->machine;
	eh.e_type = ET_REL;
	eh.e_version = EV_CURRENT;
	if (!gelf_update_ehdr(elf, &eh)) {
		error("cannot create ELF header of '%s': %s", path, elf_errmsg(-1));
		goto out;
	}
	/* symbols: [0] null, [1] .text section; then per pin __wrap_S, S@V */
	syms[1].st_info = ELF64_ST_INFO(STB_LOCAL, STT_SECTION);
	syms[1].st_shndx = 1;
	for (size_t i = 0; i < p->nitems; i++) {
		const struct plan_item *it = &p->items[i];
		char *wrap;

		if (it->kind != DEC_PIN)
			continue;
		memcpy(code + 16 * k, a->code, 16);
		wrap = xasprintf("__wrap_%s", it->name);
		syms[nsyms].st_name = (Elf64_Word)strtab_add(&str, wrap);
		syms[nsyms].st_info = ELF64_ST_INFO(STB_GLOBAL, STT_FUNC);
		syms[nsyms].st_other = STV_HIDDEN;
		syms[nsyms].st_shndx = 1;
		syms[nsyms].st_value = 16 * k;
		syms[nsyms].st_size = a->code_len;
		nsyms++;
		free(wrap);
		syms[nsyms].st_name = (Elf64_Word)strtab_add(&str, it->symver);
		syms[nsyms].st_info = ELF64_ST_INFO(STB_GLOBAL, STT_NOTYPE);
		syms[nsyms].st_shndx = SHN_UNDEF;
		rela[k].r_offset = 16 * k + a->reloc_off;
		rela[k].r_info = ELF64_R_INFO(nsyms, a->reloc_type);
		rela[k].r_addend = a->addend;
		nsyms++;
		k++;
	}
	text = new_section(elf, path, ".text", &shstr, SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR,
	                   code, 16 * k, 16, ELF_T_BYTE);
	rel = new_section(elf, path, ".rela.text", &shstr, SHT_RELA, SHF_INFO_LINK,
	                  rela, k * sizeof(*rela), 8, ELF_T_RELA);
	symtab = new_section(elf, path, ".symtab", &shstr, SHT_SYMTAB, 0,
	                     syms, nsyms * sizeof(*syms), 8, ELF_T_SYM);
	strs = new_section(elf, path, ".strtab", &shstr, SHT_STRTAB, 0, NULL, 0, 1, ELF_T_BYTE);
	if (!text || !rel || !symtab || !strs)
		goto out;
	if (!new_section(elf, path, ".note.GNU-stack", &shstr, SHT_PROGBITS, 0, NULL, 0, 1,
	                 ELF_T_BYTE))
		goto out;
	if (a->x86_cet_note &&
	    !new_section(elf, path, ".note.gnu.property", &shstr, SHT_NOTE, SHF_ALLOC,
	                 note, sizeof(note), 8, ELF_T_WORD))
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
	             sizeof(Elf64_Rela), path) < 0 ||
	    set_link(symtab, (GElf_Word)elf_ndxscn(strs), 2, sizeof(Elf64_Sym), path) < 0)
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
	free(rela);
	free(str.buf);
	free(shstr.buf);
	return r;
}

int
emit_trampolines(const char *arch, const struct plan *p, const char *path)
{
	const struct tramp_arch *a = find_arch(arch);
	size_t npin = 0;
	int fd, r;
	Elf *elf;

	if (!a)
		return error("symcc cannot write trampolines for architecture '%s' yet", arch);
	for (size_t i = 0; i < p->nitems; i++)
		if (p->items[i].kind == DEC_PIN)
			npin++;
	elf_version(EV_CURRENT);
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return error("cannot create '%s': %s", path, strerror(errno));
	elf = elf_begin(fd, ELF_C_WRITE, NULL);
	if (!elf) {
		close(fd);
		return error("cannot write '%s': %s", path, elf_errmsg(-1));
	}
	r = write_object(a, p, npin, elf, path);
	elf_end(elf);
	if (close(fd) != 0 && r == 0)
		r = error("cannot write '%s': %s", path, strerror(errno));
	return r;
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
