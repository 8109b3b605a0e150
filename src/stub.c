/*
 * stub.c: stand-ins for the libraries that old glibc kept apart from libc.
 * SPDX-License-Identifier: MIT-0
 *
 * glibc 2.34 moved libpthread, libdl, librt, libutil, libanl and part of
 * libresolv into libc.  A pin such as pthread_create@GLIBC_2.2.5 is then
 * defined by the new libc.so.6, and the linker records the need under that
 * file: "GLIBC_2.2.5 from libc.so.6".  Before 2.30 ld.so took that file
 * name literally: a lookup that reaches libc.so.6 without finding the
 * symbol fails ("symbol pthread_create, version GLIBC_2.2.5 not defined in
 * file libc.so.6 with link time reference"), and libc comes before
 * libpthread in the lookup scope of any library loaded by a program that
 * does not link libpthread itself.
 *
 * So symcc links, in place of the new (empty) libpthread.so.0, a stub
 * shared object of that library which defines every function the table
 * places in it, at those versions, all hidden (non-default): only the
 * versioned references of symcc's trampolines and shims bind to them.  The
 * linker binds them there and writes "GLIBC_2.2.5 from libpthread.so.0",
 * as a link against the old glibc would.  The stub is only read by the
 * linker: no code, no program headers, never loaded.
 *
 * Its SONAME is not the library's own but a stand-in of the same length
 * (stub_soname): a real library of that name on the link line (an explicit
 * -lresolv: libresolv.so.2 still exists) would make the linker ignore a
 * second one of the same SONAME.  fixup_stub_names() writes the real name
 * over the stand-in in the output's .dynstr, which changes no size.
 */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "emit.h"
#include "plan.h"
#include "run.h"
#include "stub.h"
#include "table.h"
#include "util.h"

/* Elf32_Verdef and Elf64_Verdef (and their Verdaux) have the same layout. */
enum { VERDEF_SIZE = sizeof(Elf64_Verdef), VERDAUX_SIZE = sizeof(Elf64_Verdaux) };

/* the version nodes, once each, in first-use order; returns its index (2...) */
static size_t
version_index(struct strvec *vers, const char *ver)
{
	for (size_t i = 0; i < vers->n; i++)
		if (strcmp(vers->v[i], ver) == 0)
			return i + 2;
	strvec_push(vers, ver);
	return vers->n + 1;
}

/* .gnu.version_d: [1] the file itself (VER_FLG_BASE), then one per version. */
static unsigned char *
verdefs(const struct strvec *vers, const char *soname, const size_t *names, size_t soname_off,
        size_t *len)
{
	size_t n = vers->n + 1, step = VERDEF_SIZE + VERDAUX_SIZE;
	unsigned char *buf = xcalloc(n, step);

	for (size_t i = 0; i < n; i++) {
		Elf64_Verdef vd = {
			.vd_version = VER_DEF_CURRENT,
			.vd_flags = i == 0 ? VER_FLG_BASE : 0,
			.vd_ndx = (Elf64_Half)(i + 1),
			.vd_cnt = 1,
			.vd_hash = (Elf64_Word)elf_hash(i == 0 ? soname : vers->v[i - 1]),
			.vd_aux = VERDEF_SIZE,
			.vd_next = i + 1 < n ? (Elf64_Word)step : 0,
		};
		Elf64_Verdaux va = {.vda_name = (Elf64_Word)(i == 0 ? soname_off : names[i - 1])};

		memcpy(buf + i * step, &vd, VERDEF_SIZE);
		memcpy(buf + i * step + VERDEF_SIZE, &va, VERDAUX_SIZE);
	}
	*len = n * step;
	return buf;
}

char *
stub_soname(const char *lib)
{
	char *s = xstrdup(lib);

	s[strlen(s) - 1] = '~';
	return s;
}

