/*
 * args.c: classify a compiler invocation as a link or a pass-through.
 * SPDX-License-Identifier: MIT-0
 *
 * Like ccache's compopt.c: one sorted table says which options take an
 * argument and which ones mean "this is not a link".  Only the effective
 * output and the link/no-link decision are read here; what the linker will
 * really see comes later from the driver itself (linkline.c).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "args.h"

struct option_info {
	const char *name;
	int flags;
};

/* Sorted by strcmp for bsearch.  Exact names; OPT_JOINED entries are prefixes. */
static const struct option_info driver_options[] = {
	{"-###", OPT_INFO},
	{"--entry", OPT_ARG},
	{"--help", OPT_INFO | OPT_JOINED},
	{"--include", OPT_ARG},
	{"--output", OPT_ARG},
	{"--param", OPT_ARG},
	{"--print-", OPT_INFO | OPT_JOINED},
	{"--sysroot", OPT_ARG},
	{"--target-help", OPT_INFO},
	{"--verbose", OPT_DRIVER},
	{"--version", OPT_INFO},
	{"-A", OPT_ARG},
	{"-B", OPT_ARG},
	{"-D", OPT_ARG},
	{"-E", OPT_NOLINK},
	{"-G", OPT_ARG},
	{"-I", OPT_ARG},
	{"-L", OPT_ARG},
	{"-M", OPT_NOLINK},
	{"-MF", OPT_ARG},
	{"-MM", OPT_NOLINK},
	{"-MQ", OPT_ARG},
	{"-MT", OPT_ARG},
	{"-S", OPT_NOLINK},
	{"-T", OPT_ARG},
	{"-U", OPT_ARG},
	{"-V", OPT_ARG},
	{"-Xassembler", OPT_ARG},
	{"-Xclang", OPT_ARG},
	{"-Xlinker", OPT_ARG},
	{"-Xpreprocessor", OPT_ARG},
	{"-arch", OPT_ARG},
	{"-aux-info", OPT_ARG},
	{"-b", OPT_ARG},
	{"-c", OPT_NOLINK},
	{"-dumpbase", OPT_ARG},
	{"-dumpbase-ext", OPT_ARG},
	{"-dumpdir", OPT_ARG},
	{"-dumpfullversion", OPT_INFO},
	{"-dumpmachine", OPT_INFO},
	{"-dumpspecs", OPT_INFO},
	{"-dumpversion", OPT_INFO},
	{"-e", OPT_ARG},
	{"-fsyntax-only", OPT_NOLINK},
	{"-gcc-toolchain", OPT_ARG},
	{"-idirafter", OPT_ARG},
	{"-imacros", OPT_ARG},
	{"-imultiarch", OPT_ARG},
	{"-imultilib", OPT_ARG},
	{"-include", OPT_ARG},
	{"-iprefix", OPT_ARG},
	{"-iquote", OPT_ARG},
	{"-isysroot", OPT_ARG},
	{"-isystem", OPT_ARG},
	{"-iwithprefix", OPT_ARG},
	{"-iwithprefixbefore", OPT_ARG},
	{"-l", OPT_ARG},
	{"-o", OPT_ARG},
	{"-pass-exit-codes", OPT_DRIVER},
	{"-print-", OPT_INFO | OPT_JOINED},
	{"-r", OPT_STATIC},
	{"-save-temps", OPT_DRIVER | OPT_JOINED},
	{"-static", OPT_STATIC},
	{"-static-pie", OPT_STATIC},
	{"-target", OPT_ARG},
	{"-time", OPT_DRIVER | OPT_JOINED},
	{"-u", OPT_ARG},
	{"-v", OPT_DRIVER},
	{"-wrapper", OPT_ARG | OPT_DRIVER},
	{"-x", OPT_ARG},
	{"-z", OPT_ARG},
};

static int
option_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct option_info *)elem)->name);
}

bool
driver_options_sorted(void)
{
	for (size_t i = 1; i < sizeof(driver_options) / sizeof(driver_options[0]); i++)
		if (strcmp(driver_options[i - 1].name, driver_options[i].name) >= 0)
			return false;
	return true;
}

int
driver_option(const char *arg)
{
	const struct option_info *o;
	size_t n = sizeof(driver_options) / sizeof(driver_options[0]);

	o = bsearch(arg, driver_options, n, sizeof(*o), option_cmp);
	if (o)
		return o->flags;
	/* prefix entries: -print-file-name=..., --help=... */
	for (size_t i = 0; i < n; i++)
		if ((driver_options[i].flags & OPT_JOINED) &&
		    startswith(arg, driver_options[i].name))
			return driver_options[i].flags;
	return 0;
}

