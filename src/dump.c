/*
 * dump.c: list the GLIBC_* symbol versions a shared object defines.
 * SPDX-License-Identifier: MIT-0
 */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dump.h"

/* Version names of one object, indexed by vd_ndx; NULL where undefined. */
struct vernames {
	const char **name;
	size_t n;
};

/* Reports a libelf failure on path; returns -1. */
static int
elf_fail(const char *path)
{
	fprintf(stderr, "symcc: error: cannot read dynamic symbols of '%s': %s\n",
	        path, elf_errmsg(-1));
	return -1;
}

/* Reports a malformed object; returns -1. */
static int
bad(const char *path, const char *why)
{
	fprintf(stderr, "symcc: error: cannot read dynamic symbols of '%s': %s\n",
	        path, why);
	return -1;
}

/* Points *soname at the DT_SONAME string, or leaves it alone if none. */
static int
read_soname(Elf *elf, const char *path, Elf_Scn *scn, const char **soname)
{
	GElf_Shdr shmem;
	GElf_Shdr *sh = gelf_getshdr(scn, &shmem);
	if (sh == NULL)
		return elf_fail(path);
	if (sh->sh_entsize == 0)
		return bad(path, ".dynamic has sh_entsize 0");
	Elf_Data *data = elf_getdata(scn, NULL);
	if (data == NULL)
		return elf_fail(path);
	size_t n = sh->sh_size / sh->sh_entsize;
	for (size_t i = 0; i < n; i++) {
		GElf_Dyn dynmem;
		GElf_Dyn *dyn = gelf_getdyn(data, (int)i, &dynmem);
		if (dyn == NULL)
			return elf_fail(path);
		if (dyn->d_tag == DT_NULL)
			break;
		if (dyn->d_tag == DT_SONAME) {
			const char *s = elf_strptr(elf, sh->sh_link, dyn->d_un.d_val);
			if (s == NULL)
				return elf_fail(path);
			*soname = s;
			break;
		}
	}
	return 0;
}

/* Walks .gnu.version_d (bounds-checked like elflint's check_verdef) and
 * records the name of each non-base version definition by its index. */
static int
read_verdefs(Elf *elf, const char *path, Elf_Scn *scn, struct vernames *vn)
{
	GElf_Shdr shmem;
	GElf_Shdr *sh = gelf_getshdr(scn, &shmem);
	if (sh == NULL)
		return elf_fail(path);
	Elf_Data *data = elf_getdata(scn, NULL);
	if (data == NULL)
		return elf_fail(path);
	size_t defsz = gelf_fsize(elf, ELF_T_VDEF, 1, EV_CURRENT);
	size_t auxsz = gelf_fsize(elf, ELF_T_VDAUX, 1, EV_CURRENT);
	if (defsz == 0 || auxsz == 0)
		return elf_fail(path);
	if (data->d_size > INT_MAX)
		return bad(path, ".gnu.version_d is too large");

	size_t offset = 0;
	for (size_t cnt = sh->sh_info; cnt > 0; cnt--) {
		if (offset > data->d_size || data->d_size - offset < defsz)
			return bad(path, "version definition outside .gnu.version_d");
		GElf_Verdef defmem;
		GElf_Verdef *def = gelf_getverdef(data, (int)offset, &defmem);
		if (def == NULL)
			return elf_fail(path);
		if (def->vd_version != VER_DEF_CURRENT)
			return bad(path, "unknown version definition revision");
		if (def->vd_cnt == 0)
			return bad(path, "version definition without a name");
		size_t auxoff = offset + def->vd_aux;
		if (auxoff > data->d_size || data->d_size - auxoff < auxsz)
			return bad(path, "version name outside .gnu.version_d");
		GElf_Verdaux auxmem;
		GElf_Verdaux *aux = gelf_getverdaux(data, (int)auxoff, &auxmem);
		if (aux == NULL)
			return elf_fail(path);
		const char *name = elf_strptr(elf, sh->sh_link, aux->vda_name);
		if (name == NULL)
			return elf_fail(path);
		if (elf_hash(name) != def->vd_hash)
			return bad(path, "version definition hash does not match its name");

		size_t ndx = def->vd_ndx & 0x7fff;
		if (!(def->vd_flags & VER_FLG_BASE)) {
			if (ndx >= vn->n) {
				const char **p = realloc(vn->name, (ndx + 1) * sizeof(*p));
				if (p == NULL)
					return bad(path, strerror(errno));
				memset(p + vn->n, 0, (ndx + 1 - vn->n) * sizeof(*p));
				vn->name = p;
				vn->n = ndx + 1;
			}
			vn->name[ndx] = name;
		}

		if (def->vd_next == 0) {
			if (cnt > 1)
				return bad(path, "version definition chain ends early");
			break;
		}
		offset += def->vd_next;
	}
	return 0;
}

static char
symtype(unsigned char info)
{
	switch (GELF_ST_TYPE(info)) {
	case STT_FUNC:
	case STT_GNU_IFUNC:
		return 'F';
	case STT_OBJECT:
	case STT_COMMON:
		return 'O';
	case STT_TLS:
		return 'T';
	default:
		return 'N';
	}
}

