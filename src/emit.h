/*
 * emit.h: write the objects symcc adds to a link.
 * SPDX-License-Identifier: MIT-0
 */
#ifndef SYMCC_EMIT_H
#define SYMCC_EMIT_H
#include <gelf.h>
#include <stddef.h>
#include <stdint.h>

struct plan;

/* Write a relocatable object with one trampoline per pinned symbol S of the
 * plan: a hidden function __wrap_S that jumps to S@GLIBC_V.  The caller links
 * it with --wrap=S.  -1 on error (reported), or if arch is unsupported. */
int emit_trampolines(const char *arch, const struct plan *p, const char *path);

/* true if emit_trampolines() knows arch */
int emit_supports(const char *arch);

/* The table architecture the embedded shims archive was built for: symcc's own. */
extern const char symcc_shims_arch[];

/* The ELF identity of a table architecture's objects. */
struct elf_ident {
	int machine, elfclass, elfdata;
	uint32_t flags;              /* e_flags */
};
/* Fill id for arch; -1 (reported) if symcc does not know it. */
int emit_arch_ident(const char *arch, struct elf_ident *id);

/* Helpers for writing ELF files with libelf (emit.c, stub.c). */
struct strtab {                  /* a growing string table */
	char *buf;
	size_t len, cap;
};
size_t strtab_add(struct strtab *s, const char *str);
/* The ELF header of an object of id's architecture and type; -1 on error (reported). */
int new_ehdr(Elf *elf, const char *path, const struct elf_ident *id, GElf_Half type);
/* A new section with one data buffer; NULL on error (reported). */
Elf_Scn *new_section(Elf *elf, const char *path, const char *name, struct strtab *shstr,
                     GElf_Word type, GElf_Xword flags, void *buf, size_t size, size_t align,
                     Elf_Type dtype);
int set_link(Elf_Scn *scn, GElf_Word link, GElf_Word info, GElf_Xword entsize, const char *path);
/* Create path (mode 0600) and write it with fill(elf, path, arg); -1 on error (reported). */
int write_elf_file(const char *path, int (*fill)(Elf *elf, const char *path, const void *arg),
                   const void *arg);

/* Write len bytes to a new file at path (mode 0600).  -1 on error (reported). */
int emit_blob(const void *data, size_t len, const char *path);

#endif
