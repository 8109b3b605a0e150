# symcc-toolchain.cmake: link with symcc, so that what CMake builds runs on
# an old glibc.  SPDX-License-Identifier: MIT-0
#
#   cmake -DCMAKE_TOOLCHAIN_FILE=/usr/local/share/symcc/symcc-toolchain.cmake \
#         -DSYMCC_TARGET=2.17 -S . -B build
#
# The compilers stay CMake's usual choice (CC, CXX, CMAKE_<LANG>_COMPILER);
# symcc wraps each link as CMAKE_<LANG>_LINKER_LAUNCHER (CMake 3.21 or
# newer), so compiles run as fast as before.  The configure checks
# (check_function_exists, try_compile) link through symcc too, so a function
# the target lacks is reported missing.
#
# SYMCC_TARGET: the glibc to run on, 2.17 (the default), 2.28, manylinux2014,
#               manylinux_2_28...
# SYMCC:        the symcc program (default: symcc on PATH).

set(SYMCC_TARGET "2.17" CACHE STRING "glibc version or manylinux tag the output must run on")
if(NOT SYMCC)
  find_program(SYMCC symcc)
  if(NOT SYMCC)
    message(FATAL_ERROR "symcc-toolchain.cmake: symcc is not on PATH; set -DSYMCC=/path/to/symcc")
  endif()
endif()

foreach(lang C CXX OBJC OBJCXX Fortran)
  set(CMAKE_${lang}_LINKER_LAUNCHER "${SYMCC};--symcc-target=${SYMCC_TARGET}")
endforeach()

# try_compile projects read this file again: give them the same values.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES SYMCC SYMCC_TARGET)
