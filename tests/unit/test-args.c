/*
 * test-args.c: which calls link, which pass through, and what the linker sees.
 * SPDX-License-Identifier: MIT-0
 */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/stat.h>

#include "unit.h"
#include "args.h"
#include "cache.h"
#include "linkline.h"

/* Classify a space-separated command line. */
static struct invocation
classify(const char *line, struct symcc_opts *opts)
{
	struct strvec v = STRVEC_INIT;
	struct invocation inv;
	static struct symcc_opts none;

	argsplit(line, &v);
	ck_assert_int_eq(args_classify(&inv, v.v, v.n, opts ? opts : &none), 0);
	strvec_free(&v);
	return inv;
}

static void
assert_link(const char *line, bool link)
{
	struct invocation inv = classify(line, NULL);
	ck_assert_msg(inv.is_link == link, "'%s': expected %s, got %s (%s)", line,
	              link ? "link" : "pass-through", inv.is_link ? "link" : "pass-through",
	              inv.why_pass ? inv.why_pass : "");
	invocation_free(&inv);
}

START_TEST(compile_only_passes_through)
{
	assert_link("gcc -c a.c -o a.o", false);
	assert_link("gcc -S a.c", false);
	assert_link("gcc -E a.c", false);
	assert_link("gcc -M a.c", false);
	assert_link("gcc -MM a.c", false);
	assert_link("gcc -fsyntax-only a.c", false);
}
END_TEST

START_TEST(information_requests_pass_through)
{
	assert_link("gcc --version", false);
	assert_link("gcc -dumpmachine", false);
	assert_link("gcc -print-file-name=libc.so.6", false);
	assert_link("gcc -print-search-dirs", false);
	assert_link("gcc --help=warnings", false);
	assert_link("gcc -### a.o", false);
}
END_TEST

START_TEST(static_and_relocatable_pass_through)
{
	assert_link("gcc -static a.o -o a", false);
	assert_link("gcc -static-pie a.o -o a", false);
	assert_link("gcc -r a.o b.o -o c.o", false);
	assert_link("gcc -Wl,-r a.o b.o -o c.o", false);
	assert_link("gcc -Xlinker -r a.o b.o -o c.o", false);
}
END_TEST

START_TEST(links_are_links)
{
	assert_link("gcc a.o -o a", true);
	assert_link("gcc a.c", true);
	assert_link("g++ -shared -fPIC a.o -o liba.so", true);
	assert_link("gcc -static-libgcc -static-libstdc++ a.o", true);
	assert_link("gcc -lfoo", true);
	assert_link("gcc -pie a.o", true);
}
END_TEST

/* "-Xlinker -E" is ld's --export-dynamic, not gcc's -E */
START_TEST(option_arguments_are_not_options)
{
	assert_link("gcc -Xlinker -E a.o -o a", true);
	assert_link("gcc -o -c a.o", true);
	assert_link("gcc -MF -E a.o", true);
	assert_link("gcc -x c -c a.c", false);
}
END_TEST

START_TEST(no_inputs_passes_through)
{
	assert_link("gcc", false);
	assert_link("gcc -O2 -Wall", false);
}
END_TEST

START_TEST(output_is_the_last_o)
{
	struct invocation inv = classify("gcc a.o -o first -ofinal", NULL);
	ck_assert_str_eq(inv.output, "final");
	invocation_free(&inv);
	inv = classify("gcc a.o", NULL);
	ck_assert_ptr_null(inv.output);
	invocation_free(&inv);
}
END_TEST

START_TEST(symcc_options_are_removed)
{
	struct symcc_opts opts = {0};
	struct invocation inv = classify("gcc --symcc-target=2.28 a.o --symcc-verbose -o a", &opts);
	ck_assert_str_eq(opts.target, "2.28");
	ck_assert(opts.verbose);
	ck_assert_uint_eq(inv.argv.n, 4);
	for (size_t i = 0; i < inv.argv.n; i++)
		ck_assert(strncmp(inv.argv.v[i], "--symcc", 7) != 0);
	invocation_free(&inv);
	free((char *)opts.target);
}
END_TEST

