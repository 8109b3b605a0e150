/*
 * dumpglibc.c: standalone `symcc --dump-glibc` for scripts/gen-table.sh.
 * SPDX-License-Identifier: MIT-0
 */
#include "dump.h"

int
main(int argc, char **argv)
{
	return dump_glibc_main(argc, argv);
}