/* Prints the GLIBC_* definitions of the .dynsym in scn. */
static int
list_symbols(Elf *elf, const char *path, const char *soname, Elf_Scn *scn,
             Elf_Scn *versym, const struct vernames *vn)
{
	GElf_Shdr shmem;
	GElf_Shdr *sh = gelf_getshdr(scn, &shmem);
	if (sh == NULL)
		return elf_fail(path);
	if (sh->sh_entsize == 0)
		return bad(path, ".dynsym has sh_entsize 0");
	Elf_Data *symdata = elf_getdata(scn, NULL);
	if (symdata == NULL)
		return elf_fail(path);
	Elf_Data *verdata = elf_getdata(versym, NULL);
	if (verdata == NULL)
		return elf_fail(path);

	size_t n = sh->sh_size / sh->sh_entsize;
	if (n > INT_MAX)
		return bad(path, ".dynsym is too large");
	for (size_t i = 1; i < n; i++) {
		GElf_Sym symmem;
		GElf_Sym *sym = gelf_getsym(symdata, (int)i, &symmem);
		if (sym == NULL)
			return elf_fail(path);
		if (sym->st_shndx == SHN_UNDEF || GELF_ST_BIND(sym->st_info) == STB_LOCAL)
			continue;
		GElf_Versym vsmem;
		GElf_Versym *vs = gelf_getversym(verdata, (int)i, &vsmem);
		if (vs == NULL)
			return elf_fail(path);
		size_t ndx = *vs & 0x7fff;
		if (ndx == VER_NDX_LOCAL || ndx == VER_NDX_GLOBAL)
			continue;
		if (ndx >= vn->n || vn->name[ndx] == NULL)
			return bad(path, "a symbol's version has no definition");
		const char *ver = vn->name[ndx];
		if (strncmp(ver, "GLIBC_", 6) != 0 || strcmp(ver, "GLIBC_PRIVATE") == 0)
			continue;
		const char *name = elf_strptr(elf, sh->sh_link, sym->st_name);
		if (name == NULL)
			return elf_fail(path);
		/* the symbol ld creates to name the version node itself */
		if (sym->st_shndx == SHN_ABS && sym->st_value == 0 && strcmp(name, ver) == 0)
			continue;
		char type = symtype(sym->st_info);
		uint64_t size = type == 'O' || type == 'T' ? sym->st_size : 0;
		printf("%s %s %s %c %" PRIu64 " %c\n", soname, name, ver, type, size,
		       (*vs & 0x8000) ? 'c' : 'd');
	}
	return 0;
}

static int
dump_elf(Elf *elf, const char *path)
{
	Elf_Scn *dynsym = NULL, *versym = NULL, *verdef = NULL, *dynamic = NULL;
	Elf_Scn *scn = NULL;
	while ((scn = elf_nextscn(elf, scn)) != NULL) {
		GElf_Shdr shmem;
		GElf_Shdr *sh = gelf_getshdr(scn, &shmem);
		if (sh == NULL)
			return elf_fail(path);
		switch (sh->sh_type) {
		case SHT_DYNSYM: dynsym = scn; break;
		case SHT_GNU_versym: versym = scn; break;
		case SHT_GNU_verdef: verdef = scn; break;
		case SHT_DYNAMIC: dynamic = scn; break;
		}
	}
	if (dynsym == NULL)
		return bad(path, "no .dynsym section");
	if (verdef == NULL)
		return 0; /* defines no versions at all */
	if (versym == NULL)
		return bad(path, ".gnu.version_d without .gnu.version");

	const char *soname = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	if (dynamic != NULL && read_soname(elf, path, dynamic, &soname) != 0)
		return -1;

	struct vernames vn = {NULL, 0};
	int ret = read_verdefs(elf, path, verdef, &vn);
	if (ret == 0)
		ret = list_symbols(elf, path, soname, dynsym, versym, &vn);
	free(vn.name);
	return ret;
}

static int
dump_file(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "symcc: error: cannot open '%s': %s\n", path, strerror(errno));
		return -1;
	}
	int ret = -1;
	Elf *elf = elf_begin(fd, ELF_C_READ_MMAP, NULL);
	if (elf == NULL)
		elf_fail(path);
	else if (elf_kind(elf) != ELF_K_ELF)
		bad(path, "not an ELF file");
	else
		ret = dump_elf(elf, path);
	elf_end(elf);
	close(fd);
	return ret;
}

int
dump_glibc_main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "symcc: error: --dump-glibc needs one or more shared objects\n");
		return 1;
	}
	if (elf_version(EV_CURRENT) == EV_NONE) {
		fprintf(stderr, "symcc: error: libelf is out of date: %s\n", elf_errmsg(-1));
		return 1;
	}
	int ret = 0;
	for (int i = 1; i < argc; i++)
		if (dump_file(argv[i]) != 0)
			ret = 1;
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "symcc: error: cannot write the symbol list: %s\n", strerror(errno));
		ret = 1;
	}
	return ret;
}
