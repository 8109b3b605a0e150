/*
 * main.c: symcc, a compiler and linker wrapper whose links run on old glibc.
 * SPDX-License-Identifier: MIT-0
 *
 * Connects the stages and nothing else:
 *   args -> (pass through) | linkline -> scan -> plan -> emit -> link -> verify
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "args.h"
#include "audit.h"
#include "compile.h"
#include "dump.h"
#include "emit.h"
#include "fixup.h"
#include "gold.h"
#include "link.h"
#include "linkline.h"
#include "masquerade.h"
#include "output.h"
#include "plan.h"
#include "scan.h"
#include "shimcache.h"
#include "run.h"
#include "stub.h"
#include "target.h"
#include "verify.h"

#ifndef SYMCC_VERSION
#define SYMCC_VERSION "unknown"
#endif

/* exit statuses of symcc's own failures (the compiler's pass through) */
enum { EXIT_LINK_FAILED = 1, EXIT_USAGE = 2 };

extern const unsigned char symcc_shims_archive[];
extern const size_t symcc_shims_archive_len;
extern const unsigned long long symcc_shims_archive_digest;
extern const char symcc_shims_arch[];

static void
usage(FILE *f)
{
	fputs("usage: symcc COMPILER [ARGS...]        compile or link; links run on old glibc\n"
	      "       symcc ld [ARGS...]              the same for a direct linker call\n"
	      "       NAME [ARGS...]                  a symlink NAME -> symcc (gcc, cc, g++...) on PATH:\n"
	      "                                       symcc NAME, with the NAME further down PATH\n"
	      "       symcc --check [--target=V | --tag=TAG] [--json] FILE|WHEEL...\n"
	      "                                       what ELF files need of glibc\n"
	      "       symcc --explain [--json] SYMBOL [--target=V] [--arch=A]\n"
	      "                                       what symcc does with SYMBOL (--json: several)\n"
	      "       symcc --dump-glibc LIB.so...    glibc symbol versions, for scripts/gen-table.sh\n"
	      "       symcc --help | --version\n"
	      "\n"
	      "options (anywhere among ARGS, removed before the compiler sees them):\n"
	      "  --symcc-target=V     glibc to run on: 2.17 (default), manylinux2014, manylinux_2_28\n"
	      "  --symcc-verbose      print the plan\n"
	      "environment: SYMCC_TARGET, SYMCC_VERBOSE=1, SYMCC_CACHE_DIR, TMPDIR, PATH;\n"
	      "  SYMCC_RECURSION is symcc's own (nested calls)\n"
	      "build systems (CMake, meson, ccache, pip, cargo...): man symcc\n", f);
}

/* Milliseconds since *t, and *t reset to now: per-stage timing for
 * --symcc-verbose. */
static double
lap(struct timespec *t)
{
	struct timespec now;
	double ms;

	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (double)(now.tv_sec - t->tv_sec) * 1e3 + (double)(now.tv_nsec - t->tv_nsec) / 1e6;
	*t = now;
	return ms;
}

static bool
has_response_file(const struct invocation *inv)
{
	for (size_t i = 1; i < inv->argv.n; i++)
		if (inv->argv.v[i][0] == '@')
			return true;
	return false;
}

/* Run the compiler as if symcc were not there. */
static int
pass_through(struct invocation *inv)
{
	VERBOSE("passing through: %s", inv->why_pass ? inv->why_pass : "driver rejected the link");
	run_exec(inv->argv.v);
	return 127;
}

static void
print_plan(const struct plan *p)
{
	for (size_t i = 0; i < p->nitems; i++)
		note("%s -> %s", p->items[i].name,
		     p->items[i].kind == DEC_PIN ? p->items[i].symver : "symcc shim");
	for (size_t i = 0; i < p->libs.n; i++)
		note("DT_NEEDED %s", p->libs.v[i]);
}

