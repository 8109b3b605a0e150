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
#include "link.h"
#include "plan.h"
#include "run.h"

/* Add one linker argument, through -Wl, when a driver runs the link. */
static void
push_ld(struct strvec *argv, bool driver, const char *arg)
{
	if (driver)
		strvec_pushf(argv, "-Wl,%s", arg);
	else
		strvec_push(argv, arg);
}

void
link_argv(const struct link_request *rq, struct strvec *argv)
{
	bool driver = !rq->inv->is_ld;
	const struct plan *p = rq->plan;

	strvec_pushv(argv, rq->inv->argv.v, rq->inv->argv.n);
	if (rq->trampolines)
		strvec_push(argv, rq->trampolines);
	if (rq->shims)
		strvec_push(argv, rq->shims);
	for (size_t i = 0; i < p->nitems; i++) {
		char *a = xasprintf("--wrap=%s", p->items[i].name);
		push_ld(argv, driver, a);
		free(a);
		if (p->items[i].kind == DEC_SHIM) {
			/* pull the shim's member now: later archives may reference it too */
			a = xasprintf("--undefined=__wrap_%s", p->items[i].name);
			push_ld(argv, driver, a);
			free(a);
		}
	}
	if (p->libs.n) {
		/* old glibc holds these symbols in separate libraries; glibc >= 2.34
		 * has only stubs of them, which --as-needed would drop */
		push_ld(argv, driver, "--push-state");
		push_ld(argv, driver, "--no-as-needed");
		for (size_t i = 0; i < p->libs.n; i++) {
			char *a = xasprintf("-l:%s", p->libs.v[i]);
			push_ld(argv, driver, a);
			free(a);
		}
		push_ld(argv, driver, "--pop-state");
	}
	for (size_t i = 0; rq->ldflags && i < rq->ldflags->n; i++)
		push_ld(argv, driver, rq->ldflags->v[i]);
	strvec_push(argv, "-o");
	strvec_push(argv, rq->output);
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

static char *
cache_dir(void)
{
	const char *d = getenv("SYMCC_CACHE_DIR"), *home;

	if (d && *d)
		return xstrdup(d);
	if ((d = getenv("XDG_CACHE_HOME")) && *d)
		return xasprintf("%s/symcc", d);
	if ((home = getenv("HOME")) && *home)
		return xasprintf("%s/.cache/symcc", home);
	return NULL;
}

/* Find prog on PATH (or as given if it has a slash); malloc'd or NULL. */
static char *
which(const char *prog)
{
	const char *path = getenv("PATH");
	char *copy, *save = NULL, *found = NULL;

	if (strchr(prog, '/'))
		return access(prog, X_OK) == 0 ? xstrdup(prog) : NULL;
	if (!path)
		return NULL;
	copy = xstrdup(path);
	for (char *dir = strtok_r(copy, ":", &save); dir && !found; dir = strtok_r(NULL, ":", &save)) {
		char *p = xasprintf("%s/%s", *dir ? dir : ".", prog);
		if (access(p, X_OK) == 0)
			found = p;
		else
			free(p);
	}
	free(copy);
	return found;
}

/* The linker the link will run: ld, or ld.X for -fuse-ld=X.  malloc'd or NULL. */
static char *
linker_path(const struct invocation *inv)
{
	const char *fuse = NULL;
	char *ld, *out = NULL, *arg;
	struct strvec cmd = STRVEC_INIT;

	if (inv->is_ld)
		return which(inv->argv.v[0]);
	for (size_t i = 0; i < inv->expanded.n; i++)
		if (startswith(inv->expanded.v[i], "-fuse-ld="))
			fuse = inv->expanded.v[i] + strlen("-fuse-ld=");
	if (fuse && strchr(fuse, '/'))
		return xstrdup(fuse);
	ld = fuse ? xasprintf("ld.%s", fuse) : xstrdup("ld");
	arg = xasprintf("-print-prog-name=%s", ld);
	strvec_push(&cmd, inv->argv.v[0]);
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

static char *
probe_key(const char *ld)
{
	struct stat st;

	if (stat(ld, &st) != 0)
		return NULL;
	return xasprintf("%s %lld %lld", ld, (long long)st.st_mtime, (long long)st.st_size);
}

/* Read "KEY\nflag\nflag\n" written by a previous probe of the same linker. */
static bool
probe_cached(const char *file, const char *key, struct strvec *flags)
{
	char *text = read_file(file, NULL), *save = NULL, *line;
	bool ok = false;

	if (!text)
		return false;
	line = strtok_r(text, "\n", &save);
	if (line && strcmp(line, key) == 0) {
		ok = true;
		while ((line = strtok_r(NULL, "\n", &save)) != NULL)
			strvec_push(flags, line);
	}
	free(text);
	return ok;
}

static void
probe_store(const char *dir, const char *file, const char *key, const struct strvec *flags)
{
	char *tmp = xasprintf("%s.%d", file, (int)getpid());
	FILE *f;

	mkdir(dir, 0777);
	f = fopen(tmp, "w");
	if (!f) {
		free(tmp);
		return;   /* no cache: probe again next time */
	}
	fprintf(f, "%s\n", key);
	for (size_t i = 0; i < flags->n; i++)
		fprintf(f, "%s\n", flags->v[i]);
	if (fclose(f) != 0 || rename(tmp, file) != 0)
		unlink(tmp);
	free(tmp);
}

void
link_safety_flags(const struct invocation *inv, struct strvec *flags)
{
	char *ld = linker_path(inv), *key, *dir, *file = NULL, *help = NULL;
	struct strvec cmd = STRVEC_INIT;
	uint32_t h = 5381;

	if (!ld || !(key = probe_key(ld))) {
		free(ld);
		return;
	}
	dir = cache_dir();
	for (const char *s = key; *s; s++)
		h = h * 33 + (unsigned char)*s;
	if (dir) {
		file = xasprintf("%s/ldprobe-%08x", dir, (unsigned)h);
		if (probe_cached(file, key, flags))
			goto out;
	}
	strvec_push(&cmd, ld);
	strvec_push(&cmd, "--help");
	if (run_command(cmd.v, CAPTURE_STDOUT, &help) == 0 && help)
		for (size_t i = 0; i < sizeof(safety) / sizeof(safety[0]); i++)
			if (strstr(help, safety[i].help_text))
				strvec_push(flags, safety[i].option);
	if (file)
		probe_store(dir, file, key, flags);
out:
	free(help);
	strvec_free(&cmd);
	free(file);
	free(dir);
	free(key);
	free(ld);
}
