#!/usr/bin/env bash
# wheels.sh CASE SYMCC: the road to PyPI (issue 14, item 1). In the sid root,
# build CASE's wheel natively and with CC="symcc gcc" CXX="symcc g++" for
# glibc 2.17 (python3 -m build --no-isolation: no network, every tool from
# Debian), then `auditwheel repair --plat manylinux2014_x86_64`, `twine
# check --strict`, and pip-install the repaired wheel and run its module:
# on bullseye (glibc 2.31, Python 3.9) for the abi3 cases, on sid for
# the one-version case (its cpXY tag is sid's Python, which bullseye lacks).
# The output must equal the native wheel's on sid. The native wheel must be
# refused by auditwheel repair and by symcc --check, and must fail to import
# on bullseye, or the test proves nothing.
#   CASE: setuptools-abi3 (C and C++, static C++ runtime), setuptools-onever,
#         mesonpy (abi3), skbuild (scikit-build-core, CMake, abi3)
# Exit 77 (skip) only when a root cannot be made outside CI (see lib.sh).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=../lib.sh
. "$here/../lib.sh"

case_name=$1
symcc=$(realpath "$2")
symcc_dir=$(dirname "$symcc")
plat=manylinux2014_x86_64

root_require sid
root_require bullseye

fail() {
	echo "FAIL: wheels $case_name: $*" >&2
	exit 1
}

# install ROOT PKG...: Debian packages, once per list (a stamp file, as
# scripts/real-projects.sh does), under a lock: the cases run in parallel.
install_once() {
	local name=$1 root stamp log
	shift
	root=$(_root_path "$name")
	stamp=$root/var/lib/symcc-wheels.stamp
	log=$(mktemp)
	(
		flock 9
		[[ $(cat "$stamp" 2>/dev/null) == "$*" ]] && exit 0
		inst() {
			in_root "$name" -- env DEBIAN_FRONTEND=noninteractive apt-get -q -y \
				--no-install-recommends -o DPkg::Lock::Timeout=600 install "$@"
		}
		{ inst "$@" || { in_root "$name" -- apt-get -q update && inst "$@"; }; } >"$log" 2>&1 || exit 1
		echo "$*" >"$stamp"
	) 9>"$root/var/lib/symcc-wheels.lock" || {
		tail -n 5 "$log" >&2
		rm -f "$log"
		fail "cannot install $* in $name"
	}
	rm -f "$log"
}

install_once sid python3-auditwheel python3-build python3-pip twine python3-setuptools python3-wheel \
	python3-dev python3-mesonpy python3-scikit-build-core patchelf gcc g++ meson ninja-build cmake
install_once bullseye python3-pip

work=$(root_workdir sid)
iwork=$(root_inner sid "$work")
old=$(root_workdir bullseye)

# in sid, in the work dir (or in DIR below it with -C DIR)
sid_sh() {
	local dir=$iwork
	if [ "$1" = -C ]; then dir=$iwork/$2 && shift 2; fi
	in_root sid -B "$symcc_dir" -C "$dir" -- "$@"
}

same() {   # same WHAT EXPECTED GOT
	if [ "$2" != "$3" ]; then
		diff -u <(printf '%s\n' "$2") <(printf '%s\n' "$3") >&2 || true
		fail "$1: output differs from the native build"
	fi
	echo "ok: $1"
}

# the project and tests/integration/src's sources, in $work/native and $work/symcc
src=(spam.c)
case $case_name in
setuptools-abi3)
	proj=$here/projects/setuptools
	# shellcheck disable=SC2016 # Python
	script='import spam, spamxx
assert "/site/" in spam.__file__ and "/site/" in spamxx.__file__, (spam.__file__, spamxx.__file__)
try:
    spamxx.reverse("")
except ValueError as e:
    err = str(e)
print(spam.parse("0b101"), spam.parse("0x10"), spam.isdir("/"), spam.isdir("/etc/passwd"), spamxx.reverse("symcc"), err)'
	run_on=bullseye ;;
setuptools-onever)
	proj=$here/projects/wheels/onever src=()
	script='import spamver, sys
assert "/site/" in spamver.__file__, spamver.__file__
print(spamver.parse("0b101"), spamver.parse("0x10"), spamver.isdir("/"), spamver.isdir("/etc/passwd"))'
	run_on=sid ;;
