/* plugin.c: a shared library built with symcc, loaded by a host program. */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void *
twice(void *p)
{
	*(long *)p *= 2;
	return NULL;
}

int plugin_work(const char *path, char *out, size_t len);

int
plugin_work(const char *path, char *out, size_t len)
{
	struct stat st;
	pthread_t t;
	long v = strtol("0b10101", NULL, 0);

	pthread_create(&t, NULL, twice, &v);
	pthread_join(t, NULL);
	/* stat first: the order of snprintf's arguments is unspecified */
	int rc = stat(path, &st);
	snprintf(out, len, "plugin: stat %d isdir %d value %ld", rc,
	         rc == 0 && S_ISDIR(st.st_mode), v);
	return 0;
}
