/*
 * replay.h: may symcc run a linker command it kept in its cache?
 * SPDX-License-Identifier: MIT-0
 */
#ifndef SYMCC_REPLAY_H
#define SYMCC_REPLAY_H
#include "util.h"

/* Where the driver's own programs may be. */
struct replay_dirs {
	struct strvec install;   /* the driver's installation ("/usr" for /usr/bin/gcc) */
	struct strvec bprefix;   /* -B values of the command line */
	struct strvec path;      /* PATH's directories: where clang finds ld */
};

/* The directories for the driver compiler (its path on PATH) run as argv
 * (NULL-terminated), with PATH path_env (may be NULL). */
void replay_dirs(const char *compiler, char *const *argv, const char *path_env,
                 struct replay_dirs *rd);
void replay_dirs_free(struct replay_dirs *rd);

/* NULL if cmd (argv[0] the program) and env (NAME=VALUE the driver sets)
 * run only the driver's own collect2 or linker, its own LTO plugin and
 * wrapper, with only the variables `gcc -###` prints (COLLECT_GCC the
 * driver as argv[0] names it, COMPILER_PATH in the installation, no option
 * that runs a program unless the user gave it).  Else the first word or
 * variable that does not. */
const char *replay_check(const struct strvec *cmd, const struct strvec *env, char *const *argv,
                         const struct replay_dirs *rd);

#endif
