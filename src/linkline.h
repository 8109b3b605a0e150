/*
 * linkline.h: the linker's command line, as the driver will run it.
 * SPDX-License-Identifier: MIT-0
 */
#ifndef SYMCC_LINKLINE_H
#define SYMCC_LINKLINE_H
#include <stdbool.h>
#include "util.h"

enum ld_item_kind {
	LDI_FILE,           /* an input file (object, archive, DSO, script) */
	LDI_LIB,            /* -lNAME or -l:FILE; arg is NAME or :FILE */
	LDI_GROUP_START, LDI_GROUP_END,
	LDI_BSTATIC, LDI_BDYNAMIC,
	LDI_WHOLE_ON, LDI_WHOLE_OFF,
	LDI_PUSH, LDI_POP,
};

struct ld_item {
	enum ld_item_kind kind;
	char *arg;
};

/* What symcc needs to know of a linker command line. */
struct linkline {
	struct strvec argv;       /* the linker argv, argv[0] the linker (collect2 or ld) */
	struct ld_item *items;    /* inputs and input-state options, in order */
	size_t nitems;
	struct strvec libdirs;    /* -L directories, in order */
	char *sysroot;            /* --sysroot=, or NULL */
	char *emulation;          /* -m EMULATION, or NULL */
	char *output;             /* -o, or NULL (a.out) */
	bool shared, pie, nostdlib, has_plugin;
	/* The driver's command, to run the link without the driver (which
	 * costs a few ms per link): empty when only the driver can run it.
	 * Markers stand for the output and symcc's arguments; see linkline_direct. */
	struct strvec direct_argv;
	struct strvec direct_env;  /* NAME=VALUE the driver would set */
};

/* Ask the driver (argv + "-###") for its linker command line.  Returns 0,
 * -1 on error (reported), or 1 if the driver itself rejects the arguments
 * (the caller passes through so the compiler reports its own error). */
int linkline_from_driver(char *const *argv, struct linkline *ll);

/* The command the driver would run for this link (ll->direct_argv not
 * empty), with the output, symcc's own linker arguments (extra, in the
 * linker's spelling, where the driver would put them after the user's
 * inputs) and the LTO resolution file filled in; env gets the variables
 * the driver would set. */
void linkline_direct(const struct linkline *ll, const char *output, const char *resfile,
                     const struct strvec *extra, struct strvec *argv, struct strvec *env);

/* Find the linker line in text, the stderr of `DRIVER ... -###` (split
 * into lines in place), and parse it into ll.  0, or -1 (reported); ll
 * can be freed either way. */
int linkline_from_driver_output(char *text, const char *driver, struct linkline *ll);

/* Parse a linker argv (argv[0] the linker itself) into ll.  On -1 (a
 * response file nests too deeply; reported) ll is left empty. */
int linkline_parse(char *const *argv, size_t argc, struct linkline *ll);

/* The multiarch triplet for an emulation ("elf_x86_64" -> "x86_64-linux-gnu"), or NULL. */
const char *emulation_triplet(const char *emulation);
/* The table architecture for an emulation ("elf_x86_64" -> "x86_64"), or NULL. */
const char *emulation_arch(const char *emulation);
/* The table architecture a cross linker's name says ("aarch64-linux-gnu-ld"
 * -> "aarch64"), or NULL: for a direct linker call without -m. */
const char *linker_name_arch(const char *linker);

/* Find the file -lNAME names (NAME may be ":file"); static_only is the
 * -Bstatic state.  Returns a malloc'd path or NULL. */
char *linkline_find_lib(const struct linkline *ll, const char *name, bool static_only);

/* Find a file named in a linker script or on the command line: absolute
 * (with the sysroot prefix when the script lives in the sysroot), relative
 * to the cwd, or in the library directories.  malloc'd, or NULL. */
char *linkline_find_file(const struct linkline *ll, const char *name, bool in_sysroot);

void linkline_free(struct linkline *ll);

/* Split the driver's "-###" output line into arguments (they are printed
 * with double quotes and backslash escapes). */
void split_driver_line(const char *line, struct strvec *out);

#endif
