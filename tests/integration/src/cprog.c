/* cprog.c: the C program of the integration tests: what a modern C program
 * calls that old glibc spells differently.  Output is deterministic. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <inttypes.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

static int ctor_ran;
__attribute__((constructor)) static void ctor(void) { ctor_ran = 42; }

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static long total;
static int done;

static void *
worker(void *arg)
{
	long n = (long)arg;
	pthread_mutex_lock(&mu);
	total += n;
	done++;
	pthread_cond_signal(&cv);
	pthread_mutex_unlock(&mu);
	return NULL;
}

static void
files(const char *dir)
{
	char p[512], q[512];
	struct stat st, lst, ast;
	int fd, dfd, n;
	glob_t g;

	snprintf(p, sizeof(p), "%s/b.txt", dir);
	fd = open(p, O_CREAT | O_RDWR | O_TRUNC, 0640);
	if (fd < 0 || write(fd, "0123456789", 10) != 10)
		perror("write");
	struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 4};
	printf("fcntl setlk %d getfl-rdwr %d\n", fcntl(fd, F_SETLK, &fl),
	       (fcntl(fd, F_GETFL) & O_ACCMODE) == O_RDWR);
	fstat(fd, &st);
	printf("fstat size %lld mode %o\n", (long long)st.st_size, (unsigned)(st.st_mode & 0777));
	close(fd);
	snprintf(q, sizeof(q), "%s/a.txt", dir);
	symlink("b.txt", q);
	stat(q, &st);
	lstat(q, &lst);
	printf("stat size %lld, lstat is link %d\n", (long long)st.st_size, S_ISLNK(lst.st_mode));
	dfd = open(dir, O_RDONLY | O_DIRECTORY);
	n = fstatat(dfd, "b.txt", &ast, 0);
	printf("fstatat %d size %lld\n", n, (long long)ast.st_size);
	snprintf(q, sizeof(q), "%s/fifo", dir);
	printf("mknod fifo %d ", mknod(q, S_IFIFO | 0600, 0));
	printf("mknodat fifo %d ", mknodat(dfd, "fifo2", S_IFIFO | 0600, makedev(0, 0)));
	stat(q, &st);
	printf("is fifo %d\n", S_ISFIFO(st.st_mode));
	close(dfd);
	snprintf(q, sizeof(q), "%s/c.txt", dir);
	close(open(q, O_CREAT | O_WRONLY, 0600));
	snprintf(q, sizeof(q), "%s/*.txt", dir);
	if (glob(q, 0, NULL, &g) == 0) {
		printf("glob %zu:", g.gl_pathc);
		for (size_t i = 0; i < g.gl_pathc; i++)
			printf(" %s", strrchr(g.gl_pathv[i], '/') + 1);
		printf("\n");
		globfree(&g);
	}
}

int
main(int argc, char **argv)
{
	char buf[64], dir[] = "/tmp/cprog-XXXXXX";
	pthread_t t[4];
	struct timespec a, b;
	double (*cosp)(double);
	void *h;
	int x = 0, y = 0, n;
	char *end;

	(void)argc;
	printf("constructor %d\n", ctor_ran);
	memcpy(buf, "memcpy works", 13);
	printf("%s\n", buf);
	for (long i = 0; i < 4; i++)
		pthread_create(&t[i], NULL, worker, (void *)(i + 1));
	pthread_mutex_lock(&mu);
	while (done < 4)
		pthread_cond_wait(&cv, &mu);
	pthread_mutex_unlock(&mu);
	for (int i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	printf("threads total %ld\n", total);
	h = dlopen("libm.so.6", RTLD_NOW);
	cosp = h ? (double (*)(double))dlsym(h, "cos") : NULL;
	printf("dlopen %s cos(0) %.1f\n", h ? "ok" : dlerror(), cosp ? cosp(0) : -1.0);
	printf("exp %.6f log %.6f pow %.6f\n", exp(argc + 0.5), log(10.0 * argc), pow(2.0, argc + 9.5));
	clock_gettime(CLOCK_MONOTONIC, &a);
	clock_gettime(CLOCK_MONOTONIC, &b);
	printf("clock monotonic %d\n", b.tv_sec > a.tv_sec || (b.tv_sec == a.tv_sec && b.tv_nsec >= a.tv_nsec));
	printf("strtol 0b101 base 0 = %ld", strtol("0b101", &end, 0));
	printf(" rest '%s'; 0x1f = %ld; base 2 '0b11' = %ld\n", end, strtol("0x1f", NULL, 0),
	       strtol("0b11", NULL, 2));
	printf("strtoull 0B1111 = %llu, strtoimax -0b11 = %" PRIdMAX "\n",
	       strtoull("0B1111", NULL, 0), strtoimax("-0b11", NULL, 0));
	n = sscanf("0x1f 0b11", "%i %i", &x, &y);
	printf("sscanf %%i: n=%d x=%d y=%d\n", n, x, y);
	if (!mkdtemp(dir))
		return 1;
	files(dir);
	return 0;
}
