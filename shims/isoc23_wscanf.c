/* isoc23_wscanf.c: __isoc23_{,f,s,v,vf,vs}wscanf (glibc 2.38) -> __isoc99_*.
 * SPDX-License-Identifier: MIT-0
 *
 * The wide twin of isoc23_scanf.c: the same engine (isoc23_scanf.h) on
 * wchar_t formats, wide string input and wide streams (fgetwc/ungetwc).
 */
#include "symver.h"
#include "arch.h"
#include <stdarg.h>

typedef __WCHAR_TYPE__ symcc_wchar;
typedef __WINT_TYPE__ symcc_wint;

SYMCC_OLD(int, old_swscanf, "__isoc99_swscanf", SYMCC_V_2_7,
	  (const symcc_wchar *, const symcc_wchar *, ...));
SYMCC_OLD(int, old_fwscanf, "__isoc99_fwscanf", SYMCC_V_2_7,
	  (void *, const symcc_wchar *, ...));
SYMCC_OLD(int, old_vswscanf, "__isoc99_vswscanf", SYMCC_V_2_7,
	  (const symcc_wchar *, const symcc_wchar *, va_list));
SYMCC_OLD(int, old_vfwscanf, "__isoc99_vfwscanf", SYMCC_V_2_7,
	  (void *, const symcc_wchar *, va_list));
SYMCC_OLD(symcc_wint, old_fgetwc, "fgetwc", SYMCC_V_2_2, (void *));
SYMCC_OLD(symcc_wint, old_ungetwc, "ungetwc", SYMCC_V_2_2,
	  (symcc_wint, void *));
SYMCC_OLD(int, old_iswspace, "iswspace", SYMCC_GLIBC_BASE, (symcc_wint));
SYMCC_OLD(int *, old_errno, "__errno_location", SYMCC_GLIBC_BASE, (void));
SYMCC_OLD_DATA(void *, old_stdin, "stdin", SYMCC_GLIBC_BASE);

#define SC_CHAR symcc_wchar
#define SC_UCHAR symcc_wint
#define SC_INT symcc_wint
#define SC_EOF ((symcc_wint)0xffffffffu)
#define sc_old_str old_swscanf
#define sc_old_file old_fwscanf
#define sc_old_vstr old_vswscanf
#define sc_old_vfile old_vfwscanf
#define sc_getc old_fgetwc
#define sc_ungetc old_ungetwc
#define sc_isspace old_iswspace
#define sc_errno old_errno
#include "isoc23_scanf.h"

/* __isoc23_vswscanf (s, fmt, ap) */
SYMCC_SHIM int
__wrap___isoc23_vswscanf(const symcc_wchar *s, const symcc_wchar *fmt,
			 va_list ap)
{
	return sc_vstr(s, fmt, ap);
}

/* __isoc23_vfwscanf (fp, fmt, ap) */
SYMCC_SHIM int
__wrap___isoc23_vfwscanf(void *fp, const symcc_wchar *fmt, va_list ap)
{
	return sc_vfile(fp, fmt, ap);
}

/* __isoc23_vwscanf (fmt, ap) */
SYMCC_SHIM int
__wrap___isoc23_vwscanf(const symcc_wchar *fmt, va_list ap)
{
	return sc_vfile(old_stdin, fmt, ap);
}

/* __isoc23_swscanf (s, fmt, ...) */
SYMCC_SHIM int
__wrap___isoc23_swscanf(const symcc_wchar *s, const symcc_wchar *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = sc_vstr(s, fmt, ap);
	va_end(ap);
	return r;
}

/* __isoc23_fwscanf (fp, fmt, ...) */
SYMCC_SHIM int
__wrap___isoc23_fwscanf(void *fp, const symcc_wchar *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = sc_vfile(fp, fmt, ap);
	va_end(ap);
	return r;
}

/* __isoc23_wscanf (fmt, ...) */
SYMCC_SHIM int
__wrap___isoc23_wscanf(const symcc_wchar *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = sc_vfile(old_stdin, fmt, ap);
	va_end(ap);
	return r;
}
