/* thread_atexit.c: __cxa_thread_atexit_impl (glibc 2.18) on pthread keys,
 * for targets below 2.18.
 * SPDX-License-Identifier: MIT-0
 *
 * libstdc++ registers the destructor of every thread_local object that has
 * one with __cxa_thread_atexit (func, obj, dso), which calls this function
 * when the build-time glibc has it.  The contract, as glibc and the Itanium
 * C++ ABI give it:
 *   - func (obj) runs when the registering thread exits, in the reverse order
 *     of registration; a destructor may register more, which then run too;
 *   - for the thread that calls exit () (the main thread, usually, by
 *     returning from main) they run at exit;
 *   - the module (DSO) that registered them stays loaded until they have
 *     run, even across dlclose.
 *
 * How this shim meets it, with what old glibc has:
 *   - Each thread's destructors are a list hung on a pthread key (list_key)
 *     whose destructor runs them at thread exit, pthread_exit of the main
 *     thread included.
 *   - exit (): an exit handler (__cxa_atexit, registered at the first
 *     registration, with this module's __dso_handle) runs the calling
 *     thread's list.  In an executable whose __libc_start_main is symcc's
 *     (start.c: every build on glibc >= 2.34), main's return runs the main
 *     thread's list first, before any exit handler, as glibc does.
 *   - Pinning: the first registration in a thread takes a reference on this
 *     module with dlopen (its own name, RTLD_NOLOAD); a user's dlclose then
 *     leaves it loaded.  The reference cannot be dropped by this module's own
 *     code: dlclose could unmap the code it returns into.  So the list_key
 *     destructor, once the list has run, hands the handle to a second key
 *     (pin_key) whose destructor IS dlclose: libpthread calls dlclose from
 *     its own code, after this module's code has returned.  A destructor
 *     registered with another module's dso handle pins that module too, and
 *     that pin is dropped right after its destructor (other code: safe).
 *     The main thread's pin is never dropped (it runs at exit).
 *   - The shim is hidden and linked into each module, so each module built
 *     by symcc has its own lists and keys; they are unloaded (keys deleted)
 *     with the module.
 *
 * Where it differs from glibc 2.18+, which runs the list from libc itself:
 *   - at thread exit, glibc runs thread_local destructors before every
 *     pthread key destructor; here they run as one of those key destructors,
 *     in key index order (usually: after those of keys created earlier);
 *   - at exit, glibc runs them before all exit handlers; here they do so
 *     only for an executable's list when main returns; a shared object's
 *     list, and any list at an explicit exit () call, runs as an exit handler
 *     registered at the module's first registration: after the exit handlers
 *     and static destructors registered later;
 *   - glibc keeps one list per thread across all modules; here each module
 *     has its own, so the reverse order holds within a module, and between
 *     modules at thread exit follows key order, at exit handler order;
 *   - when the main thread calls pthread_exit while other threads run,
 *     glibc never runs its list (only exit () by the last thread would, and
 *     that runs the exiting thread's); here it runs then, as for any thread;
 *   - this returns -1 if memory or a key cannot be had, and the object is
 *     then never destroyed (libstdc++ and compiled code ignore the result).
 * It needs libpthread.so.0 (the keys) and libdl.so.2 (the pin): shims.txt
 * names both.
 */
#include "arch.h"
#include "symver.h"
#include "pthreadkey.h"

typedef __SIZE_TYPE__ size_t;

/* glibc's Dl_info */
struct symcc_dl_info {
	const char *dli_fname;
	void *dli_fbase;
	const char *dli_sname;
	void *dli_saddr;
};

#define SYMCC_RTLD_LAZY   0x00001
#define SYMCC_RTLD_NOLOAD 0x00004

SYMCC_OLD(void *, old_malloc, "malloc", SYMCC_GLIBC_BASE, (size_t));
SYMCC_OLD(void, old_free, "free", SYMCC_GLIBC_BASE, (void *));
SYMCC_OLD(int, old_cxa_atexit, "__cxa_atexit", SYMCC_V_2_1_3,
	  (void (*)(void *), void *, void *));
SYMCC_OLD(int, old_dladdr, "dladdr", SYMCC_GLIBC_BASE, (const void *, struct symcc_dl_info *));
SYMCC_OLD(void *, old_dlopen, "dlopen", SYMCC_V_2_1, (const char *, int));
SYMCC_OLD(int, old_dlclose, "dlclose", SYMCC_GLIBC_BASE, (void *));

/* crtbegin's: 0 in an executable, its own address in a shared object */
extern void *__dso_handle __attribute__((weak, visibility("hidden")));

/* one registered destructor */
struct symcc_tdtor {
	void (*func)(void *);
	void *obj;
	void *pin;		/* dlopen handle of another module, or NULL */
	struct symcc_tdtor *next;
};

/* one thread's destructors, newest first */
struct symcc_tlist {
	struct symcc_tdtor *head;
	void *pin;		/* dlopen handle of this module, or NULL */
};