START_TEST(unknown_symcc_option_is_an_error)
{
	struct strvec v = STRVEC_INIT;
	struct invocation inv;
	struct symcc_opts opts = {0};

	argsplit("gcc --symcc-bogus a.o", &v);
	ck_assert_int_eq(args_classify(&inv, v.v, v.n, &opts), -1);
	invocation_free(&inv);
	strvec_free(&v);
}
END_TEST

START_TEST(response_files_are_expanded)
{
	const char *rsp = unit_write("args.rsp", "-c 'a b.c' \"-o\" out\\ file.o\n");
	char *arg = malloc(strlen(rsp) + 2);
	char *argv[3] = {"gcc", arg, NULL};
	struct invocation inv;
	struct symcc_opts opts = {0};

	sprintf(arg, "@%s", rsp);
	ck_assert_int_eq(args_classify(&inv, argv, 2, &opts), 0);
	ck_assert(!inv.is_link);
	ck_assert_uint_eq(inv.expanded.n, 5);
	ck_assert_str_eq(inv.expanded.v[2], "a b.c");
	ck_assert_str_eq(inv.expanded.v[4], "out file.o");
	ck_assert_str_eq(inv.argv.v[1], arg);   /* the compiler still gets @file */
	invocation_free(&inv);
	free(arg);
}
END_TEST

START_TEST(missing_response_file_stays_literal)
{
	assert_link("gcc @/nonexistent/file.rsp a.o", true);
}
END_TEST

/* /dev/zero never ends: only regular files are response files */
START_TEST(device_response_file_stays_literal)
{
	char *argv[] = {"gcc", "@/dev/zero", "a.o", NULL};
	struct invocation inv;
	struct symcc_opts opts = {0};

	ck_assert_int_eq(args_classify(&inv, argv, 3, &opts), 0);
	ck_assert_uint_eq(inv.expanded.n, 3);
	ck_assert_str_eq(inv.expanded.v[1], "@/dev/zero");
	invocation_free(&inv);
}
END_TEST

/* 14 files, each naming the next three times, would expand 3^13 times */
START_TEST(response_files_cannot_expand_exponentially)
{
	char name[32], text[2048], arg[520], next[512] = "";
	char *argv[3] = {"gcc", arg, NULL};
	struct invocation inv;
	struct symcc_opts opts = {0};

	for (int i = 13; i >= 0; i--) {
		if (next[0])
			snprintf(text, sizeof(text), "@%s @%s @%s\n", next, next, next);
		else
			snprintf(text, sizeof(text), "a.o\n");
		snprintf(name, sizeof(name), "chain%d.rsp", i);
		snprintf(next, sizeof(next), "%s", unit_write(name, text));
	}
	snprintf(arg, sizeof(arg), "@%s", next);
	ck_assert_int_eq(args_classify(&inv, argv, 2, &opts), -1);
	invocation_free(&inv);
}
END_TEST

START_TEST(option_table_is_sorted)
{
	ck_assert(driver_options_sorted());
}
END_TEST

START_TEST(linker_names)
{
	ck_assert(is_linker_name("ld"));
	ck_assert(is_linker_name("/usr/bin/ld.bfd"));
	ck_assert(is_linker_name("x86_64-linux-gnu-ld"));
	ck_assert(is_linker_name("aarch64-linux-gnu-ld.gold"));
	ck_assert(is_linker_name("ld.lld"));
	ck_assert(!is_linker_name("gcc"));
	ck_assert(!is_linker_name("ldd"));
	ck_assert(!is_linker_name("old"));
}
END_TEST

