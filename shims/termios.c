/* termios.c: cfgetispeed, cfgetospeed, cfsetispeed, cfsetospeed and
 * cfsetspeed with the numeric baud rates of glibc 2.42, on the old
 * functions, which take and return Bxxx codes.
 * SPDX-License-Identifier: MIT-0
 *
 * Since 2.42, speed_t is the rate itself (B9600 == 9600) and any rate is
 * accepted.  The old functions know only the codes of the standard rates,
 * and old tcsetattr cannot pass another rate to the kernel, so a rate
 * without a code fails with EINVAL here, as old glibc failed for an
 * unknown code.  struct termios itself did not change.
 */
#include "arch.h"
#include "symver.h"

typedef unsigned int speed_type;

SYMCC_OLD(int *, old_errno_location, "__errno_location", SYMCC_GLIBC_BASE, (void));
SYMCC_OLD(speed_type, old_cfgetispeed, "cfgetispeed", SYMCC_GLIBC_BASE, (const void *));
SYMCC_OLD(speed_type, old_cfgetospeed, "cfgetospeed", SYMCC_GLIBC_BASE, (const void *));
SYMCC_OLD(int, old_cfsetispeed, "cfsetispeed", SYMCC_GLIBC_BASE, (void *, speed_type));
SYMCC_OLD(int, old_cfsetospeed, "cfsetospeed", SYMCC_GLIBC_BASE, (void *, speed_type));
SYMCC_OLD(int, old_cfsetspeed, "cfsetspeed", SYMCC_GLIBC_BASE, (void *, speed_type));

/* The standard rates.  Entries 0 to 15 have codes 0 to 017 (B0 to B38400),
 * entries 16 to 30 consecutive codes from SYMCC_B57600. */
static const unsigned int rates[] = {
	0, 50, 75, 110, 134, 150, 200, 300, 600, 1200, 1800, 2400, 4800,
	9600, 19200, 38400,
	57600, 115200, 230400, 460800, 500000, 576000, 921600, 1000000,
	1152000, 1500000, 2000000, 2500000, 3000000, 3500000, 4000000,
};
#define NRATES (sizeof(rates) / sizeof(rates[0]))

static speed_type
code_of_index(unsigned int i)
{
	return i < 16 ? i : SYMCC_B57600 + (i - 16);
}

/* the code of RATE, or (speed_type)-1 if it has none */
static speed_type
rate_to_code(speed_type rate)
{
	unsigned int i;

	for (i = 0; i < NRATES; i++)
		if (rates[i] == rate)
			return code_of_index(i);
	return (speed_type)-1;
}

/* the rate of CODE; an unknown code (which old glibc never returns) as is */
static speed_type
code_to_rate(speed_type code)
{
	unsigned int i;

	for (i = 0; i < NRATES; i++)
		if (code_of_index(i) == code)
			return rates[i];
	return code;
}

SYMCC_SHIM speed_type
__wrap_cfgetispeed(const void *t)
{
	return code_to_rate(old_cfgetispeed(t));
}

SYMCC_SHIM speed_type
__wrap_cfgetospeed(const void *t)
{
	return code_to_rate(old_cfgetospeed(t));
}

/* calls SET with the code of RATE, or fails with EINVAL */
static int
set_rate(int (*set)(void *, speed_type), void *t, speed_type rate)
{
	speed_type code = rate_to_code(rate);

	if (code == (speed_type)-1) {
		*old_errno_location() = SYMCC_EINVAL;
		return -1;
	}
	return set(t, code);
}

SYMCC_SHIM int
__wrap_cfsetispeed(void *t, speed_type rate)
{
	return set_rate(old_cfsetispeed, t, rate);
}

SYMCC_SHIM int
__wrap_cfsetospeed(void *t, speed_type rate)
{
	return set_rate(old_cfsetospeed, t, rate);
}

SYMCC_SHIM int
__wrap_cfsetspeed(void *t, speed_type rate)
{
	return set_rate(old_cfsetspeed, t, rate);
}
