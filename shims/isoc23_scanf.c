/* isoc23_scanf.c: __isoc23_{,f,s,v,vf,vs}scanf (glibc 2.38) -> __isoc99_*.
 * SPDX-License-Identifier: MIT-0
 *
 * The old __isoc99_* functions (GLIBC_2.7) do everything but the C23
 * additions (%i with "0b", %b, wN modifiers); isoc23_scanf.h adds those on
 * top of them.  See that file for the method and its limitations.
 */
#include "symver.h"
#include "arch.h"
#include <stdarg.h>

SYMCC_OLD(int, old_sscanf, "__isoc99_sscanf", SYMCC_V_2_7,
	  (const char *, const char *, ...));
SYMCC_OLD(int, old_fscanf, "__isoc99_fscanf", SYMCC_V_2_7,
	  (void *, const char *, ...));
SYMCC_OLD(int, old_vsscanf, "__isoc99_vsscanf", SYMCC_V_2_7,
	  (const char *, const char *, va_list));
SYMCC_OLD(int, old_vfscanf, "__isoc99_vfscanf", SYMCC_V_2_7,
	  (void *, const char *, va_list));
SYMCC_OLD(int, old_getc, "_IO_getc", SYMCC_GLIBC_BASE, (void *));
SYMCC_OLD(int, old_ungetc, "ungetc", SYMCC_GLIBC_BASE, (int, void *));
SYMCC_OLD(int, old_isspace, "isspace", SYMCC_GLIBC_BASE, (int));
SYMCC_OLD(int *, old_errno, "__errno_location", SYMCC_GLIBC_BASE, (void));
SYMCC_OLD_DATA(void *, old_stdin, "stdin", SYMCC_GLIBC_BASE);

#define SC_CHAR char
#define SC_UCHAR unsigned char
#define SC_INT int
#define SC_EOF (-1)
#define sc_old_str old_sscanf
#define sc_old_file old_fscanf
#define sc_old_vstr old_vsscanf
#define sc_old_vfile old_vfscanf
#define sc_getc old_getc
#define sc_ungetc old_ungetc
#define sc_isspace old_isspace
#define sc_errno old_errno
#include "isoc23_scanf.h"

/* __isoc23_vsscanf (s, fmt, ap) */
SYMCC_SHIM int
__wrap___isoc23_vsscanf(const char *s, const char *fmt, va_list ap)
{
	return sc_vstr(s, fmt, ap);
}

/* __isoc23_vfscanf (fp, fmt, ap) */
SYMCC_SHIM int
__wrap___isoc23_vfscanf(void *fp, const char *fmt, va_list ap)
{
	return sc_vfile(fp, fmt, ap);
}

/* __isoc23_vscanf (fmt, ap) */
SYMCC_SHIM int
__wrap___isoc23_vscanf(const char *fmt, va_list ap)
{
	return sc_vfile(old_stdin, fmt, ap);
}

/* __isoc23_sscanf (s, fmt, ...) */
SYMCC_SHIM int
__wrap___isoc23_sscanf(const char *s, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = sc_vstr(s, fmt, ap);
	va_end(ap);
	return r;
}

/* __isoc23_fscanf (fp, fmt, ...) */
SYMCC_SHIM int
__wrap___isoc23_fscanf(void *fp, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = sc_vfile(fp, fmt, ap);
	va_end(ap);
	return r;
}

/* __isoc23_scanf (fmt, ...) */
SYMCC_SHIM int
__wrap___isoc23_scanf(const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = sc_vfile(old_stdin, fmt, ap);
	va_end(ap);
	return r;
}
