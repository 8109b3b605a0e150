/*
 * scan.c: which glibc symbols, at which default versions, a link will import.
 * SPDX-License-Identifier: MIT-0
 *
 * Inputs are read in command-line order, as GNU ld reads them: objects
 * always; archive members only when they define a symbol that is still
 * undefined (through the archive's symbol index, so unused members are never
 * read); groups rescanned until nothing changes; shared objects contribute
 * their default-version definitions.  What is left undefined in the regular
 * objects and defined by a glibc shared object is what the output imports.
 */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "linkline.h"
#include "output.h"
#include "scan.h"
#include "util.h"

enum {
	S_UNDEF_STRONG = 1,
	S_UNDEF_WEAK = 2,
	S_DEF_REGULAR = 4,
	S_DEF_DSO = 8,
};

struct sym {
	const char *name;       /* NULL: empty slot */
	uint32_t hash;          /* hash_keyed(name) */
	uint8_t flags;
	uint16_t dsos_asked;    /* shared objects already asked for a definition */
	bool dso_glibc, dso_object;
	const char *dso, *dso_version;
	const char *ref;
};

/* String arena: strings live until scan_free. */
struct chunk {
	struct chunk *next;
	size_t used, cap;
	char data[];
};

/* An archive of the link, read through libelf's map of it: no file stays
 * open (300 archives link under `ulimit -n 256`, as with ld). */
struct archive {
	char *path;
	unsigned refs;          /* its places in scan_state.archives */
	Elf *elf;
	Elf_Arsym *arsyms;
	size_t narsyms;
	size_t *index;          /* open addressing over arsyms by hash_keyed(name): i + 1,
	                           0 = empty */
	size_t index_cap;
	size_t *pulled;         /* member offsets already read (open addressing, 0 = empty) */
	size_t pulled_cap, npulled;
};

/* A shared object of the link, kept mapped (its file closed): asked for
 * definitions on demand through its .gnu.hash table, instead of reading
 * all its symbols. */
struct dso {
	const char *path;
	const char *soname;
	bool glibc;
	Elf *elf;
	int elfclass;
	Elf_Data *syms, *vers;
	size_t strndx;               /* .dynstr */
	const char **vernames;       /* by version index */
	size_t nver;
	const uint32_t *buckets, *chain;
	size_t nchain;               /* words of chain in the section */
	const void *bloom;
	uint32_t nbuckets, symoffset, bloom_size, bloom_shift;
};

struct scan_state {
	struct sym *syms;
	size_t cap, n;
	const char **undefs;         /* names that became strongly undefined, in order */
	size_t nundefs, undefs_cap;
	struct chunk *chunks;
	struct archive **archives;   /* open archives, for group rescans */
	size_t narchives;
	struct dso **dsos;           /* shared objects, in command-line order */
	size_t ndsos;
	const struct linkline *ll;
	struct output *output;       /* refused as an input; NULL: not checked */
	size_t nfiles, nmembers;
	int depth;                   /* linker script nesting */
	char *buf;                   /* the small file being read (read_small_file) */
	size_t buf_cap;
};

/* Objects are small and many.  One read into a reused buffer costs a
 * third of what libelf's fstat, fcntl, mmap, page faults and munmap do
 * (300 objects: 0.9 ms instead of 3.1 ms of system time).  Every input's
 * first FIRST_READ bytes are read; a relocatable object of up to
 * SMALL_FILE is then read whole, anything else is mapped, so that only the
 * pages used are read (an archive's index and members, a shared object's
 * hash table). */
enum { SMALL_FILE = 1 << 20, FIRST_READ = 64 << 10 };

struct input_state {
	bool bstatic, whole;
};

static const char *
intern(struct scan_state *st, const char *s)
{
	size_t len = strlen(s) + 1;
	struct chunk *c = st->chunks;

	if (!c || c->cap - c->used < len) {
		size_t cap = len > 65536 ? len : 65536;
		c = xmalloc(sizeof(*c) + cap);
		c->next = st->chunks;
		c->used = 0;
		c->cap = cap;
		st->chunks = c;
	}
	memcpy(c->data + c->used, s, len);
	c->used += len;
	return c->data + c->used - len;
}

static struct sym *
find_slot(struct sym *syms, size_t cap, const char *name, uint32_t h)
{
	size_t i = h & (cap - 1);

	while (syms[i].name && (syms[i].hash != h || strcmp(syms[i].name, name) != 0))
		i = (i + 1) & (cap - 1);
	return &syms[i];
}

static void
grow(struct scan_state *st)
{
	size_t cap = st->cap ? st->cap * 2 : 4096;
	struct sym *syms = xcalloc(cap, sizeof(*syms));

	for (size_t i = 0; i < st->cap; i++)
		if (st->syms[i].name)
			*find_slot(syms, cap, st->syms[i].name, st->syms[i].hash) = st->syms[i];
	free(st->syms);
	st->syms = syms;
	st->cap = cap;
}

static struct sym *
lookup(struct scan_state *st, const char *name)
{
	struct sym *s;

	if (!st->cap)
		return NULL;
	s = find_slot(st->syms, st->cap, name, hash_keyed(name));
	return s->name ? s : NULL;
}

