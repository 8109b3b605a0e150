/*
 * shimcache.c: symcc's shims for an architecture other than its own.
 * SPDX-License-Identifier: MIT-0
 *
 * The archive embedded in symcc is built for the machine symcc runs on.  A
 * cross link (`symcc aarch64-linux-gnu-gcc`, `symcc gcc -m32`) compiles the
 * shim sources, embedded too, with the user's own compiler, which targets
 * the right architecture by definition.  That happens once per compiler:
 * the archive is cached under a name that hashes everything its bytes
 * depend on, and written beside its final name, then renamed, so
 * concurrent links (make -j) either find it whole or build their own copy.
 * It carries a digest of its own bytes (see archive_seal), checked before
 * each use; the host's archive is compared with the bytes symcc embeds.
 */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "args.h"
#include "cache.h"
#include "emit.h"
#include "plan.h"
#include "run.h"
#include "shimcache.h"
#include "util.h"

#ifndef SYMCC_VERSION
#define SYMCC_VERSION "unknown"
#endif

/* What symcc knows of each architecture's compiler. */
static const struct {
	const char *arch;
	int machine;          /* e_machine the objects must have */
	const char *gcc;      /* the Debian cross compiler's name, for `symcc ld` */
	const char *hardening; /* an extra option the shims want if it works */
} arches[] = {
	{"x86_64", EM_X86_64, "x86_64-linux-gnu-gcc", "-fcf-protection=full"},
	{"i686", EM_386, "i686-linux-gnu-gcc", "-fcf-protection=full"},
	{"aarch64", EM_AARCH64, "aarch64-linux-gnu-gcc", "-mbranch-protection=standard"},
	{"armv7", EM_ARM, "arm-linux-gnueabihf-gcc", NULL},
	{"ppc64le", EM_PPC64, "powerpc64le-linux-gnu-gcc", NULL},
	{"s390x", EM_S390, "s390x-linux-gnu-gcc", NULL},
	{"riscv64", EM_RISCV, "riscv64-linux-gnu-gcc", NULL},
};

/* The flags of shims/meson.build: nothing may call what the shims did not
 * ask for (no stack protector, fortify, LTO, builtins turned into calls). */
static const char *const base_flags[] = {
	"-O2", "-fPIC", "-fvisibility=hidden", "-fno-stack-protector",
	"-U_FORTIFY_SOURCE", "-D_FORTIFY_SOURCE=0", "-fno-builtin", "-fno-lto",
	"-w", NULL,
};
/* ... and those shims/meson.build adds where the compiler takes them */
static const char *const optional_flags[] = {
	"-fno-tree-loop-distribute-patterns", "-ftrivial-auto-var-init=uninitialized",
	"-fno-sanitize=all", "-fno-profile-arcs", "-fno-test-coverage", NULL,
};

void
shimcache_abi_options(char *const *argv, size_t argc, struct strvec *out)
{
	static const char *const exact[] = {
		"-m32", "-m64", "-mx32", "-m16", "-mthumb", "-marm", "-mbig-endian",
		"-mlittle-endian", "-EB", "-EL", "-msoft-float", "-mhard-float", NULL,
	};
	static const char *const prefix[] = {
		"-mabi=", "-mfloat-abi=", "-mfpu=", "-march=", "-mcpu=", "-mcmodel=",
		"--target=", "-B", NULL,
	};

	for (size_t i = 1; i < argc; i++) {
		const char *a = argv[i];
		bool take = false;

		for (size_t j = 0; exact[j] && !take; j++)
			take = strcmp(a, exact[j]) == 0;
		for (size_t j = 0; prefix[j] && !take; j++)
			take = startswith(a, prefix[j]) && a[strlen(prefix[j])] != '\0';
		if (take) {
			strvec_push(out, a);
		} else if ((strcmp(a, "-target") == 0 || strcmp(a, "-B") == 0) && i + 1 < argc) {
			strvec_push(out, a);       /* clang's -target T, gcc's -B DIR */
			strvec_push(out, argv[++i]);
		}
	}
}

/* One compiled member: its bytes and the global symbols it defines. */
struct member {
	char *data;
	size_t len;
	struct strvec syms;
};

