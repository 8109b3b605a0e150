/* arch.h: per-architecture constants of the old glibc ABI, in one place.
 * SPDX-License-Identifier: MIT-0
 *
 * SYMCC_STAT_VER / SYMCC_MKNOD_VER: the version argument of __xstat and
 * __xmknod (glibc 2.32 sysdeps/unix/sysv/linux/.../xstatver.h).
 * SYMCC_GLIBC_BASE: the oldest symbol version of the architecture.
 * SYMCC_V_x_y: the version a symbol introduced in glibc x.y on the older
 * architectures carries here, i.e. the later of x.y and the base version.
 *
 * Checked on x86_64 against a real libc.so.6 (glibc 2.36 objdump -T), on
 * the others by tests/integration/cross.sh: every version the shims bind is
 * in data/glibc-<arch>.txt, and cprog.c's stat, mknod, fcntl and start-up
 * shims print, under qemu-user (i686 natively), what the plain build does.
 */

#if defined(__x86_64__) && defined(__LP64__)
# define SYMCC_STAT_VER   1
# define SYMCC_MKNOD_VER  0
# define SYMCC_GLIBC_BASE "GLIBC_2.2.5"
# define SYMCC_V_2_1      "GLIBC_2.2.5"
# define SYMCC_V_2_1_3    "GLIBC_2.2.5"
# define SYMCC_V_2_2      "GLIBC_2.2.5"
# define SYMCC_V_2_2_4    "GLIBC_2.2.5"
# define SYMCC_V_2_3      "GLIBC_2.3"
# define SYMCC_V_2_3_3    "GLIBC_2.3.3"
# define SYMCC_V_2_3_4    "GLIBC_2.3.4"
# define SYMCC_V_2_4      "GLIBC_2.4"
# define SYMCC_V_2_6      "GLIBC_2.6"
# define SYMCC_V_2_7      "GLIBC_2.7"
# define SYMCC_V_2_12     "GLIBC_2.12"
#elif defined(__i386__)
# define SYMCC_STAT_VER   3
# define SYMCC_MKNOD_VER  1
# define SYMCC_GLIBC_BASE "GLIBC_2.0"
# define SYMCC_V_2_1      "GLIBC_2.1"
# define SYMCC_V_2_1_3    "GLIBC_2.1.3"
# define SYMCC_V_2_2      "GLIBC_2.2"
# define SYMCC_V_2_2_4    "GLIBC_2.2.4"
# define SYMCC_V_2_3      "GLIBC_2.3"
# define SYMCC_V_2_3_3    "GLIBC_2.3.3"
# define SYMCC_V_2_3_4    "GLIBC_2.3.4"
# define SYMCC_V_2_4      "GLIBC_2.4"
# define SYMCC_V_2_6      "GLIBC_2.6"
# define SYMCC_V_2_7      "GLIBC_2.7"
# define SYMCC_V_2_12     "GLIBC_2.12"
#elif defined(__s390x__)
# define SYMCC_STAT_VER   1
# define SYMCC_MKNOD_VER  0
# define SYMCC_GLIBC_BASE "GLIBC_2.2"
# define SYMCC_V_2_1      "GLIBC_2.2"
# define SYMCC_V_2_1_3    "GLIBC_2.2"
# define SYMCC_V_2_2      "GLIBC_2.2"
# define SYMCC_V_2_2_4    "GLIBC_2.2.4"
# define SYMCC_V_2_3      "GLIBC_2.3"
# define SYMCC_V_2_3_3    "GLIBC_2.3.3"
# define SYMCC_V_2_3_4    "GLIBC_2.3.4"
# define SYMCC_V_2_4      "GLIBC_2.4"
# define SYMCC_V_2_6      "GLIBC_2.6"
# define SYMCC_V_2_7      "GLIBC_2.7"
# define SYMCC_V_2_12     "GLIBC_2.12"
#elif defined(__arm__) && defined(__ARM_PCS_VFP)
# define SYMCC_STAT_VER   3
# define SYMCC_MKNOD_VER  1
# define SYMCC_GLIBC_BASE "GLIBC_2.4"
# define SYMCC_V_2_1      "GLIBC_2.4"
# define SYMCC_V_2_1_3    "GLIBC_2.4"
# define SYMCC_V_2_2      "GLIBC_2.4"
# define SYMCC_V_2_2_4    "GLIBC_2.4"
# define SYMCC_V_2_3      "GLIBC_2.4"
# define SYMCC_V_2_3_3    "GLIBC_2.4"
# define SYMCC_V_2_3_4    "GLIBC_2.4"
# define SYMCC_V_2_4      "GLIBC_2.4"
# define SYMCC_V_2_6      "GLIBC_2.6"
# define SYMCC_V_2_7      "GLIBC_2.7"
# define SYMCC_V_2_12     "GLIBC_2.12"
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
# define SYMCC_V_2_1_3    "GLIBC_2.17"
# define SYMCC_V_2_2      "GLIBC_2.17"
# define SYMCC_V_2_2_4    "GLIBC_2.17"
# define SYMCC_V_2_3      "GLIBC_2.17"
# define SYMCC_V_2_3_3    "GLIBC_2.17"
# define SYMCC_V_2_3_4    "GLIBC_2.17"
# define SYMCC_V_2_4      "GLIBC_2.17"
# define SYMCC_V_2_6      "GLIBC_2.17"
# define SYMCC_V_2_7      "GLIBC_2.17"
# define SYMCC_V_2_12     "GLIBC_2.17"
#elif defined(__riscv) && __riscv_xlen == 64
/* riscv64 started at 2.27 with the generic ABI: _STAT_VER 0, _MKNOD_VER 0 */
# define SYMCC_STAT_VER   0
# define SYMCC_MKNOD_VER  0
# define SYMCC_GLIBC_BASE "GLIBC_2.27"
# define SYMCC_V_2_1      "GLIBC_2.27"
# define SYMCC_V_2_1_3    "GLIBC_2.27"
# define SYMCC_V_2_2      "GLIBC_2.27"
# define SYMCC_V_2_2_4    "GLIBC_2.27"
# define SYMCC_V_2_3      "GLIBC_2.27"
# define SYMCC_V_2_3_3    "GLIBC_2.27"
# define SYMCC_V_2_3_4    "GLIBC_2.27"
# define SYMCC_V_2_4      "GLIBC_2.27"
# define SYMCC_V_2_6      "GLIBC_2.27"
# define SYMCC_V_2_7      "GLIBC_2.27"
# define SYMCC_V_2_12     "GLIBC_2.27"
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

