/*
 * compile.c: compile the sources of a compile-and-link call first.
 * SPDX-License-Identifier: MIT-0
 *
 * The driver compiles sources of `cc a.c -o prog` into temp objects that
 * exist only while it runs, so scan could not read them.  symcc runs the
 * same compiler with the same flags and -c for each source first, then
 * links the objects: one link, and the pre-scan sees everything.
 *
 * Options whose side outputs are named after the link output (-MD,
 * -save-temps, --coverage, -gsplit-dwarf, ...) would name them differently
 * in a separate compile; then symcc leaves the call alone and relies on
 * verify and its one re-plan instead.
 */
#include <string.h>
#include <sys/stat.h>

#include "args.h"
#include "compile.h"
#include "output.h"
#include "run.h"

/* objects compiled here and their sources, for messages */
static struct strvec compiled_objects = STRVEC_INIT, compiled_sources = STRVEC_INIT;

const char *
compile_source_of(const char *object)
{
	for (size_t i = 0; object && i < compiled_objects.n; i++)
		if (strcmp(compiled_objects.v[i], object) == 0)
			return compiled_sources.v[i];
	return NULL;
}

/* Sources gcc and clang compile, by suffix; anything else is a linker input. */
static bool
is_source(const char *path)
{
	static const char *const suffixes[] = {
		".c", ".i", ".cc", ".cp", ".cxx", ".cpp", ".c++", ".C", ".CPP", ".ii",
		".s", ".S", ".sx", ".m", ".mi", ".mm", ".M", ".mii", ".f", ".for",
		".f90", ".f95", ".f03", ".f08", ".F", ".F90", ".F95", ".F03", ".F08",
	};
	const char *dot = strrchr(basename_of(path), '.');

	for (size_t i = 0; dot && i < sizeof(suffixes) / sizeof(suffixes[0]); i++)
		if (strcmp(dot, suffixes[i]) == 0)
			return true;
	return false;
}

/* Options that make a separate compile behave differently from the driver's. */
static bool
names_side_outputs(const char *a)
{
	static const char *const prefixes[] = {
		"-MD", "-MMD", "-MF", "-save-temps", "--coverage", "-ftest-coverage",
		"-fprofile-arcs", "-fprofile-generate", "-fprofile-use", "-fauto-profile",
		"-gsplit-dwarf", "-fstack-usage", "-fcallgraph-info", "-fdump-", "-aux-info",
		"-dumpbase", "-dumpdir", "-fcompare-debug", "-x", "-ftime-report",
		"-fsave-optimization-record", "-foffload",
	};

	for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
		if (startswith(a, prefixes[i]))
			return true;
	return strcmp(a, "-") == 0 || strcmp(a, "-combine") == 0;
}

/* Link-only options (with their argument) that a -c compile must not see. */
static bool
link_only_with_arg(const char *a)
{
	return strcmp(a, "-o") == 0 || strcmp(a, "-l") == 0 || strcmp(a, "-Xlinker") == 0 ||
	       strcmp(a, "-L") == 0 ||
	       strcmp(a, "-T") == 0 || strcmp(a, "-u") == 0 || strcmp(a, "-z") == 0 ||
	       strcmp(a, "-e") == 0 || strcmp(a, "--entry") == 0 || strcmp(a, "--output") == 0;
}

/* Link-only options without an argument: clang warns "argument unused
 * during compilation" for each, which the user's own call never printed. */
static bool
link_only(const char *a)
{
	static const char *const exact[] = {
		"-shared", "-rdynamic", "-pie", "-no-pie", "-s", "-nostartfiles", "-nodefaultlibs",
		"-nostdlib", "-shared-libgcc",
	};
	static const char *const prefixes[] = {"-l", "-L", "-Wl,", "-static-lib", "-fuse-ld="};

	for (size_t i = 0; i < sizeof(exact) / sizeof(exact[0]); i++)
		if (strcmp(a, exact[i]) == 0)
			return true;
	for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
		if (startswith(a, prefixes[i]))
			return true;
	return startswith(a, "-o") && a[2];
}

int
compile_sources(struct invocation *inv, struct output *out, int *status)
{
	struct strvec *args = &inv->expanded;
	struct strvec common = STRVEC_INIT, linkargv = STRVEC_INIT;
	size_t nsrc = 0;
	bool side_outputs = false;
	const char *dir;

	*status = 0;
	for (size_t i = 1; i < args->n; i++) {
		const char *a = args->v[i];
		struct stat st;

		if (a[0] != '-') {
			nsrc += is_source(a);
			/* gcc's own check, before it compiles anything */
			if (out->existed && stat(a, &st) == 0 && output_is_input(out, &st, a)) {
				*status = 1;
				return -1;
			}
			continue;
		}
		side_outputs |= names_side_outputs(a);
		if (driver_option(a) & OPT_ARG)
			i++;
	}
	if (side_outputs)
		return 1;
	if (nsrc == 0)
		return 0;
	for (size_t i = 1; i < inv->argv.n; i++)
		if (inv->argv.v[i][0] == '@')
			return 1;   /* keep response files as they are: command lines may be long */
	if (!(dir = tmp_dir())) {
		*status = 1;
		return -1;
	}
	/* the flags every compile gets: all but inputs and link-only options */
	strvec_push(&common, args->v[0]);
	for (size_t i = 1; i < args->n; i++) {
		const char *a = args->v[i];
		if (a[0] != '-')
			continue;
		if (link_only_with_arg(a)) {
			i++;
			continue;
		}
		if (link_only(a))
			continue;
		strvec_push(&common, a);
		if ((driver_option(a) & OPT_ARG) && i + 1 < args->n)
			strvec_push(&common, args->v[++i]);
	}
	strvec_push(&linkargv, args->v[0]);
	for (size_t i = 1; i < args->n; i++) {
		const char *a = args->v[i];
		struct strvec cmd = STRVEC_INIT;
		char *obj;
		int rc;

		if (a[0] == '-' || !is_source(a)) {
			strvec_push(&linkargv, a);
			if (a[0] == '-' && (driver_option(a) & OPT_ARG) && i + 1 < args->n)
				strvec_push(&linkargv, args->v[++i]);
			continue;
		}
		obj = xasprintf("%s/%zu.o", dir, i);
		tmp_register(obj);
		strvec_push(&compiled_objects, obj);
		strvec_push(&compiled_sources, a);
		strvec_pushv(&cmd, common.v, common.n);
		strvec_push(&cmd, "-c");
		strvec_push(&cmd, a);
		strvec_push(&cmd, "-o");
		strvec_push(&cmd, obj);
		rc = run_command(cmd.v, CAPTURE_NONE, NULL);
		strvec_free(&cmd);
		if (rc != 0 && *status == 0)
			*status = rc < 0 ? 1 : rc;   /* go on: the driver reports every source */
		strvec_push_owned(&linkargv, obj);
	}
	strvec_free(&common);
	if (*status != 0) {
		strvec_free(&linkargv);
		return -1;
	}
	/* the link now reads objects only; the rest of its argv is unchanged */
	strvec_free(&inv->argv);
	inv->argv = linkargv;
	return 0;
}
