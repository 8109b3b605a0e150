/*
 * output.c: the link's output file, put in place only after verify passes.
 * SPDX-License-Identifier: MIT-0
 *
 * The linker writes beside the final name; verify reads that file; only a
 * file that passed is renamed into place.  A kill at any moment leaves the
 * user's old output or the new one, never a half-checked file under the
 * final name.
 *
 * The result is what ld would leave.  ld (bfd) unlinks a non-empty output
 * and makes a new file (0666 & ~umask), or writes into the old one when it
 * is empty or cannot be unlinked; it then adds the execute bits the umask
 * allows to an executable or shared library.  The temp file starts with
 * the mode a new file gets, so the linker's own chmod decides the rest.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "output.h"
#include "run.h"
#include "util.h"

static mode_t
current_umask(void)
{
	mode_t mask = umask(0);

	umask(mask);
	return mask;
}

void
output_init(struct output *o, const char *final)
{
	memset(o, 0, sizeof(*o));
	o->final = final;
	o->fd = -1;
	o->existed = lstat(final, &o->lst) == 0;
	if (o->existed && stat(final, &o->st) != 0)
		o->st = o->lst;   /* a dangling symlink: ld replaces it */
}

bool
output_is_input(struct output *o, const struct stat *st, const char *input)
{
	if (!o->existed || st->st_dev != o->st.st_dev || st->st_ino != o->st.st_ino)
		return false;
	if (!o->is_input)
		error("input file '%s' is the same as output file", input);
	o->is_input = true;
	return true;
}

/* final cannot be renamed over; the linker writes in symcc's temp dir and
 * the result is copied into fd (final, open for writing). */
static int
begin_copy_back(struct output *o, int fd)
{
	const char *dir = tmp_dir();

	if (!dir) {
		close(fd);
		return -1;
	}
	o->copy_back = true;
	o->fd = fd;
	o->path = xasprintf("%s/output", dir);
	tmp_register(o->path);
	return 0;
}

/* A temp file beside final: "FINAL.symcc-XXXXXX", or ".symccXXXXXX" in
 * final's directory when that name would be too long. */
static int
make_beside(struct output *o)
{
	const char *base = basename_of(o->final);
	int fd;

	o->path = xasprintf("%s.symcc-XXXXXX", o->final);
	fd = tmp_mkstemp(o->path);
	if (fd < 0 && errno == ENAMETOOLONG) {
		free(o->path);
		o->path = xasprintf("%.*s.symccXXXXXX", (int)(base - o->final), o->final);
		fd = tmp_mkstemp(o->path);
	}
	if (fd < 0) {
		int err = errno;

		free(o->path);
		o->path = NULL;
		errno = err;
	}
	return fd;
}

int
output_begin(struct output *o)
{
	int fd, err;

	if (o->existed && !S_ISREG(o->st.st_mode) && !S_ISLNK(o->st.st_mode)) {
		/* /dev/null: ld opens it read-write (no wait for a FIFO's reader)
		 * and seeks in it, which a FIFO or a terminal cannot do */
		fd = open(o->final, O_RDWR | O_NONBLOCK | O_CLOEXEC);
		if (fd < 0)
			return error("cannot open output file '%s': %s", o->final, strerror(errno));
		if (lseek(fd, 0, SEEK_SET) < 0) {
			err = errno;
			close(fd);
			return error("cannot write output file '%s': %s", o->final, strerror(err));
		}
		fcntl(fd, F_SETFL, 0);
		return begin_copy_back(o, fd);
	}
	fd = make_beside(o);
	if (fd >= 0) {
		/* a new file's mode, as ld's fopen makes it; the linker adds x bits */
		fchmod(fd, 0666 & ~current_umask());
		close(fd);
		return 0;
	}
	err = errno;
	if (o->existed && S_ISREG(o->st.st_mode)) {
		/* the directory is not writable, the file may be: ld writes into it */
		fd = open(o->final, O_WRONLY | O_NONBLOCK | O_CLOEXEC);
		if (fd >= 0)
			return begin_copy_back(o, fd);
	}
	return error("cannot create a temporary output beside '%s': %s", o->final, strerror(err));
}

/* The whole file at from, written over fd from its start. */
static int
copy_into(const char *from, int fd, const char *to, bool regular)
{
	size_t len, done = 0;
	char *data = read_file(from, &len);
	int r = 0;

	if (!data)
		return error("cannot read '%s': %s", from, strerror(errno));
	if ((regular && ftruncate(fd, 0) != 0) || lseek(fd, 0, SEEK_SET) < 0)
		r = error("cannot write '%s': %s", to, strerror(errno));
	while (r == 0 && done < len) {
		ssize_t n = write(fd, data + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			r = error("cannot write '%s': %s", to, n < 0 ? strerror(errno) : "short write");
		else
			done += (size_t)n;
	}
	free(data);
	return r;
}

/* ld's chmod at the end of a link: an executable or shared library (the
 * linker gave the temp file x bits) gets the old mode with them. */
static mode_t
mode_over(mode_t old, const char *written)
{
	struct stat st;

	if (stat(written, &st) != 0 || !(st.st_mode & 0111))
		return old & 07777;
	return 0777 & (old | (0111 & ~current_umask()));
}

int
output_commit(struct output *o)
{
	if (o->copy_back) {
		bool regular = S_ISREG(o->st.st_mode);

		if (copy_into(o->path, o->fd, o->final, regular) < 0)
			return -1;
		if (regular)
			fchmod(o->fd, mode_over(o->st.st_mode, o->path));   /* fails unless owned, as ld's */
		close(o->fd);
		o->fd = -1;
		return 0;
	}
	/* an empty older build: ld writes into it and keeps its mode */
	if (o->existed && S_ISREG(o->lst.st_mode) && o->lst.st_size == 0)
		chmod(o->path, mode_over(o->lst.st_mode, o->path));
	if (rename(o->path, o->final) != 0) {
		int err = errno, r;

		/* another user's file in a sticky directory (/tmp): ld cannot
		 * unlink it either, and writes into it when it may */
		if ((err != EPERM && err != EACCES) || !o->existed || !S_ISREG(o->st.st_mode) ||
		    (o->fd = open(o->final, O_WRONLY | O_NONBLOCK | O_CLOEXEC)) < 0)
			return error("cannot rename '%s' to '%s': %s", o->path, o->final, strerror(err));
		o->copy_back = true;
		r = output_commit(o);
		if (r == 0) {
			unlink(o->path);
			tmp_unregister(o->path);
		}
		return r;
	}
	tmp_unregister(o->path);
	return 0;
}

void
output_abort(struct output *o)
{
	struct stat now;

	if (o->path)
		unlink(o->path);
	/* only the older build output_init saw, still there, and no input */
	if (!o->existed || o->is_input || lstat(o->final, &now) != 0 ||
	    now.st_dev != o->lst.st_dev || now.st_ino != o->lst.st_ino ||
	    !(S_ISREG(now.st_mode) || S_ISLNK(now.st_mode)))
		return;
	if (unlink(o->final) != 0 && o->fd >= 0 && S_ISREG(o->st.st_mode))
		(void)!ftruncate(o->fd, 0);   /* ld had truncated it, and could not remove it */
}

void
output_free(struct output *o)
{
	if (o->fd >= 0)
		close(o->fd);
	o->fd = -1;
	free(o->path);
	o->path = NULL;
}
