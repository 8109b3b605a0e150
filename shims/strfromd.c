/* strfromd.c: strfromd, strfromf, strfroml (glibc 2.25) and the _FloatN
 * names of the string conversions (2.27): strfromf32, strfromf64,
 * strfromf32x, strfromf64x, strtof32, strtof64, strtof32x, strtof64x,
 * wcstof32, wcstof64, wcstof32x, wcstof64x.
 * SPDX-License-Identifier: MIT-0
 *
 * strfrom* (str, n, format, x) is snprintf with FORMAT, which must be
 * "%[.precision]c", c one of a A e E f F g G (else -1 and EINVAL); long
 * double formats get their L here.  The _FloatN names are the old
 * functions of the same type: _Float32 is float, _Float64 and _Float32x
 * double, _Float64x long double (x86).
 */
#include "arch.h"
#include "symver.h"

typedef __SIZE_TYPE__ size_t;
typedef __WCHAR_TYPE__ wchar_type;

SYMCC_OLD(int *, old_errno_location, "__errno_location", SYMCC_GLIBC_BASE, (void));
SYMCC_OLD(int, old_snprintf, "snprintf", SYMCC_GLIBC_BASE, (char *, size_t, const char *, ...));
SYMCC_OLD(float, old_strtof, "strtof", SYMCC_GLIBC_BASE, (const char *, char **));
SYMCC_OLD(double, old_strtod, "strtod", SYMCC_GLIBC_BASE, (const char *, char **));
SYMCC_OLD(long double, old_strtold, "strtold", SYMCC_GLIBC_BASE, (const char *, char **));
SYMCC_OLD(float, old_wcstof, "wcstof", SYMCC_GLIBC_BASE, (const wchar_type *, wchar_type **));
SYMCC_OLD(double, old_wcstod, "wcstod", SYMCC_GLIBC_BASE, (const wchar_type *, wchar_type **));
SYMCC_OLD(long double, old_wcstold, "wcstold", SYMCC_GLIBC_BASE,
          (const wchar_type *, wchar_type **));

/* FORMAT checked and copied to out, with 'L' before the conversion if
 * LONG; 0, or -1 (EINVAL) for any other format */
static int
check_format(const char *format, char *out, size_t outsize, int long_)
{
	const char *f = format;
	size_t i = 0;

	if (*f != '%')
		goto invalid;
	out[i++] = *f++;
	if (*f == '.')
		for (out[i++] = *f++; *f >= '0' && *f <= '9' && i < outsize - 3; )
			out[i++] = *f++;
	if (!*f || f[1] != 0 || !(*f == 'a' || *f == 'A' || *f == 'e' || *f == 'E' ||
	                          *f == 'f' || *f == 'F' || *f == 'g' || *f == 'G'))
		goto invalid;
	if (long_)
		out[i++] = 'L';
	out[i++] = *f;
	out[i] = 0;
	return 0;
invalid:
	*old_errno_location() = SYMCC_EINVAL;
	return -1;
}

#define DEFINE_STRFROM(name, T, long_)					\
SYMCC_SHIM int								\
name(char *str, size_t n, const char *format, T x)			\
{									\
	char f[32];							\
									\
	if (check_format(format, f, sizeof(f), long_) != 0)		\
		return -1;						\
	return old_snprintf(str, n, f, x);				\
}

DEFINE_STRFROM(__wrap_strfromd, double, 0)
DEFINE_STRFROM(__wrap_strfromf, float, 0)
DEFINE_STRFROM(__wrap_strfroml, long double, 1)
DEFINE_STRFROM(__wrap_strfromf32, float, 0)
DEFINE_STRFROM(__wrap_strfromf64, double, 0)
DEFINE_STRFROM(__wrap_strfromf32x, double, 0)

#define DEFINE_ALIAS(name, T, C, old)					\
SYMCC_SHIM T								\
name(const C *s, C **end)						\
{									\
	return old(s, end);						\
}

DEFINE_ALIAS(__wrap_strtof32, float, char, old_strtof)
DEFINE_ALIAS(__wrap_strtof64, double, char, old_strtod)
DEFINE_ALIAS(__wrap_strtof32x, double, char, old_strtod)
DEFINE_ALIAS(__wrap_wcstof32, float, wchar_type, old_wcstof)
DEFINE_ALIAS(__wrap_wcstof64, double, wchar_type, old_wcstod)
DEFINE_ALIAS(__wrap_wcstof32x, double, wchar_type, old_wcstod)

#if defined(__x86_64__) || defined(__i386__)
/* _Float64x is long double only where that is the x87 format */
DEFINE_STRFROM(__wrap_strfromf64x, long double, 1)
DEFINE_ALIAS(__wrap_strtof64x, long double, char, old_strtold)
DEFINE_ALIAS(__wrap_wcstof64x, long double, wchar_type, old_wcstold)
#endif