/* Read obj: check its machine, collect its defined global symbols. */
static int
read_member(const char *obj, int machine, struct member *m)
{
	Elf *elf;
	Elf_Scn *scn = NULL;
	GElf_Ehdr eh;
	int r = -1;

	if (!(m->data = read_file(obj, &m->len)))
		return error("cannot read '%s': %s", obj, strerror(errno));
	elf_version(EV_CURRENT);
	if (!(elf = elf_memory(m->data, m->len)) || !gelf_getehdr(elf, &eh)) {
		error("'%s' is not an ELF object: %s", obj, elf_errmsg(-1));
		goto out;
	}
	if (eh.e_machine != machine) {
		error("the compiler made a shim object for machine %d, not %d", eh.e_machine, machine);
		goto out;
	}
	while ((scn = elf_nextscn(elf, scn)) != NULL) {
		GElf_Shdr sh;
		Elf_Data *d;

		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_SYMTAB || !sh.sh_entsize)
			continue;
		d = elf_getdata(scn, NULL);
		for (size_t i = 1; d && i < sh.sh_size / sh.sh_entsize; i++) {
			GElf_Sym s;
			const char *name;
			int bind;

			if (!gelf_getsym(d, (int)i, &s))
				continue;
			bind = GELF_ST_BIND(s.st_info);
			if (s.st_shndx == SHN_UNDEF ||
			    (bind != STB_GLOBAL && bind != STB_WEAK && bind != STB_GNU_UNIQUE))
				continue;
			if ((name = elf_strptr(elf, sh.sh_link, s.st_name)) && *name)
				strvec_push(&m->syms, name);
		}
	}
	r = 0;
out:
	if (elf)
		elf_end(elf);
	return r;
}

static void
ar_header(FILE *f, const char *name, size_t size)
{
	fprintf(f, "%-16s%-12s%-6s%-6s%-8s%-10zu`\n", name, "0", "0", "0", "644", size);
}

static void
be32(FILE *f, uint32_t v)
{
	unsigned char b[4] = {(unsigned char)(v >> 24), (unsigned char)(v >> 16),
	                      (unsigned char)(v >> 8), (unsigned char)v};
	fwrite(b, 1, 4, f);
}

/* Where the symbol index's date field is (the first member's header): it
 * holds a digest of every other byte of the archive, so a corrupt or
 * foreign file in the cache is never linked.  ld reads no date of an
 * archive. */
#define SEAL_AT (8 + 16)
#define SEAL_LEN 12

static unsigned long long
seal_of(const char *data, size_t len)
{
	uint64_t h = cache_hash(CACHE_HASH_INIT, data, SEAL_AT);

	h = cache_hash(h, data + SEAL_AT + SEAL_LEN, len - SEAL_AT - SEAL_LEN);
	return h % 1000000000000ULL;
}

static void
archive_seal(char *data, size_t len)
{
	char field[SEAL_LEN + 1];

	snprintf(field, sizeof(field), "%-12llu", seal_of(data, len));
	memcpy(data + SEAL_AT, field, SEAL_LEN);
}

/* Is data an archive make_archive() made, whole? */
static bool
archive_sealed(const char *data, size_t len)
{
	char field[SEAL_LEN + 1];

	if (len < 8 + 60 + 4 || memcmp(data, "!<arch>\n/               ", 24) != 0)
		return false;
	snprintf(field, sizeof(field), "%-12llu", seal_of(data, len));
	return memcmp(data + SEAL_AT, field, SEAL_LEN) == 0;
}

/* A System V / GNU archive of the members, with the symbol index ld needs,
 * into *out (malloc'd, *outlen bytes).  Made by symcc itself: the host's ar
 * may not know the architecture. */
