/*
 * run.c: run the real compiler or linker; temp files that never outlive symcc.
 * SPDX-License-Identifier: MIT-0
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "run.h"
#include "util.h"

extern char **environ;

/* The running child, for signal forwarding; 0 when none. */
static volatile pid_t running_child;

/* Paths to remove.  The array only grows and is written before a signal can
 * need it, so the handler reads it without locks. */
#define MAX_TMP 64
static char *tmp_paths[MAX_TMP];
static volatile int ntmp;
static char *tmpdir_path;

static int
wait_child(pid_t pid)
{
	int st;

	while (waitpid(pid, &st, 0) < 0) {
		if (errno != EINTR) {
			running_child = 0;
			return error("cannot wait for child %d: %s", (int)pid, strerror(errno));
		}
	}
	running_child = 0;
	if (WIFEXITED(st))
		return WEXITSTATUS(st);
	if (WIFSIGNALED(st))
		return 128 + WTERMSIG(st);
	return 1;   /* cannot happen according to POSIX */
}

static char *
drain(int fd)
{
	size_t n = 0, cap = 4096;
	char *buf = xmalloc(cap);

	for (;;) {
		ssize_t r = read(fd, buf + n, cap - n - 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		n += (size_t)r;
		if (cap - n < 2048) {
			cap *= 2;
			buf = xreallocarray(buf, cap, 1);
		}
	}
	buf[n] = '\0';
	return buf;
}

int
run_command(char *const *argv, enum capture cap, char **out)
{
	posix_spawn_file_actions_t fa;
	int pipefd[2] = {-1, -1};
	pid_t pid;
	int err;

	if (cap != CAPTURE_NONE && pipe2(pipefd, O_CLOEXEC) < 0)
		return error("cannot create a pipe: %s", strerror(errno));
	posix_spawn_file_actions_init(&fa);
	if (cap != CAPTURE_NONE)
		posix_spawn_file_actions_adddup2(&fa, pipefd[1],
		                                 cap == CAPTURE_STDOUT ? 1 : 2);
	err = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (cap != CAPTURE_NONE)
		close(pipefd[1]);
	if (err) {
		if (cap != CAPTURE_NONE)
			close(pipefd[0]);
		return error("cannot run '%s': %s", argv[0], strerror(err));
	}
	running_child = pid;
	if (cap != CAPTURE_NONE) {
		*out = drain(pipefd[0]);
		close(pipefd[0]);
	}
	return wait_child(pid);
}

int
run_exec(char *const *argv)
{
	execvp(argv[0], argv);
	return error("cannot run '%s': %s", argv[0], strerror(errno));
}

const char *
tmp_dir(void)
{
	const char *base = getenv("TMPDIR");
	char *path;

	if (tmpdir_path)
		return tmpdir_path;
	if (!base || !*base)
		base = "/tmp";
	path = xasprintf("%s/symcc-XXXXXX", base);
	if (!mkdtemp(path)) {
		error("cannot create a temporary directory in '%s': %s", base, strerror(errno));
		free(path);
		return NULL;
	}
	tmpdir_path = path;
	return path;
}

void
tmp_register(const char *path)
{
	if (ntmp >= MAX_TMP)
		fatal("too many temporary files");
	tmp_paths[ntmp] = xstrdup(path);
	ntmp = ntmp + 1;
}

void
tmp_unregister(const char *path)
{
	for (int i = 0; i < ntmp; i++)
		if (tmp_paths[i] && strcmp(tmp_paths[i], path) == 0) {
			char *p = tmp_paths[i];
			tmp_paths[i] = NULL;
			free(p);
		}
}

/* async-signal-safe: unlink and rmdir only */
static void
remove_tmp(void)
{
	for (int i = 0; i < ntmp; i++)
		if (tmp_paths[i])
			unlink(tmp_paths[i]);
	if (tmpdir_path)
		rmdir(tmpdir_path);
}

void
tmp_cleanup(void)
{
	remove_tmp();
	for (int i = 0; i < ntmp; i++) {
		free(tmp_paths[i]);
		tmp_paths[i] = NULL;
	}
	ntmp = 0;
	free(tmpdir_path);
	tmpdir_path = NULL;
}

static void
on_signal(int sig)
{
	pid_t child = running_child;

	if (child > 0) {
		/* let the child die first so it stops writing our temp files */
		kill(child, sig);
		waitpid(child, NULL, 0);
	}
	remove_tmp();
	signal(sig, SIG_DFL);
	raise(sig);
}

void
tmp_install_signal_handlers(void)
{
	static const int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE};
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaction(sigs[i], &sa, NULL);
}