/* Write the trampolines and shims the plan needs into the temp dir. */
static int
emit_all(const struct plan *p, const struct glibc_table *t, const char *arch,
         const struct invocation *inv, char **tramp, char **shims, struct strvec *stubs)
{
	bool pins = false, uses_shims = false;
	const char *dir;

	for (size_t i = 0; i < p->nitems; i++) {
		pins |= p->items[i].kind == DEC_PIN;
		uses_shims |= p->items[i].kind == DEC_SHIM;
	}
	if (!pins && !uses_shims)
		return 0;
	if (!(dir = tmp_dir()))
		return -1;
	if (pins && !*tramp) {
		*tramp = xasprintf("%s/trampolines.o", dir);
		tmp_register(*tramp);
	}
	if (pins && emit_trampolines(arch, p, *tramp) < 0)
		return -1;
	strvec_free(stubs);
	if (stub_write_all(arch, t, p, dir, stubs) < 0)
		return -1;
	if (uses_shims && !*shims) {
		if (strcmp(arch, symcc_shims_arch) != 0)   /* built by the user's compiler, cached */
			return shimcache_archive(arch, inv, shims) < 0 ? -1
			       : shimcache_check(*shims, p, arch);
		if (shimcache_host(symcc_shims_archive, symcc_shims_archive_len,
		                   symcc_shims_archive_digest, arch, shims) == 0)
			return 0;
		*shims = xasprintf("%s/shims.a", dir);
		tmp_register(*shims);
		if (emit_blob(symcc_shims_archive, symcc_shims_archive_len, *shims) < 0)
			return -1;
	}
	return 0;
}

/* A path for the LTO plugin's resolution file, which the driver would make
 * for each link and delete after it; NULL on error (reported). */
static const char *
resolution_file(void)
{
	static char *path;
	const char *dir;

	if (!path && (dir = tmp_dir()) != NULL) {
		path = xasprintf("%s/link.res", dir);
		tmp_register(path);
	}
	return path;
}

/* Plan the GLIBC symbols verify found above the target; returns how many
 * new items the plan got. */
static size_t
replan(const struct glibc_table *t, glibcver target, const struct verify_result *vr,
       const struct scan_result *scan, struct plan *p)
{
	size_t before = p->nitems;
	struct import *im = xcalloc(vr->nmissed + 1, sizeof(*im));

	for (size_t i = 0; i < vr->nmissed; i++) {
		im[i].name = vr->missed[i].name;
		im[i].version = vr->missed[i].version;
		im[i].dso = "libc.so.6";
		im[i].ref = scan_referrer(scan, vr->missed[i].name);
		im[i].weak = vr->missed[i].weak;
	}
	plan_build(t, target, im, vr->nmissed, p);
	free(im);
	return p->nerrors ? 0 : p->nitems - before;
}