START_TEST(linker_line_inputs_in_order)
{
	struct strvec v = STRVEC_INIT;
	struct linkline ll;

	argsplit("ld -m elf_x86_64 -o out -L/x --sysroot=/sr crt1.o -lfoo "
	         "-Bstatic -l:libbar.a --start-group a.a b.a --end-group -Bdynamic "
	         "-soname libz.so.1 -plugin /p.so -plugin-opt=-x --whole-archive w.a "
	         "--no-whole-archive -z now -shared", &v);
	ck_assert_int_eq(linkline_parse(v.v, v.n, &ll), 0);
	ck_assert_str_eq(ll.emulation, "elf_x86_64");
	ck_assert_str_eq(ll.output, "out");
	ck_assert_str_eq(ll.sysroot, "/sr");
	ck_assert_uint_eq(ll.libdirs.n, 1);
	ck_assert(ll.shared);
	ck_assert(ll.has_plugin);
	enum ld_item_kind want[] = {LDI_FILE, LDI_LIB, LDI_BSTATIC, LDI_LIB, LDI_GROUP_START,
	                            LDI_FILE, LDI_FILE, LDI_GROUP_END, LDI_BDYNAMIC,
	                            LDI_WHOLE_ON, LDI_FILE, LDI_WHOLE_OFF};
	ck_assert_uint_eq(ll.nitems, sizeof(want) / sizeof(want[0]));
	for (size_t i = 0; i < ll.nitems; i++)
		ck_assert_int_eq(ll.items[i].kind, want[i]);
	ck_assert_str_eq(ll.items[3].arg, ":libbar.a");
	linkline_free(&ll);
	strvec_free(&v);
}
END_TEST

START_TEST(driver_line_quoting)
{
	struct strvec v = STRVEC_INIT;

	split_driver_line(" \"/usr/bin/ld\" \"-plugin-opt=-a b\" \"x\\\"y\" plain", &v);
	ck_assert_uint_eq(v.n, 4);
	ck_assert_str_eq(v.v[1], "-plugin-opt=-a b");
	ck_assert_str_eq(v.v[2], "x\"y");
	strvec_free(&v);
}
END_TEST

START_TEST(driver_reports_its_linker_line)
{
	struct linkline ll;
	char *argv[] = {"cc", "-shared", "x.o", "-o", "libx.so", NULL};

	ck_assert_int_eq(linkline_from_driver(argv, &ll), 0);
	ck_assert_str_eq(ll.output, "libx.so");
	ck_assert(ll.shared);
	ck_assert_ptr_nonnull(emulation_arch(ll.emulation));
	bool saw_x = false;
	for (size_t i = 0; i < ll.nitems; i++)
		saw_x |= ll.items[i].kind == LDI_FILE && strcmp(ll.items[i].arg, "x.o") == 0;
	ck_assert(saw_x);
	linkline_free(&ll);
}
END_TEST

static size_t
word_at(const struct strvec *v, const char *w)
{
	for (size_t i = 0; i < v->n; i++)
		if (strcmp(v->v[i], w) == 0)
			return i;
	return (size_t)-1;
}

/* Run without the driver, a link is the driver's own command: symcc's
 * arguments after the user's (where the driver puts them when symcc adds
 * them to its command line), before the driver's own libraries; the output
 * and the resolution file symcc's; the driver's variables. */
START_TEST(direct_command_is_the_drivers_line)
{
	char *argv[] = {"gcc", "a.o", "-o", "prog", "-lm", NULL};
	struct linkline ll;
	struct strvec extra = STRVEC_INIT, cmd = STRVEC_INIT, env = STRVEC_INIT;
	size_t a, t, lm, lc, o;
	bool res = false, opts = false;

	ck_assert_int_eq(linkline_from_driver(argv, &ll), 0);
	ck_assert_uint_gt(ll.direct_argv.n, 0);
	strvec_push(&extra, "/t/tramp.o");
	strvec_push(&extra, "--wrap=memcpy");
	linkline_direct(&ll, "prog.tmp", "/t/link.res", &extra, &cmd, &env);
	a = word_at(&cmd, "a.o");
	t = word_at(&cmd, "/t/tramp.o");
	lm = word_at(&cmd, "-lm");
	lc = word_at(&cmd, "-lc");
	o = word_at(&cmd, "-o");
	ck_assert(a < lm && lm < t && t < lc && lc < cmd.n);
	ck_assert_str_eq(cmd.v[t + 1], "--wrap=memcpy");
	ck_assert(o + 1 < cmd.n);
	ck_assert_str_eq(cmd.v[o + 1], "prog.tmp");
	ck_assert_uint_eq(word_at(&cmd, "prog"), (size_t)-1);
	ck_assert_uint_eq(word_at(&cmd, "symcc.extra.args"), (size_t)-1);
	for (size_t i = 0; i < cmd.n; i++) {
		ck_assert(!strstr(cmd.v[i], "-fresolution=") ||
		          strcmp(cmd.v[i], "-plugin-opt=-fresolution=/t/link.res") == 0);
		res |= strstr(cmd.v[i], "-fresolution=") != NULL;
	}
	for (size_t i = 0; i < env.n; i++)
		if (startswith(env.v[i], "COLLECT_GCC_OPTIONS="))
			opts = strstr(env.v[i], "'-o' 'prog.tmp'") && !strstr(env.v[i], "'prog'");
	ck_assert(res && opts);   /* gcc: collect2 with the LTO plugin */
	strvec_free(&extra);
	strvec_free(&cmd);
	strvec_free(&env);
	linkline_free(&ll);
}
END_TEST

