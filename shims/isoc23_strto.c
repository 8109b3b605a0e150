/* isoc23_strto.c: __isoc23_strto* / __isoc23_wcsto* (glibc 2.38).
 * SPDX-License-Identifier: MIT-0
 *
 * C23 integer parsing differs from the old functions only for base 0 and
 * base 2, where "0b"/"0B" followed by a binary digit is a prefix: the old
 * functions parse "0b101" as 0 and stop at the 'b'.  Each shim calls the old
 * function first; if it stopped right after a lone leading "0" that is
 * followed by 'b'/'B' and a binary digit, the digits are parsed again with
 * the old unsigned function in base 2 and the sign, range and errno are
 * applied as glibc 2.38 does: ERANGE and the type's limit on overflow, and
 * for the unsigned functions a negated value unless the magnitude overflows.
 */
#include "symver.h"
#include "arch.h"

typedef __WCHAR_TYPE__ symcc_wchar;
typedef void *symcc_locale;

SYMCC_OLD(int *, old_errno, "__errno_location", SYMCC_GLIBC_BASE, (void));

/* returns the first binary digit if the old parser of [NPTR, END) stopped at
 * a C23 "0b" prefix, else NULL; *NEG tells whether a '-' sign preceded it */
#define SYMCC_DEF_PREFIX(fname, CH)					\
static const CH *							\
fname(const CH *nptr, const CH *end, int base, int *neg)		\
{									\
	if (base != 0 && base != 2)					\
		return 0;						\
	if (end <= nptr || end[-1] != '0')				\
		return 0;						\
	if ((end[0] != 'b' && end[0] != 'B')				\
	    || (end[1] != '0' && end[1] != '1'))			\
		return 0;						\
	/* the "0" must be the whole digit sequence, not "10" etc. */	\
	*neg = 0;							\
	if (end - 1 > nptr) {						\
		CH p = end[-2];						\
		if (p >= '0' && p <= '9')				\
			return 0;					\
		*neg = p == '-';					\
	}								\
	return end + 1;							\
}
SYMCC_DEF_PREFIX(symcc_bin_prefix, char)
SYMCC_DEF_PREFIX(symcc_wbin_prefix, symcc_wchar)

/* defines the shim NAME returning T: OLD parses, OLDU re-parses binary digits
 * as the unsigned type UT; SMAX is T's maximum if T is signed, else 0 */
#define SYMCC_DEF_STRTO(NAME, CH, PREFIX, T, UT, SMAX, OLD, OLDU,	\
			LPARAM, LARG)					\
SYMCC_SHIM T								\
NAME(const CH *nptr, CH **endptr, int base LPARAM)			\
{									\
	CH *end;							\
	T r = OLD(nptr, &end, base LARG);				\
	int neg, saved, ovf;						\
	const CH *digits = PREFIX(nptr, end, base, &neg);		\
	UT mag;								\
									\
	if (digits != 0) {						\
		saved = *old_errno();					\
		*old_errno() = 0;					\
		mag = OLDU(digits, &end, 2 LARG);			\
		ovf = *old_errno() == SYMCC_ERANGE;			\
		*old_errno() = saved;					\
		if (SMAX == 0) {		/* unsigned */		\
			if (ovf)					\
				r = (T)mag;	/* UT max */		\
			else						\
				r = (T)(neg ? -mag : mag);		\
		} else if (ovf || mag > (UT)SMAX + (UT)neg) {		\
			ovf = 1;					\
			r = neg ? (T)(-(T)SMAX - 1) : (T)SMAX;		\
		} else if (neg) {					\
			r = mag == 0 ? 0 : (T)(-(T)(mag - 1) - 1);	\
		} else {						\
			r = (T)mag;					\
		}							\
		if (ovf)						\
			*old_errno() = SYMCC_ERANGE;			\
	}								\
	if (endptr != 0)						\
		*endptr = end;						\
	return r;							\
}

#define SYMCC_NOLOC
#define SYMCC_LOCP , symcc_locale loc
#define SYMCC_LOCA , loc

/* narrow, plain */
SYMCC_OLD(long, old_strtol, "strtol", SYMCC_GLIBC_BASE,
	  (const char *, char **, int));
SYMCC_OLD(unsigned long, old_strtoul, "strtoul", SYMCC_GLIBC_BASE,
	  (const char *, char **, int));
SYMCC_OLD(long long, old_strtoll, "strtoll", SYMCC_GLIBC_BASE,
	  (const char *, char **, int));
SYMCC_OLD(unsigned long long, old_strtoull, "strtoull", SYMCC_GLIBC_BASE,
	  (const char *, char **, int));
