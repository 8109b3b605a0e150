/*
 * fixup.c: small in-place edits of the linked output before verify.
 * SPDX-License-Identifier: MIT-0
 *
 * A weak reference to a function the target lacks must stay NULL there.
 * The linker still records its version (say GLIBC_2.36) as a plain need,
 * and an old ld.so refuses to load the file for it.  Flagging the need
 * VER_FLG_WEAK makes ld.so accept its absence (glibc's match_symbol has
 * honoured the flag since the 2.1 days) while new glibc still binds it.
 * Only the vna_flags field changes: no size or layout change.
 */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixup.h"
#include "util.h"
#include "verify.h"

/* Version indexes that some strong undefined symbol uses. */
static int
strong_indexes(Elf *elf, Elf_Scn *dynsym, Elf_Scn *versym, bool *strong, size_t nstrong,
               const char *path)
{
	GElf_Shdr sm, *sh = gelf_getshdr(dynsym, &sm);
	Elf_Data *sd = elf_getdata(dynsym, NULL), *vd = elf_getdata(versym, NULL);

	(void)elf;
	if (!sh || !sd || !vd || sh->sh_entsize == 0)
		return error("cannot read dynamic symbols of '%s': %s", path, elf_errmsg(-1));
	for (size_t i = 1; i < sh->sh_size / sh->sh_entsize; i++) {
		GElf_Sym s;
		GElf_Versym v;

		if (!gelf_getsym(sd, (int)i, &s) || !gelf_getversym(vd, (int)i, &v))
			return error("cannot read dynamic symbols of '%s': %s", path, elf_errmsg(-1));
		if (s.st_shndx == SHN_UNDEF && GELF_ST_BIND(s.st_info) != STB_WEAK &&
		    (v & 0x7fff) < nstrong)
			strong[v & 0x7fff] = true;
	}
	return 0;
}

/* Set VER_FLG_WEAK in the vernaux at file offset off. */
static int
write_flags(int fd, off_t off, GElf_Half flags, bool msb, const char *path)
{
	unsigned char b[2];

	b[msb ? 0 : 1] = (unsigned char)(flags >> 8);
	b[msb ? 1 : 0] = (unsigned char)flags;
	if (pwrite(fd, b, 2, off) != 2)
		return error("cannot update '%s': %s", path, strerror(errno));
	return 0;
}

static int
weaken(Elf *elf, int fd, const char *path, glibcver target)
{
	Elf_Scn *scn = NULL, *dynsym = NULL, *versym = NULL, *verneed = NULL;
	GElf_Ehdr eh;
	GElf_Shdr vsh;
	Elf_Data *d;
	bool strong[0x8000] = {0};
	size_t off = 0;
	int changed = 0;

	if (!gelf_getehdr(elf, &eh))
		return error("cannot read ELF header of '%s': %s", path, elf_errmsg(-1));
	while ((scn = elf_nextscn(elf, scn)) != NULL) {
		GElf_Shdr sh;
		if (!gelf_getshdr(scn, &sh))
			return error("cannot read a section header of '%s': %s", path, elf_errmsg(-1));
		if (sh.sh_type == SHT_DYNSYM)
			dynsym = scn;
		else if (sh.sh_type == SHT_GNU_versym)
			versym = scn;
		else if (sh.sh_type == SHT_GNU_verneed)
			verneed = scn;
	}
	if (!dynsym || !versym || !verneed)
		return 0;
	if (strong_indexes(elf, dynsym, versym, strong, 0x8000, path) < 0)
		return -1;
	if (!gelf_getshdr(verneed, &vsh) || !(d = elf_getdata(verneed, NULL)))
		return error("cannot read version requirements of '%s': %s", path, elf_errmsg(-1));
	for (size_t i = 0; i < vsh.sh_info; i++) {
		GElf_Verneed vn;
		size_t aoff;

		if (!gelf_getverneed(d, (int)off, &vn))
			return error("malformed version requirements in '%s'", path);
		aoff = off + vn.vn_aux;
		for (size_t j = 0; j < vn.vn_cnt; j++) {
			GElf_Vernaux va;
			const char *name;
			glibcver v;

			if (!gelf_getvernaux(d, (int)aoff, &va))
				return error("malformed version requirements in '%s'", path);
			name = elf_strptr(elf, vsh.sh_link, va.vna_name);
			if (name && glibc_version_of(name, &v) == 0 && v > target &&
			    !strong[va.vna_other & 0x7fff] && !(va.vna_flags & VER_FLG_WEAK)) {
				/* vna_flags follows the 4-byte vna_hash in both ELF classes */
				if (write_flags(fd, (off_t)(vsh.sh_offset + aoff + 4),
				                va.vna_flags | VER_FLG_WEAK,
				                eh.e_ident[EI_DATA] == ELFDATA2MSB, path) < 0)
					return -1;
				VERBOSE("%s: version need %s made weak (weak references only)", path, name);
				changed++;
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

int
fixup_weak_needs(const char *path, glibcver target)
{
	int fd, r;
	Elf *elf;

	elf_version(EV_CURRENT);
	fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return error("cannot open '%s': %s", path, strerror(errno));
	elf = elf_begin(fd, ELF_C_READ, NULL);
	if (!elf || elf_kind(elf) != ELF_K_ELF) {
		r = error("'%s' is not an ELF file: %s", path, elf_errmsg(-1));
	} else {
		r = weaken(elf, fd, path, target);
	}
	if (elf)
		elf_end(elf);
	if (close(fd) != 0 && r >= 0)
		r = error("cannot update '%s': %s", path, strerror(errno));
	return r;
}
