/*
 * cache.c: symcc's cache directory, trusted only as ssh and ccache trust theirs.
 * SPDX-License-Identifier: MIT-0
 *
 * The cache holds commands symcc runs (the driver's linker command) and
 * archives it links into every output (the shims), so nobody but the user
 * may have written it.  The directory, each directory above it and each
 * entry are checked before use: owner and mode, and no symlink (entries
 * are opened with openat() on the verified directory and O_NOFOLLOW).
 * When a check fails, symcc says so once and links without the cache;
 * when the cache cannot be written (a full disk), too.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cache.h"
#include "run.h"
#include "util.h"

static struct {
	bool tried, off, warned;
	struct cachedir dir;
	char *subname;           /* the subdirectory opened, if any */
	struct cachedir sub;
} cache = {.dir = {-1, NULL}, .sub = {-1, NULL}};

static void
dir_close(struct cachedir *d)
{
	if (d->fd >= 0)
		close(d->fd);
	free(d->path);
	d->fd = -1;
	d->path = NULL;
}

void
cache_reset(void)
{
	dir_close(&cache.dir);
	dir_close(&cache.sub);
	free(cache.subname);
	cache.subname = NULL;
	cache.tried = cache.off = cache.warned = false;
}

static void
vcache_warn(const char *fmt, va_list ap, const char *then)
{
	char msg[1024];

	if (cache.warned)
		return;
	vsnprintf(msg, sizeof(msg), fmt, ap);
	warn("%s%s", msg, then);
	cache.warned = true;
}

void
cache_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vcache_warn(fmt, ap, "");
	va_end(ap);
}

void
cache_off(const char *fmt, ...)
{
	va_list ap;

	if (cache.off)
		return;
	va_start(ap, fmt);
	vcache_warn(fmt, ap, "; linking without the cache");
	va_end(ap);
	cache.off = true;
	dir_close(&cache.dir);
	dir_close(&cache.sub);
}

/* Where the cache is, and how many of its last components symcc may make. */
static char *
cache_location(int *nmake)
{
	const char *d = getenv("SYMCC_CACHE_DIR");
	static bool warned;

	*nmake = 1;
	/* only absolute paths (as XDG asks): a relative one would put a cache
	 * in every directory a build runs the compiler in */
	if (d && *d && d[0] == '/')
		return xstrdup(d);
	if (d && *d && !warned) {
		warn("SYMCC_CACHE_DIR '%s' is not an absolute path: ignored", d);
		warned = true;
	}
	*nmake = 2;
	if ((d = getenv("XDG_CACHE_HOME")) && d[0] == '/')
		return xasprintf("%s/symcc", d);
	if ((d = getenv("HOME")) && d[0] == '/')
		return xasprintf("%s/.cache/symcc", d);
	return NULL;
}

/* mkdir the last n components of path (0700); what is above must exist. */
static void
make_last(const char *path, int n)
{
	char *p = xstrdup(path);
	size_t len = strlen(p);
	char *cut[2] = {NULL, NULL};

	while (len > 1 && p[len - 1] == '/')
		p[--len] = '\0';
	for (int i = 1; i < n; i++) {
		char *s = strrchr(p, '/');
		if (!s || s == p)
			break;
		*s = '\0';
		cut[i - 1] = s;
	}
	for (int i = n - 2; i >= 0; i--) {
		if (cut[i]) {
			mkdir(p, 0700);
			*cut[i] = '/';
		}
	}
	mkdir(p, 0700);
	free(p);
}

/* Why st (of path) is not a directory only this user can change, or NULL.
 * owner_only: it must be the user's own; else root's will do, and a
 * directory others may write is fine with the sticky bit (/tmp). */
static char *
untrusted_dir(const char *path, const struct stat *st, bool owner_only)
{
	uid_t me = geteuid();

	if (!S_ISDIR(st->st_mode))
		return xasprintf("'%s' is not a directory", path);
	if (st->st_uid != me && (owner_only || st->st_uid != 0))
		return xasprintf("'%s' is owned by uid %u, not by uid %u", path,
		                 (unsigned)st->st_uid, (unsigned)me);
	if ((st->st_mode & 022) && (owner_only || !(st->st_mode & S_ISVTX)))
		return xasprintf("'%s' is writable by %s", path,
		                 st->st_mode & 002 ? "others" : "its group");
	return NULL;
}

