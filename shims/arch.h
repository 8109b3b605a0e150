/* arch.h: per-architecture constants of the old glibc ABI, in one place.
 * SPDX-License-Identifier: MIT-0
 *
 * SYMCC_STAT_VER / SYMCC_MKNOD_VER: the version argument of __xstat and
 * __xmknod (glibc 2.32 sysdeps/unix/sysv/linux/.../xstatver.h).
 * SYMCC_GLIBC_BASE: the oldest symbol version of the architecture.
 * SYMCC_V_x_y: the version a symbol introduced in glibc x.y on the older
 * architectures carries here, i.e. the later of x.y and the base version.
 *
 * Verified against a real libc.so.6: x86_64 only (glibc 2.36 objdump -T).
 * The other architectures follow glibc's abilist files and are untested.
 */

#if defined(__x86_64__) && defined(__LP64__)
# define SYMCC_STAT_VER   1
# define SYMCC_MKNOD_VER  0
# define SYMCC_GLIBC_BASE "GLIBC_2.2.5"
# define SYMCC_V_2_1      "GLIBC_2.2.5"
# define SYMCC_V_2_2      "GLIBC_2.2.5"
# define SYMCC_V_2_2_4    "GLIBC_2.2.5"
# define SYMCC_V_2_3      "GLIBC_2.3"
# define SYMCC_V_2_3_3    "GLIBC_2.3.3"
# define SYMCC_V_2_4      "GLIBC_2.4"
# define SYMCC_V_2_7      "GLIBC_2.7"
#elif defined(__i386__)
# define SYMCC_STAT_VER   3
# define SYMCC_MKNOD_VER  1
# define SYMCC_GLIBC_BASE "GLIBC_2.0"
# define SYMCC_V_2_1      "GLIBC_2.1"
# define SYMCC_V_2_2      "GLIBC_2.2"
# define SYMCC_V_2_2_4    "GLIBC_2.2.4"
# define SYMCC_V_2_3      "GLIBC_2.3"
# define SYMCC_V_2_3_3    "GLIBC_2.3.3"
# define SYMCC_V_2_4      "GLIBC_2.4"
# define SYMCC_V_2_7      "GLIBC_2.7"
#elif defined(__s390x__)
# define SYMCC_STAT_VER   1
# define SYMCC_MKNOD_VER  0
# define SYMCC_GLIBC_BASE "GLIBC_2.2"
# define SYMCC_V_2_1      "GLIBC_2.2"
# define SYMCC_V_2_2      "GLIBC_2.2"
# define SYMCC_V_2_2_4    "GLIBC_2.2.4"
# define SYMCC_V_2_3      "GLIBC_2.3"
# define SYMCC_V_2_3_3    "GLIBC_2.3.3"
# define SYMCC_V_2_4      "GLIBC_2.4"
# define SYMCC_V_2_7      "GLIBC_2.7"
#elif defined(__arm__) && defined(__ARM_PCS_VFP)
# define SYMCC_STAT_VER   3
# define SYMCC_MKNOD_VER  1
# define SYMCC_GLIBC_BASE "GLIBC_2.4"
# define SYMCC_V_2_1      "GLIBC_2.4"
# define SYMCC_V_2_2      "GLIBC_2.4"
# define SYMCC_V_2_2_4    "GLIBC_2.4"
# define SYMCC_V_2_3      "GLIBC_2.4"
# define SYMCC_V_2_3_3    "GLIBC_2.4"
# define SYMCC_V_2_4      "GLIBC_2.4"
# define SYMCC_V_2_7      "GLIBC_2.7"
#elif defined(__aarch64__) || (defined(__powerpc64__) && defined(__LITTLE_ENDIAN__))
# if defined(__aarch64__)
#  define SYMCC_STAT_VER  0
#  define SYMCC_MKNOD_VER 0
# else
#  define SYMCC_STAT_VER  1
#  define SYMCC_MKNOD_VER 1
# endif
# define SYMCC_GLIBC_BASE "GLIBC_2.17"
# define SYMCC_V_2_1      "GLIBC_2.17"
# define SYMCC_V_2_2      "GLIBC_2.17"
# define SYMCC_V_2_2_4    "GLIBC_2.17"
# define SYMCC_V_2_3      "GLIBC_2.17"
# define SYMCC_V_2_3_3    "GLIBC_2.17"
# define SYMCC_V_2_4      "GLIBC_2.17"
# define SYMCC_V_2_7      "GLIBC_2.17"
#elif defined(__riscv) && __riscv_xlen == 64
/* riscv64 started at 2.27 with the generic ABI: _STAT_VER 0, _MKNOD_VER 0 */
# define SYMCC_STAT_VER   0
# define SYMCC_MKNOD_VER  0
# define SYMCC_GLIBC_BASE "GLIBC_2.27"
# define SYMCC_V_2_1      "GLIBC_2.27"
# define SYMCC_V_2_2      "GLIBC_2.27"
# define SYMCC_V_2_2_4    "GLIBC_2.27"
# define SYMCC_V_2_3      "GLIBC_2.27"
# define SYMCC_V_2_3_3    "GLIBC_2.27"
# define SYMCC_V_2_4      "GLIBC_2.27"
# define SYMCC_V_2_7      "GLIBC_2.27"
#else
# error "symcc shims: unsupported architecture (see shims/arch.h)"
#endif

/* system call numbers the polyfills use (asm/unistd.h of each arch) */
#if defined(__x86_64__) && defined(__LP64__)
# define SYMCC_NR_getrandom      318
# define SYMCC_NR_clock_gettime  228
#elif defined(__i386__)
# define SYMCC_NR_getrandom      355
# define SYMCC_NR_clock_gettime  265
#elif defined(__aarch64__) || defined(__riscv)
# define SYMCC_NR_getrandom      278
# define SYMCC_NR_clock_gettime  113
#elif defined(__arm__)
# define SYMCC_NR_getrandom      384
# define SYMCC_NR_clock_gettime  263
#elif defined(__powerpc64__)
# define SYMCC_NR_getrandom      359
# define SYMCC_NR_clock_gettime  246
#elif defined(__s390x__)
# define SYMCC_NR_getrandom      349
# define SYMCC_NR_clock_gettime  260
#endif

/* pthread_cond_* with the condition variable ABI of glibc 2.3.2 and later
 * (the 2.2.5 versions on x86_64 are the old, incompatible ABI) */
#if defined(__x86_64__) || defined(__i386__) || defined(__s390x__)
# define SYMCC_V_COND     "GLIBC_2.3.2"
#else
# define SYMCC_V_COND     SYMCC_GLIBC_BASE
#endif

/* errno values and flags: asm-generic, the same on every architecture here */
#define SYMCC_EINTR      4
#define SYMCC_EIO        5
#define SYMCC_ENOSYS     38
#define SYMCC_ETIMEDOUT  110
#define SYMCC_O_RDONLY   0
#define SYMCC_O_CLOEXEC  02000000
#define SYMCC_CLOCK_REALTIME  0
#define SYMCC_CLOCK_MONOTONIC 1

/* EINVAL and ERANGE: the same on every Linux architecture
 * (asm-generic/errno-base.h); the shims include no libc header, so they
 * build with a bare cross compiler */
#define SYMCC_EINVAL 22
#define SYMCC_ERANGE 34

/* ELF_INITFINI: the executable has an _init function from crti.o */
#if defined(__riscv)
# define SYMCC_HAVE_INIT 0
#else
# define SYMCC_HAVE_INIT 1
#endif
