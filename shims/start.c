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
 * powerpc64le's __libc_start_main takes the main/init/fini pointers in a
 * startup_info structure instead (glibc sysdeps/unix/sysv/linux/powerpc/
 * libc-start.c): the shim passes a copy with init filled in.  32-bit and
 * big-endian powerpc are not manylinux targets and get no shim.
 *
 * When the program also uses thread_atexit.c's __cxa_thread_atexit_impl,
 * main is called through symcc_main, which runs the main thread's
 * thread_local destructors when main returns (see symcc_main).
 */
#include "symver.h"
#include "arch.h"

#if !defined(__powerpc__) || (defined(__powerpc64__) && defined(__LITTLE_ENDIAN__))

typedef int symcc_main_fn(int, char **, char **);
typedef void symcc_init_fn(int, char **, char **);

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

/* thread_atexit.c's, when that shim is linked too (else NULL): runs the
 * main thread's thread_local destructors when main returns, before the exit
 * handlers, where glibc 2.18's exit runs them */
extern void symcc_tls_main_return(void) __attribute__((weak, visibility("hidden")));

static symcc_main_fn *symcc_real_main;

/* main, then the main thread's thread_local destructors; the fourth
 * argument is the auxiliary vector that powerpc passes to main */
static int
symcc_main(int argc, char **argv, char **envp, void *auxv)
{
	int (*real)(int, char **, char **, void *) =
		(int (*)(int, char **, char **, void *))(void (*)(void))symcc_real_main;
	int ret = real(argc, argv, envp, auxv);

	symcc_tls_main_return();
	return ret;
}

/* MAIN, or symcc_main calling it if thread_local destructors need it */
static symcc_main_fn *
symcc_wrap_main(symcc_main_fn *main)
{
	if (!symcc_tls_main_return)
		return main;
	symcc_real_main = main;
	return (symcc_main_fn *)(void (*)(void))symcc_main;
}

#if !defined(__powerpc__)

SYMCC_OLD(int, old_libc_start_main, "__libc_start_main", SYMCC_GLIBC_BASE,
	  (symcc_main_fn *main, int argc, char **argv, symcc_init_fn *init,
	   void (*fini)(void), void (*rtld_fini)(void), void *stack_end));

/* __libc_start_main with a NULL init replaced by symcc_run_init */
SYMCC_SHIM int
__wrap___libc_start_main(symcc_main_fn *main, int argc, char **argv,
			 symcc_init_fn *init, void (*fini)(void),
			 void (*rtld_fini)(void), void *stack_end)
{
	if (init == 0)
		init = symcc_run_init;
	return old_libc_start_main(symcc_wrap_main(main), argc, argv, init, fini,
				   rtld_fini, stack_end);
}

#else /* powerpc64le */

/* crt1.o's startup_info; old glibc calls init (argc, argv, envp, auxvec),
 * which symcc_run_init takes, ignoring the fourth argument */
struct symcc_startup_info {
	void *sda_base;
	symcc_main_fn *main;
	symcc_init_fn *init;
	void (*fini)(void);
};

SYMCC_OLD(int, old_libc_start_main, "__libc_start_main", SYMCC_GLIBC_BASE,
	  (int argc, char **argv, char **envp, void *auxvec, void (*rtld_fini)(void),
	   struct symcc_startup_info *stinfo, char **stack_on_entry));

/* __libc_start_main with a copy of the startup_info whose NULL init is
 * symcc_run_init (__libc_start_main never returns: the copy outlives it) */
SYMCC_SHIM int
__wrap___libc_start_main(int argc, char **argv, char **envp, void *auxvec,
			 void (*rtld_fini)(void), struct symcc_startup_info *stinfo,
			 char **stack_on_entry)
{
	struct symcc_startup_info si = *stinfo;

	if (si.init == 0)
		si.init = symcc_run_init;
	si.main = symcc_wrap_main(si.main);
	return old_libc_start_main(argc, argv, envp, auxvec, rtld_fini, &si,
				   stack_on_entry);
}

#endif
#endif /* not 32-bit or big-endian powerpc */
