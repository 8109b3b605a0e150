/*
 * link.c: run the real link with what plan and emit produced.
 * SPDX-License-Identifier: MIT-0
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "args.h"
#include "cache.h"
#include "link.h"
#include "linkline.h"
#include "masquerade.h"
#include "plan.h"
#include "run.h"

/* The libraries old glibc holds these symbols in: glibc >= 2.34 has only
 * stubs of them, which --as-needed would drop.  Each one is linked as
 * symcc's own stub of it (stub.c), so that the needs of the versions it
 * held name it, not libc.so.6 (libm, never merged: the real one). */
static void
lib_args(const struct link_request *rq, struct strvec *x)
{
	const struct plan *p = rq->plan;

	if (!p->libs.n)
		return;
	strvec_push(x, "--push-state");
	strvec_push(x, "--no-as-needed");
	for (size_t i = 0; i < p->libs.n; i++) {
		if (rq->stubs && i < rq->stubs->n && rq->stubs->v[i][0])
			strvec_push(x, rq->stubs->v[i]);
		else
			strvec_pushf(x, "-l:%s", p->libs.v[i]);
	}
	strvec_push(x, "--pop-state");
}

/* Does a linker argument name libc (-lc, -l:libc.so.6, .../libc.so)? */
static bool
names_libc(const char *a)
{
	const char *base = strrchr(a, '/');

	base = base ? base + 1 : a;
	return strcmp(a, "-lc") == 0 || strcmp(a, "-l:libc.so.6") == 0 ||
	       strcmp(base, "libc.so") == 0 || strcmp(base, "libc.so.6") == 0;
}

/* symcc's own linker arguments, in the linker's spelling: its input files
 * first, then its options.  A direct ld call gets the libraries (lib_args)
 * before the libc it names itself, or last. */
static void
extra_args(const struct link_request *rq, struct strvec *x)
{
	const struct plan *p = rq->plan;

	if (rq->trampolines)
		strvec_push(x, rq->trampolines);
	if (rq->shims)
		strvec_push(x, rq->shims);
	for (size_t i = 0; i < p->nitems; i++) {
		strvec_pushf(x, "--wrap=%s", p->items[i].name);
		/* pull the shim's member now: later archives may reference it too */
		if (p->items[i].kind == DEC_SHIM)
			strvec_pushf(x, "--undefined=__wrap_%s", p->items[i].name);
	}
	if (!rq->inv->is_ld)
		lib_args(rq, x);
	for (size_t i = 0; rq->ldflags && i < rq->ldflags->n; i++)
		strvec_push(x, rq->ldflags->v[i]);
}

bool
link_runs_direct(const struct link_request *rq)
{
	const char *d = getenv("SYMCC_DIRECT");

	return rq->ll && rq->ll->direct_argv.n > 0 && !rq->inv->is_ld && !rq->inv->needs_driver &&
	       !is_launcher(rq->inv->argv.v[0]) && !(d && strcmp(d, "0") == 0);
}

void
link_argv(const struct link_request *rq, struct strvec *argv, struct strvec *env)
{
	struct strvec x = STRVEC_INIT;
	bool driver = !rq->inv->is_ld;
	size_t at = rq->inv->argv.n;

	extra_args(rq, &x);
	if (link_runs_direct(rq)) {
		linkline_direct(rq->ll, rq->output, rq->resfile, &x, argv, env);
		strvec_free(&x);
		return;
	}
	if (!driver)   /* a direct ld call: lib_args before the libc it names, or last */
		for (size_t i = 1; i < rq->inv->argv.n && at == rq->inv->argv.n; i++)
			if (names_libc(rq->inv->argv.v[i]))
				at = i;
	for (size_t i = 0; i < rq->inv->argv.n; i++) {
		if (!driver && i == at)
			lib_args(rq, argv);
		strvec_push(argv, rq->inv->argv.v[i]);
	}
	if (!driver && at == rq->inv->argv.n)
		lib_args(rq, argv);
	for (size_t i = 0; i < x.n; i++) {
		if (driver && x.v[i][0] == '-')
			strvec_pushf(argv, "-Wl,%s", x.v[i]);
		else
			strvec_push(argv, x.v[i]);
	}
	strvec_push(argv, "-o");
	strvec_push(argv, rq->output);
	strvec_free(&x);
}

/* Linker options symcc adds when the linker knows them, and why. */
static const struct {
	const char *option;      /* as given to the linker */
	const char *help_text;   /* what `ld --help` prints when it knows it */
} safety[] = {
	/* else distro toolchains may emit DT_RELR and need GLIBC_ABI_DT_RELR (2.36) */
	{"-znopack-relative-relocs", "nopack-relative-relocs"},
	/* else DT_X86_64_PLT and GLIBC_ABI_DT_X86_64_PLT (2.43) */
	{"-znomark-plt", "nomark-plt"},
	/* else GLIBC_ABI_GNU2_TLS for TLS descriptors (2.43) */
	{"--no-gnu2-tls-tag", "no-gnu2-tls-tag"},
};

static const char *fuse_ld(const struct invocation *inv);

/* The compiler driver, after a launcher (symcc ccache gcc ...): a launcher
 * does not know -print-prog-name. */
static const char *
link_driver(const struct invocation *inv)
{
	if (inv->argv.n > 1 && is_launcher(inv->argv.v[0]))
		return inv->argv.v[1];
	return inv->argv.v[0];
}

