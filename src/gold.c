/*
 * gold.c: links that ask for gold run with ld.bfd instead.
 * SPDX-License-Identifier: MIT-0
 *
 * symcc's trampolines are `__wrap_F: jmp F@GLIBC_V` together with
 * --wrap=F.  ld.bfd and lld leave versioned references alone; gold wraps
 * them as well, so the jump goes to __wrap_F itself and the program spins.
 * (`__real_F@GLIBC_V` does not help: gold then drops the version.)  gold is
 * deprecated in binutils, and ld.bfd reads the same options for nearly
 * every build, so symcc swaps the linker rather than fail the build; also
 * when plain `ld` on PATH is gold.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "args.h"
#include "gold.h"
#include "util.h"

static void
replace(struct strvec *sv, size_t i, const char *s)
{
	char *old = sv->v[i];

	sv->v[i] = xstrdup(s);
	free(old);
}

/* "ld.gold" -> "ld.bfd", "/usr/bin/x86_64-linux-gnu-ld.gold" -> "...-ld.bfd" */
static char *
bfd_name(const char *gold)
{
	size_t n = strlen(gold) - strlen("gold");

	return xasprintf("%.*sbfd", (int)n, gold);
}

static bool
ends_with_ld_gold(const char *prog)
{
	const char *b = basename_of(prog);
	size_t n = strlen(b);

	return n >= 7 && strcmp(b + n - 7, "ld.gold") == 0;
}

/* The driver runs the ld it finds on PATH (Debian's gcc and clang do:
 * -print-prog-name=ld says "ld"); a system may point it at gold. */
static bool
default_ld_is_gold(void)
{
	char *ld = which("ld"), *real = ld ? realpath(ld, NULL) : NULL;
	bool gold = real && ends_with_ld_gold(real);

	free(real);
	free(ld);
	return gold;
}

int
avoid_gold(struct invocation *inv)
{
	bool gold = false, fuse = false, in_argv = false;

	if (inv->is_ld) {
		if (!ends_with_ld_gold(inv->argv.v[0]))
			return 0;
		char *bfd = bfd_name(inv->argv.v[0]);
		warn("gold would bind the wrapped glibc symbols to symcc's own trampolines; "
		     "linking with %s instead", basename_of(bfd));
		replace(&inv->argv, 0, bfd);
		replace(&inv->expanded, 0, bfd);
		free(bfd);
		return 0;
	}
	/* the last -fuse-ld= wins, as in gcc and clang */
	for (size_t i = 0; i < inv->expanded.n; i++)
		if (startswith(inv->expanded.v[i], "-fuse-ld=")) {
			gold = strcmp(inv->expanded.v[i], "-fuse-ld=gold") == 0;
			fuse = true;
		}
	if (!fuse && default_ld_is_gold()) {
		warn("the default linker is gold, which would bind the wrapped glibc symbols to "
		     "symcc's own trampolines; linking with -fuse-ld=bfd instead");
		strvec_push(&inv->argv, "-fuse-ld=bfd");
		strvec_push(&inv->expanded, "-fuse-ld=bfd");
		return 0;
	}
	if (!gold)
		return 0;
	for (size_t i = 0; i < inv->expanded.n; i++)
		if (strcmp(inv->expanded.v[i], "-fuse-ld=gold") == 0)
			replace(&inv->expanded, i, "-fuse-ld=bfd");
	for (size_t i = 0; i < inv->argv.n; i++)
		if (strcmp(inv->argv.v[i], "-fuse-ld=gold") == 0) {
			replace(&inv->argv, i, "-fuse-ld=bfd");
			in_argv = true;
		}
	if (!in_argv)
		return error("-fuse-ld=gold inside a response file: gold cannot link for "
			             "symcc; use -fuse-ld=bfd or -fuse-ld=lld");
	warn("gold would bind the wrapped glibc symbols to symcc's own trampolines; "
	     "linking with -fuse-ld=bfd instead");
	return 0;
}