static int
make_archive(const struct member *m, size_t n, char **out, size_t *outlen)
{
	size_t nsyms = 0, strsz = 0, symtab, off;
	uint32_t *offs = xcalloc(n ? n : 1, sizeof(*offs));
	FILE *f;

	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < m[i].syms.n; j++) {
			nsyms++;
			strsz += strlen(m[i].syms.v[j]) + 1;
		}
	symtab = 4 + 4 * nsyms + strsz;
	off = 8 + 60 + symtab + (symtab & 1);
	for (size_t i = 0; i < n; i++) {
		offs[i] = (uint32_t)off;
		off += 60 + m[i].len + (m[i].len & 1);
	}
	if (!(f = open_memstream(out, outlen)))
		fatal("out of memory");
	fputs("!<arch>\n", f);
	ar_header(f, "/", symtab);
	be32(f, (uint32_t)nsyms);
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < m[i].syms.n; j++)
			be32(f, offs[i]);
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < m[i].syms.n; j++)
			fwrite(m[i].syms.v[j], 1, strlen(m[i].syms.v[j]) + 1, f);
	if (symtab & 1)
		fputc('\n', f);
	for (size_t i = 0; i < n; i++) {
		char name[32];   /* "shimN.o/": 16 characters at most, N < 10^10 */

		snprintf(name, sizeof(name), "shim%zu.o/", i);
		ar_header(f, name, m[i].len);
		fwrite(m[i].data, 1, m[i].len, f);
		if (m[i].len & 1)
			fputc('\n', f);
	}
	free(offs);
	if (ferror(f) | (fclose(f) != 0))
		fatal("out of memory");
	archive_seal(*out, *outlen);
	return 0;
}

/* Compile src into obj with flags; its stderr into *err on failure. */
static int
compile_one(const char *cc, const struct strvec *abi, const char *const *flags,
            const char *hardening, const char *src, const char *obj, char **err)
{
	struct strvec cmd = STRVEC_INIT;
	int rc;

	strvec_push(&cmd, cc);
	strvec_pushv(&cmd, abi->v, abi->n);
	for (size_t i = 0; base_flags[i]; i++)
		strvec_push(&cmd, base_flags[i]);
	for (size_t i = 0; flags && flags[i]; i++)
		strvec_push(&cmd, flags[i]);
	if (flags && hardening)
		strvec_push(&cmd, hardening);
	strvec_push(&cmd, "-c");
	strvec_push(&cmd, "-x");   /* C even when the user's compiler is g++ or clang++ */
	strvec_push(&cmd, "c");
	strvec_push(&cmd, src);
	strvec_push(&cmd, "-o");
	strvec_push(&cmd, obj);
	free(*err);
	*err = NULL;
	rc = run_command(cmd.v, CAPTURE_STDERR, err);
	strvec_free(&cmd);
	return rc;
}

static void
remove_tree(const char *dir, const struct strvec *files)
{
	for (size_t i = 0; i < files->n; i++)
		unlink(files->v[i]);
	rmdir(dir);
}

/* Build the archive from the embedded sources, in symcc's private temp
 * directory; its bytes into *data (malloc'd, *len bytes). */
static int
build(const char *cc, const struct strvec *abi, int machine, const char *hardening,
      char **data, size_t *len)
{
	const char *base = tmp_dir();
	char *tmp, *err = NULL;
	struct strvec files = STRVEC_INIT;
	struct member *m = NULL;
	size_t n = 0;
	const char *const *flags = optional_flags;
	int r = -1;

	if (!base)
		return -1;
	tmp = xasprintf("%s/shims-XXXXXX", base);
	if (!mkdtemp(tmp)) {
		error("cannot create a directory in '%s': %s", base, strerror(errno));
		free(tmp);
		return -1;
	}
	for (const struct symcc_embedded_file *f = symcc_shims_sources; f->name; f++) {
		char *p = xasprintf("%s/%s", tmp, f->name);
		strvec_push_owned(&files, p);
		if (emit_blob(f->data, f->len, p) < 0)
			goto out;
	}
	for (const struct symcc_embedded_file *f = symcc_shims_sources; f->name; f++) {
		size_t l = strlen(f->name);
		char *src, *obj;
		int rc;

		if (l < 3 || strcmp(f->name + l - 2, ".c") != 0)
			continue;
		src = xasprintf("%s/%s", tmp, f->name);
		obj = xasprintf("%s/%.*s.o", tmp, (int)(l - 2), f->name);
		strvec_push_owned(&files, obj);
		rc = compile_one(cc, abi, flags, hardening, src, obj, &err);
		if (rc != 0 && flags && n == 0) {
			/* an older compiler: without the optional flags */
			flags = NULL;
			rc = compile_one(cc, abi, flags, hardening, src, obj, &err);
		}
		free(src);
		if (rc != 0) {
			error("cannot compile symcc's shim %s with %s%s", f->name, cc,
			      rc < 0 ? "" : ":");
			if (rc > 0 && err)
				fputs(err, stderr);
			goto out;
		}
		m = xreallocarray(m, n + 1, sizeof(*m));
		memset(&m[n], 0, sizeof(*m));
		if (read_member(obj, machine, &m[n++]) < 0)
			goto out;
	}
	r = make_archive(m, n, data, len);
out:
	remove_tree(tmp, &files);
	for (size_t i = 0; i < n; i++) {
		free(m[i].data);
		strvec_free(&m[i].syms);
	}
	free(m);
	free(err);
	free(tmp);
	strvec_free(&files);
	return r;
}