static struct sym *
get(struct scan_state *st, const char *name)
{
	uint32_t h = hash_keyed(name);
	struct sym *s;

	if ((st->n + 1) * 2 > st->cap)
		grow(st);
	s = find_slot(st->syms, st->cap, name, h);
	if (!s->name) {
		s->name = intern(st, name);
		s->hash = h;
		st->n++;
	}
	return s;
}

static void
add_undef(struct scan_state *st, const char *name, bool weak, const char *ref)
{
	struct sym *s;

	if (strchr(name, '@'))
		return;   /* an explicit name@VERSION reference: bound as written */
	s = get(st, name);
	if (!weak && !(s->flags & S_UNDEF_STRONG)) {
		/* the worklist archive pulls walk (pull_archive) */
		if (st->nundefs == st->undefs_cap) {
			st->undefs_cap = st->undefs_cap ? 2 * st->undefs_cap : 256;
			st->undefs = xreallocarray(st->undefs, st->undefs_cap, sizeof(*st->undefs));
		}
		st->undefs[st->nundefs++] = s->name;
	}
	s->flags |= weak ? S_UNDEF_WEAK : S_UNDEF_STRONG;
	if (!s->ref)
		s->ref = ref;
}

static void
add_def(struct scan_state *st, const char *name)
{
	const char *at = strchr(name, '@');
	char *base;

	if (!at) {
		get(st, name)->flags |= S_DEF_REGULAR;
		return;
	}
	base = xstrndup(name, (size_t)(at - name));  /* foo@@V defines foo */
	get(st, base)->flags |= S_DEF_REGULAR;
	free(base);
}

/* GCC's LTO symbol table: entries of name, comdat, kind, visibility,
 * size (8 bytes), slot (4 bytes); kinds 2 and 3 are (weak) undefined. */
static void
read_lto_symtab(struct scan_state *st, Elf_Data *d, const char *ref)
{
	const char *p = d->d_buf, *end = p + d->d_size;

	while (p < end) {
		const char *name = p, *comdat;
		unsigned kind;

		p = memchr(p, '\0', (size_t)(end - p));
		if (!p)
			return;
		comdat = ++p;
		p = memchr(comdat, '\0', (size_t)(end - comdat));
		if (!p || end - ++p < 14)
			return;
		kind = (unsigned char)p[0];
		p += 14;
		if (kind == 2 || kind == 3)
			add_undef(st, name, kind == 3, ref);
		else if (kind <= 4)
			add_def(st, name);
	}
}

/* Symbols of a relocatable object: its .symtab, and GCC LTO tables. */
static int
read_object(struct scan_state *st, Elf *elf, const char *ref)
{
	size_t shstrndx;
	Elf_Scn *scn = NULL;

	if (elf_getshdrstrndx(elf, &shstrndx) != 0)
		return error("cannot read section headers of '%s': %s", ref, elf_errmsg(-1));
	while ((scn = elf_nextscn(elf, scn)) != NULL) {
		GElf_Shdr mem, *sh = gelf_getshdr(scn, &mem);
		Elf_Data *d;
		const char *secname;

		if (!sh)
			return error("cannot read a section header of '%s': %s", ref, elf_errmsg(-1));
		secname = elf_strptr(elf, shstrndx, sh->sh_name);
		if (sh->sh_type == SHT_PROGBITS && secname &&
		    startswith(secname, ".gnu.lto_.symtab.")) {
			if ((d = elf_getdata(scn, NULL)) != NULL && d->d_buf)
				read_lto_symtab(st, d, ref);
			continue;
		}
		if (sh->sh_type != SHT_SYMTAB)
			continue;
		if (sh->sh_entsize == 0)
			return error("malformed symbol table in '%s'", ref);
		if ((d = elf_getdata(scn, NULL)) == NULL)
			return error("cannot read symbols of '%s': %s", ref, elf_errmsg(-1));
		size_t n = sh->sh_size / sh->sh_entsize;
		for (size_t i = sh->sh_info; i < n; i++) {
			GElf_Sym smem, *sym = gelf_getsym(d, (int)i, &smem);
			const char *name;
			int bind;

			if (!sym)
				return error("cannot read symbol %zu of '%s': %s", i, ref, elf_errmsg(-1));
			bind = GELF_ST_BIND(sym->st_info);
			if (bind != STB_GLOBAL && bind != STB_WEAK && bind != STB_GNU_UNIQUE)
				continue;
			name = elf_strptr(elf, sh->sh_link, sym->st_name);
			if (!name)
				return error("cannot read symbol names of '%s': %s", ref, elf_errmsg(-1));
			if (!*name)
				continue;
			if (sym->st_shndx == SHN_UNDEF)
				add_undef(st, name, bind == STB_WEAK, ref);
			else
				add_def(st, name);
		}
	}
	return 0;
}