/* A script named like a compiler may do more than link: it is not bypassed. */
START_TEST(script_driver_is_not_bypassed)
{
	char script[600];
	char *argv[] = {script, "a.o", "-o", "prog", NULL};
	struct linkline ll;
	FILE *f;

	snprintf(script, sizeof(script), "%s/cc-script", unit_tmpdir());
	ck_assert_ptr_nonnull(f = fopen(script, "w"));
	fputs("#!/bin/sh\nexec gcc \"$@\"\n", f);
	fclose(f);
	chmod(script, 0755);
	ck_assert_int_eq(linkline_from_driver(argv, &ll), 0);
	ck_assert_uint_gt(ll.nitems, 0);
	ck_assert_uint_eq(ll.direct_argv.n, 0);
	linkline_free(&ll);
	unlink(script);
}
END_TEST

/* How many lines path has */
static int
count_lines(const char *path)
{
	FILE *f = fopen(path, "r");
	int n = 0, c;

	while (f && (c = getc(f)) != EOF)
		n += c == '\n';
	if (f)
		fclose(f);
	return n;
}

/* gcc reads a specs file from its own directories when there is one: the
 * cached answer holds only while that file is as it was. */
START_TEST(drivers_own_specs_file_is_part_of_the_template)
{
	char dir[600], script[700], specs[800], calls[700], cache[700], bdir[700];
	char *argv[] = {script, "a.o", "-o", "prog", NULL};
	char *withb[] = {script, "-B", bdir, "a.o", "-o", "prog", NULL};
	struct linkline ll;
	FILE *f;

	snprintf(dir, sizeof(dir), "%s/fakegcc", unit_tmpdir());
	snprintf(script, sizeof(script), "%s/gcc", dir);
	snprintf(specs, sizeof(specs), "%s/specs", dir);
	snprintf(calls, sizeof(calls), "%s/calls", dir);
	snprintf(cache, sizeof(cache), "%s/cache", dir);
	ck_assert_int_eq(mkdir(dir, 0755), 0);
	ck_assert_ptr_nonnull(f = fopen(script, "w"));
	fprintf(f, "#!/bin/sh\necho x >> %s\necho 'LIBRARY_PATH=%s/' >&2\n"
	        "echo ' %s/collect2 -o prog a.o symcc.extra.args' >&2\n", calls, dir, dir);
	fclose(f);
	chmod(script, 0755);
	setenv("SYMCC_CACHE_DIR", cache, 1);
	cache_reset();
	for (int i = 0; i < 5; i++) {
		if (i == 2 || i == 4) {   /* a new specs file, then an edited one */
			ck_assert_ptr_nonnull(f = fopen(specs, "w"));
			fprintf(f, "*link:\n+ -rpath=/opt/%d\n\n", i);
			fclose(f);
		}
		ck_assert_int_eq(linkline_from_driver(argv, &ll), 0);
		linkline_free(&ll);
	}
	/* asked at the first link and after each change of the specs file */
	ck_assert_int_eq(count_lines(calls), 3);
	/* the same for a specs file in a -B directory */
	snprintf(bdir, sizeof(bdir), "%s/b/", dir);
	snprintf(specs, sizeof(specs), "%sspecs", bdir);
	ck_assert_int_eq(mkdir(bdir, 0755), 0);
	for (int i = 0; i < 3; i++) {
		if (i == 2)
			fclose(fopen(specs, "w"));
		ck_assert_int_eq(linkline_from_driver(withb, &ll), 0);
		linkline_free(&ll);
	}
	ck_assert_int_eq(count_lines(calls), 5);
	unsetenv("SYMCC_CACHE_DIR");
	cache_reset();
}
END_TEST