mesonpy | skbuild)
	proj=$here/projects/wheels/$case_name
	script='import spam
assert "/site/" in spam.__file__, spam.__file__
print(spam.parse("0b101"), spam.parse("0x10"), spam.isdir("/"), spam.isdir("/etc/passwd"))'
	run_on=bullseye ;;
*) fail "no such case" ;;
esac
for b in native symcc; do
	mkdir "$work/$b"
	cp -r "$proj/." "$work/$b/"
	for f in "${src[@]}"; do cp "$here/src/$f" "$work/$b/"; done
done

# build B ENV...: python3 -m build in $work/B, the one wheel left in $work/B/dist
build() {
	local b=$1
	shift
	sid_sh -C "$b" env "$@" LDFLAGS="-static-libstdc++ -static-libgcc" \
		python3 -m build --no-isolation --wheel --outdir dist . >"$work/build-$b.log" 2>&1 ||
		fail "python3 -m build ($b): $(tail -n 20 "$work/build-$b.log")"
	# meson-python tags an abi3 wheel for the building Python (cp314-abi3);
	# the module asks for the 3.9 limited API, so its tag may say cp39
	if [ "$case_name" = mesonpy ]; then
		sid_sh -C "$b/dist" python3 -m wheel tags --remove --python-tag=cp39 "$(cd "$work/$b/dist" && ls)" \
			>>"$work/build-$b.log" 2>&1 || fail "wheel tags: $(tail -n 5 "$work/build-$b.log")"
	fi
	wheel=$(cd "$work/$b/dist" && ls ./*.whl) || fail "no wheel ($b)"
	[[ $(wc -l <<<"$wheel") == 1 && $wheel == *-linux_x86_64.whl ]] || fail "the wheels of $b: $wheel"
	if [ "$b" = native ]; then whl_native=${wheel#./}; else whl_symcc=${wheel#./}; fi
	echo "ok: $b: built ${wheel#./}"
}
build native CC=gcc CXX=g++
build symcc SYMCC_TARGET=2.17 CC="$symcc gcc" CXX="$symcc g++" LDSHARED="$symcc gcc -shared"
case $case_name in
setuptools-onever)
	ver=$(sid_sh python3 -c 'import sys; print("cp%d%d" % sys.version_info[:2])')
	[[ $(ls "$work/symcc/dist") == *-$ver-$ver-linux_x86_64.whl ]] || fail "not a $ver-$ver wheel: $(ls "$work/symcc/dist")"
	echo "ok: the wheel is for $ver only" ;;
*)
	[[ $(ls "$work/symcc/dist") == *-cp39-abi3-linux_x86_64.whl ]] || fail "not a cp39-abi3 wheel: $(ls "$work/symcc/dist")"
	echo "ok: the wheel is cp39-abi3" ;;
esac

# symcc --check agrees: the symcc wheel meets manylinux2014, the native one does not
sid_sh "$symcc" --check --tag=manylinux2014 "symcc/dist/$whl_symcc" >"$work/check-symcc.txt" 2>&1 ||
	fail "symcc --check refuses the symcc wheel: $(cat "$work/check-symcc.txt")"
if sid_sh "$symcc" --check --tag=manylinux2014 "native/dist/$whl_native" >"$work/check-native.txt" 2>&1; then
	fail "symcc --check accepts the native wheel: the test proves nothing"
fi
echo "ok: symcc --check: the symcc wheel meets manylinux2014, the native one does not"

# auditwheel: show, then repair for manylinux2014; the native wheel is refused
sid_sh -C symcc auditwheel show "dist/$whl_symcc" >"$work/show.txt" 2>&1 || fail "auditwheel show: $(cat "$work/show.txt")"
# the same tag as symcc --check's (C alone needs only glibc 2.4: manylinux_2_5)
meets=$(sed -n 's/.*\.whl: [0-9]* ELF files*: meets \(manylinux_2_[0-9]*\)$/\1/p' "$work/check-symcc.txt")
[ -n "$meets" ] || fail "symcc --check names no tag: $(cat "$work/check-symcc.txt")"
grep -q "\"${meets}_x86_64\"" "$work/show.txt" || fail "auditwheel show, not $meets as symcc --check says: $(cat "$work/show.txt")"
echo "ok: auditwheel show and symcc --check: consistent with ${meets}_x86_64"
sid_sh -C symcc auditwheel repair --plat $plat -w wheelhouse "dist/$whl_symcc" >"$work/repair.txt" 2>&1 ||
	fail "auditwheel repair: $(tail -n 20 "$work/repair.txt")"
repaired=$(cd "$work/symcc/wheelhouse" && ls ./*.whl)
repaired=${repaired#./}
# its platform tags: manylinux2014 and manylinux_2_17, and older ones it also meets, no newer
tags=${repaired%.whl} tags=${tags##*-}
[[ .$tags. == *.manylinux2014_x86_64.* && .$tags. == *.manylinux_2_17_x86_64.* ]] || fail "repaired: $repaired"
for t in ${tags//./ }; do
	[[ $t =~ ^manylinux(1|2010|2014|_2_([5-9]|1[0-7]))_x86_64$ ]] || fail "repaired: tag $t in $repaired"
done
echo "ok: auditwheel repair --plat $plat: $repaired"
if sid_sh -C native auditwheel repair --plat $plat -w wheelhouse "dist/$whl_native" >"$work/repair-native.txt" 2>&1; then
	fail "auditwheel repair accepts the native wheel: the test proves nothing"
fi
! ls "$work/native/wheelhouse/"*.whl >/dev/null 2>&1 || fail "auditwheel repair wrote a native wheel"
echo "ok: auditwheel repair refuses the native wheel: $(grep -m1 -i 'too-recent\|cannot repair\|not compliant\|error' "$work/repair-native.txt" || tail -n 1 "$work/repair-native.txt")"

sid_sh -C symcc twine check --strict "wheelhouse/$repaired" >"$work/twine.txt" 2>&1 ||
	fail "twine check: $(cat "$work/twine.txt")"
grep -q PASSED "$work/twine.txt" || fail "twine check: $(cat "$work/twine.txt")"
echo "ok: twine check --strict: PASSED"

# run ROOT DIR WHEEL: pip installs WHEEL (host path) into a fresh site dir in
# ROOT and python3 runs the script there; prints its output
run() {
	local r=$1 d=$2 w=$3 id
	rm -rf "$d/site" "$d/w" && mkdir "$d/w" && cp "$w" "$d/w/"
	id=$(root_inner "$r" "$d")
	in_root "$r" -C "$id" -- python3 -m pip install --no-index --no-deps --target site "w/${w##*/}" \
		>"$d/pip.log" 2>&1 || { echo "pip install on $r: $(tail -n 5 "$d/pip.log")" >&2 && return 1; }
	in_root "$r" -C "$id" -- env PYTHONPATH="$id/site" python3 -c "$script"
}

