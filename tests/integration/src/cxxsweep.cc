// cxxsweep.cc: the C++ runtime a modern program uses, linked with
// -static-libstdc++ -static-libgcc (and libsweeplib.so, which throws).
// Output is deterministic: no addresses, times or sizes, only what a
// correct runtime prints everywhere.  -DSWEEP_STACKTRACE: std::stacktrace
// (link with -lstdc++exp).
#include <atomic>
#include <barrier>
#include <charconv>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <filesystem>
#include <format>
#include <fstream>
#include <latch>
#include <mutex>
#include <random>
#include <semaphore>
#include <set>
#include <shared_mutex>
#include <stdexcept>
#include <stop_token>
#include <string>
#include <syncstream>
#include <system_error>
#include <thread>
#include <unistd.h>
#include <vector>
#include <version>
#if defined(__cpp_lib_print)
#include <print>
#endif
#if defined(SWEEP_STACKTRACE)
#include <stacktrace>
#endif

using namespace std::chrono_literals;
namespace fs = std::filesystem;

struct SweepError {
	int code;
	std::string what;
};
void sweep_throw(int kind);

static void
out(const std::string &s)
{
	std::fputs(s.c_str(), stdout);
	std::fputc('\n', stdout);
}

static void
threads()
{
	std::atomic<int> ticks{0};
	bool called = false, stopped = false;
	{
		std::jthread jt([&](std::stop_token st) {
			while (!st.stop_requested()) {
				ticks++;
				std::this_thread::sleep_for(1ms);
			}
			stopped = true;
		});
		while (ticks < 3)
			std::this_thread::sleep_for(1ms);
		std::stop_callback cb(jt.get_stop_token(), [&] { called = true; });
		jt.request_stop();
	}
	out(std::format("jthread: stopped {}, stop_callback {}", stopped, called));

	// condition_variable_any waits until a stop request
	std::mutex m;
	std::condition_variable_any cv;
	bool woke = false;
	{
		std::jthread jt([&](std::stop_token st) {
			std::unique_lock lk(m);
			woke = !cv.wait(lk, st, [] { return false; });
		});
		std::this_thread::sleep_for(5ms);
	}
	out(std::format("condition_variable_any: woken by the stop request {}", woke));

	std::atomic<int> flag{0};
	int seen = -1;
	std::thread t([&] {
		flag.wait(0);
		seen = flag.load();
	});
	std::this_thread::sleep_for(5ms);
	flag = 7;
	flag.notify_one();
	t.join();
	out(std::format("atomic wait/notify: saw {}", seen));

	std::latch done(4);
	std::atomic<int> arrived{0};
	std::vector<std::jthread> ws;
	for (int i = 0; i < 4; i++)
		ws.emplace_back([&] {
			arrived++;
			done.count_down();
		});
	done.wait();
	out(std::format("latch: {} arrived", arrived.load()));
	ws.clear();

	int phases = 0;
	std::barrier sync(3, [&]() noexcept { phases++; });
	for (int i = 0; i < 3; i++)
		ws.emplace_back([&] {
			for (int p = 0; p < 3; p++)
				sync.arrive_and_wait();
		});
	ws.clear();
	out(std::format("barrier: {} phases", phases));

	std::counting_semaphore<4> sem(2);
	sem.acquire();
	bool second = sem.try_acquire(), third = sem.try_acquire();
	bool timed = sem.try_acquire_for(10ms);
	sem.release(2);
	bool after = sem.try_acquire_for(10ms);
	std::binary_semaphore bin(0);
	std::thread r([&] { bin.release(); });
	bin.acquire();
	r.join();
	out(std::format("counting_semaphore: {} {} {} {}, binary_semaphore ok", second, third, timed,
			after));
}

// timed waits on the steady clock: pthread_*_clock* (glibc 2.30) underneath
static void
timed_waits()
{
	std::timed_mutex tm;
	tm.lock();
	bool got = true;
	std::thread t([&] { got = tm.try_lock_until(std::chrono::steady_clock::now() + 10ms); });
	t.join();
	tm.unlock();
	std::shared_timed_mutex sm;
	sm.lock();
	bool shared = true, unique = true;
	std::thread u([&] {
		shared = sm.try_lock_shared_for(10ms);
		unique = sm.try_lock_until(std::chrono::steady_clock::now() + 10ms);
	});
	u.join();
	sm.unlock();
	bool after = sm.try_lock_shared_for(10ms);
	sm.unlock_shared();
	std::mutex m;
	std::condition_variable cv;
	std::unique_lock lk(m);
	auto st = cv.wait_until(lk, std::chrono::steady_clock::now() + 10ms);
	out(std::format("timed waits: timed_mutex {}, shared_timed_mutex {} {} then {}, condition_variable {}",
			got, shared, unique, after, st == std::cv_status::timeout ? "timeout" : "woken"));
	std::osyncstream(std::cout) << "osyncstream: one line" << std::endl;
}

// shortest round trips of floating-point values, both ways
static void
charconv()
{
	char buf[64];
	std::string s;
	for (double d : {0.1, 1.0 / 3, 6.02214076e23, 5e-324}) {
		auto r = std::to_chars(buf, buf + sizeof buf, d);
		double back = 0;
		std::from_chars(buf, r.ptr, back);
		s += " " + std::string(buf, r.ptr) + (back == d ? "=" : "!=");
	}
	long double ld = 1.0L / 3;
	auto r = std::to_chars(buf, buf + sizeof buf, ld);
	long double lback = 0;
	std::from_chars(buf, r.ptr, lback);
	s += " " + std::string(buf, r.ptr) + (lback == ld ? "=" : "!=");
	out("to_chars/from_chars:" + s);
}