static int
link_pipeline(struct invocation *inv, glibcver target, struct output *o)
{
	struct linkline ll;
	struct scan_result scan = {0};
	struct plan plan = {0};
	struct strvec flags = STRVEC_INIT;
	const struct glibc_table *t;
	const char *arch, *final = o->final;
	char *tramp = NULL, *shims = NULL, tv[16];
	struct strvec stubs = STRVEC_INIT;
	int r, status = EXIT_LINK_FAILED;
	struct timespec t0;
	double t_line, t_scan, t_plan, t_emit = 0, t_link = 0, t_check = 0;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	/* with @files, gcc hands the linker its own temporary response file,
	 * gone once -### returns: ask about the expanded arguments instead (the
	 * link itself still gets the user's @files) */
	r = inv->is_ld ? linkline_parse(inv->argv.v, inv->argv.n, &ll)
	               : linkline_from_driver(has_response_file(inv) ? inv->expanded.v
	                                                               : inv->argv.v, &ll);
	if (r == 1)
		return pass_through(inv);
	if (r < 0) {
		output_abort(o);
		return EXIT_LINK_FAILED;
	}
	arch = emulation_arch(ll.emulation);
	if (!arch && inv->is_ld)
		arch = linker_name_arch(inv->argv.v[0]);   /* aarch64-linux-gnu-ld */
	if (!arch)
		arch = symcc_shims_arch;   /* no -m: the linker's default, which is symcc's own */
	if (!(t = table_for_arch(arch))) {
		error("no glibc table for architecture '%s' (linker emulation %s)", arch,
		      ll.emulation ? ll.emulation : "default");
		goto out;
	}
	if (target < t->base) {
		char bv[16];   /* not tv: both strings are printed at once */

		error("target %s is older than glibc's first version on %s (%s)",
		      glibcver_format(target, tv, sizeof(tv)), arch,
		      glibcver_format(t->base, bv, sizeof(bv)));
		goto out;
	}
	t_line = lap(&t0);
	if (scan_link_to(&ll, o, &scan) < 0)
		goto out;
	t_scan = lap(&t0);
	VERBOSE("scanned %zu files and %zu archive members: %zu glibc imports",
	        scan.nfiles, scan.nmembers, scan.nimports);
	for (size_t i = 0; i < scan.nimports; i++)
		if (compile_source_of(scan.imports[i].ref))
			scan.imports[i].ref = compile_source_of(scan.imports[i].ref);
	plan_build(t, target, scan.imports, scan.nimports, &plan);
	if (plan.nerrors)
		goto out;
	link_safety_flags(inv, &flags);
	t_plan = lap(&t0);
	if (output_begin(o) < 0)
		goto out;
	for (int attempt = 0;; attempt++) {
		struct link_request rq = {inv, &plan, NULL, NULL, o->path, &flags, &ll, NULL, &stubs};
		struct strvec argv = STRVEC_INIT, env = STRVEC_INIT;
		struct verify_result vr;

		if (verbose)
			print_plan(&plan);
		if (emit_all(&plan, t, arch, inv, &tramp, &shims, &stubs) < 0)
			goto out;
		rq.trampolines = tramp;
		rq.shims = shims;
		bool direct = link_runs_direct(&rq);
		if (direct && !(rq.resfile = resolution_file()))
			goto out;
		link_argv(&rq, &argv, &env);
		VERBOSE("linking %s", direct ? "with the driver's linker command" : "through the driver");
		t_emit += lap(&t0);
		r = run_command_env(argv.v, env.v, env.n, CAPTURE_NONE, NULL);
		t_link += lap(&t0);
		strvec_free(&argv);
		strvec_free(&env);
		if (r != 0) {
			status = r < 0 ? EXIT_LINK_FAILED : r;   /* the linker said why */
			goto out;
		}
		if (fixup_stub_names(o->path, &plan.libs, &stubs) < 0 ||
		    fixup_weak_needs(o->path, target, t) < 0 ||
		    verify_output(o->path, target, false, &vr) < 0)
			goto out;
		t_check += lap(&t0);
		if (vr.problems == 0) {
			verify_result_free(&vr);
			break;
		}
		/* the pre-scan missed something (thin archives, LTO libcalls): once */
		if (attempt == 0 && vr.nmissed && replan(t, target, &vr, &scan, &plan) > 0) {
			VERBOSE("re-planning: verify found %zu more symbols", vr.nmissed);
			verify_result_free(&vr);
			continue;
		}
		verify_result_free(&vr);
		verify_output_as(o->path, final, target, true, &vr);
		verify_result_free(&vr);
		error("'%s' would not load on glibc %s; no output written", final,
		      glibcver_format(target, tv, sizeof(tv)));
		goto out;
	}
	if (output_commit(o) < 0)
		goto out;
	status = 0;
	VERBOSE("time: link line %.1f ms, scan %.1f ms, plan and probe %.1f ms, emit %.1f ms, "
	        "link %.1f ms, fixup and verify %.1f ms", t_line, t_scan, t_plan, t_emit, t_link,
	        t_check);
out:
	if (status != 0)
		output_abort(o);
	free(tramp);
	strvec_free(&stubs);
	free(shims);
	strvec_free(&flags);
	plan_free(&plan);
	scan_free(&scan);
	linkline_free(&ll);
	tmp_cleanup();
	return status;
}

