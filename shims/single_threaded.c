/* single_threaded.c: __libc_single_threaded (glibc 2.32, a data symbol).
 * SPDX-License-Identifier: MIT-0
 *
 * libstdc++ headers read this char inline to skip atomic operations.  Old
 * glibc has no such variable, so the program gets its own copy, always 0:
 * "assume there may be threads", which is correct in every process.
 */
#include "symver.h"

/* never 1: a 1 here would make libstdc++ skip atomics in threaded programs */
SYMCC_SHIM char __wrap___libc_single_threaded = 0;
