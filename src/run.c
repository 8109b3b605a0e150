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

/* The running child, for signal forwarding; 0 when none.  It leads its own
 * process group (unless symcc runs on a terminal), so that a signal reaches
 * what it runs too (cc1, as, collect2, ld), which would otherwise go on
 * writing symcc's temp files. */
static volatile pid_t running_child;

/* The signals after which symcc cleans up and dies, once its handlers,
 * which forward them to the child's group, are installed. */
static const int fatal_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE};
static bool handlers_installed;

/* Paths to remove.  The array only grows (one compile-and-link registers
 * an object per source, as many as the command line holds); it is
 * replaced and counted with the fatal signals blocked, so the handler,
 * which reads it without locks, sees a whole array. */
static char **volatile tmp_paths;
static volatile size_t ntmp;
static size_t tmp_cap;
static char *tmpdir_path;

/* Hold the fatal signals off (while a child or a temp file is made and
 * recorded); *old gets the mask to restore. */
static void
block_fatal(sigset_t *old)
{
	sigset_t fatal;

	sigemptyset(&fatal);
	for (size_t i = 0; i < sizeof(fatal_signals) / sizeof(fatal_signals[0]); i++)
		sigaddset(&fatal, fatal_signals[i]);
	sigprocmask(SIG_BLOCK, &fatal, old);
}

/* The signal that killed the last child, or 0. */
static int child_died_of;

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
	if (WIFSIGNALED(st)) {
		child_died_of = WTERMSIG(st);
		return 128 + WTERMSIG(st);
	}
	return 1;   /* cannot happen according to POSIX */
}

void
run_exit(int status)
{
	if (child_died_of && status == 128 + child_died_of) {
		/* die of the same signal, so our parent sees what it would have
		 * seen without symcc (make prints "Killed", not "Error 137") */
		signal(child_died_of, SIG_DFL);
		raise(child_died_of);
	}
	exit(status);
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

/* environ with vars (NAME=VALUE each) set over it; the array is malloc'd,
 * the strings are borrowed. */
static char **
environ_with(char *const *vars, size_t nvars)
{
	size_t n = 0, k;
	char **env;

	while (environ[n])
		n++;
	env = xcalloc(n + nvars + 1, sizeof(*env));
	memcpy(env, environ, n * sizeof(*env));
	for (size_t i = 0; i < nvars; i++) {
		size_t name = strcspn(vars[i], "=") + 1;
		for (k = 0; k < n && strncmp(env[k], vars[i], name) != 0; k++)
			;
		env[k] = vars[i];
		n += k == n;
	}
	return env;
}

int
run_command(char *const *argv, enum capture cap, char **out)
{
	return run_command_env(argv, NULL, 0, cap, out);
}

int
run_command_env(char *const *argv, char *const *vars, size_t nvars, enum capture cap, char **out)
{
	char **env;
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	sigset_t old;
	int pipefd[2] = {-1, -1};
	pid_t pid;
	int err;

	if (cap != CAPTURE_NONE && pipe2(pipefd, O_CLOEXEC) < 0)
		return error("cannot create a pipe: %s", strerror(errno));
	posix_spawn_file_actions_init(&fa);
	if (cap != CAPTURE_NONE)
		posix_spawn_file_actions_adddup2(&fa, pipefd[1],
		                                 cap == CAPTURE_STDOUT ? 1 : 2);
	/* no fatal signal between the spawn and running_child = pid (the
	 * child would be left running); the child gets symcc's usual mask */
	block_fatal(&old);
	posix_spawnattr_init(&attr);
	posix_spawnattr_setsigmask(&attr, &old);
	posix_spawnattr_setpgroup(&attr, 0);
	/* not from a terminal: it signals the whole job itself, and a child
	 * outside the foreground group could not read it (cc -x c -) */
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK |
	                                (handlers_installed && !isatty(STDIN_FILENO)
	                                 ? POSIX_SPAWN_SETPGROUP : 0));
	env = nvars ? environ_with(vars, nvars) : environ;
	err = posix_spawnp(&pid, argv[0], &fa, &attr, argv, env);
	if (env != environ)
		free(env);
	posix_spawnattr_destroy(&attr);
	posix_spawn_file_actions_destroy(&fa);
	if (!err)
		running_child = pid;
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (cap != CAPTURE_NONE)
		close(pipefd[1]);
	if (err) {
		if (cap != CAPTURE_NONE)
			close(pipefd[0]);
		return error("cannot run '%s': %s", argv[0], strerror(err));
	}
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
	sigset_t old;
	char *path;

	if (tmpdir_path)
		return tmpdir_path;
	if (!base || !*base)
		base = "/tmp";
	path = xasprintf("%s/symcc-XXXXXX", base);
	block_fatal(&old);   /* made and recorded at once, or not at all */
	if (mkdtemp(path))
		tmpdir_path = path;
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (!tmpdir_path) {
		error("cannot create a temporary directory in '%s': %s", base, strerror(errno));
		free(path);
		return NULL;
	}
	return path;
}

void
tmp_register(const char *path)
{
	char *copy = xstrdup(path);
	sigset_t old;

	block_fatal(&old);
	if (ntmp == tmp_cap) {
		size_t cap = tmp_cap ? 2 * tmp_cap : 64;
		char **paths = xcalloc(cap, sizeof(*paths));
		char **was = tmp_paths;

		if (ntmp)
			memcpy(paths, was, ntmp * sizeof(*paths));
		tmp_paths = paths;
		tmp_cap = cap;
		free(was);
	}
	tmp_paths[ntmp] = copy;
	ntmp = ntmp + 1;
	sigprocmask(SIG_SETMASK, &old, NULL);
}

int
tmp_mkstemp(char *path)
{
	sigset_t old;
	int fd;

	block_fatal(&old);   /* made and registered at once, or not at all */
	fd = mkstemp(path);
	if (fd >= 0)
		tmp_register(path);
	sigprocmask(SIG_SETMASK, &old, NULL);
	return fd;
}

void
tmp_unregister(const char *path)
{
	for (size_t i = 0; i < ntmp; i++)
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
	char **paths = tmp_paths;

	for (size_t i = 0; i < ntmp; i++)
		if (paths[i])
			unlink(paths[i]);
	if (tmpdir_path)
		rmdir(tmpdir_path);
}

void
tmp_cleanup(void)
{
	sigset_t old;
	char **paths;
	size_t n;

	remove_tmp();
	block_fatal(&old);
	paths = tmp_paths;
	n = ntmp;
	tmp_paths = NULL;
	ntmp = 0;
	tmp_cap = 0;
	sigprocmask(SIG_SETMASK, &old, NULL);
	for (size_t i = 0; i < n; i++)
		free(paths[i]);
	free(paths);
	free(tmpdir_path);
	tmpdir_path = NULL;
}

static void
on_signal(int sig)
{
	pid_t child = running_child;

	if (child > 0) {
		/* let the child and its own children die first, so that they stop
		 * writing our temp files */
		kill(-child, sig);
		waitpid(child, NULL, 0);
	}
	remove_tmp();
	signal(sig, SIG_DFL);
	raise(sig);
}

void
tmp_install_signal_handlers(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(fatal_signals) / sizeof(fatal_signals[0]); i++)
		sigaction(fatal_signals[i], &sa, NULL);
	handlers_installed = true;
}
