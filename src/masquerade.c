/*
 * masquerade.c: find the real compiler on PATH, skipping symcc itself.
 * SPDX-License-Identifier: MIT-0
 *
 * Like ccache and distcc: a directory of symlinks (gcc, cc, g++, c++,
 * clang, aarch64-linux-gnu-gcc... -> symcc) early on PATH makes every
 * build use symcc.  symcc then runs the program of the same name further
 * down PATH, never one that is symcc again (same inode as /proc/self/exe,
 * or without /proc as the file it was executed by: any symlink or hard link
 * to it), and takes its own directories off the
 * PATH its children see, so that a launcher in between (ccache, distcc)
 * finds the real compiler and not symcc.  SYMCC_RECURSION counts nested
 * calls: a symcc below another one only passes through, and a loop that
 * PATH lookups cannot see (a wrapper script calling symcc) stops with an
 * error instead of running forever.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/stat.h>
#include <unistd.h>

#include "masquerade.h"
#include "util.h"

static const char default_path[] = "/usr/local/bin:/usr/bin:/bin";

bool
invoked_as_symcc(const char *argv0)
{
	return startswith(basename_of(argv0), "symcc");
}

bool
is_launcher(const char *prog)
{
	static const char *const launchers[] = {
		"ccache", "sccache", "distcc", "icecc", "buildcache",
	};
	const char *b = basename_of(prog);

	for (size_t i = 0; i < sizeof(launchers) / sizeof(launchers[0]); i++)
		if (strcmp(b, launchers[i]) == 0)
			return true;
	return false;
}

int
masquerade_enter(const char *what)
{
	const char *v = getenv(SYMCC_RECURSION_ENV);
	long depth = v && *v ? strtol(v, NULL, 10) : 0;
	char buf[24];

	if (depth < 0)
		depth = 0;
	if (depth >= SYMCC_RECURSION_MAX) {
		error("recursive invocation of '%s': %ld symcc calls are already running "
		      "(%s=%ld); a program on PATH runs symcc again", basename_of(what), depth,
		      SYMCC_RECURSION_ENV, depth);
		note("PATH is %s", getenv("PATH") ? getenv("PATH") : "(unset)");
		return -1;
	}
	snprintf(buf, sizeof(buf), "%ld", depth + 1);
	setenv(SYMCC_RECURSION_ENV, buf, 1);
	return (int)depth;
}

bool
self_identity(const char *proc_exe, const char *execfn, struct stat *self)
{
	char exe[PATH_MAX];
	ssize_t n = proc_exe ? readlink(proc_exe, exe, sizeof(exe) - 1) : -1;

	/* the link's target, not the link itself: under valgrind only
	 * readlink tells the program from the tool */
	if (n > 0) {
		exe[n] = '\0';
		if (stat(exe, self) == 0)
			return true;
	}
	if (proc_exe && stat(proc_exe, self) == 0)
		return true;
	/* no /proc: the file execve ran (a masquerade symlink resolves to
	 * symcc); it was not renamed since, nor the working directory changed */
	return execfn && stat(execfn, self) == 0;
}

/* true if path is symcc itself (a symlink or hard link to this binary) */
static bool
is_self(const char *path)
{
	static struct stat self;
	static int have = -1;
	struct stat st;

	if (have < 0)
		have = self_identity("/proc/self/exe", (const char *)getauxval(AT_EXECFN), &self);
	return have && stat(path, &st) == 0 && st.st_dev == self.st_dev &&
	       st.st_ino == self.st_ino;
}