static int
write_stub(Elf *elf, const struct elf_ident *id, const struct glibc_table *t, const char *lib,
           const char *path)
{
	char *soname = stub_soname(lib);
	struct strtab shstr = {0}, dynstr = {0};
	struct strvec vers = STRVEC_INIT;
	size_t nsyms = 1, symsz, verdlen, soname_off, *vnames = NULL;
	GElf_Sym *syms = xcalloc(t->nentries + 1, sizeof(*syms));
	GElf_Half *versym = xcalloc(t->nentries + 1, sizeof(*versym));
	unsigned char text[16] = {0}, *verd = NULL;
	void *symbuf = NULL, *dynbuf = NULL;
	GElf_Dyn dyn[2] = {{.d_tag = DT_SONAME}, {.d_tag = DT_NULL}};
	Elf_Scn *scn[7] = {NULL};
	GElf_Ehdr eh;
	int r = -1;

	strtab_add(&shstr, "");
	strtab_add(&dynstr, "");
	soname_off = strtab_add(&dynstr, soname);
	dyn[0].d_un.d_val = soname_off;
	for (size_t i = 0; i < t->nentries; i++) {
		const struct table_entry *e = &t->entries[i];
		char vb[16], *ver;

		if (e->type != SYM_FUNC || strcmp(t->libs[e->lib], lib) != 0)
			continue;
		syms[nsyms].st_name = (GElf_Word)strtab_add(&dynstr, table_name(t, e));
		syms[nsyms].st_info = GELF_ST_INFO(STB_GLOBAL, STT_FUNC);
		syms[nsyms].st_shndx = 1;
		/* hidden: a non-default version */
		ver = xasprintf("GLIBC_%s", glibcver_format(e->ver, vb, sizeof(vb)));
		versym[nsyms] = (GElf_Half)(version_index(&vers, ver) | 0x8000);
		nsyms++;
		free(ver);
	}
	vnames = xcalloc(vers.n + 1, sizeof(*vnames));
	for (size_t i = 0; i < vers.n; i++)
		vnames[i] = strtab_add(&dynstr, vers.v[i]);
	verd = verdefs(&vers, soname, vnames, soname_off, &verdlen);

	if (new_ehdr(elf, path, id, ET_DYN) < 0)
		goto out;
	symsz = gelf_fsize(elf, ELF_T_SYM, 1, EV_CURRENT);
	symbuf = xcalloc(nsyms, symsz);
	dynbuf = xcalloc(2, gelf_fsize(elf, ELF_T_DYN, 1, EV_CURRENT));
	/* 1 .text  2 .dynsym  3 .dynstr  4 .gnu.version  5 .gnu.version_d  6 .dynamic */
	scn[1] = new_section(elf, path, ".text", &shstr, SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR,
	                     text, sizeof(text), 16, ELF_T_BYTE);
	scn[2] = new_section(elf, path, ".dynsym", &shstr, SHT_DYNSYM, SHF_ALLOC, symbuf,
	                     nsyms * symsz, 8, ELF_T_SYM);
	scn[3] = new_section(elf, path, ".dynstr", &shstr, SHT_STRTAB, SHF_ALLOC, NULL, 0, 1,
	                     ELF_T_BYTE);
	scn[4] = new_section(elf, path, ".gnu.version", &shstr, SHT_GNU_versym, SHF_ALLOC, versym,
	                     nsyms * sizeof(*versym), 2, ELF_T_HALF);
	scn[5] = new_section(elf, path, ".gnu.version_d", &shstr, SHT_GNU_verdef, SHF_ALLOC, verd,
	                     verdlen, 4, ELF_T_VDEF);
	scn[6] = new_section(elf, path, ".dynamic", &shstr, SHT_DYNAMIC, SHF_ALLOC | SHF_WRITE,
	                     dynbuf, 2 * gelf_fsize(elf, ELF_T_DYN, 1, EV_CURRENT), 8, ELF_T_DYN);
	for (int i = 1; i < 7; i++)
		if (!scn[i])
			goto out;
	for (size_t i = 0; i < nsyms; i++)
		if (!gelf_update_sym(elf_getdata(scn[2], NULL), (int)i, &syms[i])) {
			error("cannot write a symbol in '%s': %s", path, elf_errmsg(-1));
			goto out;
		}
	for (int i = 0; i < 2; i++)
		if (!gelf_update_dyn(elf_getdata(scn[6], NULL), i, &dyn[i])) {
			error("cannot write the dynamic section of '%s': %s", path, elf_errmsg(-1));
			goto out;
		}
	Elf_Scn *shs = new_section(elf, path, ".shstrtab", &shstr, SHT_STRTAB, 0, NULL, 0, 1,
	                           ELF_T_BYTE);
	if (!shs)
		goto out;
	elf_getdata(scn[3], NULL)->d_buf = dynstr.buf;
	elf_getdata(scn[3], NULL)->d_size = dynstr.len;
	elf_getdata(shs, NULL)->d_buf = shstr.buf;
	elf_getdata(shs, NULL)->d_size = shstr.len;
	if (set_link(scn[2], (GElf_Word)elf_ndxscn(scn[3]), 1, symsz, path) < 0 ||
	    set_link(scn[4], (GElf_Word)elf_ndxscn(scn[2]), 0, 2, path) < 0 ||
	    set_link(scn[5], (GElf_Word)elf_ndxscn(scn[3]), (GElf_Word)(vers.n + 1), 0, path) < 0 ||
	    set_link(scn[6], (GElf_Word)elf_ndxscn(scn[3]), 0,
	             gelf_fsize(elf, ELF_T_DYN, 1, EV_CURRENT), path) < 0)
		goto out;
	if (!gelf_getehdr(elf, &eh)) {
		error("cannot write '%s': %s", path, elf_errmsg(-1));
		goto out;
	}
	eh.e_shstrndx = (GElf_Half)elf_ndxscn(shs);
	if (!gelf_update_ehdr(elf, &eh) || elf_update(elf, ELF_C_WRITE) < 0) {
		error("cannot write '%s': %s", path, elf_errmsg(-1));
		goto out;
	}
	r = 0;
out:
	free(dynbuf);
	free(syms);
	free(versym);
	free(symbuf);
	free(verd);
	free(vnames);
	free(dynstr.buf);
	free(shstr.buf);
	strvec_free(&vers);
	free(soname);
	return r;
}

struct stub_job {
	const struct elf_ident *id;
	const struct glibc_table *t;
	const char *soname;
};

static int
fill_stub(Elf *elf, const char *path, const void *arg)
{
	const struct stub_job *j = arg;

	return write_stub(elf, j->id, j->t, j->soname, path);
}

int
stub_write_all(const char *arch, const struct glibc_table *t, const struct plan *p,
               const char *dir, struct strvec *stubs)
{
	struct elf_ident id;

	if (emit_arch_ident(arch, &id) < 0)
		return -1;
	for (size_t i = 0; i < p->libs.n; i++) {
		const char *lib = p->libs.v[i];
		struct stub_job j = {&id, t, lib};
		char *path;

		/* libm: 2.34 left it apart, the real one holds all of it */
		if (startswith(lib, "libm.so") || startswith(lib, "libmvec.so")) {
			strvec_push(stubs, "");
			continue;
		}
		path = xasprintf("%s/stub.%s", dir, lib);
		tmp_register(path);
		if (write_elf_file(path, fill_stub, &j) < 0) {
			free(path);
			return -1;
		}
		strvec_push_owned(stubs, path);
	}
	return 0;
}
