/* lto.c: LTO code generation creates memcpy/memset calls the pre-scan cannot
 * see (they are not in GCC's LTO symbol table); verify and its one re-plan
 * must catch them.  Built with -mstringop-strategy=libcall to force them. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

struct big { char data[4096]; int n; };
struct big g1, g2;

__attribute__((noinline)) static void
copy(void)
{
	g2 = g1;
}

int
main(int argc, char **argv)
{
	struct stat st;

	memset(&g1, argc + 1, sizeof(g1));
	g1.n = argc;
	copy();
	printf("lto: %d %d stat %d\n", g2.n, g2.data[100], stat(argv[0], &st));
	return 0;
}
