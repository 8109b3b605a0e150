/*
 * embed.c: build-time tool: turn a file into a C array.
 * SPDX-License-Identifier: MIT-0
 *
 * embed INPUT OUTPUT.c SYMBOL [text]  writes
 *   const unsigned char SYMBOL[] = {...0};  (const char with "text")
 *   const size_t SYMBOL_len = N;
 *   const unsigned long long SYMBOL_digest = D;  (64-bit FNV-1a of the bytes)
 * The array is NUL-terminated either way, so text can be read as a string.
 */
#include <stdio.h>
#include <stdlib.h>

int
main(int argc, char **argv)
{
	FILE *in, *out;
	int c;
	size_t n = 0;
	unsigned long long h = 0xcbf29ce484222325ULL;

	if (argc != 4 && argc != 5) {
		fprintf(stderr, "usage: embed INPUT OUTPUT.c SYMBOL [text]\n");
		return 2;
	}
	if (!(in = fopen(argv[1], "rb")) || !(out = fopen(argv[2], "w"))) {
		perror("embed");
		return 1;
	}
	fprintf(out, "#include <stddef.h>\nconst %s %s[] = {\n",
	        argc == 5 ? "char" : "unsigned char", argv[3]);
	while ((c = getc(in)) != EOF) {
		fprintf(out, "%d,%s", c, ++n % 24 ? "" : "\n");
		h = (h ^ (unsigned char)c) * 0x100000001b3ULL;
	}
	fprintf(out, "0};\nconst size_t %s_len = %zu;\n", argv[3], n);
	fprintf(out, "const unsigned long long %s_digest = 0x%016llxULL;\n", argv[3], h);
	if (ferror(in) || fclose(out) != 0) {
		perror("embed");
		return 1;
	}
	fclose(in);
	return 0;
}
