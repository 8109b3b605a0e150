/* weak.c: weak references to functions the target lacks stay NULL there. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

extern uint32_t arc4random(void) __attribute__((weak));
extern size_t strlcpy(char *, const char *, size_t) __attribute__((weak));

int
main(void)
{
	printf("arc4random %s, strlcpy %s\n", arc4random ? "present" : "absent",
	       strlcpy ? "present" : "absent");
	return 0;
}
