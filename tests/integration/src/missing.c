/* missing.c: calls a function glibc 2.17 lacks and symcc has no shim for. */
#define _GNU_SOURCE
#include <spawn.h>
#include <stdio.h>

int
main(void)
{
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	printf("%d\n", posix_spawn_file_actions_addtcsetpgrp_np(&fa, 0));
	return 0;
}