/* The symbols in the index of an archive make_archive() made. */
static int
archive_index(const char *path, struct strvec *out)
{
	size_t len, size, n;
	char *data = read_file(path, &len), *p, *end;
	int r = -1;

	if (!data)
		return error("cannot read '%s': %s", path, strerror(errno));
	if (len < 8 + 60 + 4 || memcmp(data, "!<arch>\n/               ", 24) != 0) {
		error("'%s' is not an archive symcc made", path);
		goto out;
	}
	size = strtoul(data + 8 + 48, NULL, 10);
	if (size < 4 || size > len - 68) {
		error("'%s' has a corrupt symbol index", path);
		goto out;
	}
	p = data + 68;
	end = p + size;
	n = ((size_t)(unsigned char)p[0] << 24) | ((size_t)(unsigned char)p[1] << 16) |
	    ((size_t)(unsigned char)p[2] << 8) | (unsigned char)p[3];
	if (n > (size - 4) / 4) {
		error("'%s' has a corrupt symbol index", path);
		goto out;
	}
	p += 4 + 4 * n;
	for (size_t i = 0; i < n && p < end; i++) {
		char *z = memchr(p, '\0', (size_t)(end - p));
		if (!z)
			break;
		strvec_push(out, p);
		p = z + 1;
	}
	r = 0;
out:
	free(data);
	return r;
}

int
shimcache_check(const char *archive, const struct plan *p, const char *arch)
{
	struct strvec have = STRVEC_INIT;
	int missing = 0;

	if (archive_index(archive, &have) < 0)
		return -1;
	for (size_t i = 0; i < p->nitems; i++) {
		char *w;

		if (p->items[i].kind != DEC_SHIM)
			continue;
		w = xasprintf("__wrap_%s", p->items[i].name);
		if (!strvec_contains(&have, w)) {
			error("symcc's shim for '%s' is not built for %s (its code is for other "
			      "architectures); raise the target so that glibc has the function",
			      p->items[i].name, arch);
			missing++;
		}
		free(w);
	}
	strvec_free(&have);
	return missing ? -1 : 0;
}

/* Most archives kept in the cache: cross ones (each a compiler and its
 * ABI options), and the host's (one per version of symcc). */
#define CROSS_MAX 16
#define HOST_MAX 4
/* Bump when the archives' layout or their names change. */
#define ARCHIVE_FORMAT "symcc-shims-archive-2"

/* The cross archive name in the cache, if it is there and whole: its bytes
 * are read and their digest checked.  malloc'd path, or NULL. */
static char *
cached_cross(const struct cachedir *d, const char *name)
{
	struct stat st;
	size_t len;
	char *data, *path = NULL;
	int fd = cache_open(d, name, &st);

	if (fd < 0)
		return NULL;
	if ((data = read_fd(fd, &len)) != NULL && archive_sealed(data, len)) {
		cache_used(fd, &st);
		path = cache_path(d, name);
	} else {
		char *p = cache_path(d, name);
		cache_warn("'%s' is not a shims archive symcc made, or not whole: built again", p);
		free(p);
	}
	free(data);
	close(fd);
	return path;
}

