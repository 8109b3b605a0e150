// sweeplib.cc: the shared library of cxxsweep.cc, which throws exceptions
// that the program catches.
#include <stdexcept>
#include <string>
#include <system_error>

struct SweepError {
	int code;
	std::string what;
};

extern "C++" void
sweep_throw(int kind)
{
	switch (kind) {
	case 0:
		throw std::runtime_error("runtime_error from the library");
	case 1:
		throw SweepError{42, "a type of the program's own"};
	case 2:
		throw std::system_error(std::make_error_code(std::errc::no_such_file_or_directory),
					"system_error from the library");
	default:
		throw kind;
	}
}
