/*
 * audit.h: symcc --check and symcc --explain.
 * SPDX-License-Identifier: MIT-0
 */
#ifndef SYMCC_AUDIT_H
#define SYMCC_AUDIT_H

/* symcc --check [--target=V] FILE...: exit 0 if every file meets the target
 * (or just report when none is given), 1 if one does not, 2 on errors. */
int check_main(int argc, char **argv);

/* symcc --explain SYMBOL [--target=V] [--arch=A] */
int explain_main(int argc, char **argv);

#endif
