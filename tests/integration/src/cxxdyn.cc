// cxxdyn.cc: a C++ program linked against the shared libstdc++ of its gcc.
#include <iostream>
#include <string>

int
main()
{
	std::string s = "dynamic libstdc++";
	std::cout << s << std::endl;
	return 0;
}
