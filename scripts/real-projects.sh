#!/usr/bin/env bash
# real-projects.sh SYMCC [NAME...]: build the real projects listed in
# scripts/real-projects.list with symcc for glibc 2.17 in the Debian sid root
# (trixie when sid cannot be made), from Debian's source packages, check every
# ELF file they produce with `symcc --check --target=2.17`, and run each
# project's own test suite on Debian bullseye (glibc 2.31), then on a real
# glibc 2.17 (the glibc217 root from ../shared/glibc-2.17, LD_BIND_NOW=1):
# there only the suites that are shell scripts and make run (busybox sh and
# GNU make are all it has): zlib, bzip2, jansson; the @ctest and @meson
# ones need python (scripts/real-tests-run.py), and pcre2's test programs
# are libtool wrappers for bash, which it lacks: their column says so.
# Without that root (no ../shared beside the checkout) the column says why,
# and the run fails under CI=true.
#
# Sources and build trees live in ${SYMCC_REAL_DIR:-~/.cache/symcc-real}
# (bind-mounted at the same path into both roots, so the tests run on
# bullseye in the very tree that was built).  Prints a table and writes it to
# $SYMCC_REAL_DIR/results.txt.
#
# A project's source is trixie's source package.  When the mirror cannot
# serve it (an index naming files the pool no longer has), the others are
# tried in order: every other version trixie's index lists, then the same
# package in the other suites the mirror has (SRC_SUITES, newest version
# first), then the upstream tarball alone (the .orig of any of those
# versions, without Debian's patches).  The table below the results says
# which source each project used; a project none of them can give is
# "unavailable": a skip, never a pass.
# Exit status: 0 when every project passed all three steps, except at most
# one unavailable; 1 otherwise; 77 (skip) when the roots cannot be had
# outside CI.  The last line counts them: "real-projects: N passed, N
# failed, N unavailable".  Runs one at a time per SYMCC_REAL_DIR (flock).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source-path=SCRIPTDIR source=../tests/lib.sh
. "$here/../tests/lib.sh"

symcc=$(realpath "${1:?usage: real-projects.sh SYMCC [NAME...]}")
shift
symcc_dir=$(dirname "$symcc")
target=2.17
dir=${SYMCC_REAL_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/symcc-real}
list=$here/real-projects.list
REAL_BUILD_PKGS=(dpkg-dev cmake meson ninja-build autoconf automake libtool pkgconf)
REAL_TEST_PKGS=(make)
# Shell suites that cannot run on the glibc 2.17 root, and why.
declare -A NOT_ON_217=(
	[pcre2]="its test programs are libtool wrapper scripts for /bin/bash; no bash there"
)
# Where sources may come from, in the order tried; the ones the mirror lacks
# are left out.
SRC_SUITES=(trixie trixie-updates sid forky bookworm bookworm-updates bullseye)
mkdir -p "$dir/src" "$dir/build" "$dir/logs"
dir=$(realpath "$dir")
exec {real_lock}>"$dir/.lock"
flock -n "$real_lock" || { echo "real-projects: waiting for another run in $dir" >&2 && flock "$real_lock"; }

build_root=sid
if ! (root_require sid) 2>/dev/null; then
	echo "real-projects: sid root unavailable, building in trixie" >&2
	build_root=trixie
fi
root_require "$build_root"
root_require bullseye
no217=
root_check glibc217 || no217="no root: $ROOT_REASON"

# The Debian mirror, as the build root's apt already uses it.
mirror() {
	local root
	root=$(_root_path "$1")
	sed -n 's/^deb[[:space:]]\+\(\[[^]]*\][[:space:]]\+\)\?\([^[:space:]]\+\).*/\2/p' \
		"$root/etc/apt/sources.list" | head -n 1
}