/* Every directory above canonical path canon (a path without symlinks). */
static char *
untrusted_parents(const char *canon)
{
	char *p = xstrdup(canon), *why = NULL;

	for (char *s = strrchr(p, '/'); s && !why; s = strrchr(p, '/')) {
		struct stat st;

		*s = '\0';
		if (lstat(*p ? p : "/", &st) != 0)
			why = xasprintf("cannot read '%s': %s", *p ? p : "/", strerror(errno));
		else
			why = untrusted_dir(*p ? p : "/", &st, false);
		if (s == p)
			break;
	}
	free(p);
	return why;
}

/* Why the directory the last n components of path would be made in (when
 * it exists) is not to be trusted, or NULL. */
static char *
untrusted_base(const char *path, int n)
{
	char *base = xstrdup(path), *canon, *why = NULL;
	struct stat st;

	for (int i = 0; i < n; i++) {
		char *s = strrchr(base, '/');
		if (!s)
			break;
		*s = '\0';
		/* the first that exists: what mkdir would make things in */
		if ((canon = realpath(*base ? base : "/", NULL)) != NULL) {
			if (lstat(canon, &st) != 0)
				why = xasprintf("cannot read '%s': %s", canon, strerror(errno));
			else if (!(why = untrusted_dir(canon, &st, false)) && strcmp(canon, "/") != 0)
				why = untrusted_parents(canon);
			free(canon);
			break;
		}
	}
	free(base);
	return why;
}