/* The version names a shared object defines, indexed by version index. */
static const char **
read_verdefs(Elf *elf, Elf_Scn *scn, GElf_Shdr *sh, size_t *count, const char *path)
{
	Elf_Data *d = elf_getdata(scn, NULL);
	const char **names;
	size_t off = 0;
	size_t max = 0, n;

	if (!d)
		return NULL;
	/* the declared count sizes the table only as far as the section can
	 * hold that many definitions (a corrupt one may claim billions) */
	n = sh->sh_info;
	if (n > d->d_size / sizeof(Elf64_Verdef))
		n = d->d_size / sizeof(Elf64_Verdef);
	names = xcalloc(n + 2, sizeof(*names));
	/* vd_ndx is bounded by the section's declared count, not trusted blindly */
	for (size_t i = 0; i < n; i++) {
		GElf_Verdef vmem, *vd = gelf_getverdef(d, (int)off, &vmem);
		GElf_Verdaux amem, *va;

		if (!vd)
			break;
		va = gelf_getverdaux(d, (int)(off + vd->vd_aux), &amem);
		if (va && vd->vd_ndx < n + 2) {
			names[vd->vd_ndx] = elf_strptr(elf, sh->sh_link, va->vda_name);
			if (vd->vd_ndx > max)
				max = vd->vd_ndx;
		}
		if (vd->vd_next == 0)
			break;
		off += vd->vd_next;
	}
	(void)path;
	*count = n + 2;
	return names;
}

static const char *
dso_soname(struct scan_state *st, Elf *elf, Elf_Scn *dynscn, const char *path)
{
	GElf_Shdr mem, *sh = gelf_getshdr(dynscn, &mem);
	Elf_Data *d = elf_getdata(dynscn, NULL);

	if (sh && d && sh->sh_entsize) {
		for (size_t i = 0; i < sh->sh_size / sh->sh_entsize; i++) {
			GElf_Dyn dmem, *dyn = gelf_getdyn(d, (int)i, &dmem);
			if (!dyn || dyn->d_tag == DT_NULL)
				break;
			if (dyn->d_tag == DT_SONAME) {
				const char *s = elf_strptr(elf, sh->sh_link, dyn->d_un.d_val);
				if (s)
					return intern(st, s);
			}
		}
	}
	return intern(st, basename_of(path));
}

/* Point d at the .gnu.hash table in data; false if malformed. */
static bool
gnu_hash_init(struct dso *d, Elf_Data *data)
{
	const uint32_t *w = data->d_buf;
	size_t nwords = data->d_size / 4, bloom_words;

	if (nwords < 4)
		return false;
	d->nbuckets = w[0];
	d->symoffset = w[1];
	d->bloom_size = w[2];
	d->bloom_shift = w[3];
	bloom_words = (size_t)d->bloom_size * (d->elfclass == ELFCLASS64 ? 2 : 1);
	/* the shift applies to a 32-bit hash: 32 or more is no table ld made */
	if (d->nbuckets == 0 || d->bloom_size == 0 || d->bloom_shift >= 32 ||
	    4 + bloom_words + d->nbuckets > nwords)
		return false;
	d->bloom = w + 4;
	d->buckets = w + 4 + bloom_words;
	d->chain = d->buckets + d->nbuckets;
	d->nchain = nwords - 4 - bloom_words - d->nbuckets;
	return true;
}

/* The default-version definition of name in d: its version name in *ver
 * (NULL if unversioned).  false if d does not define it. */
static bool
dso_defines(const struct dso *d, const char *name, const char **ver, bool *object)
{
	uint32_t h = hash_string(name), bits = d->elfclass == ELFCLASS64 ? 64 : 32;
	uint32_t idx, nsyms = (uint32_t)(d->syms->d_size / (d->elfclass == ELFCLASS64 ? 24 : 16));
	uint64_t word, mask;
	if (d->elfclass == ELFCLASS64)
		word = ((const uint64_t *)d->bloom)[(h / bits) % d->bloom_size];
	else
		word = ((const uint32_t *)d->bloom)[(h / bits) % d->bloom_size];
	mask = ((uint64_t)1 << (h % bits)) | ((uint64_t)1 << ((h >> d->bloom_shift) % bits));
	if ((word & mask) != mask)
		return false;
	idx = d->buckets[h % d->nbuckets];
	if (idx < d->symoffset)
		return false;
	for (; idx < nsyms && idx - d->symoffset < d->nchain; idx++) {
		uint32_t hv = d->chain[idx - d->symoffset];
		GElf_Sym sm;
		GElf_Versym vs = 1;
		const char *n;

		if ((hv | 1) == (h | 1) && gelf_getsym(d->syms, (int)idx, &sm) &&
		    sm.st_shndx != SHN_UNDEF && (n = elf_strptr(d->elf, d->strndx, sm.st_name)) &&
		    strcmp(n, name) == 0 &&
		    (!d->vers || (gelf_getversym(d->vers, (int)idx, &vs) && !(vs & 0x8000)))) {
			/* hidden versions are skipped: an unversioned reference never binds them */
			*ver = (vs & 0x7fff) >= 2 && (vs & 0x7fff) < d->nver ? d->vernames[vs & 0x7fff] : NULL;
			*object = GELF_ST_TYPE(sm.st_info) == STT_OBJECT || GELF_ST_TYPE(sm.st_info) == STT_TLS;
			return true;
		}
		if (hv & 1)
			break;
	}
	return false;
}

