/*
 * linkline.c: the linker's command line, as the driver will run it.
 * SPDX-License-Identifier: MIT-0
 *
 * `gcc ... -###` prints the commands the driver would run without running
 * them.  Its collect2/ld line lists every input, including the implicit
 * ones (crt1.o, libgcc.a, libc.so, libstdc++.a with -static-libstdc++), and
 * every -L directory, so scan.c reads exactly what the linker will read.
 */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "args.h"
#include "cache.h"
#include "linkline.h"
#include "replay.h"
#include "run.h"

/* What symcc appends to the driver's argv to learn where its own linker
 * arguments go in the linker's line (the driver passes it on as a word). */
#define EXTRA_PROBE "-Wl,symcc.extra.args"
#define EXTRA_WORD "symcc.extra.args"
#define RES_OPT "-plugin-opt=-fresolution="

/* Long linker options (without leading dashes) that take a separate argument. */
static const char *const ld_arg_options[] = {
	"Map", "Tbss", "Tdata", "Tldata-segment", "Trodata-segment", "Ttext",
	"Ttext-segment", "architecture", "assert", "audit", "auxiliary",
	"dT", "default-script", "defsym", "depaudit", "dependency-file",
	"dynamic-linker", "dynamic-list", "entry", "error-handling-script",
	"exclude-libs", "export-dynamic-symbol", "export-dynamic-symbol-list",
	"filter", "fini", "format", "image-base", "init", "just-symbols",
	"library", "library-path", "mri-script", "oformat", "out-implib",
	"output", "plugin", "plugin-opt", "require-defined",
	"retain-symbols-file", "rpath", "rpath-link", "script", "section-start",
	"soname", "sysroot", "trace-symbol", "undefined", "version-script",
	"wrap",
};

/* Single-letter linker options that take an argument (joined or separate). */
static const char ld_short_arg[] = "ALFGPRTYabcefhlmoyuz";

static int
cmpstr(const void *a, const void *b)
{
	return strcmp(a, *(const char *const *)b);
}

static bool
ld_long_takes_arg(const char *name)
{
	return bsearch(name, ld_arg_options,
	               sizeof(ld_arg_options) / sizeof(ld_arg_options[0]),
	               sizeof(ld_arg_options[0]), cmpstr) != NULL;
}

static void
add_item(struct linkline *ll, enum ld_item_kind kind, const char *arg)
{
	ll->items = xreallocarray(ll->items, ll->nitems + 1, sizeof(*ll->items));
	ll->items[ll->nitems].kind = kind;
	ll->items[ll->nitems].arg = arg ? xstrdup(arg) : NULL;
	ll->nitems++;
}

/* Flags without an argument that change how inputs are read. */
static bool
state_option(struct linkline *ll, const char *name)
{
	static const struct {
		const char *name;
		int kind;
	} states[] = {
		{"(", LDI_GROUP_START}, {")", LDI_GROUP_END},
		{"start-group", LDI_GROUP_START}, {"end-group", LDI_GROUP_END},
		{"Bstatic", LDI_BSTATIC}, {"static", LDI_BSTATIC},
		{"dn", LDI_BSTATIC}, {"non_shared", LDI_BSTATIC},
		{"Bdynamic", LDI_BDYNAMIC}, {"dy", LDI_BDYNAMIC},
		{"call_shared", LDI_BDYNAMIC},
		{"whole-archive", LDI_WHOLE_ON}, {"no-whole-archive", LDI_WHOLE_OFF},
		{"push-state", LDI_PUSH}, {"pop-state", LDI_POP},
	};

	for (size_t i = 0; i < sizeof(states) / sizeof(states[0]); i++)
		if (strcmp(name, states[i].name) == 0) {
			add_item(ll, (enum ld_item_kind)states[i].kind, NULL);
			return true;
		}
	if (strcmp(name, "shared") == 0 || strcmp(name, "Bshareable") == 0)
		ll->shared = true;
	else if (strcmp(name, "pie") == 0 || strcmp(name, "pic-executable") == 0)
		ll->pie = true;
	else if (strcmp(name, "nostdlib") == 0)
		ll->nostdlib = true;
	else
		return false;
	return true;
}

/* An option with its value: record what matters. */
static void
valued_option(struct linkline *ll, const char *name, const char *val)
{
	if (strcmp(name, "o") == 0 || strcmp(name, "output") == 0) {
		free(ll->output);
		ll->output = xstrdup(val);
	} else if (strcmp(name, "l") == 0 || strcmp(name, "library") == 0) {
		add_item(ll, LDI_LIB, val);
	} else if (strcmp(name, "L") == 0 || strcmp(name, "library-path") == 0) {
		strvec_push(&ll->libdirs, val);
	} else if (strcmp(name, "m") == 0) {
		free(ll->emulation);
		ll->emulation = xstrdup(val);
	} else if (strcmp(name, "sysroot") == 0) {
		free(ll->sysroot);
		ll->sysroot = xstrdup(val);
	} else if (strcmp(name, "plugin") == 0) {
		ll->has_plugin = true;
	}
}