/* system call numbers of the syscall polyfills (syscalls.c).  Checked against
 * the kernel headers of Debian's linux-libc-dev for each architecture:
 * asm/unistd_64.h (x86_64), unistd_32.h (i386), asm-generic/unistd.h
 * (aarch64, riscv64), unistd-eabi.h (armhf), and the ppc64el and s390x
 * asm/unistd_64.h.  close_range and the pidfd calls (Linux 5.x) have one
 * number everywhere. */
#define SYMCC_NR_pidfd_send_signal 424
#define SYMCC_NR_pidfd_open        434
#define SYMCC_NR_close_range       436
#define SYMCC_NR_pidfd_getfd       438
#define SYMCC_NR_epoll_pwait2      441
#if defined(__x86_64__) && defined(__LP64__)
# define SYMCC_NR_gettid           186
# define SYMCC_NR_clock_getres     229
# define SYMCC_NR_tgkill           234
# define SYMCC_NR_getcpu           309
# define SYMCC_NR_preadv          295
# define SYMCC_NR_pwritev         296
# define SYMCC_NR_preadv2          327
# define SYMCC_NR_pwritev2         328
# define SYMCC_NR_getdents64       217
# define SYMCC_NR_renameat2        316
# define SYMCC_NR_memfd_create     319
# define SYMCC_NR_execveat         322
# define SYMCC_NR_mlock2           325
# define SYMCC_NR_copy_file_range  326
# define SYMCC_NR_statx            332
#elif defined(__i386__)
# define SYMCC_NR_gettid           224
# define SYMCC_NR_clock_getres     266
# define SYMCC_NR_tgkill           270
# define SYMCC_NR_getcpu           318
# define SYMCC_NR_preadv          333
# define SYMCC_NR_pwritev         334
# define SYMCC_NR_preadv2          378
# define SYMCC_NR_pwritev2         379
# define SYMCC_NR_getdents64       220
# define SYMCC_NR_renameat2        353
# define SYMCC_NR_memfd_create     356
# define SYMCC_NR_execveat         358
# define SYMCC_NR_mlock2           376
# define SYMCC_NR_copy_file_range  377
# define SYMCC_NR_statx            383
#elif defined(__aarch64__) || defined(__riscv)
# define SYMCC_NR_gettid           178
# define SYMCC_NR_clock_getres     114
# define SYMCC_NR_tgkill           131
# define SYMCC_NR_getcpu           168
# define SYMCC_NR_preadv          69
# define SYMCC_NR_pwritev         70
# define SYMCC_NR_preadv2          286
# define SYMCC_NR_pwritev2         287
# define SYMCC_NR_getdents64       61
# define SYMCC_NR_renameat2        276
# define SYMCC_NR_memfd_create     279
# define SYMCC_NR_execveat         281
# define SYMCC_NR_mlock2           284
# define SYMCC_NR_copy_file_range  285
# define SYMCC_NR_statx            291
#elif defined(__arm__)
# define SYMCC_NR_gettid           224
# define SYMCC_NR_clock_getres     264
# define SYMCC_NR_tgkill           268
# define SYMCC_NR_getcpu           345
# define SYMCC_NR_preadv          361
# define SYMCC_NR_pwritev         362
# define SYMCC_NR_preadv2          392
# define SYMCC_NR_pwritev2         393
# define SYMCC_NR_getdents64       217
# define SYMCC_NR_renameat2        382
# define SYMCC_NR_memfd_create     385
# define SYMCC_NR_execveat         387
# define SYMCC_NR_mlock2           390
# define SYMCC_NR_copy_file_range  391
# define SYMCC_NR_statx            397
#elif defined(__powerpc64__)
# define SYMCC_NR_gettid           207
# define SYMCC_NR_clock_getres     247
# define SYMCC_NR_tgkill           250
# define SYMCC_NR_getcpu           302
# define SYMCC_NR_preadv          320
# define SYMCC_NR_pwritev         321
# define SYMCC_NR_preadv2          380
# define SYMCC_NR_pwritev2         381
# define SYMCC_NR_getdents64       202
# define SYMCC_NR_renameat2        357
# define SYMCC_NR_memfd_create     360
# define SYMCC_NR_execveat         362
# define SYMCC_NR_mlock2           378
# define SYMCC_NR_copy_file_range  379
# define SYMCC_NR_statx            383
#elif defined(__s390x__)
# define SYMCC_NR_gettid           236
# define SYMCC_NR_clock_getres     261
# define SYMCC_NR_tgkill           241
# define SYMCC_NR_getcpu           311
# define SYMCC_NR_preadv          328
# define SYMCC_NR_pwritev         329
# define SYMCC_NR_preadv2          376
# define SYMCC_NR_pwritev2         377
# define SYMCC_NR_getdents64       220
# define SYMCC_NR_renameat2        347
# define SYMCC_NR_memfd_create     350
# define SYMCC_NR_execveat         354
# define SYMCC_NR_mlock2           374
# define SYMCC_NR_copy_file_range  375
# define SYMCC_NR_statx            379
#endif