/* Ask the shared objects seen so far (and not yet asked) for s. */
static void
resolve_in_dsos(struct scan_state *st, struct sym *s)
{
	for (; s->dsos_asked < st->ndsos && !(s->flags & S_DEF_DSO); s->dsos_asked++) {
		const struct dso *d = st->dsos[s->dsos_asked];
		const char *ver;
		bool object;

		if (dso_defines(d, s->name, &ver, &object)) {
			s->flags |= S_DEF_DSO;
			s->dso = d->soname;
			s->dso_version = ver;
			s->dso_glibc = d->glibc;
			s->dso_object = object;
		}
	}
}

static void
dso_free(struct dso *d)
{
	elf_end(d->elf);
	free(d->vernames);
	free(d);
}

/* Keep what libelf has of fd's file (its map, or the whole file read) and
 * close fd: inputs may be more than the open file limit.  -1 on error
 * (reported); fd is closed either way. */
static int
detach_file(Elf *elf, int fd, const char *path)
{
	int r = elf_cntl(elf, ELF_C_FDREAD);

	close(fd);
	return r == 0 ? 0 : error("cannot read '%s': %s", path, elf_errmsg(-1));
}

/* A shared object: kept and asked for definitions later.  Takes fd. */
static int
read_dso(struct scan_state *st, Elf *elf, int fd, const char *path)
{
	Elf_Scn *scn = NULL, *dynsym = NULL, *versym = NULL, *verdef = NULL, *dynamic = NULL,
	        *gnuhash = NULL;
	GElf_Shdr dsh = {0}, vdsh = {0};
	struct dso *d = xcalloc(1, sizeof(*d));
	Elf_Data *hd;

	d->path = intern(st, path);
	d->elf = elf;
	if (detach_file(elf, fd, path) < 0) {
		dso_free(d);
		return -1;
	}
	d->elfclass = gelf_getclass(elf);
	while ((scn = elf_nextscn(elf, scn)) != NULL) {
		GElf_Shdr mem, *sh = gelf_getshdr(scn, &mem);
		if (!sh) {
			dso_free(d);
			return error("cannot read a section header of '%s': %s", path, elf_errmsg(-1));
		}
		switch (sh->sh_type) {
		case SHT_DYNSYM: dynsym = scn; dsh = *sh; break;
		case SHT_GNU_versym: versym = scn; break;
		case SHT_GNU_verdef: verdef = scn; vdsh = *sh; break;
		case SHT_DYNAMIC: dynamic = scn; break;
		case SHT_GNU_HASH: gnuhash = scn; break;
		}
	}
	if (!dynsym || !gnuhash) {
		/* no .gnu.hash (a 20-year-old DSO, or none at all): nothing symcc
		 * can ask; verify still judges what the link binds */
		VERBOSE("'%s' has no GNU hash table; not pre-scanned", path);
		dso_free(d);
		return 0;
	}
	d->soname = dynamic ? dso_soname(st, elf, dynamic, path) : intern(st, basename_of(path));
	d->strndx = dsh.sh_link;
	if (verdef) {
		d->vernames = read_verdefs(elf, verdef, &vdsh, &d->nver, path);
		for (size_t i = 0; d->vernames && i < d->nver; i++)
			if (d->vernames[i] && startswith(d->vernames[i], "GLIBC_2."))
				d->glibc = true;
	}
	d->syms = elf_getdata(dynsym, NULL);
	d->vers = versym ? elf_getdata(versym, NULL) : NULL;
	hd = elf_getdata(gnuhash, NULL);
	if (!d->syms || !hd) {
		dso_free(d);
		return error("cannot read dynamic symbols of '%s': %s", path, elf_errmsg(-1));
	}
	if (dsh.sh_entsize == 0 || !hd->d_buf || !gnu_hash_init(d, hd)) {
		/* ld reads symbols through the section headers, not this table */
		VERBOSE("'%s' has a malformed GNU hash table; not pre-scanned", path);
		dso_free(d);
		return 0;
	}
	st->dsos = xreallocarray(st->dsos, st->ndsos + 1, sizeof(*st->dsos));
	st->dsos[st->ndsos++] = d;
	return 0;
}

static bool
needs_member(struct scan_state *st, struct sym *s)
{
	if (!s || !(s->flags & S_UNDEF_STRONG) || (s->flags & (S_DEF_REGULAR | S_DEF_DSO)))
		return false;
	resolve_in_dsos(st, s);
	return !(s->flags & S_DEF_DSO);
}