int
linkline_parse(char *const *argv, size_t argc, struct linkline *ll)
{
	struct strvec args = STRVEC_INIT;

	memset(ll, 0, sizeof(*ll));
	strvec_pushv(&ll->argv, argv, argc);
	if (expand_response_files(argv, argc, &args) < 0) {
		strvec_free(&args);
		linkline_free(ll);
		return -1;
	}
	for (size_t i = 1; i < args.n; i++) {
		const char *a = args.v[i];
		const char *name, *eq;
		const char *next = i + 1 < args.n ? args.v[i + 1] : NULL;

		if (a[0] != '-' || a[1] == '\0') {
			add_item(ll, LDI_FILE, a);
			continue;
		}
		name = a + (a[1] == '-' ? 2 : 1);
		if (state_option(ll, name))
			continue;
		if (ld_long_takes_arg(name) && next) {
			valued_option(ll, name, next);
			i++;
			continue;
		}
		if ((eq = strchr(name, '=')) != NULL && eq > name + 1) {
			char *key = xstrndup(name, (size_t)(eq - name));
			if (ld_long_takes_arg(key) || strchr(ld_short_arg, key[0]))
				valued_option(ll, key, eq + 1);
			free(key);
			continue;
		}
		if (a[1] != '-' && strchr(ld_short_arg, a[1])) {
			char opt[2] = {a[1], '\0'};
			if (a[2] != '\0') {
				valued_option(ll, opt, a + 2);
			} else if (next) {
				valued_option(ll, opt, next);
				i++;
			}
			continue;
		}
		/* any other flag: no argument, nothing symcc needs */
	}
	strvec_free(&args);
	return 0;
}

void
split_driver_line(const char *line, struct strvec *out)
{
	/* the driver quotes with "..." and escapes \ and " inside; argsplit
	 * reads the same syntax */
	argsplit(line, out);
}

/* Is this -### line the linker's?  Its first word is collect2 or a linker. */
static bool
is_linker_line(const struct strvec *words)
{
	const char *prog;

	if (words->n == 0)
		return false;
	prog = basename_of(words->v[0]);
	return strcmp(prog, "collect2") == 0 || is_linker_name(prog);
}

/* The linker's words in text, the stderr of `DRIVER ... -###` (split into
 * lines in place).  If env is not NULL, the NAME=VALUE lines the driver
 * prints before the linker's line (what it would set in the environment)
 * go there, and *ncommands counts the commands it would run.  0, or -1 if
 * there is no linker line (reported). */
static int
driver_output_words(char *text, const char *driver, struct strvec *words,
                    struct strvec *env, size_t *ncommands)
{
	char *line, *save = NULL;
	int found = 0;

	/* the last linker line wins (the driver prints one per command) */
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		struct strvec w = STRVEC_INIT;

		if (line[0] != ' ') {
			size_t name = strspn(line, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");
			if (env && !found && name > 0 && line[name] == '=')
				strvec_push(env, line);
			continue;
		}
		if (ncommands)
			++*ncommands;
		split_driver_line(line, &w);
		if (is_linker_line(&w)) {
			strvec_free(words);
			*words = w;
			found = 1;
		} else {
			strvec_free(&w);
		}
	}
	if (!found)
		return error("cannot find the linker command in the output of '%s -###'", driver);
	return 0;
}

int
linkline_from_driver_output(char *text, const char *driver, struct linkline *ll)
{
	struct strvec words = STRVEC_INIT;
	int r;

	memset(ll, 0, sizeof(*ll));
	if (driver_output_words(text, driver, &words, NULL, NULL) < 0)
		return -1;
	r = linkline_parse(words.v, words.n, ll);
	strvec_free(&words);
	return r;
}

/* Ask the driver itself: argv + EXTRA_PROBE + "-###".  The linker's
 * words go to *words, the environment it would set to *env, and the number
 * of commands it would run to *ncommands.  0, -1 on error (reported), 1 if
 * the driver rejects the arguments. */