void
argsplit(const char *s, struct strvec *out)
{
	char *buf = xmalloc(strlen(s) + 1);

	while (*s) {
		size_t n = 0;
		char quote = 0;

		while (isspace((unsigned char)*s))
			s++;
		if (!*s)
			break;
		for (; *s; s++) {
			if (*s == '\\' && s[1]) {
				buf[n++] = *++s;
			} else if (quote) {
				if (*s == quote)
					quote = 0;
				else
					buf[n++] = *s;
			} else if (*s == '\'' || *s == '"') {
				quote = *s;
			} else if (isspace((unsigned char)*s)) {
				break;
			} else {
				buf[n++] = *s;
			}
		}
		strvec_push_owned(out, xstrndup(buf, n));
	}
	free(buf);
}

/* As GCC's expandargv: at most this many @files in all, so that files
 * naming themselves twice cannot expand exponentially. */
#define MAX_RESPONSE_FILES 2000

/* A response file's text, or NULL if it is not a readable regular file:
 * GCC reads nothing from a device or a pipe either, and /dev/zero must not
 * be read forever. */
static char *
read_response_file(const char *path)
{
	struct stat st;

	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
		return NULL;
	return read_file(path, NULL);
}

static int
expand_at(char *const *argv, size_t argc, struct strvec *out, int depth, int *nfiles)
{
	for (size_t i = 0; i < argc; i++) {
		struct strvec sub = STRVEC_INIT;
		char *text;

		if (argv[i][0] != '@' || !(text = read_response_file(argv[i] + 1))) {
			strvec_push(out, argv[i]);
			continue;
		}
		if (depth >= 16) {
			free(text);
			return error("response file '%s' nests too deeply",
			             argv[i] + 1);
		}
		if (++*nfiles > MAX_RESPONSE_FILES) {
			free(text);
			return error("too many response files (more than %d @files)",
			             MAX_RESPONSE_FILES);
		}
		argsplit(text, &sub);
		free(text);
		int r = expand_at(sub.v, sub.n, out, depth + 1, nfiles);
		strvec_free(&sub);
		if (r < 0)
			return -1;
	}
	return 0;
}

int
expand_response_files(char *const *argv, size_t argc, struct strvec *out)
{
	int nfiles = 0;

	return expand_at(argv, argc, out, 0, &nfiles);
}

int
take_symcc_options(struct strvec *args, struct symcc_opts *opts)
{
	for (size_t i = 0; i < args->n;) {
		const char *a = args->v[i];

		if (!startswith(a, "--symcc-")) {
			i++;
			continue;
		}
		if (startswith(a, "--symcc-target=")) {
			free((char *)opts->target);   /* the last one wins */
			opts->target = xstrdup(a + strlen("--symcc-target="));
		}
		else if (strcmp(a, "--symcc-verbose") == 0)
			opts->verbose = true;
		else
			return error("unknown option '%s'", a);
		strvec_remove(args, i);
	}
	return 0;
}

bool
is_linker_name(const char *prog)
{
	const char *b = basename_of(prog);
	size_t n = strlen(b);
	const char *ld = NULL;

	if (strcmp(b, "ld") == 0 || startswith(b, "ld."))
		ld = b;
	else if (n > 3 && strcmp(b + n - 3, "-ld") == 0)
		return true;
	else if ((ld = strstr(b, "-ld.")) != NULL)
		ld++;
	else if (strcmp(b, "mold") == 0 || strcmp(b, "lld") == 0)
		return true;
	if (!ld)
		return false;
	return strcmp(ld, "ld") == 0 || strcmp(ld, "ld.bfd") == 0 ||
	       strcmp(ld, "ld.gold") == 0 || strcmp(ld, "ld.lld") == 0 ||
	       strcmp(ld, "ld.mold") == 0;
}

/* Linker options that mean no dynamic output or no link at all. */
static const char *
ld_pass_reason(const char *a)
{
	if (strcmp(a, "-r") == 0 || strcmp(a, "-i") == 0 ||
	    strcmp(a, "--relocatable") == 0 || strcmp(a, "-Ur") == 0)
		return "relocatable link";
	if (strcmp(a, "--version") == 0 || strcmp(a, "-v") == 0 ||
	    strcmp(a, "-V") == 0 || strcmp(a, "--help") == 0 ||
	    startswith(a, "--print-") || strcmp(a, "-flavor") == 0)
		return "information request";
	return NULL;
}