static bool
pulled_insert(struct archive *ar, size_t off)
{
	size_t key = off + 1, i;

	if ((ar->npulled + 1) * 2 > ar->pulled_cap) {
		size_t cap = ar->pulled_cap ? ar->pulled_cap * 2 : 64;
		size_t *t = xcalloc(cap, sizeof(*t));
		for (size_t j = 0; j < ar->pulled_cap; j++)
			if (ar->pulled[j]) {
				for (i = ar->pulled[j] % cap; t[i]; i = (i + 1) % cap)
					;
				t[i] = ar->pulled[j];
			}
		free(ar->pulled);
		ar->pulled = t;
		ar->pulled_cap = cap;
	}
	for (i = key % ar->pulled_cap; ar->pulled[i]; i = (i + 1) % ar->pulled_cap)
		if (ar->pulled[i] == key)
			return false;
	ar->pulled[i] = key;
	ar->npulled++;
	return true;
}

static int
read_member(struct scan_state *st, struct archive *ar, size_t off)
{
	Elf *m;
	Elf_Arhdr *h;
	const char *ref;
	int r = 0;

	if (elf_rand(ar->elf, off) != off || !(m = elf_begin(-1, ELF_C_READ_MMAP, ar->elf))) {
		int e = elf_errno();   /* reads and clears libelf's error */
		const char *why = e ? elf_errmsg(e) : "no member there";
		return error("cannot read member at offset %zu of '%s': %s", off, ar->path, why);
	}
	h = elf_getarhdr(m);
	{
		char *r0 = xasprintf("%s(%s)", ar->path, h && h->ar_name ? h->ar_name : "?");
		ref = intern(st, r0);
		free(r0);
	}
	if (elf_kind(m) == ELF_K_ELF) {
		GElf_Ehdr emem, *eh = gelf_getehdr(m, &emem);
		if (!eh)
			r = error("cannot read ELF header of '%s': %s", ref, elf_errmsg(-1));
		else if (eh->e_type == ET_REL)
			r = read_object(st, m, ref);
	}
	st->nmembers++;
	elf_end(m);
	return r;
}

/* Index the archive's symbol table by name, once.  Keyed: libelf's
 * as_hash is the ELF hash, whose collisions an archive can be made of. */
static void
index_archive(struct archive *ar)
{
	ar->index_cap = 16;
	while (ar->index_cap < 2 * ar->narsyms)
		ar->index_cap *= 2;
	ar->index = xcalloc(ar->index_cap, sizeof(*ar->index));
	for (size_t i = 0; i < ar->narsyms; i++) {
		size_t h;
		if (!ar->arsyms[i].as_name)
			continue;
		for (h = hash_keyed(ar->arsyms[i].as_name) & (ar->index_cap - 1); ar->index[h];
		     h = (h + 1) & (ar->index_cap - 1))
			;
		ar->index[h] = i + 1;
	}
}

/* Pull the member defining s->name, if this archive has one not yet read.
 * 1 pulled, 0 not, -1 error. */
static int
pull_symbol(struct scan_state *st, struct archive *ar, const struct sym *s)
{
	const char *name = s->name;
	size_t h = s->hash & (ar->index_cap - 1);

	for (; ar->index[h]; h = (h + 1) & (ar->index_cap - 1)) {
		Elf_Arsym *as = &ar->arsyms[ar->index[h] - 1];
		if (strcmp(as->as_name, name) != 0)
			continue;
		/* the first member that defines it, as ld takes it */
		if (!pulled_insert(ar, as->as_off))
			return 0;
		return read_member(st, ar, as->as_off) < 0 ? -1 : 1;
	}
	return 0;
}

/* Pull members that define undefined symbols until none is left, as ld
 * loops over one archive; returns the number pulled, or -1.  Walks the
 * worklist of undefined names, which pulled members extend as it goes. */
static int
pull_archive(struct scan_state *st, struct archive *ar)
{
	int total = 0;

	if (!ar->arsyms || ar->narsyms == 0)
		return 0;
	if (!ar->index)
		index_archive(ar);
	for (size_t i = 0; i < st->nundefs; i++) {
		struct sym *s = lookup(st, st->undefs[i]);
		int r;
		if (!needs_member(st, s))
			continue;
		if ((r = pull_symbol(st, ar, s)) < 0)
			return -1;
		total += r;
	}
	return total;
}

static int
pull_whole_archive(struct scan_state *st, struct archive *ar)
{
	Elf *m;
	Elf_Cmd cmd = ELF_C_READ_MMAP;

	elf_rand(ar->elf, 8);    /* the first member follows the 8-byte magic */
	while ((m = elf_begin(-1, cmd, ar->elf)) != NULL) {
		Elf_Arhdr *h = elf_getarhdr(m);
		if (h && h->ar_name && h->ar_name[0] != '/' && elf_kind(m) == ELF_K_ELF) {
			char *r0 = xasprintf("%s(%s)", ar->path, h->ar_name);
			int r = read_object(st, m, intern(st, r0));
			free(r0);
			if (r < 0) {
				elf_end(m);
				return -1;
			}
			st->nmembers++;
		}
		cmd = elf_next(m);
		elf_end(m);
	}
	return 0;
}

static int process_file(struct scan_state *st, const char *path, struct input_state *is);

