/*
 * policy.c: auditwheel's manylinux policy: the system libraries each tag
 * allows (lib_whitelist) and the symbols it forbids (blacklist), read from
 * data/manylinux-policy.txt as compiled into symcc.
 * SPDX-License-Identifier: MIT-0
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "policy.h"
#include "util.h"

extern const char symcc_manylinux_policy[];

struct rule {
	char *lib, *sym;           /* sym NULL: a whitelist line */
	glibcver first, last;      /* the tags it holds for (last 0: every newer) */
};

static struct rule *rules;
static size_t nrules;

/* "manylinux_2_17" -> 21700 */
static glibcver
tag_glibc(const char *tag)
{
	char *dotted = xstrdup(tag + (startswith(tag, "manylinux_") ? 10 : 0));
	glibcver v;

	for (char *p = strchr(dotted, '_'); p; p = strchr(p, '_'))
		*p = '.';
	if (!startswith(tag, "manylinux_") || glibcver_parse(dotted, &v) < 0)
		fatal("malformed tag '%s' in the embedded manylinux policy", tag);
	free(dotted);
	return v;
}

static void
load_policy(void)
{
	const char *s = symcc_manylinux_policy;

	if (rules)
		return;
	rules = xcalloc(1, sizeof(*rules));
	while (*s) {
		const char *eol = strchr(s, '\n');
		size_t len = eol ? (size_t)(eol - s) : strlen(s);
		char *line = xstrndup(s, len), *save = NULL, *f[5];
		size_t n = 0;

		s += len + (eol != NULL);
		for (char *t = strtok_r(line, " \t", &save); t && n < 5; t = strtok_r(NULL, " \t", &save))
			f[n++] = t;
		if (n && f[0][0] != '#') {
			struct rule r = {0};
			if (strcmp(f[0], "whitelist") == 0 && n == 3) {
				r.lib = xstrdup(f[1]);
				r.first = tag_glibc(f[2]);
			} else if (strcmp(f[0], "blacklist") == 0 && n == 5) {
				r.lib = xstrdup(f[1]);
				r.sym = xstrdup(f[2]);
				r.first = tag_glibc(f[3]);
				r.last = tag_glibc(f[4]);
			} else {
				fatal("malformed line '%s' in the embedded manylinux policy", line);
			}
			rules = xreallocarray(rules, nrules + 1, sizeof(*rules));
			rules[nrules++] = r;
		}
		free(line);
	}
}

glibcver
policy_lib_since(const char *soname)
{
	load_policy();
	/* auditwheel never counts the loader as an external library */
	if (startswith(soname, "ld-linux") || strcmp(soname, "ld64.so.1") == 0 ||
	    strcmp(soname, "ld64.so.2") == 0)
		return 1;
	for (size_t i = 0; i < nrules; i++)
		if (!rules[i].sym && strcmp(rules[i].lib, soname) == 0)
			return rules[i].first;
	return 0;
}

bool
policy_blacklisted(const char *lib, const char *sym, glibcver tag)
{
	load_policy();
	for (size_t i = 0; i < nrules; i++)
		if (rules[i].sym && rules[i].first <= tag && tag <= rules[i].last &&
		    strcmp(rules[i].sym, sym) == 0 && strcmp(rules[i].lib, lib) == 0)
			return true;
	return false;
}

#define NOTE_GNU_PROPERTY 5                    /* NT_GNU_PROPERTY_TYPE_0 */
#define PROP_X86_ISA_1_NEEDED 0xc0008002u      /* GNU_PROPERTY_X86_ISA_1_NEEDED */

static uint32_t
le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

int
policy_x86_isa_level(Elf *elf)
{
	size_t align = gelf_getclass(elf) == ELFCLASS64 ? 8 : 4;
	Elf_Scn *scn = NULL;

	while ((scn = elf_nextscn(elf, scn)) != NULL) {
		GElf_Shdr sh;
		Elf_Data *d;
		GElf_Nhdr nh;
		size_t off = 0, next, name_at, desc_at;

		if (!gelf_getshdr(scn, &sh))
			break;
		if (sh.sh_type != SHT_NOTE || !(d = elf_getdata(scn, NULL)) || !d->d_buf)
			continue;
		while ((next = gelf_getnote(d, off, &nh, &name_at, &desc_at)) > 0) {
			const unsigned char *desc = (const unsigned char *)d->d_buf + desc_at;
			off = next;
			if (nh.n_type != NOTE_GNU_PROPERTY || nh.n_namesz != 4 ||
			    memcmp((const char *)d->d_buf + name_at, "GNU", 4) != 0)
				continue;
			/* properties: type, size, data padded to the word size */
			for (size_t at = 0; at + 8 <= nh.n_descsz;) {
				uint32_t type = le32(desc + at), size = le32(desc + at + 4);
				if (size > nh.n_descsz - at - 8)
					break;
				if (type == PROP_X86_ISA_1_NEEDED && size == 4) {
					uint32_t isa = le32(desc + at + 8) & ~1u;   /* bit 0: the baseline */
					return isa & 8 ? 4 : isa & 4 ? 3 : isa & 2 ? 2 : 1;
				}
				at += 8 + ((size + align - 1) & ~(align - 1));
			}
		}
	}
	return 1;
}
