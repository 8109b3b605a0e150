/* symver.h: bind local names to old, versioned glibc symbols.
 * SPDX-License-Identifier: MIT-0
 *
 * A shim must never call glibc through a header declaration: modern headers
 * redirect names (strtol -> __isoc23_strtol, fcntl -> fcntl64), and the
 * redirected name would be --wrap'ed back into the shim.  Every call out of a
 * shim goes through a local name bound with .symver to NAME@VERSION, which the
 * assembler emits as an undefined reference to exactly that version.
 */

/* declares function LOCAL with return type RET and parameter list PARAMS,
 * bound to NAME@VERSION (NAME and VERSION are string literals) */
#define SYMCC_OLD(ret, local, name, version, params)			\
	extern ret local params;					\
	__asm__(".symver " #local ", " name "@" version)

/* declares object LOCAL of TYPE, bound to NAME@VERSION */
#define SYMCC_OLD_DATA(type, local, name, version)			\
	extern type local;						\
	__asm__(".symver " #local ", " name "@" version)

/* marks a __wrap_* definition: linked into the user's module, never exported */
#define SYMCC_SHIM __attribute__((visibility("hidden")))
