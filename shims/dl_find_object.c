/* dl_find_object.c: _dl_find_object (glibc 2.35) on top of dl_iterate_phdr.
 * SPDX-License-Identifier: MIT-0
 *
 * The static unwinder (libgcc_eh.a, pulled in by -static-libgcc and
 * -static-libstdc++) calls _dl_find_object for every frame whenever the
 * build-time glibc has it; a failing stub would break every C++ exception.
 *
 * Semantics follow glibc: the object is found if PC lies in
 * [dlfo_map_start, dlfo_map_end), where map_start is the load bias plus the
 * lowest PT_LOAD p_vaddr rounded down to the page size and map_end is the
 * load bias plus the highest p_vaddr + p_memsz; dlfo_eh_frame is the
 * PT_GNU_EH_FRAME segment (NULL if absent); dlfo_flags is 0.  A PT_LOAD that
 * covers PC exactly wins over a mere [start, end) span match.
 *
 * dlfo_link_map is NULL: dl_iterate_phdr does not expose the link map, and
 * libgcc's _Unwind_Find_FDE (unwind-dw2-fde-dip.c) reads only dlfo_eh_frame
 * (and dlfo_eh_dbase on i386).  Callers that dereference dlfo_link_map would
 * need the real function.
 *
 * Struct layout (glibc dlfcn.h, public ABI): i386 adds dlfo_eh_dbase (set to
 * the relocated DT_PLTGOT, as libgcc computes it), arm32 adds dlfo_eh_count
 * and uses PT_ARM_EXIDX instead of PT_GNU_EH_FRAME.  Only x86_64 is tested.
 */
#include "symver.h"
#include "arch.h"

/* The ELF and dl_iterate_phdr types, from the gABI and glibc's <link.h>:
 * spelled out so that the shims need no libc header at all. */
#if __SIZEOF_POINTER__ == 8
typedef __UINT64_TYPE__ symcc_addr;
struct symcc_phdr {
	__UINT32_TYPE__ p_type, p_flags;
	__UINT64_TYPE__ p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_align;
};
struct symcc_dyn {
	__INT64_TYPE__ d_tag;
	__UINT64_TYPE__ d_val;
};
#else
typedef __UINT32_TYPE__ symcc_addr;
struct symcc_phdr {
	__UINT32_TYPE__ p_type, p_offset, p_vaddr, p_paddr, p_filesz, p_memsz,
		p_flags, p_align;
};
struct symcc_dyn {
	__INT32_TYPE__ d_tag;
	__UINT32_TYPE__ d_val;
};
#endif

/* the leading, always present members of glibc's struct dl_phdr_info */
struct symcc_phdr_info {
	symcc_addr dlpi_addr;
	const char *dlpi_name;
	const struct symcc_phdr *dlpi_phdr;
	__UINT16_TYPE__ dlpi_phnum;
};

#define SYMCC_PT_LOAD 1
#define SYMCC_PT_DYNAMIC 2
#define SYMCC_PT_GNU_EH_FRAME 0x6474e550
#define SYMCC_DT_NULL 0
#define SYMCC_DT_PLTGOT 3

struct symcc_dl_find_object {
	unsigned long long dlfo_flags;
	void *dlfo_map_start;
	void *dlfo_map_end;
	void *dlfo_link_map;
	void *dlfo_eh_frame;
#if defined(__i386__)
	void *dlfo_eh_dbase;
	unsigned int dlfo_eh_dbase_pad;
#elif defined(__arm__)
	int dlfo_eh_count;
	unsigned int dlfo_eh_count_pad;
#endif
	unsigned long long dlfo_reserved[7];
};

#if defined(__arm__)
# define SYMCC_EH_SEGMENT 0x70000001	/* PT_ARM_EXIDX */
#else
# define SYMCC_EH_SEGMENT SYMCC_PT_GNU_EH_FRAME
#endif

SYMCC_OLD(int, old_dl_iterate_phdr, "dl_iterate_phdr", SYMCC_V_2_2_4,
	  (int (*cb)(struct symcc_phdr_info *, __SIZE_TYPE__, void *),
	   void *data));
SYMCC_OLD(int, old_getpagesize, "getpagesize", SYMCC_GLIBC_BASE, (void));

/* what the iteration found for one candidate object */
struct symcc_dlfo_hit {
	int found;		/* 0 none, 1 span match, 2 PT_LOAD match */
	symcc_addr start, end;
	void *eh;
#if defined(__i386__)
	void *dbase;
#elif defined(__arm__)
	int eh_count;
#endif
};