SYMCC_OLD(__INTMAX_TYPE__, old_strtoimax, "strtoimax", SYMCC_V_2_1,
	  (const char *, char **, int));
SYMCC_OLD(__UINTMAX_TYPE__, old_strtoumax, "strtoumax", SYMCC_V_2_1,
	  (const char *, char **, int));

SYMCC_DEF_STRTO(__wrap___isoc23_strtol, char, symcc_bin_prefix,
		long, unsigned long, __LONG_MAX__, old_strtol, old_strtoul,
		SYMCC_NOLOC, SYMCC_NOLOC)
SYMCC_DEF_STRTO(__wrap___isoc23_strtoul, char, symcc_bin_prefix,
		unsigned long, unsigned long, 0, old_strtoul, old_strtoul,
		SYMCC_NOLOC, SYMCC_NOLOC)
SYMCC_DEF_STRTO(__wrap___isoc23_strtoll, char, symcc_bin_prefix,
		long long, unsigned long long, __LONG_LONG_MAX__, old_strtoll,
		old_strtoull, SYMCC_NOLOC, SYMCC_NOLOC)
SYMCC_DEF_STRTO(__wrap___isoc23_strtoull, char, symcc_bin_prefix,
		unsigned long long, unsigned long long, 0, old_strtoull,
		old_strtoull, SYMCC_NOLOC, SYMCC_NOLOC)
SYMCC_DEF_STRTO(__wrap___isoc23_strtoimax, char, symcc_bin_prefix,
		__INTMAX_TYPE__, __UINTMAX_TYPE__, __INTMAX_MAX__,
		old_strtoimax, old_strtoumax, SYMCC_NOLOC, SYMCC_NOLOC)
SYMCC_DEF_STRTO(__wrap___isoc23_strtoumax, char, symcc_bin_prefix,
		__UINTMAX_TYPE__, __UINTMAX_TYPE__, 0, old_strtoumax,
		old_strtoumax, SYMCC_NOLOC, SYMCC_NOLOC)

/* narrow, with locale */
SYMCC_OLD(long, old_strtol_l, "strtol_l", SYMCC_V_2_3,
	  (const char *, char **, int, symcc_locale));
SYMCC_OLD(unsigned long, old_strtoul_l, "strtoul_l", SYMCC_V_2_3,
	  (const char *, char **, int, symcc_locale));
/* strtoll_l came with strtol_l in 2.3 on 32-bit x86; the 64-bit
 * architectures of then got it in 2.3.3 */
#if defined(__i386__)
# define SYMCC_V_STRTOLL_L "GLIBC_2.3"
#else
# define SYMCC_V_STRTOLL_L SYMCC_V_2_3_3
#endif
SYMCC_OLD(long long, old_strtoll_l, "strtoll_l", SYMCC_V_STRTOLL_L,
	  (const char *, char **, int, symcc_locale));
SYMCC_OLD(unsigned long long, old_strtoull_l, "strtoull_l", SYMCC_V_STRTOLL_L,
	  (const char *, char **, int, symcc_locale));

SYMCC_DEF_STRTO(__wrap___isoc23_strtol_l, char, symcc_bin_prefix,
		long, unsigned long, __LONG_MAX__, old_strtol_l, old_strtoul_l,
		SYMCC_LOCP, SYMCC_LOCA)
SYMCC_DEF_STRTO(__wrap___isoc23_strtoul_l, char, symcc_bin_prefix,
		unsigned long, unsigned long, 0, old_strtoul_l, old_strtoul_l,
		SYMCC_LOCP, SYMCC_LOCA)
SYMCC_DEF_STRTO(__wrap___isoc23_strtoll_l, char, symcc_bin_prefix,
		long long, unsigned long long, __LONG_LONG_MAX__,
		old_strtoll_l, old_strtoull_l, SYMCC_LOCP, SYMCC_LOCA)
SYMCC_DEF_STRTO(__wrap___isoc23_strtoull_l, char, symcc_bin_prefix,
		unsigned long long, unsigned long long, 0, old_strtoull_l,
		old_strtoull_l, SYMCC_LOCP, SYMCC_LOCA)

/* wide, plain */
SYMCC_OLD(long, old_wcstol, "wcstol", SYMCC_GLIBC_BASE,
	  (const symcc_wchar *, symcc_wchar **, int));
SYMCC_OLD(unsigned long, old_wcstoul, "wcstoul", SYMCC_GLIBC_BASE,
	  (const symcc_wchar *, symcc_wchar **, int));
