/* fcntl.c: fcntl64 (glibc 2.28) -> fcntl at the base version.
 * SPDX-License-Identifier: MIT-0
 *
 * Headers redirect fcntl to fcntl64 whenever _FILE_OFFSET_BITS=64, also on
 * 64-bit targets where both are the same function.  The third argument is
 * read as a pointer-sized value, as glibc's own fcntl does.  On i386/armhf the
 * old fcntl with the F_*LK64 commands is believed equivalent (unverified).
 */
#include "symver.h"
#include "arch.h"
#include <stdarg.h>

SYMCC_OLD(int, old_fcntl, "fcntl", SYMCC_GLIBC_BASE, (int fd, int cmd, ...));

/* fcntl64 (fd, cmd, arg) */
SYMCC_SHIM int
__wrap_fcntl64(int fd, int cmd, ...)
{
	va_list ap;
	void *arg;

	va_start(ap, cmd);
	arg = va_arg(ap, void *);
	va_end(ap);
	return old_fcntl(fd, cmd, arg);
}