want=$(run sid "$work/native" "$work/native/dist/$whl_native") || fail "the native wheel on sid: exit $?"
echo "native wheel on sid: $want"
got=$(run sid "$work/symcc" "$work/symcc/wheelhouse/$repaired") || fail "the repaired wheel on sid: exit $?"
same "the repaired wheel, pip-installed on sid" "$want" "$got"
if [ "$run_on" = bullseye ]; then
	got=$(run bullseye "$old" "$work/symcc/wheelhouse/$repaired") || fail "the repaired wheel on bullseye: exit $?"
	same "the repaired wheel, pip-installed on bullseye (glibc $(in_root bullseye ldd --version | head -n 1 | awk '{print $NF}'), $(in_root bullseye python3 --version))" "$want" "$got"
	if run bullseye "$old" "$work/native/dist/$whl_native" >/dev/null 2>"$work/native-old.txt"; then
		fail "the native wheel imports on bullseye: the test proves nothing"
	fi
	echo "ok: the native wheel does not import on bullseye: $(grep -m1 -o "GLIBC[A-Z]*_[0-9.]*' not found" "$work/native-old.txt" || tail -n 1 "$work/native-old.txt")"
else
	echo "note: a $ver-$ver wheel installs only on CPython $(sid_sh python3 -c 'import sys; print("%d.%d" % sys.version_info[:2])'): run on sid, not on bullseye (Python 3.9)"
fi
echo "PASS: wheels $case_name"