/* Linker scripts such as libc.so: INPUT(...) and GROUP(...) lists. */
static int
process_script(struct scan_state *st, const char *path, const char *text,
               struct input_state *is)
{
	struct strvec words = STRVEC_INIT;
	char *buf = xstrdup(text);
	bool in_sysroot = st->ll->sysroot && startswith(path, st->ll->sysroot);
	int r = 0;
	size_t group_first = st->narchives;
	bool group = false;

	/* strip comments, split on parentheses, commas and blanks */
	for (char *p = buf; *p; p++) {
		if (p[0] == '/' && p[1] == '*') {
			char *e = strstr(p + 2, "*/");
			size_t n = e ? (size_t)(e + 2 - p) : strlen(p);
			memset(p, ' ', n);
			p += n - 1;
		} else if (*p == '(' || *p == ')' || *p == ',') {
			*p = ' ';
		}
	}
	{
		char *save = NULL;
		for (char *w = strtok_r(buf, " \t\r\n", &save); w; w = strtok_r(NULL, " \t\r\n", &save))
			strvec_push(&words, w);
	}
	for (size_t i = 0; i < words.n && r >= 0; i++) {
		const char *w = words.v[i];
		char *found;

		if (strcmp(w, "GROUP") == 0) {
			group = true;
			continue;
		}
		if (strcmp(w, "INPUT") == 0 || strcmp(w, "AS_NEEDED") == 0)
			continue;
		if (strcmp(w, "OUTPUT_FORMAT") == 0 || strcmp(w, "OUTPUT_ARCH") == 0 ||
		    strcmp(w, "SEARCH_DIR") == 0 || strcmp(w, "TARGET") == 0) {
			i++;   /* its argument is not an input; OUTPUT_FORMAT may have three */
			while (i + 1 < words.n && words.v[i + 1][0] != '/' &&
			       !startswith(words.v[i + 1], "-l") && strchr(words.v[i + 1], '-'))
				i++;
			continue;
		}
		if (strcmp(w, "SECTIONS") == 0 || strcmp(w, "MEMORY") == 0 ||
		    strcmp(w, "ENTRY") == 0 || strcmp(w, "PHDRS") == 0)
			break;   /* a real linker script, not a list of inputs */
		if (startswith(w, "-l"))
			found = linkline_find_lib(st->ll, w + 2, is->bstatic);
		else
			found = linkline_find_file(st->ll, w, in_sysroot);
		if (!found) {
			VERBOSE("'%s' names '%s', which symcc cannot find; the link will tell", path, w);
			continue;
		}
		r = process_file(st, found, is);
		free(found);
	}
	if (group && r >= 0) {
		/* rescan the group's archives until nothing more is pulled */
		int pulled;
		do {
			pulled = 0;
			for (size_t i = group_first; i < st->narchives && r >= 0; i++) {
				int p = pull_archive(st, st->archives[i]);
				if (p < 0)
					r = -1;
				else
					pulled += p;
			}
		} while (pulled > 0 && r >= 0);
	}
	strvec_free(&words);
	free(buf);
	return r;
}

static int
process_archive(struct scan_state *st, const char *path, int fd, struct input_state *is)
{
	struct archive *ar = xcalloc(1, sizeof(*ar));
	int r;

	ar->path = xstrdup(path);
	ar->refs = 1;
	ar->elf = elf_begin(fd, ELF_C_READ_MMAP, NULL);
	if (!ar->elf || elf_kind(ar->elf) != ELF_K_AR || detach_file(ar->elf, fd, path) < 0) {
		if (!ar->elf || elf_kind(ar->elf) != ELF_K_AR) {
			r = error("cannot read archive '%s': %s", path,
			          ar->elf ? "not an archive" : elf_errmsg(-1));
			close(fd);
		} else {
			r = -1;   /* detach_file reported it and closed fd */
		}
		if (ar->elf)
			elf_end(ar->elf);
		free(ar->path);
		free(ar);
		return r;
	}
	st->archives = xreallocarray(st->archives, st->narchives + 1, sizeof(*st->archives));
	st->archives[st->narchives++] = ar;
	if (is->whole)
		return pull_whole_archive(st, ar);
	ar->arsyms = elf_getarsym(ar->elf, &ar->narsyms);
	if (!ar->arsyms) {
		/* no index: ld refuses it unless empty; nothing to pull */
		VERBOSE("archive '%s' has no symbol index", path);
		return 0;
	}
	return pull_archive(st, ar) < 0 ? -1 : 0;
}

static int
process_elf(struct scan_state *st, const char *path, int fd)
{
	Elf *elf = elf_begin(fd, ELF_C_READ_MMAP, NULL);
	GElf_Ehdr emem, *eh;
	int r = 0;

	if (!elf) {
		close(fd);
		return error("cannot read '%s': %s", path, elf_errmsg(-1));
	}
	eh = gelf_getehdr(elf, &emem);
	if (!eh)
		r = error("cannot read ELF header of '%s': %s", path, elf_errmsg(-1));
	else if (eh->e_type == ET_REL)
		r = read_object(st, elf, intern(st, path));
	else if (eh->e_type == ET_DYN)
		return read_dso(st, elf, fd, path);   /* keeps elf, closes fd */
	elf_end(elf);
	close(fd);
	return r;
}