# Once per root: the sources of every suite the mirror has and the build
# tools; make on bullseye.
prepare_roots() {
	local root stamp m suite
	root=$(_root_path "$build_root")
	stamp="$root/var/lib/symcc-real.stamp"
	if [[ $(cat "$stamp" 2>/dev/null) != "${REAL_BUILD_PKGS[*]} ${SRC_SUITES[*]}" ]]; then
		m=$(mirror "$build_root")
		[[ -n $m ]] || { echo "real-projects: no mirror in $build_root's sources.list" >&2; return 1; }
		for suite in "${SRC_SUITES[@]}"; do
			wget -q -T 60 -t 2 --spider "${m%/}/dists/$suite/InRelease" &&
				printf 'deb-src %s %s main\n' "$m" "$suite"
		done >"$root/etc/apt/sources.list.d/symcc-real-src.list"
		grep -q ' trixie main' "$root/etc/apt/sources.list.d/symcc-real-src.list" ||
			{ echo "real-projects: the mirror has no trixie" >&2; return 1; }
		if ! { in_root "$build_root" -- apt-get -q update &&
			in_root "$build_root" -- env DEBIAN_FRONTEND=noninteractive apt-get -q -y \
				--no-install-recommends install "${REAL_BUILD_PKGS[@]}"; } >"$dir/logs/apt-$build_root.log" 2>&1; then
			echo "real-projects: cannot install build tools in $build_root (see $dir/logs/apt-$build_root.log)" >&2
			return 1
		fi
		echo "${REAL_BUILD_PKGS[*]} ${SRC_SUITES[*]}" >"$stamp"
	fi
	root=$(_root_path bullseye)
	stamp="$root/var/lib/symcc-real.stamp"
	if [[ $(cat "$stamp" 2>/dev/null) != "${REAL_TEST_PKGS[*]}" ]]; then
		if ! { in_root bullseye -- apt-get -q update &&
			in_root bullseye -- env DEBIAN_FRONTEND=noninteractive apt-get -q -y \
				--no-install-recommends install "${REAL_TEST_PKGS[@]}"; } >"$dir/logs/apt-bullseye.log" 2>&1; then
			echo "real-projects: cannot install test tools on bullseye (see $dir/logs/apt-bullseye.log)" >&2
			return 1
		fi
		echo "${REAL_TEST_PKGS[*]}" >"$stamp"
	fi
}

# versions PKG: "VERSION SUITE" of each source package PKG the build root's
# indexes list, in the order to try: by SRC_SUITES, newest first in a suite,
# each version once.
versions() {
	local pkg=$1 suite
	in_root "$build_root" -- apt-cache madison "$pkg" |
		awk -F'|' '$3 ~ / Sources$/ { gsub(/ /, "", $2); n = split($3, a, " "); sub(/\/.*/, "", a[n - 1]); print $2, a[n - 1] }' |
		while read -r v suite; do
			for i in "${!SRC_SUITES[@]}"; do
				[[ ${SRC_SUITES[$i]} == "$suite" ]] && echo "$i $v $suite"
			done
		done | newest_first | awk '!seen[$1]++'
}