static bool
is_program(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

/* Call fn for each entry of PATH (an empty entry is "."), until it returns true. */
static void
path_each(const char *path, bool (*fn)(const char *dir, void *ctx), void *ctx)
{
	char *copy = xstrdup(path), *p = copy;

	for (;;) {
		char *colon = strchr(p, ':');
		if (colon)
			*colon = '\0';
		if (fn(*p ? p : ".", ctx) || !colon)
			break;
		p = colon + 1;
	}
	free(copy);
}

struct find {
	const char *name;
	char *before;        /* the first match before symcc's own, if any */
	char *after;         /* the first match after symcc's own */
	bool seen_self;
};

static bool
find_one(const char *dir, void *ctx)
{
	struct find *f = ctx;
	char *cand = xasprintf("%s/%s", dir, f->name);

	if (!is_program(cand)) {
		free(cand);
		return false;
	}
	if (is_self(cand)) {
		f->seen_self = true;
		free(cand);
		return false;
	}
	if (f->seen_self) {
		f->after = cand;
		return true;
	}
	if (!f->before)
		f->before = cand;
	else
		free(cand);
	return false;
}

char *
path_find_real(const char *name)
{
	const char *path = getenv("PATH");
	struct find f = {name, NULL, NULL, false};

	path_each(path ? path : default_path, find_one, &f);
	if (f.after) {
		free(f.before);
		return f.after;
	}
	return f.before;   /* symcc is last on PATH, or not on it: the first other one */
}

/* First match of name on PATH, symcc or not; malloc'd or NULL. */
static bool
first_one(const char *dir, void *ctx)
{
	char **out = ctx;
	char *cand = xasprintf("%s/%s", dir, *out);

	if (is_program(cand)) {
		*out = cand;
		return true;
	}
	free(cand);
	return false;
}

struct strip {
	const char *name;
	struct strvec keep;
	bool removed;
};

static bool
strip_one(const char *dir, void *ctx)
{
	struct strip *s = ctx;
	char *cand = xasprintf("%s/%s", dir, s->name);

	if (is_self(cand))
		s->removed = true;
	else
		strvec_push(&s->keep, dir);
	free(cand);
	return false;
}

/* Take the directories where name is symcc off PATH, for the children. */
static void
path_strip_self(const char *name)
{
	const char *path = getenv("PATH");
	struct strip s = {name, STRVEC_INIT, false};
	char *np;

	if (!path)
		return;
	path_each(path, strip_one, &s);
	if (s.removed) {
		np = strjoin(s.keep.v, s.keep.n, ":");
		VERBOSE("PATH for the compiler, without symcc's directories: %s", np);
		setenv("PATH", np, 1);
		free(np);
	}
	strvec_free(&s.keep);
}

/* Resolve *slot in place; see masquerade_resolve. */
static int
resolve_one(char **slot, bool masquerade)
{
	const char *name = *slot;
	char *first = (char *)name, *real;

	if (strchr(name, '/')) {
		if (!is_self(name))
			return 0;
		name = basename_of(name);   /* /some/dir/gcc -> symcc: as if "gcc" */
		masquerade = true;
	}
	if (!masquerade) {
		const char *path = getenv("PATH");
		path_each(path ? path : default_path, first_one, &first);
		if (first == name) {
			return 0;   /* not found: exec will say so, as without symcc */
		}
		masquerade = is_self(first);
		free(first);
	}
	if (masquerade) {
		if (!(real = path_find_real(name)))
			return error("cannot find the real '%s' on PATH: every '%s' there is symcc",
			             name, name);
		VERBOSE("'%s' is %s", name, real);
		path_strip_self(name);
		*slot = real;   /* lives as long as symcc */
	}
	return 0;
}

int
masquerade_resolve(char **argv, size_t argc, bool masquerade)
{
	if (argc == 0)
		return 0;
	/* args_classify takes --symcc-verbose later; say what runs already */
	for (size_t i = 1; i < argc; i++)
		verbose |= strcmp(argv[i], "--symcc-verbose") == 0;
	if (resolve_one(&argv[0], masquerade) < 0)
		return -1;
	path_strip_self(basename_of(argv[0]));
	if (is_launcher(argv[0]) && argc > 1 && argv[1][0] != '-') {
		if (resolve_one(&argv[1], false) < 0)
			return -1;
		path_strip_self(basename_of(argv[1]));
	}
	return 0;
}