/* A relocatable object (is_small_object) read whole into st->buf, and
 * fd, which is closed. */
static int
process_small_object(struct scan_state *st, const char *path, int fd, size_t len)
{
	Elf *elf = elf_memory(st->buf, len);
	GElf_Ehdr emem;
	int r;

	close(fd);
	if (!elf)
		return error("cannot read '%s': %s", path, elf_errmsg(-1));
	if (!gelf_getehdr(elf, &emem))
		r = error("cannot read ELF header of '%s': %s", path, elf_errmsg(-1));
	else
		r = read_object(st, elf, intern(st, path));
	elf_end(elf);
	return r;
}

/* Bytes [from, len) of a file into st->buf, which keeps [0, from);
 * returns the bytes st->buf holds (fewer than len if the file shrank
 * meanwhile), or from on a read error (the linker will report it). */
static ssize_t
read_small_file(struct scan_state *st, int fd, size_t from, size_t len)
{
	size_t got = from;

	if (st->buf_cap < len + 1) {
		size_t cap = len + 1 > 65536 ? len + 1 : 65536;
		st->buf = xreallocarray(st->buf, cap, 1);
		st->buf_cap = cap;
	}
	while (got < len) {
		ssize_t n = pread(fd, st->buf + got, len - got, (off_t)got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	st->buf[got] = '\0';
	return (ssize_t)got;
}

/* Is this the head of a relocatable object small enough to read whole? */
static bool
is_small_object(const char *head, ssize_t n, off_t size)
{
	unsigned type;

	if (n < EI_NIDENT + 2 || size > SMALL_FILE || memcmp(head, ELFMAG, SELFMAG) != 0)
		return false;
	type = head[EI_DATA] == ELFDATA2MSB
	       ? (unsigned)(unsigned char)head[16] << 8 | (unsigned char)head[17]
	       : (unsigned)(unsigned char)head[17] << 8 | (unsigned char)head[16];
	return type == ET_REL;
}

/* Read path again where it comes again (a gcc link names -lgcc three
 * times, -lgcc_s twice): an archive keeps its index and the members it
 * gave, a shared object has given its definitions already.  1 if it was
 * read before, 0 if not, -1 on error. */
static int
process_again(struct scan_state *st, const char *path, const struct input_state *is)
{
	for (size_t i = 0; i < st->ndsos; i++)
		if (strcmp(st->dsos[i]->path, path) == 0)
			return 1;
	for (size_t i = 0; !is->whole && i < st->narchives; i++) {
		struct archive *ar = st->archives[i];

		if (strcmp(ar->path, path) != 0)
			continue;
		st->archives = xreallocarray(st->archives, st->narchives + 1, sizeof(*st->archives));
		st->archives[st->narchives++] = ar;   /* a group rescans it here too */
		ar->refs++;
		return pull_archive(st, ar) < 0 ? -1 : 1;
	}
	return 0;
}

static int
process_file(struct scan_state *st, const char *path, struct input_state *is)
{
	struct stat sb = {0};
	int fd;
	ssize_t n;

	if ((n = process_again(st, path, is)) != 0)
		return n < 0 ? -1 : 0;

	/* O_NONBLOCK: a FIFO must not block the open (ld opens it anyway) */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0) {
		/* the linker reports missing inputs itself, in its own words */
		VERBOSE("cannot open '%s': %s", path, strerror(errno));
		return 0;
	}
	/* as ld refuses it: the output would overwrite this input */
	if (st->output && st->output->existed && fstat(fd, &sb) == 0 &&
	    output_is_input(st->output, &sb, path)) {
		close(fd);
		return -1;
	}
	/* the head first (a FIFO or a directory fails here, /dev/zero fills
	 * it); an object that fits is whole, and needs no fstat */
	n = read_small_file(st, fd, 0, FIRST_READ);
	if (n < FIRST_READ && is_small_object(st->buf, n, n)) {
		st->nfiles++;
		return process_small_object(st, path, fd, (size_t)n);
	}
	if (fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode) || n <= 0) {
		/* /dev/zero would never end: the linker judges such inputs */
		VERBOSE("'%s' is %s; not pre-scanned", path,
		        S_ISREG(sb.st_mode) ? "empty or unreadable" : "not a regular file");
		close(fd);
		return 0;
	}
	st->nfiles++;
	/* only objects are read whole; archives and shared objects are mapped */
	if (is_small_object(st->buf, n, sb.st_size)) {
		n = read_small_file(st, fd, (size_t)n, (size_t)sb.st_size);
		return process_small_object(st, path, fd, (size_t)n);
	}
	if (n >= 8 && memcmp(st->buf, "!<arch>\n", 8) == 0)
		return process_archive(st, path, fd, is);
	if (n >= SELFMAG && memcmp(st->buf, ELFMAG, SELFMAG) == 0)
		return process_elf(st, path, fd);
	close(fd);
	if (n >= 8 && memcmp(st->buf, "!<thin>\n", 8) == 0) {
		VERBOSE("thin archive '%s' is not pre-scanned; verify covers it", path);
		return 0;
	}
	if (++st->depth > 16) {
		st->depth--;
		return error("linker scripts nest too deeply at '%s'", path);
	}
	/* a copy: scripts name other inputs, which reuse st->buf */
	size_t len = (size_t)n;
	char *text = n < FIRST_READ ? xstrndup(st->buf, len) : read_file(path, &len);
	int r = 0;
	if (text && strlen(text) == len)   /* text, not a binary of another kind */
		r = process_script(st, path, text, is);
	free(text);
	st->depth--;
	return r;
}

