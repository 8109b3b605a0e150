/*
 * run.h: run the real compiler or linker; temp files that never outlive symcc.
 * SPDX-License-Identifier: MIT-0
 */
#ifndef SYMCC_RUN_H
#define SYMCC_RUN_H
#include <stdbool.h>
#include <stddef.h>

/* Which of the child's streams run_command() collects. */
enum capture { CAPTURE_NONE, CAPTURE_STDOUT, CAPTURE_STDERR };

/* Run argv (searched on PATH) and wait for it.  With a capture, that stream
 * is collected into *out (NUL-terminated, caller frees).  Returns the
 * child's exit status, 128+N if it died of signal N, or -1 if it could not
 * be started (reported).  SIGINT/SIGTERM/SIGHUP reaching symcc meanwhile are
 * forwarded to the child. */
int run_command(char *const *argv, enum capture cap, char **out);
/* The same with vars (NAME=VALUE each) set in the child's environment. */
int run_command_env(char *const *argv, char *const *vars, size_t nvars, enum capture cap,
                    char **out);

/* Exit with status; when that is 128+N because the last child died of
 * signal N, die of signal N instead, as the child did. */
_Noreturn void run_exit(int status);

/* Replace symcc by argv (pass-through).  Returns only on failure, reported. */
int run_exec(char *const *argv);

/* Create symcc's private temp directory under $TMPDIR (once); NULL on error. */
const char *tmp_dir(void);
/* Remember a path to delete at exit or on a fatal signal (copied). */
void tmp_register(const char *path);
/* mkstemp(path) and tmp_register(path) with no signal in between: the
 * file never outlives symcc.  The fd, or -1 with errno set. */
int tmp_mkstemp(char *path);
/* Forget a registered path (it became the user's output). */
void tmp_unregister(const char *path);
/* Delete everything registered and the temp directory. */
void tmp_cleanup(void);
/* Install the signal handlers that clean up and re-raise; call once. */
void tmp_install_signal_handlers(void);

#endif