/* set once by symcc_tls_init */
static int symcc_tls_once;
static int symcc_tls_ready;
static unsigned int list_key, pin_key;
static const char *self_name;	/* this module's name for dlopen, NULL if an executable */
static void *self_base;

/* runs and frees L's destructors, newest first, including any they register */
static void
symcc_tls_run(struct symcc_tlist *l)
{
	struct symcc_tdtor *d;

	while ((d = l->head) != 0) {
		l->head = d->next;
		d->func(d->obj);
		if (d->pin)
			old_dlclose(d->pin);
		old_free(d);
	}
}

/* list_key's destructor: the thread is exiting */
static void
symcc_tls_thread_exit(void *p)
{
	struct symcc_tlist *l = p;
	void *pin = l->pin;

	/* registrations made by the destructors join this same list */
	old_setspecific(list_key, l);
	symcc_tls_run(l);
	old_setspecific(list_key, 0);
	old_free(l);
	/* libpthread calls pin_key's destructor, dlclose, after this returns
	 * (in this round if pin_key comes later, else in its next round) */
	if (pin)
		old_setspecific(pin_key, pin);
}

/* the exit handler: exit () runs the calling thread's list */
static void
symcc_tls_at_exit(void *unused)
{
	struct symcc_tlist *l;

	(void)unused;
	l = old_getspecific(list_key);
	if (l)
		symcc_tls_run(l);
}

/* start.c's main wrapper calls this when main has returned: the main
 * thread's list runs before the exit handlers, as in glibc */
SYMCC_SHIM void symcc_tls_main_return(void);
SYMCC_SHIM void
symcc_tls_main_return(void)
{
	if (symcc_tls_ready)
		symcc_tls_at_exit(0);
}

static void
symcc_tls_init(void)
{
	struct symcc_dl_info info;
	void (*release)(void *) = (void (*)(void *))(void (*)(void))old_dlclose;

	if (old_key_create(&list_key, symcc_tls_thread_exit) != 0)
		return;
	if (old_key_create(&pin_key, release) != 0) {
		old_key_delete(list_key);
		return;
	}
	if (old_cxa_atexit(symcc_tls_at_exit, 0, &__dso_handle) != 0) {
		old_key_delete(list_key);
		old_key_delete(pin_key);
		return;
	}
	if (old_dladdr((const void *)symcc_tls_init, &info) != 0) {
		self_base = info.dli_fbase;
		if (&__dso_handle != 0 && __dso_handle != 0)
			self_name = info.dli_fname;
	}
	symcc_tls_ready = 1;
}

/* a reference on the module holding DSO_SYMBOL if that is not this one */
static void *
symcc_tls_pin_other(void *dso_symbol)
{
	struct symcc_dl_info info;

	if (!dso_symbol || old_dladdr(dso_symbol, &info) == 0 || !info.dli_fname ||
	    info.dli_fbase == self_base)
		return 0;
	return old_dlopen(info.dli_fname, SYMCC_RTLD_LAZY | SYMCC_RTLD_NOLOAD);
}

/* the calling thread's list, made on first use */
static struct symcc_tlist *
symcc_tls_list(void)
{
	struct symcc_tlist *l = old_getspecific(list_key);

	if (l)
		return l;
	l = old_malloc(sizeof(*l));
	if (!l)
		return 0;
	l->head = 0;
	l->pin = self_name ? old_dlopen(self_name, SYMCC_RTLD_LAZY | SYMCC_RTLD_NOLOAD) : 0;
	if (old_setspecific(list_key, l) != 0) {
		/* the caller holds a reference too: this dlclose unloads nothing */
		if (l->pin)
			old_dlclose(l->pin);
		old_free(l);
		return 0;
	}
	return l;
}

/* __cxa_thread_atexit_impl (func, obj, dso_symbol): 0, or -1 if out of
 * memory or keys */
SYMCC_SHIM int
__wrap___cxa_thread_atexit_impl(void (*func)(void *), void *obj, void *dso_symbol)
{
	struct symcc_tlist *l;
	struct symcc_tdtor *d;

	old_once(&symcc_tls_once, symcc_tls_init);
	if (!symcc_tls_ready || (l = symcc_tls_list()) == 0)
		return -1;
	d = old_malloc(sizeof(*d));
	if (!d)
		return -1;
	d->func = func;
	d->obj = obj;
	d->pin = symcc_tls_pin_other(dso_symbol);
	d->next = l->head;
	l->head = d;
	return 0;
}

/* a shared object being unloaded gives its keys back (every list of it has
 * run: its pins kept it loaded until then); an executable keeps them, as
 * other threads may still exit after its exit handlers */
__attribute__((destructor)) static void
symcc_tls_fini(void)
{
	if (symcc_tls_ready && self_name) {
		old_key_delete(list_key);
		old_key_delete(pin_key);
	}
}
