/*
 * fuzz-tablegen.c: tablegen's parser of data/glibc-<arch>.txt (a user may
 * regenerate the table from their own glibc) on untrusted text, through
 * tablegen's own main.  tablegen reports a malformed file and exits; here
 * exit() returns to the harness instead, and the globals are reset.
 * SPDX-License-Identifier: MIT-0
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

static jmp_buf fuzz_exit_jmp;

static _Noreturn void
fuzz_exit(int status)
{
	longjmp(fuzz_exit_jmp, status ? status : 256);
}

/* the files tablegen has open, closed after a longjmp out of it */
static FILE *open_files[2];

static FILE *
fuzz_fopen(const char *path, const char *mode)
{
	FILE *f = fopen(path, mode);

	for (int i = 0; f && i < 2; i++)
		if (!open_files[i]) {
			open_files[i] = f;
			break;
		}
	return f;
}

static int
fuzz_fclose(FILE *f)
{
	for (int i = 0; i < 2; i++)
		if (open_files[i] == f)
			open_files[i] = NULL;
	return fclose(f);
}

int tablegen_main(int argc, char **argv);
#define main tablegen_main
#define exit fuzz_exit
#define fopen fuzz_fopen
#define fclose fuzz_fclose
#include "../../src/tools/tablegen.c"
#undef fclose
#undef fopen
#undef exit
#undef main

/* tablegen exits (or returns from main) without freeing what it read, by
 * design: LeakSanitizer, when there is one, ignores what it allocates. */
void __lsan_disable(void) __attribute__((weak));
void __lsan_enable(void) __attribute__((weak));

static void
reset(void)
{
	free(arch);
	arch = NULL;
	base = 0;
	for (size_t i = 0; i < nentries; i++)
		free(entries[i].name);
	free(entries);
	entries = NULL;
	nentries = centries = 0;
	for (size_t i = 0; i < nlibs; i++)
		free(libs[i]);
	nlibs = 0;
	inpath = outpath = NULL;
	free(pool);            /* the string pool main builds once it has parsed */
	free(pool_off);
	pool = NULL;
	pool_off = NULL;
	npool = 0;
	for (int i = 0; i < 2; i++)
		if (open_files[i])
			fuzz_fclose(open_files[i]);
}

FUZZ_INITIALIZE(0)

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char in[4352], out[4352];
	char *argv[] = {"tablegen", in, out, "glibc_table_fuzz", NULL};

	snprintf(in, sizeof(in), "%s", fuzz_write("glibc-fuzz.txt", data, size));
	snprintf(out, sizeof(out), "%s/table-fuzz.c", fuzz_dir());
	if (__lsan_disable)
		__lsan_disable();
	if (setjmp(fuzz_exit_jmp) == 0)
		tablegen_main(4, argv);
	reset();
	if (__lsan_enable)
		__lsan_enable();
	return 0;
}
