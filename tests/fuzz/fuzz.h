/*
 * fuzz.h: what the libFuzzer harnesses of tests/fuzz/ share.
 * SPDX-License-Identifier: MIT-0
 *
 * Each fuzz-NAME.c defines LLVMFuzzerTestOneInput for one parser of outside
 * input.  Built with clang -fsanitize=fuzzer it is a libFuzzer binary
 * (tests/fuzz/run.sh); built with any compiler and replay.c it replays the
 * checked-in corpus and crashers (the meson test suite 'fuzz').
 */
#ifndef SYMCC_FUZZ_H
#define SYMCC_FUZZ_H
#include <dirent.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static char fuzz_dir_path[4096];

static inline void
fuzz_dir_remove(void)
{
	DIR *d = opendir(fuzz_dir_path);
	struct dirent *e;

	while (d && (e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			unlinkat(dirfd(d), e->d_name, 0);
	if (d)
		closedir(d);
	rmdir(fuzz_dir_path);
}

/* A private directory for the input files (under $TMPDIR), made once; the
 * harness chdirs there so that relative names in the input resolve inside
 * it.  Removed at exit.  Returns its absolute path. */
static inline const char *
fuzz_dir(void)
{
	char *dir = fuzz_dir_path;

	if (!dir[0]) {
		const char *base = getenv("TMPDIR");

		snprintf(dir, sizeof(fuzz_dir_path), "%s/symcc-fuzz-XXXXXX",
		         base && *base ? base : "/tmp");
		if (!mkdtemp(dir) || chdir(dir) != 0)
			abort();
		atexit(fuzz_dir_remove);
	}
	return dir;
}

/* Write data to NAME in the fuzz directory; returns its absolute path. */
static inline const char *
fuzz_write(const char *name, const uint8_t *data, size_t size)
{
	static char path[2][4352];
	static int k;
	char *p = path[k++ % 2];
	int fd;

	snprintf(p, sizeof(path[0]), "%s/%s", fuzz_dir(), name);
	fd = open(p, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		abort();
	while (size > 0) {
		ssize_t w = write(fd, data, size);
		if (w <= 0)
			abort();
		data += w;
		size -= (size_t)w;
	}
	close(fd);
	return p;
}

/* The input as a NUL-terminated string (caller frees). */
static inline char *
fuzz_string(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (!s)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* A private cache directory (fuzz directory/cache, 0700) as
 * SYMCC_CACHE_DIR, for the harnesses of cache entries. */
static inline void
fuzz_use_cache(void)
{
	static char cache[4352];

	snprintf(cache, sizeof(cache), "%s/cache", fuzz_dir());
	if (mkdir(cache, 0700) != 0 || setenv("SYMCC_CACHE_DIR", cache, 1) != 0)
		abort();
}

/* A cache entry from the input: head (the lines symcc checks first, which
 * the fuzzer could not guess) then the input, or, when the input starts
 * with a NUL byte, the rest of the input alone.  NUL-terminated, *len
 * bytes; caller frees. */
static inline char *
fuzz_entry(const char *head, const uint8_t *data, size_t size, size_t *len)
{
	size_t n = strlen(head);
	char *s;

	if (size > 0 && data[0] == '\0') {
		*len = size - 1;
		return fuzz_string(data + 1, size - 1);
	}
	*len = n + size;
	if (!(s = malloc(*len + 1)))
		abort();
	memcpy(s, head, n);
	memcpy(s + n, data, size);
	s[*len] = '\0';
	return s;
}

/* Send stdout to /dev/null: the reports of --check would flood the log. */
static inline void
fuzz_quiet_stdout(void)
{
	int fd = open("/dev/null", O_WRONLY | O_CLOEXEC);

	if (fd >= 0) {
		fflush(stdout);
		dup2(fd, 1);
		close(fd);
	}
}

/* The LLVMFuzzerInitialize of most harnesses: the private directory, and
 * with quiet, stdout to /dev/null. */
#define FUZZ_INITIALIZE(quiet)                                       \
	int LLVMFuzzerInitialize(int *argc, char ***argv)                \
	{                                                                \
		(void)argc;                                                  \
		(void)argv;                                                  \
		fuzz_dir();                                                  \
		if (quiet)                                                   \
			fuzz_quiet_stdout();                                     \
		return 0;                                                    \
	}

#endif
