// tlsdtor.cc: thread_local objects with destructors (__cxa_thread_atexit_impl,
// glibc 2.18): in the main program, in 100 short-lived threads (half of them
// leave with pthread_exit unless -DTLS_NO_PTHREAD_EXIT), and in a plugin,
// beside the program, that is dlopen'ed and dlclose'd.
// Linked with -static-libstdc++ -static-libgcc.  Output is deterministic.
#include <cstdio>
#include <dlfcn.h>
#include <pthread.h>
#include <string>
#include <thread>

// destroyed after every thread_local of the main thread
struct Global {
	const char *what;
	~Global() { std::printf("%s destructor\n", what); }
};
static Global global{"static"};

// made after the main thread's first thread_local, destroyed after its last
static void
function_local_static()
{
	static Global g{"function-local static"};
}

static thread_local std::string tl_name = "main thread string";

struct Noisy {
	const char *name;
	~Noisy() { std::printf("~Noisy %s (tl_name still '%s')\n", name, tl_name.c_str()); }
};

// Function-local thread_locals are made, and their destructors registered,
// one by one when control first reaches them; namespace-scope ones all at
// once on first use of any (tl_name is the only one).
static Noisy &
tl_a()
{
	static thread_local Noisy n{"a"};
	return n;
}

static Noisy &
tl_b()
{
	static thread_local Noisy n{"b"};
	return n;
}

// per thread: what its destructors did, in order
static std::string logs[100];

struct Rec {
	int id;
	char tag;
	~Rec();
};

static Rec &
rec1()
{
	static thread_local Rec r{-1, '1'};
	return r;
}

static Rec &
rec2()
{
	static thread_local Rec r{-1, '2'};
	return r;
}

// first used during rec1's destruction: registered then, destroyed after it
static Rec &
late()
{
	static thread_local Rec r{-1, 'L'};
	return r;
}

Rec::~Rec()
{
	logs[id] += tag;
	if (tag == '1')
		late().id = id;
}

static void *
worker(void *arg)
{
	int id = (int)(long)arg;

	rec1().id = id;	// constructed first, destroyed last
	rec2().id = id;
	tl_name = "worker " + std::to_string(id);
#if !defined(TLS_NO_PTHREAD_EXIT)	// it needs libgcc_s.so.1 on the target
	if (id % 2)
		pthread_exit(nullptr);
#endif
	return nullptr;
}

typedef void touch_fn(const char *);
typedef int destroyed_fn();

// libtlsplugin.so beside the program
static std::string plugin_path;

// dlopen's the plugin and finds its functions
static void *
plugin_open(touch_fn **touch, destroyed_fn **destroyed)
{
	void *h = dlopen(plugin_path.c_str(), RTLD_NOW);
	if (!h) {
		std::printf("dlopen: %s\n", dlerror());
		return nullptr;
	}
	*touch = (touch_fn *)dlsym(h, "plugin_touch");
	*destroyed = (destroyed_fn *)dlsym(h, "plugin_destroyed");
	return h;
}

static bool
plugin_loaded()
{
	void *h = dlopen(plugin_path.c_str(), RTLD_NOW | RTLD_NOLOAD);
	if (h)
		dlclose(h);
	return h != nullptr;
}

// The order of events matters where symcc's shim differs from glibc (see
// shims/thread_atexit.c): glibc keeps one list per thread for all modules,
// the shim one per module; glibc runs the exiting thread's list before every
// exit handler, the shim does so for the executable's when main returns and
// for a plugin's as an exit handler registered at the plugin's first
// thread_local.  So the plugin's main-thread thread_local is made before the
// program's own, and no exit handler is registered after it; the
// function-local static (an exit handler registered after the program's
// first thread_local, in the workers) shows main's return running the
// program's list first.
int
main(int, char **argv)
{
	touch_fn *touch;
	destroyed_fn *destroyed;
	std::string exe = argv[0];
	size_t slash = exe.rfind('/');

	plugin_path = (slash == std::string::npos ? "." : exe.substr(0, slash)) + "/libtlsplugin.so";

	pthread_t threads[100];
	for (long i = 0; i < 100; i++)
		if (pthread_create(&threads[i], nullptr, worker, (void *)i) != 0)
			return 1;
	int good = 0;
	for (int i = 0; i < 100; i++) {
		pthread_join(threads[i], nullptr);
		good += logs[i] == "21L";
	}
	std::printf("100 threads: %d destroyed their thread_locals in reverse order (%s)\n", good,
		    logs[0].c_str());
	function_local_static();

	// a plugin whose thread_local lives in a thread that ends before
	// dlclose: nothing keeps it loaded after dlclose
	void *h = plugin_open(&touch, &destroyed);
	if (!h)
		return 1;
	std::thread t([&] { touch("thread"); });
	t.join();
	std::printf("plugin: %d thread_local destroyed at thread exit\n", destroyed());
	dlclose(h);
	std::printf("plugin loaded after dlclose: %d\n", plugin_loaded());

	// a plugin whose thread_local lives in the main thread: dlclose must
	// leave it loaded until exit, when the destructor runs
	h = plugin_open(&touch, &destroyed);
	if (!h)
		return 1;
	touch("main");
	dlclose(h);
	std::printf("plugin loaded after dlclose with a live thread_local: %d\n", plugin_loaded());

	const char *name = tl_name.c_str();
	const char *a = tl_a().name;
	const char *b = tl_b().name;
	std::printf("%s, %s%s\n", name, a, b);
	return 0;
}
