/*
 * fuzz-cache.c: the cache's other entries, untrusted: the linker probe
 * (ldprobe-*, link.c's probe_cached) and a shims archive (shimcache.c: the
 * seal checked before a cross archive is used, the symbol index
 * shimcache_check reads, and read_member on an object the compiler made).
 * SPDX-License-Identifier: MIT-0
 *
 * The probe entry is the input after a key line and the identity of a real
 * file, which the harness writes itself; an input starting with a NUL byte
 * is the whole entry.  link.c and shimcache.c are included for their
 * static functions.
 */
#include "fuzz.h"
#include "../../src/link.c"
#include "../../src/shimcache.c"

#define PROBE_KEY "cc 1700000000 1234\002-fuse-ld="

static char *probe_ld;   /* a file whose identity the entry names */

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_use_cache();
	probe_ld = file_identity(fuzz_write("ld", (const uint8_t *)"\177ELF", 4));
	if (!cache_dir() || !probe_ld)
		abort();
	return 0;
}

static void
probe(const uint8_t *data, size_t size)
{
	struct strvec flags = STRVEC_INIT;
	char *head = xasprintf("%s\n%s\n", PROBE_KEY, probe_ld), *text;
	size_t len;

	text = fuzz_entry(head, data, size, &len);
	free(head);
	if (cache_write(cache_dir(), "ldprobe-fuzz", text, len) != 0)
		abort();
	(void)probe_cached(cache_dir(), "ldprobe-fuzz", PROBE_KEY, &flags);
	strvec_free(&flags);
	free(text);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const shims[] = {"memcpy", "getentropy", "__wrap_stat"};
	struct plan_item items[3];
	struct plan p = {items, 3, STRVEC_INIT, 0};
	struct strvec index = STRVEC_INIT;
	struct member m = {NULL, 0, STRVEC_INIT};
	const char *path;
	char *copy;

	if (size > 1 << 20)
		return 0;
	probe(data, size);
	path = fuzz_write("shims.a", data, size);
	copy = fuzz_string(data, size);
	(void)archive_sealed(copy, size);
	free(copy);
	if (archive_index(path, &index) == 0)
		strvec_free(&index);
	memset(items, 0, sizeof(items));
	for (int i = 0; i < 3; i++) {
		items[i].name = (char *)shims[i];
		items[i].kind = DEC_SHIM;
	}
	(void)shimcache_check(path, &p, "x86_64");
	(void)read_member(path, EM_X86_64, &m);
	free(m.data);
	strvec_free(&m.syms);
	return 0;
}
