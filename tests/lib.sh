# shellcheck shell=bash
# Sourced by the integration tests: cached roots (made by roots.sh): the Debian
# ones and the glibc 2.17 runtime (glibc217; busybox sh, no bash or python).
#
#   root_require NAME       make sure root NAME (bullseye|trixie|sid|glibc217) is ready and
#                           set ROOT_<NAME> (ROOT_BULLSEYE, ROOT_TRIXIE, ROOT_SID,
#                           ROOT_GLIBC217) to its host path. Call it directly, not in $(...):
#                           when the root cannot be had it exits the test with 77 (SKIP), or
#                           1 for every root but sid when CI=true.
#   root_check NAME         the same test without exiting: 0 when NAME is ready (ROOT_<NAME>
#                           set), else 1 with the reason in ROOT_REASON; exits 1 under
#                           CI=true for every root but sid.
#   in_root NAME [-C DIR] [-B HOSTDIR]... [--] CMD...
#                           run CMD chrooted in NAME, in a private mount namespace with /proc,
#                           /dev and a clean environment (PATH, LANG=C.UTF-8, HOME=/root and
#                           the caller's exported SYMCC_* variables). -C: working directory
#                           inside the root (default /). -B: bind-mount HOSTDIR at the same
#                           path inside the root. CMD's exit status is returned.
#                           glibc217's /bin/sh and /usr/bin/env are busybox's: enough.
#   root_workdir NAME       create and print a fresh directory in NAME's /tmp (host path);
#                           removed when the test exits (SYMCC_KEEP_WORKDIRS=1 keeps it).
#   root_inner NAME PATH    print host PATH (inside the root) as seen from inside the root.
#   root_cleanup            remove this test's work dirs; call it from your own EXIT trap
#                           if you replace the one installed here.

SYMCC_ROOTS_SH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/roots.sh"

_root_path() {
	local var="ROOT_${1^^}"
	if [[ -n ${!var:-} ]]; then
		printf '%s\n' "${!var}"
	else
		"$SYMCC_ROOTS_SH" path "$1"
	fi
}

root_check() {
	local name=$1 path err rc=0 reason
	err=$(mktemp)
	path=$("$SYMCC_ROOTS_SH" ensure "$name" 2>"$err") || rc=$?
	cat "$err" >&2
	reason=$(grep -v '^[[:space:]]*$' "$err" | tail -n 1 || true)
	rm -f "$err"
	reason=${reason#roots.sh: }
	if ((rc == 0 && EUID != 0)); then
		rc=1 reason="in_root needs root (chroot, mount)"
	fi
	if ((rc == 0)); then
		printf -v "ROOT_${name^^}" '%s' "$path"
		return 0
	fi
	ROOT_REASON=${reason:-roots.sh exited with $rc}
	if [[ $name != sid && ${CI:-} == true ]]; then
		echo "FAIL: $name root unavailable: $ROOT_REASON" >&2
		exit 1
	fi
	return 1
}

root_require() {
	root_check "$1" && return 0
	echo "SKIP: $1 root unavailable: $ROOT_REASON" >&2
	exit 77
}

in_root() {
	local name=$1 root dir=/ var
	local -a binds=() env=(PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
		LANG=C.UTF-8 HOME=/root)
	shift
	root=$(_root_path "$name") || return 1
	while (($#)); do
		case $1 in
		-C) dir=$2 && shift 2 ;;
		-B) binds+=("$2") && shift 2 ;;
		--) shift && break ;;
		*) break ;;
		esac
	done
	for var in $(compgen -e); do
		[[ $var == SYMCC_* ]] && env+=("$var=${!var}")
	done
	# Mounts made inside the private namespace vanish with it; nothing leaks to the host.
	# shellcheck disable=SC2016 # the script is for sh, expanded there
	unshare -m --propagation private -- /bin/sh -ec '
		root=$1 n=$2
		shift 2
		mount -t proc proc "$root/proc"
		mount --rbind /dev "$root/dev"
		while [ "$n" -gt 0 ]; do
			mkdir -p "$root$1" && mount --bind "$1" "$root$1"
			shift && n=$((n - 1))
		done
		exec chroot "$root" "$@"
	' in_root "$root" "${#binds[@]}" "${binds[@]}" \
		/usr/bin/env -i "${env[@]}" /bin/sh -c 'cd -- "$0" && exec "$@"' "$dir" "$@"
}

root_workdir() {
	local root
	root=$(_root_path "$1") || return 1
	# $$ is the test's own PID even inside $(...), so root_cleanup finds these.
	mktemp -d "$root/tmp/symcc-test.$$.XXXXXX"
}

root_inner() {
	local root
	root=$(_root_path "$1") || return 1
	printf '%s\n' "${2#"$root"}"
}

root_cleanup() {
	local name root
	[[ ${SYMCC_KEEP_WORKDIRS:-} == 1 ]] && return 0
	for name in bullseye trixie sid glibc217 glibc217_aarch64 glibc217_i686; do
		root=$(_root_path "$name") || continue
		rm -rf --one-file-system "$root/tmp/symcc-test.$$."*
	done
}

trap root_cleanup EXIT
