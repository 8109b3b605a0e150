/*
 * embedfiles.c: build-time tool: turn several files into one C table.
 * SPDX-License-Identifier: MIT-0
 *
 * embedfiles OUTPUT.c SYMBOL FILE...  writes
 *   const struct symcc_embedded_file SYMBOL[] = {{"name", data, len}, ..., {0}};
 * (the struct is in src/shimcache.h), naming each file by its last path
 * component.  The data arrays are NUL-terminated.
 */
#include <stdio.h>
#include <string.h>

int
main(int argc, char **argv)
{
	FILE *out;

	if (argc < 4) {
		fprintf(stderr, "usage: embedfiles OUTPUT.c SYMBOL FILE...\n");
		return 2;
	}
	if (!(out = fopen(argv[1], "w"))) {
		perror(argv[1]);
		return 1;
	}
	fprintf(out, "#include \"shimcache.h\"\n\n");
	for (int i = 3; i < argc; i++) {
		FILE *in = fopen(argv[i], "rb");
		size_t n = 0;
		int c;

		if (!in) {
			perror(argv[i]);
			return 1;
		}
		fprintf(out, "static const unsigned char f%d[] = {\n", i);
		while ((c = getc(in)) != EOF)
			fprintf(out, "%d,%s", c, ++n % 24 ? "" : "\n");
		fprintf(out, "0};\n");
		if (ferror(in)) {
			perror(argv[i]);
			return 1;
		}
		fclose(in);
	}
	fprintf(out, "\nconst struct symcc_embedded_file %s[] = {\n", argv[2]);
	for (int i = 3; i < argc; i++) {
		const char *slash = strrchr(argv[i], '/');
		const char *name = slash ? slash + 1 : argv[i];

		for (const char *p = name; *p; p++)
			if (*p == '"' || *p == '\\' || *p < ' ') {
				fprintf(stderr, "embedfiles: unusable file name '%s'\n", name);
				return 1;
			}
		fprintf(out, "\t{\"%s\", f%d, sizeof(f%d) - 1},\n", name, i, i);
	}
	fprintf(out, "\t{0, 0, 0},\n};\n");
	if (ferror(out) || fclose(out) != 0) {
		perror(argv[1]);
		return 1;
	}
	return 0;
}
