// cxxprog.cc: the C++ program of the integration tests, linked with
// -static-libstdc++ -static-libgcc.  Output is deterministic.
#include <chrono>
#include <condition_variable>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

struct Global {
	std::string msg;
	Global() : msg("static constructor ran") {}
};
static Global global;

static thread_local int tl_counter = 0;

static int
thrower(int n)
{
	if (n > 2)
		throw std::runtime_error("thrown at depth " + std::to_string(n));
	return thrower(n + 1);
}

int
main()
{
	std::cout << global.msg << "\n";
	try {
		thrower(0);
	} catch (const std::exception &e) {
		std::cout << "caught: " << e.what() << "\n";
	}
	try {
		std::vector<int> v(3);
		(void)v.at(10);
	} catch (const std::out_of_range &) {
		std::cout << "caught out_of_range\n";
	}

	std::mutex m;
	std::condition_variable cv;
	bool ready = false;
	std::thread t([&] {
		std::lock_guard<std::mutex> lk(m);
		ready = true;
		cv.notify_one();
	});
	{
		std::unique_lock<std::mutex> lk(m);
		bool ok = cv.wait_for(lk, std::chrono::seconds(10), [&] { return ready; });
		std::cout << "wait_for " << ok << "\n";
		bool timed_out = !cv.wait_for(lk, std::chrono::milliseconds(20), [] { return false; });
		std::cout << "wait_for timeout " << timed_out << "\n";
	}
	t.join();

	std::vector<std::thread> ts;
	std::vector<int> seen(4);
	for (int i = 0; i < 4; i++)
		ts.emplace_back([i, &seen] {
			for (int k = 0; k <= i; k++)
				tl_counter++;
			seen[i] = tl_counter;
		});
	for (auto &x : ts)
		x.join();
	std::cout << "thread_local " << seen[0] << seen[1] << seen[2] << seen[3] << " main " << tl_counter << "\n";

	auto sp = std::make_shared<std::map<std::string, int>>();
	(*sp)["a"] = 1;
	std::shared_ptr<std::map<std::string, int>> sp2 = sp;
	std::weak_ptr<std::map<std::string, int>> wp = sp;
	std::cout << "shared_ptr use_count " << sp.use_count() << " expired " << wp.expired() << "\n";

	std::random_device rd;
	unsigned a = rd(), b = rd(), c = rd();
	std::cout << "random_device " << ((a != b || b != c) ? "varies" : "stuck") << "\n";
	std::mt19937 gen(42);
	std::cout << "mt19937 " << gen() << "\n";

	std::ostringstream os;
	os << 3.25 << " " << std::hex << 255;
	std::cout << "iostream " << os.str() << std::endl;
	return 0;
}