/* search state shared with the dl_iterate_phdr callback */
struct symcc_dlfo_search {
	symcc_addr pc;
	symcc_addr pagemask;
	struct symcc_dlfo_hit best;
};

/* fills *HIT with the span and unwind data of the object INFO describes */
static void
symcc_dlfo_describe(const struct symcc_phdr_info *info, symcc_addr pagemask,
		    struct symcc_dlfo_hit *hit)
{
	const struct symcc_phdr *ph = info->dlpi_phdr;
	int i, seen = 0;

	hit->eh = 0;
#if defined(__i386__)
	hit->dbase = 0;
#elif defined(__arm__)
	hit->eh_count = 0;
#endif
	hit->start = hit->end = 0;
	for (i = 0; i < info->dlpi_phnum; i++) {
		symcc_addr lo, hi;

		if (ph[i].p_type == SYMCC_EH_SEGMENT) {
			hit->eh = (void *)(info->dlpi_addr + ph[i].p_vaddr);
#if defined(__arm__)
			hit->eh_count = (int)(ph[i].p_memsz / 8);
#endif
		}
#if defined(__i386__)
		if (ph[i].p_type == SYMCC_PT_DYNAMIC) {
			const struct symcc_dyn *d = (const struct symcc_dyn *)
				(info->dlpi_addr + ph[i].p_vaddr);
			for (; d->d_tag != SYMCC_DT_NULL; d++)
				if (d->d_tag == SYMCC_DT_PLTGOT) {
					/* already relocated by ld.so */
					hit->dbase = (void *)d->d_val;
					break;
				}
		}
#endif
		if (ph[i].p_type != SYMCC_PT_LOAD)
			continue;
		lo = info->dlpi_addr + (ph[i].p_vaddr & pagemask);
		hi = info->dlpi_addr + ph[i].p_vaddr + ph[i].p_memsz;
		if (!seen || lo < hit->start)
			hit->start = lo;
		if (!seen || hi > hit->end)
			hit->end = hi;
		seen = 1;
	}
}

/* 1 if a PT_LOAD segment of INFO contains PC */
static int
symcc_dlfo_in_segment(const struct symcc_phdr_info *info, symcc_addr pc)
{
	const struct symcc_phdr *ph = info->dlpi_phdr;
	int i;

	for (i = 0; i < info->dlpi_phnum; i++) {
		symcc_addr lo = info->dlpi_addr + ph[i].p_vaddr;

		if (ph[i].p_type == SYMCC_PT_LOAD && pc >= lo
		    && pc - lo < ph[i].p_memsz)
			return 1;
	}
	return 0;
}

/* dl_iterate_phdr callback: records the best match, stops at an exact one */
static int
symcc_dlfo_callback(struct symcc_phdr_info *info, __SIZE_TYPE__ size,
		    void *data)
{
	struct symcc_dlfo_search *s = data;
	struct symcc_dlfo_hit hit;

	(void)size;
	symcc_dlfo_describe(info, s->pagemask, &hit);
	if (s->pc < hit.start || s->pc >= hit.end)
		return 0;
	if (symcc_dlfo_in_segment(info, s->pc)) {
		hit.found = 2;
		s->best = hit;
		return 1;
	}
	if (s->best.found == 0) {
		hit.found = 1;
		s->best = hit;
	}
	return 0;
}

/* _dl_find_object (pc, result): 0 and *RESULT filled, or -1 if no object */
SYMCC_SHIM int
__wrap__dl_find_object(void *pc, struct symcc_dl_find_object *result)
{
	struct symcc_dlfo_search s;

	s.pc = (symcc_addr)pc;
	s.pagemask = ~(symcc_addr)(old_getpagesize() - 1);
	s.best.found = 0;
	old_dl_iterate_phdr(symcc_dlfo_callback, &s);
	if (s.best.found == 0)
		return -1;
	result->dlfo_flags = 0;
	result->dlfo_map_start = (void *)s.best.start;
	result->dlfo_map_end = (void *)s.best.end;
	result->dlfo_link_map = 0;
	result->dlfo_eh_frame = s.best.eh;
#if defined(__i386__)
	result->dlfo_eh_dbase = s.best.dbase;
#elif defined(__arm__)
	result->dlfo_eh_count = s.best.eh_count;
#endif
	return 0;
}