static int
driver_words(char *const *argv, struct strvec *words, struct strvec *env, size_t *ncommands)
{
	struct strvec cmd = STRVEC_INIT;
	char *text = NULL;
	int rc;

	for (size_t i = 0; argv[i]; i++)
		strvec_push(&cmd, argv[i]);
	strvec_push(&cmd, EXTRA_PROBE);
	strvec_push(&cmd, "-###");
	rc = run_command(cmd.v, CAPTURE_STDERR, &text);
	strvec_free(&cmd);
	if (rc < 0)
		return -1;
	if (rc != 0) {
		free(text);
		return 1;
	}
	rc = driver_output_words(text, argv[0], words, env, ncommands);
	free(text);
	return rc;
}

/*
 * The driver's answer depends on the compiler and the options, not on the
 * names of the object files: links with the same flags share one answer.
 * The template cache keeps it with each run of consecutive inputs and the
 * output replaced by markers, keyed by the compiler's identity and the
 * "shape" of the command line.  A template is stored only when every run
 * and the output are found exactly once in the driver's real line.
 */
#define MARK_RUN "\001R"
#define TEMPLATE_CACHE_MAX 1000   /* option shapes kept; the oldest go first */
#define MARK_OUT "\001O"
#define MARK_EXTRA "\001X"        /* where symcc's own linker arguments go */
#define MARK_RES "\001L"          /* the LTO plugin's resolution file */
#define MARK_ENV "\001E"          /* prefixes NAME=VALUE the driver sets */
#define MARK_DIRECT "\001D"       /* the command can run without the driver */
#define MARK_STAMP "\001S"        /* a file the driver read: "PATH: identity" */
#define TEMPLATE_FORMAT "symcc-driver-template-3"

struct shape {
	char *key;                 /* compiler identity, environment, options with markers */
	struct strvec *runs;       /* the inputs, run by run */
	size_t nruns;
	const char *output;
	char *compiler;            /* its path on PATH */
};

/* Is the file an ELF program?  A script named gcc may do more at link
 * time than run the linker: only a real driver is bypassed. */
static bool
is_elf_program(const char *path)
{
	char magic[SELFMAG];
	int fd = path ? open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK) : -1;
	bool elf;

	if (fd < 0)
		return false;
	elf = read(fd, magic, sizeof(magic)) == SELFMAG && memcmp(magic, ELFMAG, SELFMAG) == 0;
	close(fd);
	return elf;
}

static void
shape_free(struct shape *sh)
{
	for (size_t i = 0; i < sh->nruns; i++)
		strvec_free(&sh->runs[i]);
	free(sh->runs);
	free(sh->key);
	free(sh->compiler);
}

/* "PATH: dev ino size mtime" of a file the driver reads, or "PATH: none";
 * malloc'd. */