const struct cachedir *
cache_dir(void)
{
	char *where, *canon, *why = NULL;
	struct stat st;
	int nmake, fd;

	if (cache.tried)
		return cache.dir.fd >= 0 ? &cache.dir : NULL;
	cache.tried = true;
	if (cache.off || !(where = cache_location(&nmake)))
		return NULL;
	if (!(canon = realpath(where, NULL)) && errno == ENOENT) {
		/* made only in a directory no one else could swap */
		if ((why = untrusted_base(where, nmake)) != NULL) {
			cache_off("%s", why);
			free(why);
			free(where);
			return NULL;
		}
		make_last(where, nmake);
		canon = realpath(where, NULL);
	}
	if (!canon) {
		/* no cache and none can be made (HOME=/nonexistent, read-only) */
		VERBOSE("no cache directory '%s': %s", where, strerror(errno));
		free(where);
		return NULL;
	}
	free(where);
	fd = open(canon, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		why = xasprintf("cannot open '%s': %s", canon, strerror(errno));
	else if (fstat(fd, &st) != 0)
		why = xasprintf("cannot read '%s': %s", canon, strerror(errno));
	else if (!(why = untrusted_dir(canon, &st, true)))
		why = untrusted_parents(canon);
	if (why) {
		cache_off("%s", why);
		free(why);
		if (fd >= 0)
			close(fd);
		free(canon);
		return NULL;
	}
	cache.dir.fd = fd;
	cache.dir.path = canon;
	return &cache.dir;
}

const struct cachedir *
cache_subdir(const char *name)
{
	const struct cachedir *top = cache_dir();
	struct stat st;
	char *path, *why = NULL;
	int fd;

	if (!top)
		return NULL;
	if (cache.subname && strcmp(cache.subname, name) == 0)
		return cache.sub.fd >= 0 ? &cache.sub : NULL;
	dir_close(&cache.sub);
	free(cache.subname);
	cache.subname = xstrdup(name);
	path = cache_path(top, name);
	fd = openat(top->fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT && mkdirat(top->fd, name, 0700) == 0)
		fd = openat(top->fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		why = xasprintf("cannot open '%s': %s", path,
		                errno == ELOOP || errno == ENOTDIR ? "not a directory" : strerror(errno));
	else if (fstat(fd, &st) != 0)
		why = xasprintf("cannot read '%s': %s", path, strerror(errno));
	else
		why = untrusted_dir(path, &st, true);
	if (why) {
		cache_off("%s", why);
		free(why);
		free(path);
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	cache.sub.fd = fd;
	cache.sub.path = path;
	return &cache.sub;
}

char *
cache_path(const struct cachedir *d, const char *name)
{
	return xasprintf("%s/%s", d->path, name);
}

/* Is d still in use (cache_off closes it)? */
static bool
usable(const struct cachedir *d)
{
	if (cache.off || d->fd < 0) {
		errno = EPERM;
		return false;
	}
	return true;
}

int
cache_open(const struct cachedir *d, const char *name, struct stat *st)
{
	int fd;
	uid_t me = geteuid();
	char *path;

	if (!usable(d))
		return -1;
	fd = openat(d->fd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT)
		return -1;
	path = cache_path(d, name);
	if (fd < 0)
		cache_off("cannot open '%s': %s", path,
		          errno == ELOOP ? "it is a symbolic link" : strerror(errno));
	else if (fstat(fd, st) != 0)
		cache_off("cannot read '%s': %s", path, strerror(errno));
	else if (!S_ISREG(st->st_mode))
		cache_off("'%s' is not a regular file", path);
	else if (st->st_uid != me)
		cache_off("'%s' is owned by uid %u, not by uid %u", path, (unsigned)st->st_uid,
		          (unsigned)me);
	else if (st->st_mode & 022)
		cache_off("'%s' is writable by %s", path, st->st_mode & 002 ? "others" : "its group");
	else {
		free(path);
		return fd;
	}
	free(path);
	if (fd >= 0)
		close(fd);
	errno = EPERM;
	return -1;
}

char *
cache_read(const struct cachedir *d, const char *name, size_t *len)
{
	struct stat st;
	int fd = cache_open(d, name, &st);
	char *text;

	if (fd < 0)
		return NULL;
	if (!(text = read_fd(fd, len))) {
		char *path = cache_path(d, name);
		cache_off("cannot read '%s': %s", path, strerror(errno));
		free(path);
	}
	close(fd);
	return text;
}

static int
write_all(int fd, const char *p, size_t len)
{
	while (len > 0) {
		ssize_t w = write(fd, p, len);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			if (w == 0)
				errno = ENOSPC;
			return -1;
		}
		p += w;
		len -= (size_t)w;
	}
	return 0;
}

int
cache_write(const struct cachedir *d, const char *name, const void *data, size_t len)
{
	char *tmp, *path;
	int fd, r = -1;

	if (!usable(d))
		return -1;
	tmp = xasprintf("%s.%d", name, (int)getpid());
	path = cache_path(d, tmp);

	/* O_EXCL and O_NOFOLLOW: never through a symlink nor over another
	 * run's file; a name left by a killed run of the same pid goes */
	fd = openat(d->fd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd < 0 && errno == EEXIST && unlinkat(d->fd, tmp, 0) == 0)
		fd = openat(d->fd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd < 0) {
		cache_off("cannot create '%s': %s", path, strerror(errno));
		goto out;
	}
	tmp_register(path);   /* a signal now must not leave it in the cache */
	if (write_all(fd, data, len) < 0 || close(fd) != 0) {
		cache_off("cannot write '%s': %s", path, strerror(errno));
	} else if (renameat(d->fd, tmp, d->fd, name) != 0) {
		cache_off("cannot rename '%s': %s", path, strerror(errno));
	} else {
		r = 0;
	}
	if (r < 0)
		unlinkat(d->fd, tmp, 0);
	tmp_unregister(path);
out:
	free(path);
	free(tmp);
	return r;
}

void
cache_used(int fd, const struct stat *st)
{
	/* once a day: a link writes no inode for its cache hits */
	if (time(NULL) - st->st_mtime > 24 * 3600)
		futimens(fd, NULL);
}

struct cache_entry {
	char *name;
	time_t mtime;
};

static int
older_first(const void *a, const void *b)
{
	const struct cache_entry *x = a, *y = b;

	return (x->mtime > y->mtime) - (x->mtime < y->mtime);
}

void
cache_trim(const struct cachedir *d, const char *prefix, size_t max)
{
	int fd = usable(d) ? dup(d->fd) : -1;
	DIR *dir = fd >= 0 ? fdopendir(fd) : NULL;
	struct cache_entry *files = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;

	if (!dir) {
		if (fd >= 0)
			close(fd);
		return;
	}
	while ((e = readdir(dir)) != NULL) {
		struct stat st;

		if (!startswith(e->d_name, prefix) ||
		    fstatat(d->fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode))
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 256;
			files = xreallocarray(files, cap, sizeof(*files));
		}
		files[n].name = xstrdup(e->d_name);
		files[n].mtime = st.st_mtime;
		n++;
	}
	closedir(dir);
	if (n > max) {
		qsort(files, n, sizeof(*files), older_first);
		for (size_t i = 0; i < n - max; i++)
			unlinkat(d->fd, files[i].name, 0);   /* a racing run may have removed it: fine */
	}
	for (size_t i = 0; i < n; i++)
		free(files[i].name);
	free(files);
}

uint64_t
cache_hash(uint64_t h, const void *data, size_t len)
{
	const unsigned char *p = data;

	for (size_t i = 0; i < len; i++)
		h = (h ^ p[i]) * 0x100000001b3ULL;
	return h;
}

uint64_t
cache_hash_str(uint64_t h, const char *s)
{
	return cache_hash(h, s, strlen(s) + 1);
}
