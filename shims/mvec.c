/* mvec.c: the SSE vector maths functions of libmvec that gcc calls when it
 * vectorises a loop of cos, sin, log... with -ffast-math or an OpenMP simd
 * pragma: _ZGVbN2v_cos, _ZGVbN2v_sin, _ZGVbN2v_log, _ZGVbN4v_cosf,
 * _ZGVbN4v_sinf (glibc 2.22), _ZGVbN2v_log2, _ZGVbN4v_acosf (2.35).
 * x86_64 only: libmvec's other ABIs have other names.
 * SPDX-License-Identifier: MIT-0
 *
 * Each applies libm's scalar function (the base version) to every lane, in
 * lane order.  The vector ABI ("b": SSE, xmm registers) is the one
 * libmvec's callers use: the lanes come in xmm0 and go back in xmm0.  The
 * scalar results are correctly rounded in more cases than libmvec's (within
 * 4 ulp), so a result can differ from glibc's in the last bits, never more;
 * errno and the floating-point exceptions are those of the scalar calls.
 */
#include "arch.h"
#include "symver.h"

#if defined(__x86_64__) && defined(__LP64__)
typedef double symcc_v2df __attribute__((vector_size(16)));
typedef float symcc_v4sf __attribute__((vector_size(16)));

SYMCC_OLD(double, old_cos, "cos", SYMCC_GLIBC_BASE, (double));
SYMCC_OLD(double, old_sin, "sin", SYMCC_GLIBC_BASE, (double));
SYMCC_OLD(double, old_log, "log", SYMCC_GLIBC_BASE, (double));
SYMCC_OLD(double, old_log2, "log2", SYMCC_GLIBC_BASE, (double));
SYMCC_OLD(float, old_cosf, "cosf", SYMCC_GLIBC_BASE, (float));
SYMCC_OLD(float, old_sinf, "sinf", SYMCC_GLIBC_BASE, (float));
SYMCC_OLD(float, old_acosf, "acosf", SYMCC_GLIBC_BASE, (float));

#define SYMCC_MVEC2(name, scalar)				\
	SYMCC_SHIM symcc_v2df					\
	__wrap__ZGVbN2v_##name(symcc_v2df x)			\
	{							\
		symcc_v2df r;					\
		r[0] = scalar(x[0]);				\
		r[1] = scalar(x[1]);				\
		return r;					\
	}
#define SYMCC_MVEC4F(name, scalar)				\
	SYMCC_SHIM symcc_v4sf					\
	__wrap__ZGVbN4v_##name(symcc_v4sf x)			\
	{							\
		symcc_v4sf r;					\
		for (int i = 0; i < 4; i++)			\
			r[i] = scalar(x[i]);			\
		return r;					\
	}

SYMCC_MVEC2(cos, old_cos)
SYMCC_MVEC2(sin, old_sin)
SYMCC_MVEC2(log, old_log)
SYMCC_MVEC2(log2, old_log2)
SYMCC_MVEC4F(cosf, old_cosf)
SYMCC_MVEC4F(sinf, old_sinf)
SYMCC_MVEC4F(acosf, old_acosf)
#else
/* an object with no shim in it, for the other architectures */
typedef int symcc_mvec_none;
#endif