# newest_first: "RANK VERSION SUITE" lines by RANK, then VERSION (dpkg's
# order, newest first); prints "VERSION SUITE"
newest_first() {
	local -a l
	local i j t r1 r2 v1 v2
	mapfile -t l
	for ((i = 1; i < ${#l[@]}; i++)); do
		for ((j = i; j > 0; j--)); do
			read -r r1 v1 _ <<<"${l[j - 1]}"
			read -r r2 v2 _ <<<"${l[j]}"
			((r1 < r2)) && break
			((r1 == r2)) && ! dpkg --compare-versions "$v1" lt "$v2" && break
			t=${l[j]} l[j]=${l[j - 1]} l[j - 1]=$t
		done
	done
	((${#l[@]} == 0)) || printf '%s\n' "${l[@]}" | cut -d' ' -f2-
}

# fetch NAME SRCPKG: unpack a source of SRCPKG once into $dir/src/NAME (in
# the order the header says) and write which one into its .symcc-fetched.
# A second round follows a fresh apt-get update.  Returns 1 when none can
# be had.
fetch() {
	local name=$1 pkg=$2 tmp flog=$dir/logs/$1.fetch.log round v suite d orig used=
	[[ -s $dir/src/$name/.symcc-fetched ]] && return 0
	rm -rf "$dir/src/$name" "$dir/src/$name.tmp" "$dir/src/$name.orig"
	tmp=$dir/src/$name.tmp
	mkdir -p "$dir/src/$name.orig"
	: >"$flog"
	for round in 1 2; do
		if ((round == 2)); then
			echo "real-projects: $name: no source could be fetched; apt-get update and again" >>"$flog"
			in_root "$build_root" -- apt-get -q -o DPkg::Lock::Timeout=600 update >>"$flog" 2>&1 || true
		fi
		while read -r v suite; do
			[[ -n $v ]] || continue
			rm -rf "$tmp" && mkdir -p "$tmp"
			echo "real-projects: $name: trying $pkg $v ($suite)" >>"$flog"
			if in_root "$build_root" -B "$dir" -C "$tmp" -- apt-get -q -o APT::Sandbox::User=root \
				source --only-source "$pkg=$v" >>"$flog" 2>&1; then
				used="Debian $v ($suite)"
				break 2
			fi
			# what did come: an upstream tarball kept for the last resort
			find "$tmp" -maxdepth 1 -name '*.orig.tar.*' ! -name '*.asc' -exec mv -t "$dir/src/$name.orig" {} +
		done < <(versions "$pkg")
	done
	if [[ -z $used ]]; then
		rm -rf "$tmp" && mkdir -p "$tmp"
		orig=$(find "$dir/src/$name.orig" -maxdepth 1 -name '*.orig.tar.*' | sort -V | tail -n 1)
		if [[ -n $orig ]] && tar -C "$tmp" -xf "$orig" >>"$flog" 2>&1; then
			used="upstream $(basename "$orig") (unpatched)"
		fi
	fi
	if [[ -z $used ]]; then
		echo "real-projects: $name: unavailable: no version of $pkg in ${SRC_SUITES[*]} and no upstream tarball could be fetched" >>"$flog"
		rm -rf "$tmp" "$dir/src/$name.orig"
		return 1
	fi
	echo "real-projects: $name: using $used" >>"$flog"
	d=$(find "$tmp" -mindepth 1 -maxdepth 1 -type d | head -n 1)
	[[ -n $d ]] || return 1
	mv "$d" "$dir/src/$name"
	rm -rf "$tmp" "$dir/src/$name.orig"
	echo "$used" >"$dir/src/$name/.symcc-fetched"
}

# ELF executables and shared objects (not .o) under a tree.
elf_files() {
	local f magic
	while IFS= read -r -d '' f; do
		magic=$(head -c 4 "$f" | od -An -c | tr -d ' \n')
		[[ $magic == 177ELF ]] || continue
		case $f in *.o | *.a | *.ko) continue ;; esac
		printf '%s\n' "$f"
	done < <(find "$1" -type f \( -perm -u+x -o -name '*.so*' \) -print0)
}

export_tests() {   # KIND BUILDDIR (inside the project tree)
	case $1 in
	@ctest) in_root "$build_root" -B "$dir" -C "$2" -- ctest --show-only=json-v1 >"$2/symcc-tests.json" ;;
	@meson) in_root "$build_root" -B "$dir" -C "$2" -- meson introspect --tests . >"$2/symcc-tests.json" ;;
	esac
}

run_project() {   # NAME PKG BS LANG BUILD TEST
	local name=$1 pkg=$2 bs=$3 lang=$4 build=$5 test=$6 tree log b=FAIL v=FAIL t=FAIL t17=FAIL
	local start=$SECONDS files nfiles bad tb=0 tt=0
	tree=$dir/build/$name
	log=$dir/logs/$name
	if ! fetch "$name" "$pkg"; then
		echo "real-projects: $name: no source of $pkg can be had (see $log.fetch.log)" >&2
		row "$name" "$bs" "$lang" "unavailable" - - - -
		sources+=("$(printf '%-17s | unavailable: %s' "$name" "$(tail -n 1 "$log.fetch.log" | sed 's/^.*: unavailable: //')")")
		return 2
	fi
	sources+=("$(printf '%-17s | %s' "$name" "$(cat "$dir/src/$name/.symcc-fetched")")")
	rm -rf "$tree"
	cp -a "$dir/src/$name" "$tree"
	start=$SECONDS
	if in_root "$build_root" -B "$dir" -B "$symcc_dir" -C "$tree" -- \
		env CC="$symcc gcc" CXX="$symcc g++" SYMCC_TARGET=$target \
		LDFLAGS_CXX="-static-libstdc++ -static-libgcc" \
		timeout 1800 sh -ec "$build" >"$log.build.log" 2>&1; then
		b=ok
	fi
	tb=$((SECONDS - start)) start=$SECONDS
	if [[ $b == ok ]]; then
		files=$(elf_files "$tree")
		nfiles=$(grep -c . <<<"$files" || true)
		bad=0
		while IFS= read -r f; do
			[[ -n $f ]] || continue
			"$symcc" --check --target=$target "$f" >>"$log.verify.log" 2>&1 || bad=$((bad + 1))
		done <<<"$files"
		if ((nfiles > 0 && bad == 0)); then v="ok ($nfiles files)"; else v="FAIL ($bad of $nfiles)"; fi
		case $test in
		@ctest* | @meson*)
			local kind=${test%% *} bdir=$tree/${test#* }
			if export_tests "$kind" "$bdir" 2>>"$log.test.log" &&
				in_root bullseye -B "$dir" -B "$here" -C "$tree" -- \
				timeout 1800 python3 "$here/real-tests-run.py" "${kind#@}" "$bdir/symcc-tests.json" \
				>"$log.test.log" 2>&1; then
				t=ok
			fi ;;
		*)
			if in_root bullseye -B "$dir" -C "$tree" -- timeout 1800 sh -ec "$test" >"$log.test.log" 2>&1; then
				t=ok
			fi ;;
		esac
		[[ $t == ok ]] && t="ok ($(summary "$log.test.log"))"
		# glibc 2.17: busybox sh and make only
		case $test in
		@*) t17="- (no python there)" ;;
		*)
			if [[ -n ${NOT_ON_217[$name]:-} ]]; then
				t17="- (${NOT_ON_217[$name]})"
			elif [[ -n $no217 ]]; then
				t17="- ($no217)"
			elif in_root glibc217 -B "$dir" -C "$tree" -- env LD_BIND_NOW=1 timeout 1800 sh -ec "$test" \
				>"$log.test217.log" 2>&1; then
				t17="ok ($(summary "$log.test217.log"))"
			fi ;;
		esac
		tt=$((SECONDS - start))
	else
		v=- t=- t17=-
	fi
	row "$name" "$bs" "$lang" "$b" "$v" "$t" "$t17" "${tb}s + ${tt}s"
	[[ $b == ok && $v == ok* && $t == ok* && $t17 != FAIL ]]
}

