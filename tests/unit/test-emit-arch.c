/*
 * test-emit-arch.c: the trampoline objects of every architecture, read back
 * with libelf, and the compiler options the shim cache keys on.
 * SPDX-License-Identifier: MIT-0
 *
 * The relocation types and instruction bytes are those the GNU assembler
 * emits for the same sequences (checked with each Debian cross binutils);
 * tests/integration/cross.sh links and runs them.
 */
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>

#include "args.h"
#include "emit.h"
#include "linkline.h"
#include "plan.h"
#include "shimcache.h"
#include "unit.h"

struct expect {
	const char *arch;
	int machine, elfclass, elfdata;
	unsigned reloc_type;       /* the relocation against memcpy@GLIBC_V */
	int reloc_section;         /* SHT_REL or SHT_RELA */
	size_t relocs_per_pin;
	unsigned char first[4];    /* the first code bytes */
	int st_other;              /* of __wrap_memcpy */
	uint32_t flags;
};

static const struct expect expects[] = {
	{"x86_64", EM_X86_64, ELFCLASS64, ELFDATA2LSB, R_X86_64_PLT32, SHT_RELA, 1,
	 {0xf3, 0x0f, 0x1e, 0xfa}, STV_HIDDEN, 0},
	{"aarch64", EM_AARCH64, ELFCLASS64, ELFDATA2LSB, R_AARCH64_JUMP26, SHT_RELA, 1,
	 {0x5f, 0x24, 0x03, 0xd5}, STV_HIDDEN, 0},
	{"i686", EM_386, ELFCLASS32, ELFDATA2LSB, R_386_GOT32X, SHT_REL, 2,
	 {0xf3, 0x0f, 0x1e, 0xfb}, STV_HIDDEN, 0},
	{"armv7", EM_ARM, ELFCLASS32, ELFDATA2LSB, R_ARM_JUMP24, SHT_REL, 1,
	 {0xfe, 0xff, 0xff, 0xea}, STV_HIDDEN, 0x05000400},
	{"ppc64le", EM_PPC64, ELFCLASS64, ELFDATA2LSB, R_PPC64_GOT16_LO_DS, SHT_RELA, 4,
	 {0xa6, 0x02, 0x08, 0x7c}, STV_HIDDEN | (1 << 5), 2},
	{"s390x", EM_S390, ELFCLASS64, ELFDATA2MSB, R_390_PLT32DBL, SHT_RELA, 1,
	 {0xc0, 0xf4, 0, 0}, STV_HIDDEN, 0},
	{"riscv64", EM_RISCV, ELFCLASS64, ELFDATA2LSB, R_RISCV_CALL_PLT, SHT_RELA, 1,
	 {0x17, 0x03, 0x00, 0x00}, STV_HIDDEN, 4},
};

