/* tls.c: thread-local storage and the relocation features newer linkers
 * tag with GLIBC_ABI_* versions (DT_RELR, TLS descriptors). */
#include <pthread.h>
#include <stdio.h>

static __thread int counter;
static const char *names[] = {"relr", "needs", "relative", "relocations"};

static void *
bump(void *arg)
{
	for (int i = 0; i < 5; i++)
		counter++;
	*(int *)arg = counter;
	return NULL;
}

int
main(void)
{
	pthread_t t;
	int seen = 0;

	pthread_create(&t, NULL, bump, &seen);
	pthread_join(t, NULL);
	counter += 2;
	printf("tls %d %d, %s %s\n", seen, counter, names[0], names[3]);
	return 0;
}
