/*
 * gold.h: links that ask for gold run with ld.bfd instead.
 * SPDX-License-Identifier: MIT-0
 */
#ifndef SYMCC_GOLD_H
#define SYMCC_GOLD_H

struct invocation;

/* gold applies --wrap=F to versioned references too, so a trampoline's
 * jump to F@GLIBC_V would land on itself (an endless loop at run time).
 * Make a link that asks for gold (-fuse-ld=gold, symcc ld.gold) use
 * ld.bfd, with a warning.  -1 (reported) when that cannot be done. */
int avoid_gold(struct invocation *inv);

#endif
