/* lto.c: LTO code generation creates memcpy/memset calls the pre-scan cannot see. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

struct big { char data[4096]; int n; };

static struct big
make(int n)
{
	struct big b;
	memset(&b, n, sizeof(b));
	b.n = n;
	return b;
}

int
main(int argc, char **argv)
{
	struct big x = make(argc), y;
	struct stat st;
	y = x;
	printf("lto: %d %d stat %d\n", y.n, y.data[100], stat(argv[0], &st));
	return 0;
}