static int
import_cmp(const void *a, const void *b)
{
	return strcmp(((const struct import *)a)->name, ((const struct import *)b)->name);
}

int
scan_link(const struct linkline *ll, struct scan_result *out)
{
	return scan_link_to(ll, NULL, out);
}

int
scan_link_to(const struct linkline *ll, struct output *output, struct scan_result *out)
{
	struct scan_state *st = xcalloc(1, sizeof(*st));
	struct input_state is = {false, false};
	struct input_state stack[32];
	size_t sp = 0, group_first = 0;
	int r = 0;

	memset(out, 0, sizeof(*out));
	out->state = st;
	st->ll = ll;
	st->output = output;
	elf_version(EV_CURRENT);
	for (size_t i = 0; i < ll->nitems && r >= 0; i++) {
		const struct ld_item *it = &ll->items[i];
		char *path;

		switch (it->kind) {
		case LDI_FILE:
			r = process_file(st, it->arg, &is);
			break;
		case LDI_LIB:
			path = linkline_find_lib(ll, it->arg, is.bstatic);
			if (path)
				r = process_file(st, path, &is);
			else
				VERBOSE("cannot find -l%s; the link will tell", it->arg);
			free(path);
			break;
		case LDI_GROUP_START:
			group_first = st->narchives;
			break;
		case LDI_GROUP_END: {
			int pulled;
			do {
				pulled = 0;
				for (size_t a = group_first; a < st->narchives && r >= 0; a++) {
					int p = pull_archive(st, st->archives[a]);
					if (p < 0)
						r = -1;
					else
						pulled += p;
				}
			} while (pulled > 0 && r >= 0);
			break;
		}
		case LDI_BSTATIC: is.bstatic = true; break;
		case LDI_BDYNAMIC: is.bstatic = false; break;
		case LDI_WHOLE_ON: is.whole = true; break;
		case LDI_WHOLE_OFF: is.whole = false; break;
		case LDI_PUSH:
			if (sp < 32)
				stack[sp++] = is;
			break;
		case LDI_POP:
			if (sp > 0)
				is = stack[--sp];
			break;
		}
	}
	if (r < 0)
		return -1;
	for (size_t i = 0; i < st->cap; i++) {
		struct sym *s = &st->syms[i];
		struct import *im;

		if (s->name && (s->flags & (S_UNDEF_STRONG | S_UNDEF_WEAK)) &&
		    !(s->flags & S_DEF_REGULAR))
			resolve_in_dsos(st, s);
		if (!s->name || !(s->flags & (S_UNDEF_STRONG | S_UNDEF_WEAK)) ||
		    (s->flags & S_DEF_REGULAR) || !(s->flags & S_DEF_DSO) || !s->dso_glibc ||
		    !s->dso_version)
			continue;
		out->imports = xreallocarray(out->imports, out->nimports + 1, sizeof(*out->imports));
		im = &out->imports[out->nimports++];
		im->name = s->name;
		im->version = s->dso_version;
		im->dso = s->dso;
		im->ref = s->ref;
		im->weak = !(s->flags & S_UNDEF_STRONG);
		im->object = s->dso_object;
	}
	/* by name: the table's order changes with its key from run to run,
	 * and the output (the trampolines, the --wrap options) must not */
	if (out->nimports > 1)
		qsort(out->imports, out->nimports, sizeof(*out->imports), import_cmp);
	out->nfiles = st->nfiles;
	out->nmembers = st->nmembers;
	return 0;
}

const char *
scan_referrer(const struct scan_result *r, const char *name)
{
	struct sym *s = r->state ? lookup(r->state, name) : NULL;

	return s ? s->ref : NULL;
}

void
scan_free(struct scan_result *r)
{
	struct scan_state *st = r->state;

	if (st) {
		for (size_t i = 0; i < st->narchives; i++) {
			if (--st->archives[i]->refs > 0)
				continue;
			elf_end(st->archives[i]->elf);
			free(st->archives[i]->path);
			free(st->archives[i]->pulled);
			free(st->archives[i]->index);
			free(st->archives[i]);
		}
		free(st->archives);
		for (size_t i = 0; i < st->ndsos; i++)
			dso_free(st->dsos[i]);
		free(st->dsos);
		while (st->chunks) {
			struct chunk *c = st->chunks;
			st->chunks = c->next;
			free(c);
		}
		free(st->syms);
		free(st->undefs);
		free(st->buf);
		free(st);
	}
	free(r->imports);
	memset(r, 0, sizeof(*r));
}
