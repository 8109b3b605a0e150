// tlsplugin.cc: a plugin with a thread_local object that has a destructor,
// dlopen'ed and dlclose'd by tlsdtor.cc.  Output is deterministic.
#include <atomic>
#include <cstdio>
#include <string>

static std::atomic<int> destroyed{0};

struct PluginLocal {
	std::string who;
	~PluginLocal()
	{
		destroyed++;
		if (who == "main")
			std::printf("plugin: thread_local of the main thread destroyed\n");
	}
};

static thread_local PluginLocal plugin_local;

struct PluginStatic {
	~PluginStatic() { std::printf("plugin: static destructor\n"); }
};
static PluginStatic plugin_static;

// makes this thread's plugin_local (registering its destructor)
extern "C" void
plugin_touch(const char *who)
{
	plugin_local.who = who;
}

// how many plugin_local objects this instance of the plugin has destroyed
extern "C" int
plugin_destroyed()
{
	return destroyed;
}