START_TEST(trampolines_per_arch)
{
	const struct expect *x = &expects[_i];
	struct plan_item items[] = {
		{"memcpy", DEC_PIN, "memcpy@GLIBC_2.0", NULL, NULL},
		{"stat", DEC_SHIM, NULL, NULL, NULL},
		{"clock_gettime", DEC_PIN, "clock_gettime@GLIBC_2.2", NULL, NULL},
	};
	struct plan p = {items, 3, STRVEC_INIT, 0};
	char path[512];
	Elf *elf;
	Elf_Scn *scn = NULL;
	GElf_Ehdr eh;
	size_t nrel = 0, wraps = 0, typed = 0;
	int fd;

	ck_assert(emit_supports(x->arch));
	snprintf(path, sizeof(path), "%s/tramp-%s.o", unit_tmpdir(), x->arch);
	ck_assert_int_eq(emit_trampolines(x->arch, &p, path), 0);
	elf_version(EV_CURRENT);
	ck_assert_int_ge(fd = open(path, O_RDONLY), 0);
	ck_assert_ptr_nonnull(elf = elf_begin(fd, ELF_C_READ, NULL));
	ck_assert_ptr_nonnull(gelf_getehdr(elf, &eh));
	ck_assert_int_eq(eh.e_machine, x->machine);
	ck_assert_int_eq(eh.e_ident[EI_CLASS], x->elfclass);
	ck_assert_int_eq(eh.e_ident[EI_DATA], x->elfdata);
	ck_assert_int_eq(eh.e_type, ET_REL);
	ck_assert_uint_eq(eh.e_flags, x->flags);
	while ((scn = elf_nextscn(elf, scn)) != NULL) {
		GElf_Shdr sh;
		Elf_Data *d;

		ck_assert_ptr_nonnull(gelf_getshdr(scn, &sh));
		d = elf_getdata(scn, NULL);
		if (sh.sh_type == SHT_PROGBITS && (sh.sh_flags & SHF_EXECINSTR)) {
			ck_assert_uint_ge(d->d_size, 4);
			ck_assert_mem_eq(d->d_buf, x->first, 4);
		}
		if (sh.sh_type == SHT_REL || sh.sh_type == SHT_RELA) {
			ck_assert_int_eq(sh.sh_type, x->reloc_section);
			nrel = sh.sh_size / sh.sh_entsize;
			for (size_t i = 0; i < nrel; i++) {
				GElf_Rela r;
				GElf_Rel rl;
				unsigned type;
				if (sh.sh_type == SHT_RELA) {
					ck_assert_ptr_nonnull(gelf_getrela(d, (int)i, &r));
					type = (unsigned)GELF_R_TYPE(r.r_info);
				} else {
					ck_assert_ptr_nonnull(gelf_getrel(d, (int)i, &rl));
					type = (unsigned)GELF_R_TYPE(rl.r_info);
				}
				typed += type == x->reloc_type;
			}
		}
		if (sh.sh_type == SHT_SYMTAB) {
			for (size_t i = 0; i < sh.sh_size / sh.sh_entsize; i++) {
				GElf_Sym s;
				const char *n;
				ck_assert_ptr_nonnull(gelf_getsym(d, (int)i, &s));
				n = elf_strptr(elf, sh.sh_link, s.st_name);
				if (i < sh.sh_info)
					ck_assert_int_eq(GELF_ST_BIND(s.st_info), STB_LOCAL);
				else
					ck_assert_int_ne(GELF_ST_BIND(s.st_info), STB_LOCAL);
				if (strncmp(n, "__wrap_", 7) == 0) {
					wraps++;
					ck_assert_int_eq(s.st_other, x->st_other);
					ck_assert_int_eq(GELF_ST_TYPE(s.st_info), STT_FUNC);
				}
				ck_assert_msg(strcmp(n, "__wrap_stat") != 0, "shims are not trampolines");
			}
		}
	}
	ck_assert_uint_eq(wraps, 2);
	ck_assert_uint_eq(nrel, 2 * x->relocs_per_pin);
	ck_assert_uint_eq(typed, 2);
	elf_end(elf);
	close(fd);
}
END_TEST

START_TEST(ppc64_has_no_trampolines_for_big_endian)
{
	ck_assert(!emit_supports("ppc64"));
	ck_assert(!emit_supports("armv5"));
}
END_TEST

/* The options that pick an ABI go to the shims' compiler and its cache key;
 * the rest of the user's flags (optimisation, -flto, -D, files) do not. */
START_TEST(abi_options_selected)
{
	char *argv[] = {"gcc", "-O2", "-m32", "-flto", "-mfloat-abi=hard", "-march=armv7-a",
	                "-DX=1", "x.c", "-target", "aarch64-linux-gnu", "-mthumb", "-o", "x",
	                "-B", "/opt/b", "-mabi=", "-mtune=native", NULL};
	struct strvec out = STRVEC_INIT;

	shimcache_abi_options(argv, sizeof(argv) / sizeof(argv[0]) - 1, &out);
	ck_assert_uint_eq(out.n, 8);
	ck_assert_str_eq(out.v[0], "-m32");
	ck_assert_str_eq(out.v[1], "-mfloat-abi=hard");
	ck_assert_str_eq(out.v[2], "-march=armv7-a");
	ck_assert_str_eq(out.v[3], "-target");
	ck_assert_str_eq(out.v[4], "aarch64-linux-gnu");
	ck_assert_str_eq(out.v[5], "-mthumb");
	ck_assert_str_eq(out.v[6], "-B");
	ck_assert_str_eq(out.v[7], "/opt/b");
	strvec_free(&out);
}
END_TEST

/* The embedded sources are complete: every shim and the headers they use. */
START_TEST(shim_sources_embedded)
{
	int start = 0, arch_h = 0, symver_h = 0;

	for (const struct symcc_embedded_file *f = symcc_shims_sources; f->name; f++) {
		ck_assert_uint_eq(strlen((const char *)f->data), f->len);
		start |= strcmp(f->name, "start.c") == 0;
		arch_h |= strcmp(f->name, "arch.h") == 0;
		symver_h |= strcmp(f->name, "symver.h") == 0;
	}
	ck_assert(start && arch_h && symver_h);
}
END_TEST

