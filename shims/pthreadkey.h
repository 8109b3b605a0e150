/* pthreadkey.h: pthread_once and the thread-specific data functions at
 * their base versions (libpthread.so.0 before glibc 2.34), for threads.c
 * and thread_atexit.c.  Include after symver.h and arch.h.
 * SPDX-License-Identifier: MIT-0
 *
 * glibc's pthread_once_t is int and pthread_key_t unsigned int everywhere.
 */
SYMCC_OLD(int, old_once, "pthread_once", SYMCC_GLIBC_BASE, (int *, void (*)(void)));
SYMCC_OLD(int, old_key_create, "pthread_key_create", SYMCC_GLIBC_BASE,
          (unsigned int *, void (*)(void *)));
SYMCC_OLD(int, old_key_delete, "pthread_key_delete", SYMCC_GLIBC_BASE, (unsigned int));
SYMCC_OLD(void *, old_getspecific, "pthread_getspecific", SYMCC_GLIBC_BASE, (unsigned int));
SYMCC_OLD(int, old_setspecific, "pthread_setspecific", SYMCC_GLIBC_BASE,
          (unsigned int, const void *));