/* The linker the link will run: ld, or ld.X for -fuse-ld=X.  malloc'd or NULL. */
static char *
linker_path(const struct invocation *inv)
{
	const char *fuse = fuse_ld(inv);
	char *ld, *out = NULL, *arg;
	struct strvec cmd = STRVEC_INIT;

	if (inv->is_ld)
		return which(inv->argv.v[0]);
	if (strchr(fuse, '/'))
		return xstrdup(fuse);
	ld = *fuse ? xasprintf("ld.%s", fuse) : xstrdup("ld");
	arg = xasprintf("-print-prog-name=%s", ld);
	strvec_push(&cmd, link_driver(inv));
	strvec_push(&cmd, arg);
	if (run_command(cmd.v, CAPTURE_STDOUT, &out) == 0 && out) {
		out[strcspn(out, "\n")] = '\0';
		free(ld);
		ld = which(out);
	} else {
		char *w = which(ld);
		free(ld);
		ld = w;
	}
	free(out);
	free(arg);
	strvec_free(&cmd);
	return ld;
}

static bool
is_safety_flag(const char *flag)
{
	for (size_t i = 0; i < sizeof(safety) / sizeof(safety[0]); i++)
		if (strcmp(flag, safety[i].option) == 0)
			return true;
	return false;
}

/* The cache says, per compiler (or linker) and -fuse-ld: which linker it
 * runs and which safety flags that linker knows.  File format:
 *   KEY\nLINKER-IDENTITY\nflag\nflag...\n
 * where KEY is the compiler's identity and -fuse-ld; an entry is used only
 * while the linker's identity (path, mtime, size) is unchanged. */
static bool
probe_cached(const struct cachedir *d, const char *file, const char *key, struct strvec *flags)
{
	char *text = cache_read(d, file, NULL), *save = NULL, *line, *ld, *id;
	struct strvec cached = STRVEC_INIT;
	bool ok = false;

	if (!text)
		return false;
	line = strtok_r(text, "\n", &save);
	ld = strtok_r(NULL, "\n", &save);
	if (line && ld && strcmp(line, key) == 0) {
		char *path = xstrndup(ld, strcspn(ld, " "));
		id = file_identity(path);
		ok = id && strcmp(id, ld) == 0;
		free(id);
		free(path);
		/* only flags symcc itself adds: the cache is no way to give the
		 * linker options (an entry with others is probed again) */
		while (ok && (line = strtok_r(NULL, "\n", &save)) != NULL) {
			ok = is_safety_flag(line);
			strvec_push(&cached, line);
		}
		if (ok)
			strvec_pushv(flags, cached.v, cached.n);
	}
	strvec_free(&cached);
	free(text);
	return ok;
}

#define PROBE_CACHE_MAX 100   /* compilers and -fuse-ld values kept */

static void
probe_store(const struct cachedir *d, const char *file, const char *key, const char *ld_id,
            const struct strvec *flags)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	if (!f)
		fatal("out of memory");
	fprintf(f, "%s\n%s\n", key, ld_id);
	for (size_t i = 0; i < flags->n; i++)
		fprintf(f, "%s\n", flags->v[i]);
	if (fclose(f) != 0)
		fatal("out of memory");
	if (cache_write(d, file, text, len) == 0)
		cache_trim(d, "ldprobe-", PROBE_CACHE_MAX);
	free(text);
}

static const char *
fuse_ld(const struct invocation *inv)
{
	const char *fuse = "";

	for (size_t i = 0; i < inv->expanded.n; i++)
		if (startswith(inv->expanded.v[i], "-fuse-ld="))
			fuse = inv->expanded.v[i] + strlen("-fuse-ld=");
	return fuse;
}

/* lld lists no -z keywords in --help; it has -z nopack-relative-relocs
 * since LLD 15 (and neither PLT marking nor the TLS tag of ld.bfd). */
static void
lld_safety_flags(const char *ld, struct strvec *flags)
{
	char *argv[] = {(char *)ld, (char *)"--version", NULL}, *out = NULL, *v;

	if (run_command(argv, CAPTURE_STDOUT, &out) == 0 && out && (v = strstr(out, "LLD ")) &&
	    strtol(v + 4, NULL, 10) >= 15 && !strvec_contains(flags, "-znopack-relative-relocs"))
		strvec_push(flags, "-znopack-relative-relocs");
	free(out);
}

void
link_safety_flags(const struct invocation *inv, struct strvec *flags)
{
	char *compiler = which(link_driver(inv)), *cid = file_identity(compiler);
	char *key, *file = NULL, *ld = NULL, *ld_id = NULL, *help = NULL;
	const struct cachedir *d = cache_dir();
	struct strvec cmd = STRVEC_INIT;

	free(compiler);
	if (!cid)
		return;
	key = xasprintf("%s fuse-ld=%s", cid, fuse_ld(inv));
	if (d) {
		file = xasprintf("ldprobe-%016llx",
		                 (unsigned long long)cache_hash_str(CACHE_HASH_INIT, key));
		if (probe_cached(d, file, key, flags))
			goto out;
	}
	if (!(ld = linker_path(inv)) || !(ld_id = file_identity(ld)))
		goto out;
	strvec_push(&cmd, ld);
	strvec_push(&cmd, "--help");
	if (run_command(cmd.v, CAPTURE_STDOUT, &help) == 0 && help)
		for (size_t i = 0; i < sizeof(safety) / sizeof(safety[0]); i++)
			if (strstr(help, safety[i].help_text))
				strvec_push(flags, safety[i].option);
	if (help && strstr(help, "-z <option>"))
		lld_safety_flags(ld, flags);
	if (file && (d = cache_dir()) != NULL)
		probe_store(d, file, key, ld_id, flags);
out:
	free(help);
	strvec_free(&cmd);
	free(file);
	free(key);
	free(cid);
	free(ld);
	free(ld_id);
}
