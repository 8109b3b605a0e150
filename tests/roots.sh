#!/usr/bin/env bash
# Cached Debian roots for the integration tests.
#
#   roots.sh ensure NAME   build NAME unless a ready copy is cached; print its path.
#                          On failure the reason goes to stderr and the exit status is
#                          3 when sid could not be installed (sid breaks now and then;
#                          callers skip), 1 for anything else.
#   roots.sh path NAME     print where NAME lives, built or not.
#
# NAME is bullseye (the glibc 2.31 runtime), trixie or sid (build environments), or
# glibc217, glibc217_aarch64, glibc217_i686: runtime roots whose libc IS glibc 2.17,
# unpacked from ${SYMCC_SHARED_DIR:-<checkout>/../shared}/glibc-2.17/ARCH-runtime.tar.xz
# (busybox sh and GNU make inside; no bash, perl or python). The stamp holds the
# tarball's sha256, so a new tarball is unpacked again.
# Cache: ${SYMCC_ROOTS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/symcc-roots}. The mirror is
# read from the host's apt configuration (or $SYMCC_DEBIAN_MIRROR); nothing hard-codes it.
set -euo pipefail

STAMP_FORMAT=1
# libelf1t64 and libbsd0: symcc is built on the host and then run inside the build roots.
BUILD_PKGS="gcc g++ libc6-dev binutils make python3-dev libelf1t64 libbsd0 file pkg-config"

die() {
	local rc=$1
	shift
	printf 'roots.sh: %s\n' "$*" >&2
	exit "$rc"
}

usage() { die 1 "usage: roots.sh ensure|path bullseye|trixie|sid|glibc217|glibc217_aarch64|glibc217_i686"; }

cache_dir() { printf '%s\n' "${SYMCC_ROOTS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/symcc-roots}"; }

packages() {
	case $1 in
	bullseye) echo python3 ;;
	trixie | sid) echo "$BUILD_PKGS" ;;
	esac
}

