/*
 * dump.h: symcc --dump-glibc, the lister behind scripts/gen-table.sh.
 * SPDX-License-Identifier: MIT-0
 */
#ifndef SYMCC_DUMP_H
#define SYMCC_DUMP_H

/* For each shared object argv[1..argc-1], print to stdout one line per
 * defined dynamic symbol at a GLIBC_* version (GLIBC_PRIVATE excluded):
 *     soname symbol GLIBC_x.y[.z] F|O|T|N size d|c
 * size is st_size for objects and TLS, else 0; d marks the default version.
 * argv[0] is ignored. Returns 0, or 1 after an error on stderr (the other
 * files are still listed). */
int dump_glibc_main(int argc, char **argv);

#endif
