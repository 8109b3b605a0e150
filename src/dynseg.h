/*
 * dynseg.h: what the dynamic loader reads of a linked ELF file, read the way
 * it reads it (program headers, PT_DYNAMIC, addresses through PT_LOAD), and
 * the same facts read from the section headers, for comparison.
 * SPDX-License-Identifier: MIT-0
 */
#ifndef SYMCC_DYNSEG_H
#define SYMCC_DYNSEG_H
#include <gelf.h>
#include <stdbool.h>
#include <stddef.h>
#include "util.h"

/* A string table: base[0..size).  strtab_at gives the NUL-terminated string
 * at off, or NULL if it does not lie wholly inside. */
struct strtab {
	const char *base;
	size_t size;
};
const char *strtab_at(const struct strtab *st, GElf_Word off);

/* One version need (Elf_Vernaux) with its file (Elf_Verneed). */
struct vn_entry {
	unsigned index;            /* vna_other: 2..0x7fff, unique in a file */
	const char *name, *file;   /* point into the file's string table */
	bool weak;                 /* VER_FLG_WEAK */
	bool used;
};

/* One dynamic symbol, as far as version needs are concerned. */
struct dyn_sym {
	const char *name;          /* never NULL ("" when it has none) */
	bool undef, weak;          /* st_shndx == SHN_UNDEF, STB_WEAK */
	unsigned versym;           /* its .gnu.version entry, 1 (global) without one */
};

/* The dynamic linking facts of a file, from one of its two views.  Strings
 * point into the Elf's data: valid until elf_end. */
struct dynview {
	bool present;              /* PT_DYNAMIC (segment view) / SHT_DYNAMIC */
	struct strvec needed;      /* DT_NEEDED, in order */
	const char *runpath;       /* DT_RUNPATH, else DT_RPATH, or NULL */
	struct dyn_sym *syms;      /* the dynamic symbols, index 0 included */
	size_t nsyms;
	struct vn_entry *vns;
	size_t nvn;
};

/* The most version needs a file can have: vna_other is a 15-bit index and
 * 0 and 1 mean local and global. */
#define VERNEED_MAX (0x7fff - 1)

/* Read the segment view.  0 (dv->present false when there is no
 * PT_DYNAMIC), or -1 reported as "symcc: error: PATH: ...". */
int dynview_from_segment(Elf *elf, const char *path, struct dynview *dv);

/* Parse count Elf_Verneed records of d (ELF_T_VNEED data) with their
 * Elf_Vernaux chains; names from st.  -1 (reported) on a malformed chain,
 * an index out of range or used twice, or more entries than d can hold. */
int verneed_parse(Elf_Data *d, size_t count, const struct strtab *st, const char *path,
                  struct vn_entry **out, size_t *nout);

void dynview_free(struct dynview *dv);

#endif
