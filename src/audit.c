/*
 * audit.c: symcc --check and symcc --explain.
 * SPDX-License-Identifier: MIT-0
 *
 * --check reads what a finished ELF file needs, as `auditwheel show` does:
 * the newest glibc version, the symbols that force it, the C++ runtime
 * versions, and the oldest manylinux tag whose policy allows all of them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "plan.h"
#include "target.h"
#include "verify.h"

static const char *
option_value(const char *arg, const char *name)
{
	size_t n = strlen(name);

	if (strncmp(arg, name, n) == 0 && arg[n] == '=')
		return arg + n + 1;
	return NULL;
}

/* The oldest glibc (a manylinux tag's) at which the file loads, or 0 if none. */
static glibcver
oldest_target(const struct elf_needs *en, glibcver need_glibc)
{
	static const glibcver tags[] = {20500, 21200, 21700, 22400, 22800, 23100,
	                                23400, 23500, 23600, 23800, 23900, 24000, 24100};

	for (size_t t = 0; t < sizeof(tags) / sizeof(tags[0]); t++) {
		const struct cxx_policy *pol = policy_for(tags[t]);
		bool ok = tags[t] >= need_glibc;

		for (size_t i = 0; ok && i < en->n; i++) {
			const char *v = en->needs[i].version;
			if (en->needs[i].weak)
				continue;
			if (strcmp(v, "GLIBC_PRIVATE") == 0)
				return 0;
			if (strcmp(v, "GLIBC_ABI_DT_RELR") == 0 && tags[t] < 23600)
				ok = false;
			if (startswith(v, "GLIBCXX_") && dotted_cmp(v + 8, pol->glibcxx) > 0)
				ok = false;
			if (startswith(v, "CXXABI_1") && dotted_cmp(v + 7, pol->cxxabi) > 0)
				ok = false;
			if (startswith(v, "GCC_") && dotted_cmp(v + 4, pol->gcc) > 0)
				ok = false;
		}
		if (ok)
			return tags[t];
	}
	return 0;
}

static int
check_file(const char *path, glibcver target, bool have_target)
{
	struct elf_needs en;
	glibcver max = 0, v, oldest;
	char vb[16];
	int fails = 0;

	if (elf_read_needs(path, &en) < 0)
		return 2;
	for (size_t i = 0; i < en.n; i++)
		if (!en.needs[i].weak && glibc_version_of(en.needs[i].version, &v) == 0 && v > max)
			max = v;
	printf("%s:\n", path);
	if (!en.dynamic) {
		printf("  static: needs no shared glibc\n");
		elf_needs_free(&en);
		return 0;
	}
	printf("  glibc: %s\n", max ? glibcver_format(max, vb, sizeof(vb)) : "(no versioned symbols)");
	if (max) {
		printf("  forced by:");
		for (size_t i = 0; i < en.n; i++)
			if (!en.needs[i].weak && glibc_version_of(en.needs[i].version, &v) == 0 &&
			    v == max)
				printf(" %s@%s", en.needs[i].symbol ? en.needs[i].symbol : "(version only)",
				       en.needs[i].version);
		printf("\n");
	}
	for (size_t i = 0; i < en.n; i++) {
		const char *ver = en.needs[i].version;
		if (!startswith(ver, "GLIBC_2.") && strcmp(ver, "GLIBC_2") != 0)
			printf("  %s %s%s: %s\n", en.needs[i].file, ver, en.needs[i].weak ? " (weak)" : "",
			       en.needs[i].symbol ? en.needs[i].symbol : "(version only)");
	}
	oldest = oldest_target(&en, max);
	if (oldest) {
		char *tag = manylinux_tag(oldest);
		printf("  meets: %s (glibc %s)\n", tag, glibcver_format(oldest, vb, sizeof(vb)));
		free(tag);
	} else {
		printf("  meets: no manylinux tag\n");
	}
	if (have_target) {
		struct verify_result res;
		if (verify_output(path, target, true, &res) < 0) {
			fails = 2;
		} else {
			printf("  target %s: %s\n", glibcver_format(target, vb, sizeof(vb)),
			       res.problems ? "FAIL" : "ok");
			fails = res.problems ? 1 : 0;
		}
		verify_result_free(&res);
	}
	elf_needs_free(&en);
	return fails;
}

