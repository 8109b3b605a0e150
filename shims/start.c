/* start.c: __libc_start_main@GLIBC_2.34 -> the base version, running constructors.
 * SPDX-License-Identifier: MIT-0
 *
 * Since glibc 2.34, crt1.o passes init = NULL and the new __libc_start_main
 * runs the executable's _init and init_array itself.  An older libc only does
 * "if (init) init (argc, argv, envp)", so constructors would silently not run.
 * This shim passes an init function that does what __libc_csu_init did:
 * _init (), then every init_array entry.  preinit_array is not run here: the
 * dynamic loader runs it for dynamic executables.  On glibc >= 2.34 the base
 * version of __libc_start_main also calls a non-NULL init instead of its own
 * call_init, so constructors run exactly once either way.
 *
 * Not for powerpc: its __libc_start_main takes a startinfo structure.
 */
#include "symver.h"
#include "arch.h"

#if !defined(__powerpc__)

typedef int symcc_main_fn(int, char **, char **);
typedef void symcc_init_fn(int, char **, char **);

SYMCC_OLD(int, old_libc_start_main, "__libc_start_main", SYMCC_GLIBC_BASE,
	  (symcc_main_fn *main, int argc, char **argv, symcc_init_fn *init,
	   void (*fini)(void), void (*rtld_fini)(void), void *stack_end));

/* defined by crti.o and by the linker script in the executable */
#if SYMCC_HAVE_INIT
extern void _init(void) __attribute__((visibility("hidden")));
#endif
extern symcc_init_fn *__init_array_start[] __attribute__((visibility("hidden")));
extern symcc_init_fn *__init_array_end[] __attribute__((visibility("hidden")));

/* runs the executable's DT_INIT and DT_INIT_ARRAY, as __libc_csu_init did */
static void
symcc_run_init(int argc, char **argv, char **envp)
{
	unsigned long n = (unsigned long)(__init_array_end - __init_array_start);
	unsigned long i;

#if SYMCC_HAVE_INIT
	_init();
#endif
	for (i = 0; i < n; i++)
		__init_array_start[i](argc, argv, envp);
}

/* __libc_start_main with a NULL init replaced by symcc_run_init */
SYMCC_SHIM int
__wrap___libc_start_main(symcc_main_fn *main, int argc, char **argv,
			 symcc_init_fn *init, void (*fini)(void),
			 void (*rtld_fini)(void), void *stack_end)
{
	if (init == 0)
		init = symcc_run_init;
	return old_libc_start_main(main, argc, argv, init, fini, rtld_fini,
				   stack_end);
}

#endif /* !__powerpc__ */
