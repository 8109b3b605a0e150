/* app.c: a program for the build-system tests: threads (libpthread on old
 * glibc), clock_gettime (librt before 2.17), dlopen, and the library. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <time.h>

int lib_describe(const char *path, char *out, size_t len);

static void *
work(void *arg)
{
	char buf[128];

	lib_describe(arg, buf, sizeof(buf));
	puts(buf);
	return NULL;
}

int
main(void)
{
	struct timespec ts;
	pthread_t t;
	void *h = dlopen("libc.so.6", RTLD_NOW);

	pthread_create(&t, NULL, work, "/");
	pthread_join(t, NULL);
	printf("clock_gettime %d, dlopen libc %s\n", clock_gettime(CLOCK_MONOTONIC, &ts),
	       h ? "ok" : "failed");
	return 0;
}