static int
target_from(const struct symcc_opts *opts, glibcver *target)
{
	const char *spec = opts->target ? opts->target : getenv("SYMCC_TARGET");

	*target = 21700;
	if (!spec || !*spec)
		return 0;
	if (target_parse(spec, target) < 0)
		return error("malformed target '%s' (examples: 2.17, manylinux2014, manylinux_2_28)", spec);
	return 0;
}

static int
own_mode(int argc, char **argv)
{
	const char *m = argv[1];

	if (strcmp(m, "--help") == 0 || strcmp(m, "-h") == 0) {
		usage(stdout);
		return 0;
	}
	if (strcmp(m, "--version") == 0) {
		printf("symcc %s\n", SYMCC_VERSION);
		return 0;
	}
	if (strcmp(m, "--check") == 0)
		return check_main(argc - 1, argv + 1);
	if (strcmp(m, "--explain") == 0)
		return explain_main(argc - 1, argv + 1);
	if (strcmp(m, "--dump-glibc") == 0)
		return dump_glibc_main(argc - 1, argv + 1);
	error("unknown option '%s'", m);
	usage(stderr);
	return EXIT_USAGE;
}

int
main(int argc, char **argv)
{
	struct symcc_opts opts = {0};
	struct invocation inv;
	struct output out;
	glibcver target;
	const char *v = getenv("SYMCC_VERBOSE");
	int status;

	verbose = v && *v && strcmp(v, "0") != 0;
	int nested = masquerade_enter(invoked_as_symcc(argv[0]) && argc > 1 ? argv[1] : argv[0]);
	if (nested < 0)
		return EXIT_USAGE;
	bool masquerade = !invoked_as_symcc(argv[0]);
	if (masquerade) {
		/* gcc -> symcc: run as `symcc gcc ARGS...` */
		char **nv = xcalloc((size_t)argc + 2, sizeof(*nv));
		nv[0] = (char *)"symcc";
		memcpy(nv + 1, argv, (size_t)argc * sizeof(*argv));
		argv = nv;
		argc++;
	}
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	/* symcc's own options may also come before the compiler */
	int first = 1;
	while (first < argc && startswith(argv[first], "--symcc-"))
		first++;
	if (first == argc) {
		error("no compiler given");
		return EXIT_USAGE;
	}
	if (first == 1 && argv[1][0] == '-' && !masquerade)
		return own_mode(argc, argv);
	if (first > 1) {
		/* move them after the compiler, where args_classify takes them */
		char *c = argv[first];
		memmove(argv + 2, argv + 1, (size_t)(first - 1) * sizeof(*argv));
		argv[1] = c;
	}
	if (masquerade_resolve(argv + 1, (size_t)argc - 1, masquerade) < 0)
		return EXIT_USAGE;
	if (args_classify(&inv, argv + 1, (size_t)argc - 1, &opts) < 0) {
		invocation_free(&inv);
		free((char *)opts.target);
		return EXIT_USAGE;
	}
	verbose |= opts.verbose;
	status = target_from(&opts, &target);
	free((char *)opts.target);   /* parsed into target */
	if (status < 0) {
		invocation_free(&inv);
		return EXIT_USAGE;
	}
	if (!inv.is_link || nested) {
		if (nested && inv.is_link)
			inv.why_pass = "a symcc above this one handles the link";
		status = pass_through(&inv);   /* only if the compiler cannot run */
		invocation_free(&inv);
		return status;
	}
	tmp_install_signal_handlers();
	output_init(&out, inv.output ? inv.output : "a.out");
	if (!inv.is_ld && compile_sources(&inv, &out, &status) < 0) {
		tmp_cleanup();
		output_free(&out);
		invocation_free(&inv);
		return status;
	}
	if (avoid_gold(&inv) < 0) {
		tmp_cleanup();
		output_free(&out);
		invocation_free(&inv);
		return EXIT_LINK_FAILED;
	}
	status = link_pipeline(&inv, target, &out);
	output_free(&out);
	invocation_free(&inv);
	run_exit(status);   /* a linker killed by a signal: so is symcc */
}