static char *
file_stamp(const char *path)
{
	struct stat st;

	if (stat(path, &st) != 0)
		return xasprintf("%s: none", path);
	return xasprintf("%s: %llu %llu %lld %lld.%09ld", path, (unsigned long long)st.st_dev,
	                 (unsigned long long)st.st_ino, (long long)st.st_size,
	                 (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
}

/* The stamp of a file the driver reads, into the key; -1 if absent and
 * must_exist. */
static int
push_file_identity(struct strvec *k, const char *path, bool must_exist)
{
	struct stat st;

	if (must_exist && stat(path, &st) != 0)
		return -1;
	strvec_push_owned(k, file_stamp(path));
	return 0;
}

/* Options that make the driver read a file (-specs=FILE, and -B DIR, where
 * it looks for a specs file): the option and the file's identity go to the
 * key, so that an edited specs file gets a new command.  1 if argv[*i] was
 * one (*i moved past its argument), 0 if not, -1 if it cannot be cached: a
 * specs file by a relative name (gcc looks for it in its own directories
 * first, which only running it tells) or missing. */
static int
read_by_driver(char *const *argv, size_t *i, struct strvec *k)
{
	const char *a = argv[*i], *file = NULL, *bdir = NULL;
	bool separate = false;
	int r;

	if (startswith(a, "-specs=") || startswith(a, "--specs="))
		file = strchr(a, '=') + 1;
	else if (strcmp(a, "--specs") == 0 && argv[*i + 1])
		file = argv[*i + 1], separate = true;
	else if (strcmp(a, "-B") == 0 && argv[*i + 1])
		bdir = argv[*i + 1], separate = true;
	else if (startswith(a, "-B") && a[2])
		bdir = a + 2;
	else
		return 0;
	strvec_push(k, a);
	if (separate)
		strvec_push(k, argv[++*i]);
	if (file) {
		r = file[0] == '/' ? push_file_identity(k, file, true) : -1;
	} else {
		char *specs = xasprintf("%sspecs", bdir);   /* gcc: prefix + name */
		char *in_dir = xasprintf("%s/specs", bdir);
		r = push_file_identity(k, specs, false) | push_file_identity(k, in_dir, false);
		free(specs);
		free(in_dir);
	}
	return r < 0 ? -1 : 1;
}

/* The shape of argv, or -1 when it cannot be cached (response files,
 * stdin, newlines in arguments, an unknown compiler). */
static int
shape_of(char *const *argv, struct shape *sh)
{
	/* PATH too: clang prints the ld it found there */
	static const char *const env[] = {"GCC_EXEC_PREFIX", "COMPILER_PATH", "LIBRARY_PATH",
	                                  "GCC_ROOT", "SOURCE_DATE_EPOCH", "PATH"};
	char *compiler = which(argv[0]), *id = file_identity(compiler);
	struct strvec k = STRVEC_INIT;
	bool in_run = false;
	int r = 0, rd;

	memset(sh, 0, sizeof(*sh));
	if (!id) {
		free(compiler);
		return -1;
	}
	sh->compiler = compiler;
	strvec_push(&k, TEMPLATE_FORMAT);
	strvec_push_owned(&k, id);
	for (size_t i = 0; i < sizeof(env) / sizeof(env[0]); i++)
		strvec_pushf(&k, "%s=%s", env[i], getenv(env[i]) ? getenv(env[i]) : "");
	for (size_t i = 1; argv[i] && r == 0; i++) {
		const char *a = argv[i];

		if (strchr(a, '\n') || a[0] == '@' || strcmp(a, "-") == 0 || a[0] == '\001') {
			r = -1;
		} else if (a[0] != '-') {
			if (!in_run) {
				sh->runs = xreallocarray(sh->runs, sh->nruns + 1, sizeof(*sh->runs));
				memset(&sh->runs[sh->nruns++], 0, sizeof(*sh->runs));
				strvec_push(&k, MARK_RUN);
			}
			strvec_push(&sh->runs[sh->nruns - 1], a);
			in_run = true;
			continue;
		} else if (strcmp(a, "-o") == 0 && argv[i + 1]) {
			sh->output = argv[++i];
			strvec_push(&k, "-o");
			strvec_push(&k, MARK_OUT);
		} else if ((rd = read_by_driver(argv, &i, &k)) != 0) {
			r = rd < 0 ? -1 : 0;
		} else {
			strvec_push(&k, a);
			if ((driver_option(a) & OPT_ARG) && argv[i + 1])
				strvec_push(&k, argv[++i]);
		}
		in_run = false;
	}
	if (r == 0)
		sh->key = strjoin(k.v, k.n, "\002");
	strvec_free(&k);
	if (r < 0)
		shape_free(sh);
	return r;
}

static size_t
count_word(const struct strvec *w, const char *s)
{
	size_t n = 0;

	for (size_t i = 0; i < w->n; i++)
		n += strcmp(w->v[i], s) == 0;
	return n;
}

/* s with every from replaced by to; malloc'd. */
static char *
replace_all(const char *s, const char *from, const char *to)
{
	size_t nfrom = strlen(from), nto = strlen(to), n = 0;
	const char *p, *q;
	char *out, *o;

	for (p = s; (q = strstr(p, from)) != NULL; p = q + nfrom)
		n++;
	out = o = xmalloc(strlen(s) + n * nto + 1);
	for (p = s; (q = strstr(p, from)) != NULL; p = q + nfrom) {
		memcpy(o, p, (size_t)(q - p));
		o += q - p;
		memcpy(o, to, nto);
		o += nto;
	}
	strcpy(o, p);
	return out;
}

/* Does w name one of the driver's temporary files (DIR/ccXXXXXX.suffix)?
 * A new one is made for every run, so such a line cannot be replayed. */
static bool
names_driver_temp(const char *w)
{
	for (const char *p = strstr(w, "/cc"); p; p = strstr(p + 1, "/cc")) {
		size_t n = strspn(p + 3, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");
		if (n == 6 && (p[9] == '.' || p[9] == '\0'))
			return true;
	}
	return false;
}

/* The driver's environment for the template: the output, quoted as the
 * driver quotes it in COLLECT_GCC_OPTIONS ('-o' 'prog' ... '-dumpdir'
 * 'prog.'), becomes MARK_OUT.  False if the output needs quoting. */
static bool
template_env(const struct strvec *env, const char *output, struct strvec *tpl)
{
	char *word, *dir;

	if (strpbrk(output, "'\\\001"))
		return false;
	word = xasprintf("'%s'", output);
	dir = xasprintf("'%s.'", output);
	for (size_t i = 0; i < env->n; i++) {
		char *a = replace_all(env->v[i], word, "'" MARK_OUT "'");
		char *b = replace_all(a, dir, "'" MARK_OUT ".'");
		strvec_push_owned(tpl, xasprintf(MARK_ENV "%s", b));
		free(a);
		free(b);
	}
	free(word);
	free(dir);
	return true;
}

/* gcc reads a "specs" file, when there is one, from its own directories,
 * which only its answer names: beside collect2 and in the first directory
 * of LIBRARY_PATH (its libdir).  Their stamps go into the template, which
 * is used only while they hold. */
static void
template_stamps(const struct strvec *words, const struct strvec *env, struct strvec *tpl)
{
	const char *slash = words->n ? strrchr(words->v[0], '/') : NULL;

	if (slash && words->v[0][0] == '/') {
		char *p = xasprintf("%.*s/specs", (int)(slash - words->v[0]), words->v[0]);
		char *st = file_stamp(p);
		strvec_push_owned(tpl, xasprintf(MARK_STAMP "%s", st));
		free(st);
		free(p);
	}
	for (size_t i = 0; i < env->n; i++)
		if (startswith(env->v[i], "LIBRARY_PATH=/")) {
			const char *d = env->v[i] + strlen("LIBRARY_PATH=");
			char *p = xasprintf("%.*sspecs", (int)strcspn(d, ":"), d);
			char *st = file_stamp(p);
			strvec_push_owned(tpl, xasprintf(MARK_STAMP "%s", st));
			free(st);
			free(p);
		}
}

/* Do the stamps of a template still hold? */
static bool
stamps_hold(char *const *lines, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *l = lines[i], *sep;
		char *path, *now;
		bool same;

		if (!startswith(l, MARK_STAMP))
			continue;
		l += strlen(MARK_STAMP);
		for (sep = strstr(l, ": "); sep && strstr(sep + 2, ": "); sep = strstr(sep + 2, ": "))
			;
		if (!sep)
			return false;
		path = xstrndup(l, (size_t)(sep - l));
		now = file_stamp(path);
		same = strcmp(now, l) == 0;
		free(now);
		free(path);
		if (!same)
			return false;
	}
	return true;
}

/* Turn the driver's words into a template; false if it would be ambiguous.
 * It can run without the driver (MARK_DIRECT) when the driver is a program
 * and would run only the linker, with no temporary file of its own but the LTO plugin's
 * resolution file, and symcc's marker and the output each appear once. */
static bool
make_template(const struct strvec *words, const struct strvec *env, size_t ncommands,
              const struct shape *sh, struct strvec *tpl)
{
	struct strvec body = STRVEC_INIT;
	size_t at = 0, run = 0;
	bool out_done = sh->output == NULL;
	/* a relocated gcc (BINDIR/../lib/gcc/...) also sets GCC_EXEC_PREFIX,
	 * which -### does not print */
	bool direct = ncommands == 1 && sh->output && count_word(words, EXTRA_WORD) == 1 &&
	              words->n > 0 && !strstr(words->v[0], "/../") &&
	              is_elf_program(sh->compiler);

	for (size_t r = 0; r < sh->nruns; r++)
		for (size_t j = 0; j < sh->runs[r].n; j++)
			if (count_word(words, sh->runs[r].v[j]) != 1)
				return false;
	if (sh->output && count_word(words, sh->output) != 1)
		return false;
	while (at < words->n) {
		const struct strvec *rv = run < sh->nruns ? &sh->runs[run] : NULL;
		const char *w = words->v[at];
		bool match = rv && at + rv->n <= words->n;

		for (size_t j = 0; match && j < rv->n; j++)
			match = strcmp(words->v[at + j], rv->v[j]) == 0;
		if (match) {
			strvec_push(&body, MARK_RUN);
			at += rv->n;
			run++;
			continue;
		}
		at++;
		if (!out_done && at > 1 && strcmp(words->v[at - 2], "-o") == 0 &&
		    strcmp(w, sh->output) == 0) {
			strvec_push(&body, MARK_OUT);
			out_done = true;
		} else if (strcmp(w, EXTRA_WORD) == 0) {
			strvec_push(&body, MARK_EXTRA);
		} else if (startswith(w, RES_OPT)) {
			strvec_push(&body, MARK_RES);
		} else if (strchr(w, '\n') || w[0] == '\001') {
			strvec_free(&body);
			return false;
		} else {
			direct = direct && !names_driver_temp(w);
			strvec_push(&body, w);
		}
	}
	if (run != sh->nruns || !out_done) {
		strvec_free(&body);
		return false;
	}
	if (direct) {
		strvec_push(tpl, MARK_DIRECT);
		if (!template_env(env, sh->output, tpl)) {
			strvec_free(tpl);
			*tpl = (struct strvec)STRVEC_INIT;
		}
	}
	strvec_pushv(tpl, body.v, body.n);
	strvec_free(&body);
	template_stamps(words, env, tpl);
	return true;
}

/* Fill a template in: the words to scan (inputs and output in place,
 * symcc's marker gone) into *words, and when it can run without the driver,
 * the command and environment with their markers into ll (see
 * linkline_direct).  False if the template does not fit the shape. */
static bool
template_fill(char *const *lines, size_t n, const struct shape *sh, struct strvec *words,
              struct strvec *dargv, struct strvec *denv)
{
	size_t run = 0;
	bool direct = n > 0 && strcmp(lines[0], MARK_DIRECT) == 0;

	for (size_t i = direct; i < n; i++) {
		const char *p = lines[i];

		if (startswith(p, MARK_STAMP))
			continue;
		if (startswith(p, MARK_ENV)) {
			if (direct)
				strvec_push(denv, p + strlen(MARK_ENV));
			continue;
		}
		if (strcmp(p, MARK_RUN) == 0) {
			if (run >= sh->nruns)
				return false;
			strvec_pushv(words, sh->runs[run].v, sh->runs[run].n);
			if (direct)
				strvec_pushv(dargv, sh->runs[run].v, sh->runs[run].n);
			run++;
			continue;
		}
		if (strcmp(p, MARK_OUT) == 0) {
			if (!sh->output)
				return false;
			strvec_push(words, sh->output);
		} else if (strcmp(p, MARK_RES) == 0) {
			strvec_push(words, RES_OPT);
		} else if (strcmp(p, MARK_EXTRA) != 0) {
			strvec_push(words, p);
		}
		if (direct)
			strvec_push(dargv, p);
	}
	return run == sh->nruns && words->n > 0;
}

static char *
template_name(const struct shape *sh)
{
	return xasprintf("driver-%016llx",
	                 (unsigned long long)cache_hash_str(CACHE_HASH_INIT, sh->key));
}

/* Why the direct command (dargv, denv) may not run, or NULL if it may:
 * the driver's own collect2 or linker only (replay.h). */
static const char *
direct_refused(const struct shape *sh, char *const *argv, const struct strvec *dargv,
               const struct strvec *denv, struct replay_dirs *rd)
{
	if (dargv->n == 0)
		return NULL;
	if (!rd->install.n && !rd->path.n)
		replay_dirs(sh->compiler, argv, getenv("PATH"), rd);
	return replay_check(dargv, denv, argv, rd);
}

/* Fill words (and the direct command) from the cached template of this
 * shape; false on a miss. */
static bool
template_load(const struct shape *sh, char *const *argv, struct strvec *words,
              struct strvec *dargv, struct strvec *denv)
{
	const struct cachedir *d = cache_dir();
	char *name = template_name(sh), *text = d ? cache_read(d, name, NULL) : NULL;
	struct strvec lines = STRVEC_INIT;
	struct replay_dirs rd = {STRVEC_INIT, STRVEC_INIT, STRVEC_INIT};
	const char *refused;
	char *p, *nl;
	bool ok = false;

	if (!text) {
		free(name);
		return false;
	}
	nl = strchr(text, '\n');
	if (nl && (size_t)(nl - text) == strlen(sh->key) && strncmp(text, sh->key, (size_t)(nl - text)) == 0) {
		ok = true;
		for (p = nl + 1; ok && *p; p = nl + 1) {
			if (!(nl = strchr(p, '\n'))) {
				ok = false;
				break;
			}
			*nl = '\0';
			strvec_push(&lines, p);
		}
		ok = ok && stamps_hold(lines.v, lines.n) &&
		     template_fill(lines.v, lines.n, sh, words, dargv, denv);
	}
	/* symcc stores only commands it may run: another one is not its own */
	if (ok && (refused = direct_refused(sh, argv, dargv, denv, &rd)) != NULL) {
		cache_warn("the cached linker command '%s/%s' runs '%s', which is not the driver's "
		           "own: asking the driver again", d->path, name, refused);
		ok = false;
	}
	if (!ok) {
		strvec_free(words);
		strvec_free(dargv);
		strvec_free(denv);
	}
	replay_dirs_free(&rd);
	strvec_free(&lines);
	free(text);
	free(name);
	return ok;
}

static void
template_store(const struct shape *sh, const struct strvec *tpl)
{
	const struct cachedir *d = cache_dir();
	char *name, *text = NULL;
	size_t len = 0;
	FILE *f;

	if (!d)
		return;
	if (!(f = open_memstream(&text, &len)))
		fatal("out of memory");
	fprintf(f, "%s\n", sh->key);
	for (size_t i = 0; i < tpl->n; i++)
		fprintf(f, "%s\n", tpl->v[i]);
	if (fclose(f) != 0)
		fatal("out of memory");
	name = template_name(sh);
	/* bounded: one shape in 64 pays for a look at the whole directory */
	if (cache_write(d, name, text, len) == 0 &&
	    (cache_hash_str(CACHE_HASH_INIT, sh->key) & 63) == 0)
		cache_trim(d, "driver-", TEMPLATE_CACHE_MAX);
	free(name);
	free(text);
}

/* The template without its direct command: the link goes through the driver. */
static void
template_undirect(struct strvec *tpl)
{
	for (size_t i = tpl->n; i-- > 0;)
		if (strcmp(tpl->v[i], MARK_DIRECT) == 0 || startswith(tpl->v[i], MARK_ENV))
			strvec_remove(tpl, i);
}

/* The linker's words from the driver itself (and into the cache). */
static int
words_from_driver(char *const *argv, struct shape *sh, bool cacheable, struct strvec *words,
                  struct strvec *dargv, struct strvec *denv)
{
	struct strvec raw = STRVEC_INIT, env = STRVEC_INIT, tpl = STRVEC_INIT;
	size_t ncommands = 0;
	int r = driver_words(argv, &raw, &env, &ncommands);

	if (r == 0 && cacheable && make_template(&raw, &env, ncommands, sh, &tpl) &&
	    template_fill(tpl.v, tpl.n, sh, words, dargv, denv)) {
		struct replay_dirs rd = {STRVEC_INIT, STRVEC_INIT, STRVEC_INIT};
		const char *refused = direct_refused(sh, argv, dargv, denv, &rd);

		if (refused) {
			/* not a command symcc would replay: through the driver */
			VERBOSE("the driver's linker command is not run directly: %s", refused);
			template_undirect(&tpl);
			strvec_free(dargv);
			strvec_free(denv);
		}
		replay_dirs_free(&rd);
		template_store(sh, &tpl);
	} else if (r == 0) {
		strvec_free(words);
		strvec_free(dargv);
		strvec_free(denv);
		for (size_t i = 0; i < raw.n; i++)
			if (strcmp(raw.v[i], EXTRA_WORD) != 0)
				strvec_push(words, raw.v[i]);
	}
	strvec_free(&raw);
	strvec_free(&env);
	strvec_free(&tpl);
	return r;
}

int
linkline_from_driver(char *const *argv, struct linkline *ll)
{
	struct strvec words = STRVEC_INIT, dargv = STRVEC_INIT, denv = STRVEC_INIT;
	struct shape sh;
	bool cacheable = shape_of(argv, &sh) == 0;
	int r = 0;

	if (cacheable && template_load(&sh, argv, &words, &dargv, &denv))
		VERBOSE("linker command from the cache");
	else
		r = words_from_driver(argv, &sh, cacheable, &words, &dargv, &denv);
	if (cacheable)
		shape_free(&sh);
	if (r == 0)
		r = linkline_parse(words.v, words.n, ll);
	strvec_free(&words);
	if (r == 0) {
		ll->direct_argv = dargv;
		ll->direct_env = denv;
	} else {
		strvec_free(&dargv);
		strvec_free(&denv);
	}
	return r;
}

void
linkline_direct(const struct linkline *ll, const char *output, const char *resfile,
                const struct strvec *extra, struct strvec *argv, struct strvec *env)
{
	for (size_t i = 0; i < ll->direct_argv.n; i++) {
		const char *w = ll->direct_argv.v[i];

		if (strcmp(w, MARK_OUT) == 0)
			strvec_push(argv, output);
		else if (strcmp(w, MARK_EXTRA) == 0)
			strvec_pushv(argv, extra->v, extra->n);
		else if (strcmp(w, MARK_RES) == 0)
			strvec_pushf(argv, "%s%s", RES_OPT, resfile);
		else
			strvec_push(argv, w);
	}
	/* COLLECT_GCC_OPTIONS names the output; -Wl options and inputs, as
	 * symcc's are, are not in it */
	for (size_t i = 0; i < ll->direct_env.n; i++)
		strvec_push_owned(env, replace_all(ll->direct_env.v[i], MARK_OUT, output));
}

static const struct {
	const char *emulation, *arch, *triplet;
} emulations[] = {
	{"elf_x86_64", "x86_64", "x86_64-linux-gnu"},
	{"elf_i386", "i686", "i386-linux-gnu"},
	{"aarch64linux", "aarch64", "aarch64-linux-gnu"},
	{"armelf_linux_eabi", "armv7", "arm-linux-gnueabihf"},
	{"elf64lppc", "ppc64le", "powerpc64le-linux-gnu"},
	{"elf64_s390", "s390x", "s390x-linux-gnu"},
	{"elf64lriscv", "riscv64", "riscv64-linux-gnu"},
};

const char *
emulation_triplet(const char *emulation)
{
	for (size_t i = 0; emulation && i < sizeof(emulations) / sizeof(emulations[0]); i++)
		if (strcmp(emulation, emulations[i].emulation) == 0)
			return emulations[i].triplet;
	return NULL;
}

const char *
linker_name_arch(const char *linker)
{
	const char *base = basename_of(linker);

	for (size_t i = 0; i < sizeof(emulations) / sizeof(emulations[0]); i++) {
		/* Debian's 32-bit x86 tools are i686-linux-gnu-*, its libraries i386-linux-gnu */
		const char *t = strcmp(emulations[i].arch, "i686") == 0 ? "i686-linux-gnu"
		                                                         : emulations[i].triplet;
		size_t n = strlen(t);

		if (strncmp(base, t, n) == 0 && base[n] == '-')
			return emulations[i].arch;
	}
	return NULL;
}

const char *
emulation_arch(const char *emulation)
{
	for (size_t i = 0; emulation && i < sizeof(emulations) / sizeof(emulations[0]); i++)
		if (strcmp(emulation, emulations[i].emulation) == 0)
			return emulations[i].arch;
	return NULL;
}

/* dir with a leading '=' or "$SYSROOT" is relative to the sysroot */
static char *
sysroot_path(const struct linkline *ll, const char *dir)
{
	const char *root = ll->sysroot ? ll->sysroot : "";

	if (dir[0] == '=')
		return xasprintf("%s%s", root, dir + 1);
	if (startswith(dir, "$SYSROOT"))
		return xasprintf("%s%s", root, dir + strlen("$SYSROOT"));
	return xstrdup(dir);
}

/* The linker's built-in search directories, after -L ones. */
static void
default_dirs(const struct linkline *ll, struct strvec *dirs)
{
	const char *t = emulation_triplet(ll->emulation);
	const char *root = ll->sysroot ? ll->sysroot : "";

	if (ll->nostdlib)
		return;
	if (t) {
		strvec_pushf(dirs, "%s/usr/local/lib/%s", root, t);
		strvec_pushf(dirs, "%s/lib/%s", root, t);
		strvec_pushf(dirs, "%s/usr/lib/%s", root, t);
	}
	strvec_pushf(dirs, "%s/usr/local/lib", root);
	strvec_pushf(dirs, "%s/lib", root);
	strvec_pushf(dirs, "%s/usr/lib", root);
}

static char *
first_existing_in(const struct linkline *ll, const char *const *names, size_t nnames)
{
	struct strvec dirs = STRVEC_INIT;
	char *found = NULL;

	for (size_t i = 0; i < ll->libdirs.n; i++)
		strvec_push_owned(&dirs, sysroot_path(ll, ll->libdirs.v[i]));
	default_dirs(ll, &dirs);
	for (size_t i = 0; i < dirs.n && !found; i++)
		for (size_t j = 0; j < nnames && !found; j++) {
			char *p = xasprintf("%s/%s", dirs.v[i], names[j]);
			if (access(p, F_OK) == 0)
				found = p;
			else
				free(p);
		}
	strvec_free(&dirs);
	return found;
}

char *
linkline_find_lib(const struct linkline *ll, const char *name, bool static_only)
{
	char *so, *a, *found;
	const char *names[2];

	if (name[0] == ':') {
		names[0] = name + 1;
		return first_existing_in(ll, names, 1);
	}
	so = xasprintf("lib%s.so", name);
	a = xasprintf("lib%s.a", name);
	names[0] = static_only ? a : so;
	names[1] = a;
	found = first_existing_in(ll, names, static_only ? 1 : 2);
	free(so);
	free(a);
	return found;
}

char *
linkline_find_file(const struct linkline *ll, const char *name, bool in_sysroot)
{
	const char *names[1] = {name};

	if (name[0] == '/') {
		char *p = (in_sysroot && ll->sysroot)
		          ? xasprintf("%s%s", ll->sysroot, name) : xstrdup(name);
		if (access(p, F_OK) == 0)
			return p;
		free(p);
		return NULL;
	}
	if (name[0] == '=' || access(name, F_OK) == 0)
		return name[0] == '=' ? sysroot_path(ll, name) : xstrdup(name);
	return first_existing_in(ll, names, 1);
}

void
linkline_free(struct linkline *ll)
{
	for (size_t i = 0; i < ll->nitems; i++)
		free(ll->items[i].arg);
	free(ll->items);
	strvec_free(&ll->argv);
	strvec_free(&ll->libdirs);
	strvec_free(&ll->direct_argv);
	strvec_free(&ll->direct_env);
	free(ll->sysroot);
	free(ll->emulation);
	free(ll->output);
	memset(ll, 0, sizeof(*ll));
}
