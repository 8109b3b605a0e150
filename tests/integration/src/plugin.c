/* plugin.c: a shared library built with symcc, loaded by a host program.
 * pthread_create lived in libpthread and res_mkquery in libresolv (as
 * __res_mkquery, symcc's shim) before glibc 2.34: the host needs neither,
 * so on glibc < 2.30 the library loads only if its needs name them. */
#define _GNU_SOURCE
#include <arpa/nameser.h>
#include <pthread.h>
#include <resolv.h>
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
	unsigned char q[512];
	/* 12 header + 15 name + 4 bytes; the id is random */
	int qlen = res_mkquery(QUERY, "symcc.example", C_IN, T_A, NULL, 0, NULL, q, sizeof(q));
	snprintf(out, len, "plugin: stat %d isdir %d value %ld query %d", rc,
	         rc == 0 && S_ISDIR(st.st_mode), v, qlen);
	return 0;
}