/* "-Wl,-r", "-Xlinker -r": relocatable links do not bind glibc versions. */
static bool
linker_arg_is_relocatable(const char *a)
{
	return strcmp(a, "-r") == 0 || strcmp(a, "--relocatable") == 0 ||
	       strcmp(a, "-i") == 0;
}

static const char *
classify_ld(struct invocation *inv)
{
	for (size_t i = 1; i < inv->expanded.n; i++) {
		const char *a = inv->expanded.v[i];
		const char *why = ld_pass_reason(a);

		if (why)
			return why;
		if (strcmp(a, "-o") == 0 && i + 1 < inv->expanded.n)
			inv->output = inv->expanded.v[++i];
		else if (startswith(a, "--output="))
			inv->output = a + strlen("--output=");
		else if (strcmp(a, "-shared") == 0 || strcmp(a, "-Bshareable") == 0)
			inv->shared = true;
	}
	if (inv->expanded.n < 2)
		return "no arguments";
	return NULL;
}

/* Walk the driver's arguments; return why it is not a link, or NULL. */
static const char *
classify_driver(struct invocation *inv)
{
	const char *why = NULL;
	bool inputs = false;

	for (size_t i = 1; i < inv->expanded.n; i++) {
		const char *a = inv->expanded.v[i];
		int f;

		if (a[0] != '-' || a[1] == '\0') {
			inputs = true;   /* a file, or "-" for stdin */
			continue;
		}
		if (startswith(a, "-Wl,")) {
			char *s = xstrdup(a + 4);
			for (char *tok = strtok(s, ","); tok; tok = strtok(NULL, ","))
				if (linker_arg_is_relocatable(tok))
					why = "relocatable link";
			free(s);
			continue;
		}
		f = driver_option(a);
		inv->needs_driver |= (f & OPT_DRIVER) != 0;
		if (f & OPT_ARG) {
			const char *val = i + 1 < inv->expanded.n ? inv->expanded.v[i + 1] : NULL;
			if (strcmp(a, "-Xlinker") == 0 && val && linker_arg_is_relocatable(val))
				why = "relocatable link";
			if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0)
				inv->output = val;
			if (strcmp(a, "-l") == 0)
				inputs = true;
			i++;
			continue;
		}
		if (startswith(a, "-o")) {          /* -oFILE */
			inv->output = a + 2;
			continue;
		}
		if (startswith(a, "--output=")) {
			inv->output = a + strlen("--output=");
			continue;
		}
		if (startswith(a, "-l")) {
			inputs = true;
			continue;
		}
		if (strcmp(a, "-shared") == 0)
			inv->shared = true;
		if (f & OPT_INFO)
			return "information request";
		if ((f & OPT_NOLINK) && !why)
			why = "no link (-c, -S, -E, -M or -fsyntax-only)";
		if ((f & OPT_STATIC) && !why)
			why = strcmp(a, "-r") == 0 ? "relocatable link" : "static link";
	}
	if (why)
		return why;
	if (!inputs)
		return "no input files";
	return NULL;
}

int
args_classify(struct invocation *inv, char *const *argv, size_t argc,
              struct symcc_opts *opts)
{
	const char *why;

	memset(inv, 0, sizeof(*inv));
	strvec_pushv(&inv->argv, argv, argc);
	if (take_symcc_options(&inv->argv, opts) < 0)
		return -1;
	if (expand_response_files(inv->argv.v, inv->argv.n, &inv->expanded) < 0)
		return -1;
	/* symcc options may also hide in response files; they must not reach the compiler */
	for (size_t i = 0; i < inv->expanded.n; i++)
		if (startswith(inv->expanded.v[i], "--symcc-"))
			return error("'%s' inside a response file: give symcc options on the command line",
			             inv->expanded.v[i]);
	inv->is_ld = is_linker_name(argv[0]);
	why = inv->is_ld ? classify_ld(inv) : classify_driver(inv);
	inv->is_link = why == NULL;
	inv->why_pass = why;
	return 0;
}

void
invocation_free(struct invocation *inv)
{
	strvec_free(&inv->argv);
	strvec_free(&inv->expanded);
}