summary() {   # a short count of what the test log shows
	local n
	n=$(grep -Ec '^[[:space:]]*(ok|OK|PASS)([: ]|$)' "$1" || true)
	if grep -q 'tests: .* passed' "$1"; then
		grep -o '[0-9]* passed, [0-9]* failed, [0-9]* skipped' "$1" | tail -n 1
	elif ((n > 0)); then
		echo "$n passed"
	else
		echo "suite passed"
	fi
}

row() {
	printf '%-17s | %-14s | %-12s | %-12s | %-16s | %-34s | %-24s | %s\n' "$@" | tee -a "$dir/results.txt"
}

prepare_roots || exit 1
: >"$dir/results.txt"
printf '%-17s | %-14s | %-12s | %-12s | %-16s | %-34s | %-24s | %s\n' project "build system" language \
	"build ($build_root)" "verify $target" "tests on bullseye" "tests on glibc 2.17" "time (build + test)" |
	tee -a "$dir/results.txt"
failed=0 passed=0 unavailable=0 total_start=$SECONDS sources=()
while IFS= read -r line; do
	[[ $line =~ ^[[:space:]]*(#|$) ]] && continue
	IFS='|' read -r name pkg bs lang build test <<<"$line"
	trim() { local s=$1; s=${s#"${s%%[![:space:]]*}"}; printf '%s' "${s%"${s##*[![:space:]]}"}"; }
	name=$(trim "$name") pkg=$(trim "$pkg") bs=$(trim "$bs") lang=$(trim "$lang")
	build=$(trim "$build") test=$(trim "$test")
	if (($#)) && ! [[ " $* " == *" $name "* ]]; then continue; fi
	rc=0
	run_project "$name" "$pkg" "$bs" "$lang" "$build" "$test" || rc=$?
	case $rc in
	0) passed=$((passed + 1)) ;;
	2) unavailable=$((unavailable + 1)) ;;
	*) failed=$((failed + 1)) ;;
	esac
done <"$list"
{
	echo
	printf '%-17s | %s\n' project source
	printf '%s\n' "${sources[@]}"
	echo "real-projects: total $((SECONDS - total_start))s; logs in $dir/logs"
	((unavailable <= 1)) || echo "real-projects: more than one project unavailable: a failure"
	echo "real-projects: $passed passed, $failed failed, $unavailable unavailable"
} | tee -a "$dir/results.txt"
((failed == 0 && unavailable <= 1))
