#!/usr/bin/env bash
# arch.sh: sourced by the cross tests (cross.sh, whole-table.sh).
# shellcheck disable=SC2034 # the variables are read by the sourcing script
# arch_info ARCH: what the cross tests need to know of a table architecture:
# sets deb (Debian's name), cc (Debian's cross gcc), triplet, qemu (empty
# when this machine runs it natively) and loader (the dynamic loader's
# name).  Returns 1 for an architecture it does not know.
arch_info() {
	case $1 in
	x86_64) deb=amd64 cc=gcc triplet=x86_64-linux-gnu qemu='' loader=ld-linux-x86-64.so.2 ;;
	aarch64) deb=arm64 cc=aarch64-linux-gnu-gcc triplet=aarch64-linux-gnu qemu=qemu-aarch64
		loader=ld-linux-aarch64.so.1 ;;
	i686) deb=i386 cc=i686-linux-gnu-gcc triplet=i386-linux-gnu qemu=$(i386_qemu)
		loader=ld-linux.so.2 ;;
	armv7) deb=armhf cc=arm-linux-gnueabihf-gcc triplet=arm-linux-gnueabihf qemu=qemu-arm
		loader=ld-linux-armhf.so.3 ;;
	ppc64le) deb=ppc64el cc=powerpc64le-linux-gnu-gcc triplet=powerpc64le-linux-gnu
		qemu=qemu-ppc64le loader=ld64.so.2 ;;
	s390x) deb=s390x cc=s390x-linux-gnu-gcc triplet=s390x-linux-gnu qemu=qemu-s390x
		loader=ld64.so.1 ;;
	riscv64) deb=riscv64 cc=riscv64-linux-gnu-gcc triplet=riscv64-linux-gnu qemu=qemu-riscv64
		loader=ld-linux-riscv64-lp64d.so.1 ;;
	*) return 1 ;;
	esac
}

# need_files FILE TABLE: print how many of FILE's GLIBC needs of a symbol
# that TABLE places in libpthread, libdl, librt, libutil, libanl or libresolv
# name another file (libc.so.6): glibc < 2.30 takes the file name literally.
# Each one goes to stderr.
need_files() {
	local f=$1 table=$2
	readelf -W -V "$f" | awk '/Version needs/ { on = 1 } on && /File:/ { f = $5 }
		on && /Name:/ { print $NF, f }' >"$f.needs.idx"
	readelf -W --dyn-syms "$f" | awk '$7 == "UND" && $8 ~ /@GLIBC_/ {
		split($8, a, "@"); i = $9; gsub(/[()]/, "", i); print a[1], a[2], i }' >"$f.needs.syms"
	awk 'NR == FNR { f[$1] = $2; next }
		FILENAME == ARGV[2] { if ($0 !~ /^#/ && NF >= 6 && $3 ~ /^lib(pthread|dl|rt|util|anl|resolv)\./)
			lib[$1 " " $2] = $3; next }
		($1 " " $2) in lib && f[$3] != lib[$1 " " $2] {
			printf "%s@%s: the need names %s, the table %s\n", $1, $2, f[$3], lib[$1 " " $2] > "/dev/stderr"
			bad++ }
		END { print bad + 0 }' "$f.needs.idx" "$table" "$f.needs.syms"
	rm -f "$f.needs.idx" "$f.needs.syms"
}

# i386_qemu: prints qemu-i386 when this machine's kernel refuses 32-bit x86
# programs (built without IA32 emulation, or booted with it off: "Exec
# format error"), or when SYMCC_TEST_QEMU_I386=1 asks for it; else nothing.
# The probe is the i686 cross toolchain's own loader.
i386_qemu() {
	local probe=/usr/i686-linux-gnu/lib/ld-linux.so.2
	if [[ ${SYMCC_TEST_QEMU_I386:-} == 1 ]] || { [[ -x $probe ]] && ! "$probe" --version >/dev/null 2>&1; }; then
		echo qemu-i386
	fi
}

# cross_skip MESSAGE: a cross test cannot run here: SKIP (77), or a failure
# under CI=true, where the cross compilers and qemu-user are installed.
cross_skip() {
	if [[ ${CI:-} == true ]]; then
		echo "FAIL: $* (a skip is a failure under CI=true)" >&2
		exit 1
	fi
	echo "SKIP: $*" >&2
	exit 77
}