/* termios speed codes above B38400 (asm/termbits.h): B57600 is the first of
 * 15 consecutive codes up to B4000000.  0010001 on most architectures,
 * 020 on powerpc. */
#if defined(__powerpc__)
# define SYMCC_B57600    020
#else
# define SYMCC_B57600    0010001
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

/* The _FloatN types of the *fN wrappers, in standard spelling (clang 14
 * has no _Float32 keyword in C): the same types as on glibc's ABIs; the
 * f64x wrappers exist on x86 only, where _Float64x is the x87 long double. */
typedef float symcc_float32;
typedef double symcc_float64;
typedef double symcc_float32x;
typedef long double symcc_float64x;

/* EINVAL and ERANGE: the same on every Linux architecture
 * (asm-generic/errno-base.h); the shims include no libc header, so they
 * build with a bare cross compiler */
#define SYMCC_EINVAL 22
#define SYMCC_ERANGE 34
#define SYMCC_ENOMEM 12
#define SYMCC_ENOENT 2
#define SYMCC_EBUSY  16
#define SYMCC_AT_FDCWD (-100)

/* ELF_INITFINI: the executable has an _init function from crti.o */
#if defined(__riscv)
# define SYMCC_HAVE_INIT 0
#else
# define SYMCC_HAVE_INIT 1
#endif