# The glibc 2.17 runtime tarball for NAME (glibc217 is x86_64).
shared_tarball() {
	local arch=${1#glibc217_} shared
	[[ $arch != glibc217 ]] || arch=x86_64
	shared=${SYMCC_SHARED_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/shared}
	printf '%s/glibc-2.17/%s-runtime.tar.xz\n' "$shared" "$arch"
}

stamp() {
	if [[ $1 == glibc217* ]]; then
		printf 'format=%s\nroot=%s\nsha256=%s\n' "$STAMP_FORMAT" "$1" \
			"$(sha256sum <"$(shared_tarball "$1")" | cut -d' ' -f1)"
		return
	fi
	printf 'format=%s\nsuite=%s\narch=%s\npackages=%s\n' \
		"$STAMP_FORMAT" "$1" "$(dpkg --print-architecture)" "$(packages "$1")"
}

fetch() { wget -q -T 60 -t 3 -O "$2" "$1"; }

# Archive URIs from the host's apt sources, in order, security archives left out.
mirror_candidates() {
	local f
	if [[ -n ${SYMCC_DEBIAN_MIRROR:-} ]]; then
		echo "$SYMCC_DEBIAN_MIRROR"
		return
	fi
	{
		for f in /etc/apt/sources.list.d/*.sources; do
			[[ -r $f ]] && awk 'tolower($1) == "uris:" { for (i = 2; i <= NF; i++) print $i }' "$f"
		done
		for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
			[[ -r $f ]] && awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z+]+:\/\//) { print $i; break } }' "$f"
		done
		true
	} | grep -v security | awk '!seen[$0]++' || true
}

# gpgv succeeds if ANY signature checks out (InRelease carries several); so does debootstrap.
verifies() { # KEYRING SIGNED-FILE [OUTPUT-FOR-THE-VERIFIED-TEXT]
	local status
	rm -f "${3:-/nonexistent}"
	status=$(gpgv --status-fd 1 --ignore-time-conflict --keyring "$1" ${3:+--output "$3"} "$2" 2>/dev/null || true)
	[[ $status == *"[GNUPG:] VALIDSIG"* && $status != *"[GNUPG:] BADSIG"* ]]
}

sha256_ok() { [[ -n $1 && $(sha256sum <"$2" | cut -d' ' -f1) == "$1" ]]; }

# The host keyring may predate the keys a newer suite is signed with. Then take the
# debian-archive-keyring package of a suite the host CAN verify (stable, testing), checking
# InRelease signature -> Packages.xz checksum -> .deb checksum, and use the keyring inside.
newer_keyring() { # HOST-KEYRING WORKDIR -> prints the path of the newer keyring
	local host=$1 w=$2 arch src sha deb f
	local -a meta
	arch=$(dpkg --print-architecture)
	for src in stable testing; do
		fetch "$MIRROR/dists/$src/InRelease" "$w/src.InRelease" || continue
		verifies "$host" "$w/src.InRelease" "$w/src.Release" || continue
		sha=$(awk -v p="main/binary-$arch/Packages.xz" \
			'/^[^ ]/ { sec = $1 } sec == "SHA256:" && $3 == p { print $1 }' "$w/src.Release")
		fetch "$MIRROR/dists/$src/main/binary-$arch/Packages.xz" "$w/Packages.xz" || continue
		sha256_ok "$sha" "$w/Packages.xz" || continue
		mapfile -t meta < <(xzcat "$w/Packages.xz" |
			awk -v RS= '$2 == "debian-archive-keyring"' |
			sed -n 's/^Filename: //p; s/^SHA256: //p')
		((${#meta[@]} == 2)) || continue
		deb="$w/debian-archive-keyring.deb"
		fetch "$MIRROR/${meta[0]}" "$deb" || continue
		sha256_ok "${meta[1]}" "$deb" || continue
		rm -rf "$w/dak"
		dpkg-deb -x "$deb" "$w/dak"
		for f in "$w"/dak/usr/share/keyrings/debian-archive-keyring.{pgp,gpg}; do
			[[ -f $f ]] && { echo "$f"; return 0; }
		done
	done
	return 1
}

# Sets MIRROR and KEYRING for SUITE, leaving its verified InRelease in WORKDIR.
pick_mirror_and_keyring() { # SUITE WORKDIR
	local suite=$1 w=$2 host=/usr/share/keyrings/debian-archive-keyring.gpg uri
	MIRROR=
	while read -r uri; do
		[[ -n $uri ]] || continue
		if fetch "${uri%/}/dists/$suite/InRelease" "$w/InRelease"; then
			MIRROR=${uri%/}
			break
		fi
	done < <(mirror_candidates)
	[[ -n $MIRROR ]] || die 1 "no apt source of this machine serves dists/$suite (looked in /etc/apt/sources.list{,.d/*}; set SYMCC_DEBIAN_MIRROR to override)"
	if [[ -r $host ]] && verifies "$host" "$w/InRelease"; then
		KEYRING=$host
		return
	fi
	[[ -r $host ]] || die 1 "$host missing: apt-get install debian-archive-keyring"
	KEYRING=$(newer_keyring "$host" "$w") ||
		die 1 "cannot verify $suite: the host keyring lacks its key and no newer debian-archive-keyring could be verified"
	verifies "$KEYRING" "$w/InRelease" || die 1 "$suite InRelease does not verify even with debian-archive-keyring from stable/testing"
	echo "roots.sh: host keyring too old for $suite; using verified $(basename "$KEYRING") from the archive" >&2
}

# Remove a (possibly half-built) root, unmounting anything left mounted inside it first.
remove_root() {
	local mnt
	[[ -e $1 ]] || return 0
	awk -v p="$1" '$5 == p || index($5, p "/") == 1 { print $5 }' /proc/self/mountinfo |
		sort -r | while read -r mnt; do umount -l "$mnt" || true; done
	rm -rf --one-file-system "$1"
}

build() { # NAME DEST
	local name=$1 dest=$2 tmp="$2.tmp.$$" log="$2.log" w pkg rc=0
	local -a pkgs
	read -ra pkgs <<<"$(packages "$name")"
	((EUID == 0)) || die 1 "building the $name root needs root (debootstrap, chroot)"
	command -v debootstrap >/dev/null || die 1 "debootstrap is not installed"
	w=$(mktemp -d "$dest.work.XXXXXX")
	# shellcheck disable=SC2064 # expand now: these are this build's paths
	trap "remove_root '$tmp'; rm -rf '$w'" EXIT
	pick_mirror_and_keyring "$name" "$w"
	echo "roots.sh: building $name root from $MIRROR (takes a few minutes; log: $log)" >&2
	debootstrap --variant=minbase --include="$(
		IFS=,
		echo "${pkgs[*]}"
	)" \
		--keyring="$KEYRING" --force-check-gpg "$name" "$tmp" "$MIRROR" >"$log" 2>&1 || rc=$?
	if ((rc == 0)); then
		for pkg in "${pkgs[@]}"; do
			# shellcheck disable=SC2016 # a dpkg-query format, not a shell expansion
			chroot "$tmp" dpkg-query -W -f='${db:Status-Abbrev}' "$pkg" 2>/dev/null | grep -q '^ii' ||
				{ echo "$pkg is not installed after debootstrap" >>"$log" && rc=1; }
		done
	fi
	if ((rc != 0)); then
		{
			echo "roots.sh: debootstrap of $name failed (exit $rc); tail of the logs:"
			[[ -f $tmp/debootstrap/debootstrap.log ]] && tail -n 20 "$tmp/debootstrap/debootstrap.log"
			tail -n 15 "$log"
		} >&2
		[[ $name == sid ]] && die 3 "sid is not installable from $MIRROR right now (it moves daily)"
		die 1 "could not build the $name root"
	fi
	# The archive is a fixed snapshot: its Release files are past Valid-Until.
	echo 'Acquire::Check-Valid-Until "false";' >"$tmp/etc/apt/apt.conf.d/99symcc-snapshot"
	rm -f "$tmp"/var/cache/apt/archives/*.deb
	stamp "$name" >"$tmp/.symcc-root-stamp"
	remove_root "$dest"
	mv "$tmp" "$dest"
	rm -rf "$w"
	trap - EXIT
}

# A glibc 2.17 root: the packed runtime, unpacked as it is.
unpack() { # NAME DEST
	local name=$1 dest=$2 tmp="$2.tmp.$$" tarball
	tarball=$(shared_tarball "$name")
	((EUID == 0)) || die 1 "unpacking the $name root needs root (device nodes, chroot)"
	mkdir "$tmp"
	# shellcheck disable=SC2064 # expand now: this unpack's path
	trap "remove_root '$tmp'" EXIT
	tar -xJf "$tarball" -C "$tmp" || die 1 "cannot unpack $tarball"
	[[ -x $tmp/bin/sh ]] || die 1 "$tarball has no /bin/sh"
	stamp "$name" >"$tmp/.symcc-root-stamp"
	remove_root "$dest"
	mv "$tmp" "$dest"
	trap - EXIT
}

ready() { [[ -f $2/.symcc-root-stamp && $(<"$2/.symcc-root-stamp") == "$(stamp "$1")" ]]; }

ensure() { # NAME DEST
	local name=$1 dest=$2 lock stale tarball
	if [[ $name == glibc217* ]]; then
		tarball=$(shared_tarball "$name")
		[[ -r $tarball ]] || die 1 "no glibc 2.17 runtime: $tarball is missing (CI has ../shared beside the checkout; set SYMCC_SHARED_DIR to a directory with glibc-2.17/ in it)"
	fi
	if ! ready "$name" "$dest"; then
		mkdir -p "$(dirname "$dest")"
		exec {lock}>"$dest.lock"
		if ! flock -n "$lock"; then
			echo "roots.sh: waiting for another process building the $name root" >&2
			flock "$lock"
		fi
		if ! ready "$name" "$dest"; then
			# Leftovers of killed builds; we hold the lock, so nobody is using them.
			for stale in "$dest".tmp.* "$dest".work.*; do
				[[ -e $stale ]] && remove_root "$stale"
			done
			if [[ $name == glibc217* ]]; then unpack "$name" "$dest"; else build "$name" "$dest"; fi
		fi
		exec {lock}>&-
	fi
	echo "$dest"
}

main() {
	(($# == 2)) || usage
	case $2 in bullseye | trixie | sid | glibc217 | glibc217_aarch64 | glibc217_i686) ;; *) usage ;; esac
	local dest
	dest="$(cache_dir)/$2"
	case $1 in
	path) echo "$dest" ;;
	ensure) ensure "$2" "$dest" ;;
	*) usage ;;
	esac
}

main "$@"
