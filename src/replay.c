/*
 * replay.c: may symcc run a linker command it kept in its cache?
 * SPDX-License-Identifier: MIT-0
 *
 * symcc runs the driver's linker command itself (see linkline.h), from its
 * cache.  The cache is its user's alone (cache.c), and the command must
 * still look like what the driver would run: its own collect2 or linker,
 * its own LTO plugin and wrapper, and only the variables the driver sets.
 * "Its own" means: in the driver's installation (the directory above the
 * driver's bin, as found on PATH or resolved), in a -B directory of the
 * command line, or, for a linker the driver ran from PATH (clang), in a
 * PATH directory; a file that only root or the user can change.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "args.h"
#include "replay.h"

/* the variables `gcc -###` prints for its linker command */
static const char *const driver_vars[] = {
	"COLLECT_GCC", "COLLECT_GCC_OPTIONS", "COLLECT_LTO_WRAPPER", "COMPILER_PATH",
	"LIBRARY_PATH", "OFFLOAD_TARGET_DEFAULT", "OFFLOAD_TARGET_NAMES",
};

/* driver options that make it run or load another program */
static const char *const program_options[] = {
	"-B", "-wrapper", "-fplugin", "-specs", "--specs", "-fuse-ld", "--ld-path", "-iplugindir",
};

/* dir/.. of path's directory ("/usr/bin/gcc" -> "/usr"), malloc'd */
static char *
install_dir(const char *path)
{
	char *p = xstrdup(path), *s;

	for (int i = 0; i < 2; i++)
		if ((s = strrchr(p, '/')) != NULL)
			*s = '\0';
	if (!*p) {
		free(p);
		return xstrdup("/");
	}
	return p;
}

void
replay_dirs(const char *compiler, char *const *argv, const char *path_env,
            struct replay_dirs *rd)
{
	char *real = compiler ? realpath(compiler, NULL) : NULL;

	memset(rd, 0, sizeof(*rd));
	if (compiler && compiler[0] == '/')
		strvec_push_owned(&rd->install, install_dir(compiler));
	if (real) {
		strvec_push_owned(&rd->install, install_dir(real));
		free(real);
	}
	for (size_t i = 1; argv && argv[i]; i++) {
		if (strcmp(argv[i], "-B") == 0 && argv[i + 1])
			strvec_push(&rd->bprefix, argv[++i]);
		else if (startswith(argv[i], "-B") && argv[i][2])
			strvec_push(&rd->bprefix, argv[i] + 2);
	}
	if (path_env) {
		char *copy = xstrdup(path_env), *save = NULL;

		for (char *d = strtok_r(copy, ":", &save); d; d = strtok_r(NULL, ":", &save))
			if (d[0] == '/')
				strvec_push(&rd->path, d);
		free(copy);
	}
}

void
replay_dirs_free(struct replay_dirs *rd)
{
	strvec_free(&rd->install);
	strvec_free(&rd->bprefix);
	strvec_free(&rd->path);
}

/* An absolute path with no "." or ".." component. */
static bool
plain_path(const char *p)
{
	if (p[0] != '/')
		return false;
	for (const char *s = p; (s = strchr(s, '/')) != NULL; s++)
		if ((s[1] == '.' && (s[2] == '/' || s[2] == '\0')) ||
		    (s[1] == '.' && s[2] == '.' && (s[3] == '/' || s[3] == '\0')))
			return false;
	return true;
}

/* Is p in (under) the driver's installation, or does it start with a -B
 * prefix (a directory, or a name prefix: -B/opt/x/foo- finds foo-ld)? */
static bool
under(const char *p, const struct replay_dirs *rd)
{
	for (size_t i = 0; i < rd->install.n; i++) {
		const char *d = rd->install.v[i];
		size_t n = strlen(d);

		while (n > 0 && d[n - 1] == '/')
			n--;
		if (strncmp(p, d, n) == 0 && p[n] == '/')
			return true;
	}
	for (size_t i = 0; i < rd->bprefix.n; i++)
		if (startswith(p, rd->bprefix.v[i]))
			return true;
	return false;
}

/* Is p directly in one of dirs (its dirname is one of them)? */
static bool
directly_in(const char *p, const struct strvec *dirs)
{
	const char *slash = strrchr(p, '/');
	size_t n = (size_t)(slash - p);

	for (size_t i = 0; i < dirs->n; i++) {
		size_t m = strlen(dirs->v[i]);

		while (m > 1 && dirs->v[i][m - 1] == '/')
			m--;
		if (m == n && strncmp(p, dirs->v[i], n) == 0)
			return true;
	}
	return false;
}

