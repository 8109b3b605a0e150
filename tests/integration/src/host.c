/* host.c: loads plugin.so with dlopen and calls it; also linked directly. */
#include <dlfcn.h>
#include <stdio.h>

int plugin_work(const char *path, char *out, size_t len);

int
main(int argc, char **argv)
{
	char buf[128];
	void *h = dlopen(argc > 1 ? argv[1] : "./libplugin.so", RTLD_NOW);
	int (*fn)(const char *, char *, size_t);

	if (!h) {
		printf("dlopen failed: %s\n", dlerror());
		return 1;
	}
	fn = (int (*)(const char *, char *, size_t))dlsym(h, "plugin_work");
	fn("/", buf, sizeof(buf));
	printf("dlopen: %s\n", buf);
	plugin_work("/tmp", buf, sizeof(buf));
	printf("linked: %s\n", buf);
	return 0;
}