/* A direct call of a cross linker without -m takes its name's architecture. */
START_TEST(cross_linker_names)
{
	ck_assert_str_eq(linker_name_arch("aarch64-linux-gnu-ld"), "aarch64");
	ck_assert_str_eq(linker_name_arch("/usr/bin/aarch64-linux-gnu-ld.bfd"), "aarch64");
	ck_assert_str_eq(linker_name_arch("i686-linux-gnu-ld"), "i686");
	ck_assert_str_eq(linker_name_arch("arm-linux-gnueabihf-ld.gold"), "armv7");
	ck_assert_str_eq(linker_name_arch("powerpc64le-linux-gnu-ld"), "ppc64le");
	ck_assert_str_eq(linker_name_arch("s390x-linux-gnu-ld"), "s390x");
	ck_assert_str_eq(linker_name_arch("riscv64-linux-gnu-ld"), "riscv64");
	ck_assert_str_eq(linker_name_arch("x86_64-linux-gnu-ld"), "x86_64");
	ck_assert_ptr_null(linker_name_arch("ld"));
	ck_assert_ptr_null(linker_name_arch("ld.lld"));
	ck_assert_ptr_null(linker_name_arch("aarch64-linux-gnuld"));
	ck_assert_ptr_null(linker_name_arch("arm-linux-gnueabi-ld"));   /* soft float: no table */
}
END_TEST

/* The cache builds an archive with the host's cc, finds it the second
 * time, and tells the shims it has from those it lacks. */
START_TEST(shimcache_builds_and_checks)
{
	struct invocation inv = {0};
	struct plan_item have[] = {{"stat", DEC_SHIM, NULL, NULL, NULL},
	                           {"memcpy", DEC_PIN, "memcpy@GLIBC_2.2.5", NULL, NULL}};
	struct plan_item lack[] = {{"no_such_function", DEC_SHIM, NULL, NULL, NULL}};
	struct plan p1 = {have, 2, STRVEC_INIT, 0}, p2 = {lack, 1, STRVEC_INIT, 0};
	char *a1 = NULL, *a2 = NULL, dir[600];

	snprintf(dir, sizeof(dir), "%s/cache", unit_tmpdir());
	setenv("SYMCC_CACHE_DIR", dir, 1);
	strvec_push(&inv.argv, "cc");
	strvec_push(&inv.expanded, "cc");
	ck_assert_int_eq(shimcache_archive("x86_64", &inv, &a1), 0);
	ck_assert_int_eq(access(a1, R_OK), 0);
	ck_assert_int_eq(shimcache_archive("x86_64", &inv, &a2), 0);
	ck_assert_str_eq(a1, a2);
	ck_assert_int_eq(shimcache_check(a1, &p1, "x86_64"), 0);
	ck_assert_int_eq(shimcache_check(a1, &p2, "x86_64"), -1);
	/* ld reads the index: a program links against it */
	unit_sh("printf 'int main(void){return 0;}' > %s/m.c && cc -c %s/m.c -o %s/m.o && "
	        "cc %s/m.o -Wl,--wrap=stat -Wl,--undefined=__wrap_stat %s -o %s/m",
	        unit_tmpdir(), unit_tmpdir(), unit_tmpdir(), unit_tmpdir(), a1, unit_tmpdir());
	free(a1);
	free(a2);
	strvec_free(&inv.argv);
	strvec_free(&inv.expanded);
}
END_TEST

static Suite *
emit_arch_suite(void)
{
	Suite *s = suite_create("emit-arch");
	TCase *tc = tcase_create("trampolines");
	tcase_add_loop_test(tc, trampolines_per_arch, 0, sizeof(expects) / sizeof(expects[0]));
	tcase_add_test(tc, ppc64_has_no_trampolines_for_big_endian);
	tcase_add_test(tc, cross_linker_names);
	suite_add_tcase(s, tc);
	tc = tcase_create("shimcache");
	tcase_add_test(tc, abi_options_selected);
	tcase_add_test(tc, shim_sources_embedded);
	tcase_add_test(tc, shimcache_builds_and_checks);
	tcase_set_timeout(tc, 120);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(emit_arch_suite)