/* The same option shape with other inputs must give what the driver says. */
START_TEST(driver_line_template_cache_matches_the_driver)
{
	char cache[600];
	char *first[] = {"cc", "-O2", "a.o", "b.o", "-o", "prog", "-lm", NULL};
	char *second[] = {"cc", "-O2", "x y.o", "z.o", "w.a", "-o", "other", "-lm", NULL};
	struct linkline cached, fresh;

	snprintf(cache, sizeof(cache), "%s/cache", unit_tmpdir());
	setenv("SYMCC_CACHE_DIR", cache, 1);
	cache_reset();
	ck_assert_int_eq(linkline_from_driver(first, &fresh), 0);    /* fills the cache */
	linkline_free(&fresh);
	ck_assert_int_eq(linkline_from_driver(second, &cached), 0);  /* from the cache */
	unsetenv("SYMCC_CACHE_DIR");
	cache_reset();
	setenv("XDG_CACHE_HOME", "/nonexistent", 1);
	setenv("HOME", "/nonexistent", 1);
	ck_assert_int_eq(linkline_from_driver(second, &fresh), 0);   /* the driver itself */
	ck_assert_str_eq(cached.output, "other");
	ck_assert_uint_eq(cached.nitems, fresh.nitems);
	for (size_t i = 0; i < fresh.nitems; i++) {
		ck_assert_int_eq(cached.items[i].kind, fresh.items[i].kind);
		if (fresh.items[i].arg && !strstr(fresh.items[i].arg, ".res"))
			ck_assert_str_eq(cached.items[i].arg, fresh.items[i].arg);
	}
	ck_assert_uint_eq(cached.libdirs.n, fresh.libdirs.n);
	linkline_free(&cached);
	linkline_free(&fresh);
}
END_TEST

static Suite *
args_suite(void)
{
	Suite *s = suite_create("args");
	TCase *tc = tcase_create("classify");

	tcase_add_test(tc, compile_only_passes_through);
	tcase_add_test(tc, information_requests_pass_through);
	tcase_add_test(tc, static_and_relocatable_pass_through);
	tcase_add_test(tc, links_are_links);
	tcase_add_test(tc, option_arguments_are_not_options);
	tcase_add_test(tc, no_inputs_passes_through);
	tcase_add_test(tc, output_is_the_last_o);
	tcase_add_test(tc, symcc_options_are_removed);
	tcase_add_test(tc, unknown_symcc_option_is_an_error);
	tcase_add_test(tc, response_files_are_expanded);
	tcase_add_test(tc, missing_response_file_stays_literal);
	tcase_add_test(tc, device_response_file_stays_literal);
	tcase_add_test(tc, response_files_cannot_expand_exponentially);
	tcase_add_test(tc, option_table_is_sorted);
	tcase_add_test(tc, linker_names);
	suite_add_tcase(s, tc);
	tc = tcase_create("linkline");
	tcase_add_test(tc, linker_line_inputs_in_order);
	tcase_add_test(tc, driver_line_quoting);
	tcase_add_test(tc, driver_reports_its_linker_line);
	tcase_add_test(tc, driver_line_template_cache_matches_the_driver);
	tcase_add_test(tc, direct_command_is_the_drivers_line);
	tcase_add_test(tc, script_driver_is_not_bypassed);
	tcase_add_test(tc, drivers_own_specs_file_is_part_of_the_template);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(args_suite)