static void
formatting()
{
	out(std::format("format: [{:>8.3f}] [{:#x}] [{:<6}] [{:^9}] [{:+}] [{:e}]", 3.14159, 255, "ab",
			"mid", 42, 1234.5));
	out(std::format("format: {} {} {} {:.17g}", 0.1, 1e300, -0.0, 2.0 / 3));
	out(std::format("format: {:%Y-%m-%d %H:%M:%S}", std::chrono::sys_seconds{1719835200s}));
#if defined(__cpp_lib_print)
	std::print("print: {} + {} = {}\n", 2, 3, 5);
	std::fflush(stdout);
#else
	out("print: 2 + 3 = 5");
#endif
}

static void
filesystem()
{
	fs::path dir = fs::temp_directory_path() / ("cxxsweep-" + std::to_string(getpid()));
	fs::remove_all(dir);
	fs::create_directories(dir / "a" / "b");
	{
		std::ofstream(dir / "a" / "one.txt") << std::string(100000, 'x');
		std::ofstream(dir / "a" / "b" / "two.txt") << "two\n";
	}
	bool copied = fs::copy_file(dir / "a" / "one.txt", dir / "copy.txt");
	bool again = fs::copy_file(dir / "a" / "b" / "two.txt", dir / "copy.txt",
				   fs::copy_options::overwrite_existing);
	std::error_code ec;
	bool refused = fs::copy_file(dir / "a" / "one.txt", dir / "copy.txt", ec);
	out(std::format("copy_file: {} {}, size {}, existing refused {} ({})", copied, again,
			fs::file_size(dir / "copy.txt"), !refused, ec == std::errc::file_exists));
	fs::copy(dir / "a", dir / "tree", fs::copy_options::recursive);
	std::set<std::string> names;
	for (auto &e : fs::recursive_directory_iterator(dir))
		names.insert(fs::relative(e.path(), dir).generic_string() + (e.is_directory() ? "/" : ""));
	std::string list;
	for (auto &n : names)
		list += " " + n;
	out("recursive_directory_iterator:" + list);
	fs::space_info si = fs::space(dir);
	out(std::format("space: capacity > 0 {}, free <= capacity {}, available <= free {}",
			si.capacity > 0, si.free <= si.capacity, si.available <= si.free));
	out(std::format("remove_all: {}", fs::remove_all(dir)));
	try {
		(void)fs::file_size(dir);
	} catch (const fs::filesystem_error &e) {
		out(std::format("filesystem_error: {}", e.code() == std::errc::no_such_file_or_directory));
	}
}

static void
random_devices()
{
	for (const char *token : {"default", "/dev/urandom", "getentropy", "arc4random"}) {
		try {
			std::random_device rd(token);
			unsigned a = rd(), b = rd(), c = rd();
			out(std::format("random_device {}: {}", token, (a != b || b != c) ? "varies" : "stuck"));
		} catch (const std::exception &e) {
			out(std::format("random_device {}: unavailable", token));
		}
	}
}

static void
zones()
{
	try {
		auto z = std::chrono::locate_zone("Europe/Berlin");
		auto local = z->to_local(std::chrono::sys_seconds{1719835200s});
		auto info = z->get_info(std::chrono::sys_seconds{1719835200s});
		out(std::format("time zone: {:%H:%M} {}", local, info.abbrev));
	} catch (const std::exception &e) {
		out("time zone: no tzdata");
	}
}

static void
exceptions()
{
	try {
		sweep_throw(0);
	} catch (const std::runtime_error &e) {
		out(std::format("caught runtime_error: {}", e.what()));
	}
	try {
		sweep_throw(1);
	} catch (const SweepError &e) {
		out(std::format("caught SweepError {}: {}", e.code, e.what));
	}
	try {
		sweep_throw(2);
	} catch (const std::system_error &e) {
		out(std::format("caught system_error: ENOENT {}", e.code() == std::errc::no_such_file_or_directory));
	}
	try {
		sweep_throw(3);
	} catch (int k) {
		out(std::format("caught int {}", k));
	}
	try {
		try {
			sweep_throw(0);
		} catch (...) {
			std::throw_with_nested(std::logic_error("outer"));
		}
	} catch (const std::logic_error &e) {
		try {
			std::rethrow_if_nested(e);
		} catch (const std::runtime_error &inner) {
			out(std::format("nested: {} / {}", e.what(), inner.what()));
		}
	}
	std::exception_ptr p;
	std::thread t([&] {
		try {
			sweep_throw(0);
		} catch (...) {
			p = std::current_exception();
		}
	});
	t.join();
	try {
		std::rethrow_exception(p);
	} catch (const std::exception &e) {
		out(std::format("exception_ptr across threads: {}", e.what()));
	}
}

int
main()
{
	threads();
	timed_waits();
	charconv();
	formatting();
	filesystem();
	random_devices();
	zones();
	exceptions();
#if defined(SWEEP_STACKTRACE)
	auto st = std::stacktrace::current();
	out(std::format("stacktrace: {} frames > 0", !st.empty()));
#else
	out("stacktrace: true frames > 0");
#endif
	return 0;
}
