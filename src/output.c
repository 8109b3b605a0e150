/*
 * output.c: the link's output file, put in place only after verify passes.
 * SPDX-License-Identifier: MIT-0
 *
 * The linker writes beside the final name; verify reads that file; only a
 * file that passed is renamed into place.  A kill at any moment leaves the
 * user's old output or the new one, never a half-checked file under the
 * final name.
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

int
output_begin(struct output *o, const char *final)
{
	struct stat st;
	int fd;

	o->final = final;
	o->copy_back = stat(final, &st) == 0 && !S_ISREG(st.st_mode);
	if (o->copy_back) {
		const char *dir = tmp_dir();
		if (!dir)
			return -1;
		o->path = xasprintf("%s/output", dir);
		tmp_register(o->path);
		return 0;
	}
	o->path = xasprintf("%s.symcc-XXXXXX", final);
	fd = tmp_mkstemp(o->path);
	if (fd < 0) {
		error("cannot create a temporary output beside '%s': %s", final, strerror(errno));
		free(o->path);
		o->path = NULL;
		return -1;
	}
	close(fd);
	return 0;
}

static int
copy_file(const char *from, const char *to)
{
	size_t len;
	char *data = read_file(from, &len);
	int fd, r = 0;

	if (!data)
		return error("cannot read '%s': %s", from, strerror(errno));
	fd = open(to, O_WRONLY | O_CLOEXEC);
	if (fd < 0 || write(fd, data, len) != (ssize_t)len)
		r = error("cannot write '%s': %s", to, strerror(errno));
	if (fd >= 0)
		close(fd);
	free(data);
	return r;
}

int
output_commit(struct output *o)
{
	if (o->copy_back) {
		if (copy_file(o->path, o->final) < 0)
			return -1;
	} else if (rename(o->path, o->final) != 0) {
		return error("cannot rename '%s' to '%s': %s", o->path, o->final, strerror(errno));
	}
	tmp_unregister(o->path);
	return 0;
}

void
output_abort(struct output *o)
{
	struct stat st;

	if (o->path)
		unlink(o->path);
	if (o->final && lstat(o->final, &st) == 0 && S_ISREG(st.st_mode))
		unlink(o->final);
}

void
output_free(struct output *o)
{
	free(o->path);
	o->path = NULL;
}
