/*
 * masquerade.h: find the real compiler on PATH, skipping symcc itself.
 * SPDX-License-Identifier: MIT-0
 */
#ifndef SYMCC_MASQUERADE_H
#define SYMCC_MASQUERADE_H
#include <stdbool.h>
#include <stddef.h>

/* The environment variable that counts nested symcc calls. */
#define SYMCC_RECURSION_ENV "SYMCC_RECURSION"
/* A symcc this deep below other symcc calls is a loop on PATH. */
#define SYMCC_RECURSION_MAX 8

/* true if argv0 names symcc itself ("symcc", "/usr/bin/symcc"), false if
 * it is a masquerade symlink (gcc, cc, x86_64-linux-gnu-gcc... -> symcc). */
bool invoked_as_symcc(const char *argv0);

/* How many symcc calls are above this one (SYMCC_RECURSION), and tell the
 * children there is one more; what is the compiler, for the message.  -1 (reported) when that is a loop. */
int masquerade_enter(const char *what);

/* true if prog is a compiler launcher that takes the compiler as its
 * first argument (ccache, sccache, distcc, icecc). */
bool is_launcher(const char *prog);

/* Resolve argv[0] (and, after a launcher, argv[1]) so that running it
 * never reaches symcc again: a name without a slash whose first match on
 * PATH is symcc becomes the absolute path of the next match further down
 * PATH.  Directories where that name is symcc are removed from the PATH
 * the children see (so a launcher finds the real compiler too).  With
 * masquerade set, argv[0] is the name symcc was called by, and it must
 * resolve to something else.  -1 (reported) if there is nothing else. */
int masquerade_resolve(char **argv, size_t argc, bool masquerade);

struct stat;
/* Fills *self with the identity (st_dev, st_ino) of symcc's own executable:
 * what PROC_EXE (/proc/self/exe) links to, or, when that is missing (no
 * /proc in a chroot or sandbox), the file EXECFN (getauxval(AT_EXECFN), the
 * path execve ran).  Either may be NULL.  false if neither can be read. */
bool self_identity(const char *proc_exe, const char *execfn, struct stat *self);

/* The real program NAME further down PATH than symcc (malloc'd), or NULL. */
char *path_find_real(const char *name);

#endif