int
check_main(int argc, char **argv)
{
	glibcver target = 0;
	bool have_target = false;
	int worst = 0, files = 0;

	for (int i = 1; i < argc; i++) {
		const char *t = option_value(argv[i], "--target");
		if (!t)
			continue;
		if (target_parse(t, &target) < 0) {
			error("malformed target '%s' (examples: 2.17, manylinux2014, manylinux_2_28)", t);
			return 2;
		}
		have_target = true;
	}
	for (int i = 1; i < argc; i++) {
		int r;
		if (startswith(argv[i], "--target="))
			continue;
		files++;
		r = check_file(argv[i], target, have_target);
		if (r > worst)
			worst = r;
	}
	if (!files) {
		error("--check needs at least one file");
		return 2;
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		error("cannot write the report");
		return 2;
	}
	return worst;
}

static const char *
decision_name(enum decision_kind k)
{
	switch (k) {
	case DEC_KEEP: return "keep the default version";
	case DEC_PIN: return "pin";
	case DEC_SHIM: return "use symcc's shim";
	case DEC_WEAK_NULL: return "leave the weak reference (NULL on the target)";
	case DEC_FAIL: return "fail the link";
	}
	return "?";
}

int
explain_main(int argc, char **argv)
{
	const char *sym = NULL, *arch = "x86_64";
	glibcver target = 21700;
	const struct glibc_table *t;
	const struct table_entry *e;
	struct decision d;
	glibcver from = 0;
	size_t n;
	char vb[16], tb[16];

	for (int i = 1; i < argc; i++) {
		const char *v;
		if ((v = option_value(argv[i], "--target"))) {
			if (target_parse(v, &target) < 0) {
				error("malformed target '%s'", v);
				return 2;
			}
		} else if ((v = option_value(argv[i], "--arch"))) {
			arch = v;
		} else if (!sym) {
			sym = argv[i];
		}
	}
	if (!sym) {
		error("--explain needs a symbol name");
		return 2;
	}
	if (!(t = table_for_arch(arch))) {
		error("no glibc table for architecture '%s'", arch);
		return 2;
	}
	e = table_lookup(t, sym, &n);
	printf("%s on %s, target %s:\n", sym, arch, glibcver_format(target, tb, sizeof(tb)));
	if (!n)
		printf("  not a glibc symbol on %s (in the table's releases)\n", arch);
	for (size_t i = 0; i < n; i++) {
		bool unsafe;
		const char *why = abi_verdict(arch, sym, e[i].ver, &unsafe);
		printf("  GLIBC_%-8s %-18s %s%s%s%s\n", glibcver_format(e[i].ver, vb, sizeof(vb)),
		       t->libs[e[i].lib], e[i].is_default ? "default" : "compat",
		       why ? (unsafe ? ", UNSAFE: " : ", caveat: ") : "", why ? why : "",
		       e[i].type == SYM_OBJECT ? " (data)" : "");
		if (e[i].is_default)
			from = e[i].ver;
	}
	if (!from && n)
		from = e[n - 1].ver;
	if (shim_lookup(sym))
		printf("  shim: symcc has one (used for targets older than %s)\n",
		       glibcver_format(shim_lookup(sym)->introduced, vb, sizeof(vb)));
	plan_decide(t, target, sym, from, false, n && e[n - 1].type == SYM_OBJECT, &d);
	printf("  decision: %s", decision_name(d.kind));
	if (d.kind == DEC_PIN)
		printf(" GLIBC_%s (%s)", glibcver_format(d.entry->ver, vb, sizeof(vb)),
		       t->libs[d.entry->lib]);
	printf("\n  because: %s\n", d.why);
	if (d.caveat)
		printf("  caveat: %s\n", d.caveat);
	if (d.kind == DEC_FAIL && d.oldest)
		printf("  oldest target that works: %s\n", glibcver_format(d.oldest, vb, sizeof(vb)));
	return d.kind == DEC_FAIL ? 1 : 0;
}