int
shimcache_archive(const char *arch, const struct invocation *inv, char **path)
{
	struct strvec abi = STRVEC_INIT;
	const struct cachedir *d;
	char *cc = NULL, *id = NULL, *name = NULL, *data = NULL;
	size_t a, len = 0;
	uint64_t h = CACHE_HASH_INIT;
	int r = -1;

	for (a = 0; a < sizeof(arches) / sizeof(arches[0]); a++)
		if (strcmp(arches[a].arch, arch) == 0)
			break;
	if (a == sizeof(arches) / sizeof(arches[0]))
		return error("symcc has no shims for architecture '%s'", arch);
	if (inv->is_ld) {
		/* a direct linker call names no compiler: the usual cross gcc */
		if (!(cc = which(arches[a].gcc))) {
			error("symcc needs a C compiler for %s to build its shims; '%s' is not on "
			      "PATH (link with your compiler driver instead of ld)", arch, arches[a].gcc);
			goto out;
		}
	} else {
		shimcache_abi_options(inv->expanded.v, inv->expanded.n, &abi);
		if (!(cc = which(inv->argv.v[0]))) {
			error("cannot find the compiler '%s'", inv->argv.v[0]);
			goto out;
		}
	}
	if (!(id = file_identity(cc))) {
		error("cannot read '%s': %s", cc, strerror(errno));
		goto out;
	}
	h = cache_hash_str(h, ARCHIVE_FORMAT);
	h = cache_hash_str(h, SYMCC_VERSION);
	h = cache_hash_str(h, arch);
	h = cache_hash_str(h, id);
	for (size_t i = 0; i < abi.n; i++)
		h = cache_hash_str(h, abi.v[i]);
	for (const struct symcc_embedded_file *f = symcc_shims_sources; f->name; f++) {
		h = cache_hash_str(h, f->name);
		h = cache_hash(h, f->data, f->len);
	}
	name = xasprintf("cross-%s-%016llx.a", arch, (unsigned long long)h);
	if ((d = cache_subdir("shims")) != NULL && (*path = cached_cross(d, name)) != NULL) {
		VERBOSE("shims for %s: %s", arch, *path);
		r = 0;
		goto out;
	}
	VERBOSE("building the shims for %s with %s", arch, cc);
	if (build(cc, &abi, arches[a].machine, arches[a].hardening, &data, &len) < 0)
		goto out;
	if ((d = cache_subdir("shims")) != NULL && cache_write(d, name, data, len) == 0) {
		cache_trim(d, "cross-", CROSS_MAX);
		*path = cache_path(d, name);
	} else if (tmp_dir()) {
		/* no cache: for this link only */
		*path = xasprintf("%s/shims-%s.a", tmp_dir(), arch);
		tmp_register(*path);
		if (emit_blob(data, len, *path) < 0)
			goto out;
	} else {
		goto out;
	}
	r = 0;
out:
	strvec_free(&abi);
	free(cc);
	free(id);
	free(name);
	free(data);
	return r;
}

/* Are the bytes of fd (st) exactly data/len?  A memcmp of the embedded
 * archive: about 50 us, as much as a digest of the file would cost. */
static bool
same_bytes(int fd, const struct stat *st, const void *data, size_t len)
{
	void *map;
	bool same;

	if ((size_t)st->st_size != len)
		return false;
	if (len == 0)
		return true;
	if ((map = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0)) == MAP_FAILED)
		return false;
	same = memcmp(map, data, len) == 0;
	munmap(map, len);
	return same;
}

int
shimcache_host(const void *data, size_t len, unsigned long long digest, const char *arch,
               char **path)
{
	const struct cachedir *d = cache_subdir("shims");
	struct stat st;
	char *name;
	bool same = false;
	int fd;

	*path = NULL;
	if (!d)
		return 1;
	/* named by its bytes: every symcc binary with the same shims shares it */
	name = xasprintf("host-%s-%016llx-%zu.a", arch, digest, len);
	if ((fd = cache_open(d, name, &st)) >= 0) {
		if ((same = same_bytes(fd, &st, data, len)))
			cache_used(fd, &st);
		else
			cache_warn("'%s/%s' is not the shims archive symcc embeds: written again",
			           d->path, name);
		close(fd);
	} else if (errno != ENOENT) {
		free(name);
		return 1;   /* the cache is off (warned) */
	}
	if (!same) {
		if (cache_write(d, name, data, len) < 0) {
			free(name);
			return 1;
		}
		cache_trim(d, "host-", HOST_MAX);
	}
	*path = cache_path(d, name);
	free(name);
	return 0;
}