SYMCC_OLD(long long, old_wcstoll, "wcstoll", SYMCC_V_2_1,
	  (const symcc_wchar *, symcc_wchar **, int));
SYMCC_OLD(unsigned long long, old_wcstoull, "wcstoull", SYMCC_V_2_1,
	  (const symcc_wchar *, symcc_wchar **, int));
SYMCC_OLD(__INTMAX_TYPE__, old_wcstoimax, "wcstoimax", SYMCC_V_2_1,
	  (const symcc_wchar *, symcc_wchar **, int));
SYMCC_OLD(__UINTMAX_TYPE__, old_wcstoumax, "wcstoumax", SYMCC_V_2_1,
	  (const symcc_wchar *, symcc_wchar **, int));

SYMCC_DEF_STRTO(__wrap___isoc23_wcstol, symcc_wchar, symcc_wbin_prefix,
		long, unsigned long, __LONG_MAX__, old_wcstol, old_wcstoul,
		SYMCC_NOLOC, SYMCC_NOLOC)
SYMCC_DEF_STRTO(__wrap___isoc23_wcstoul, symcc_wchar, symcc_wbin_prefix,
		unsigned long, unsigned long, 0, old_wcstoul, old_wcstoul,
		SYMCC_NOLOC, SYMCC_NOLOC)
SYMCC_DEF_STRTO(__wrap___isoc23_wcstoll, symcc_wchar, symcc_wbin_prefix,
		long long, unsigned long long, __LONG_LONG_MAX__, old_wcstoll,
		old_wcstoull, SYMCC_NOLOC, SYMCC_NOLOC)
SYMCC_DEF_STRTO(__wrap___isoc23_wcstoull, symcc_wchar, symcc_wbin_prefix,
		unsigned long long, unsigned long long, 0, old_wcstoull,
		old_wcstoull, SYMCC_NOLOC, SYMCC_NOLOC)
SYMCC_DEF_STRTO(__wrap___isoc23_wcstoimax, symcc_wchar, symcc_wbin_prefix,
		__INTMAX_TYPE__, __UINTMAX_TYPE__, __INTMAX_MAX__,
		old_wcstoimax, old_wcstoumax, SYMCC_NOLOC, SYMCC_NOLOC)
SYMCC_DEF_STRTO(__wrap___isoc23_wcstoumax, symcc_wchar, symcc_wbin_prefix,
		__UINTMAX_TYPE__, __UINTMAX_TYPE__, 0, old_wcstoumax,
		old_wcstoumax, SYMCC_NOLOC, SYMCC_NOLOC)

/* wide, with locale */
SYMCC_OLD(long, old_wcstol_l, "wcstol_l", SYMCC_V_2_3,
	  (const symcc_wchar *, symcc_wchar **, int, symcc_locale));
SYMCC_OLD(unsigned long, old_wcstoul_l, "wcstoul_l", SYMCC_V_2_3,
	  (const symcc_wchar *, symcc_wchar **, int, symcc_locale));
SYMCC_OLD(long long, old_wcstoll_l, "wcstoll_l", SYMCC_V_2_3,
	  (const symcc_wchar *, symcc_wchar **, int, symcc_locale));
SYMCC_OLD(unsigned long long, old_wcstoull_l, "wcstoull_l", SYMCC_V_2_3,
	  (const symcc_wchar *, symcc_wchar **, int, symcc_locale));

SYMCC_DEF_STRTO(__wrap___isoc23_wcstol_l, symcc_wchar, symcc_wbin_prefix,
		long, unsigned long, __LONG_MAX__, old_wcstol_l, old_wcstoul_l,
		SYMCC_LOCP, SYMCC_LOCA)
SYMCC_DEF_STRTO(__wrap___isoc23_wcstoul_l, symcc_wchar, symcc_wbin_prefix,
		unsigned long, unsigned long, 0, old_wcstoul_l, old_wcstoul_l,
		SYMCC_LOCP, SYMCC_LOCA)
SYMCC_DEF_STRTO(__wrap___isoc23_wcstoll_l, symcc_wchar, symcc_wbin_prefix,
		long long, unsigned long long, __LONG_LONG_MAX__,
		old_wcstoll_l, old_wcstoull_l, SYMCC_LOCP, SYMCC_LOCA)
SYMCC_DEF_STRTO(__wrap___isoc23_wcstoull_l, symcc_wchar, symcc_wbin_prefix,
		unsigned long long, unsigned long long, 0, old_wcstoull_l,
		old_wcstoull_l, SYMCC_LOCP, SYMCC_LOCA)