/* A program or plugin only root or this user can change. */
static bool
trusted_file(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 && S_ISREG(st.st_mode) &&
	       (st.st_uid == 0 || st.st_uid == geteuid()) && !(st.st_mode & 022);
}

static bool
drivers_own(const char *p, const struct replay_dirs *rd)
{
	return plain_path(p) && under(p, rd) && trusted_file(p);
}

/* A COLLECT_GCC_OPTIONS value: each option that runs or loads a program
 * must be one the user gave.  Every quote followed by '-' is taken as the
 * start of an option, however the quotes pair up. */
static bool
options_ok(const char *v, char *const *argv)
{
	for (const char *q = strstr(v, "'-"); q; q = strstr(q + 1, "'-")) {
		size_t n = strcspn(q + 1, "'");
		char *word = xstrndup(q + 1, n);
		bool ok = true;

		for (size_t i = 0; ok && i < sizeof(program_options) / sizeof(program_options[0]); i++) {
			if (!startswith(word, program_options[i]))
				continue;
			ok = false;
			for (size_t j = 1; argv[j] && !ok; j++)
				ok = strcmp(argv[j], word) == 0;
		}
		free(word);
		if (!ok)
			return false;
	}
	return true;
}

/* Each entry of a COMPILER_PATH value in the driver's installation, a -B
 * value (relative ones too: gcc passes them on as given), or one the user
 * set. */
static bool
compiler_path_ok(const char *v, const struct replay_dirs *rd)
{
	char *copy = xstrdup(v), *save = NULL;
	const char *user = getenv("COMPILER_PATH");
	bool ok = true;

	for (char *d = strtok_r(copy, ":", &save); d && ok; d = strtok_r(NULL, ":", &save)) {
		ok = (plain_path(d) && under(d, rd)) || strvec_contains(&rd->bprefix, d);
		if (!ok && user) {
			char *u = xstrdup(user), *s2 = NULL;
			for (char *e = strtok_r(u, ":", &s2); e && !ok; e = strtok_r(NULL, ":", &s2))
				ok = strcmp(e, d) == 0;
			free(u);
		}
	}
	free(copy);
	return ok;
}

const char *
replay_check(const struct strvec *cmd, const struct strvec *env, char *const *argv,
             const struct replay_dirs *rd)
{
	const char *prog;

	if (cmd->n == 0)
		return "an empty command";
	prog = cmd->v[0];
	if (strcmp(basename_of(prog), "collect2") != 0 && !is_linker_name(basename_of(prog)))
		return prog;
	if (!drivers_own(prog, rd) &&
	    !(is_linker_name(basename_of(prog)) && plain_path(prog) && directly_in(prog, &rd->path) &&
	      trusted_file(prog)))
		return prog;
	for (size_t i = 1; i < cmd->n; i++) {
		const char *w = cmd->v[i], *p = NULL;

		if (w[0] == '@')
			return w;   /* a response file could hold anything */
		if ((strcmp(w, "-plugin") == 0 || strcmp(w, "--plugin") == 0) && i + 1 < cmd->n)
			p = cmd->v[++i];
		else if (startswith(w, "-plugin=") || startswith(w, "--plugin="))
			p = strchr(w, '=') + 1;
		else if ((startswith(w, "-plugin-opt=/") || startswith(w, "--plugin-opt=/")))
			p = strchr(w, '=') + 1;   /* the LTO wrapper */
		if (p && !drivers_own(p, rd))
			return p;
	}
	for (size_t i = 0; i < env->n; i++) {
		const char *e = env->v[i], *eq = strchr(e, '=');
		size_t n = eq ? (size_t)(eq - e) : 0, k;

		for (k = 0; k < sizeof(driver_vars) / sizeof(driver_vars[0]); k++)
			if (strlen(driver_vars[k]) == n && strncmp(e, driver_vars[k], n) == 0)
				break;
		if (!eq || k == sizeof(driver_vars) / sizeof(driver_vars[0]))
			return e;
		if ((strcmp(driver_vars[k], "COLLECT_GCC") == 0 && strcmp(eq + 1, argv[0]) != 0) ||
		    (strcmp(driver_vars[k], "COLLECT_LTO_WRAPPER") == 0 && !drivers_own(eq + 1, rd)) ||
		    (strcmp(driver_vars[k], "COMPILER_PATH") == 0 && !compiler_path_ok(eq + 1, rd)) ||
		    (strcmp(driver_vars[k], "COLLECT_GCC_OPTIONS") == 0 && !options_ok(eq + 1, argv)))
			return e;
	}
	return NULL;
}
