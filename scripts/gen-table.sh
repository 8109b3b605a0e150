#!/usr/bin/env bash
# gen-table.sh: regenerate data/glibc-<arch>.txt from real glibc shared objects.
# SPDX-License-Identifier: MIT-0
#
# usage: scripts/gen-table.sh [--symcc PATH] [--out DIR] [--arch ARCH...] [--release NAME...]
#        scripts/gen-table.sh [--symcc PATH] [--out DIR] [--arch ARCH] --sysroot DIR --sysroot-name NAME
#
# The first form downloads Debian's libc6 package of each release and
# architecture (default: bullseye bookworm trixie sid, amd64) from the mirror
# in this machine's apt configuration (or $SYMCC_GEN_MIRROR), caches it in
# ${XDG_CACHE_HOME:-$HOME/.cache}/symcc-gen, checks its SHA256 and unpacks it.
# The second form reads the glibc installed in DIR (/ for this machine's own)
# as a single release called NAME; its architecture is detected unless given.
#
# Architectures take Debian's names (amd64 arm64 i386 armhf ppc64el s390x
# riscv64) or the table's (x86_64 aarch64 i686 armv7 ppc64le s390x riscv64).
# The symbols are listed by `PATH --dump-glibc`, or without --symcc by the
# dumpglibc tool of a meson build ($SYMCC_DUMPGLIBC, else one built in the
# cache). data/history-<arch>.txt, where present, is merged in. The output is
# reproducible: the same packages give byte-identical files.
set -euo pipefail
export LC_ALL=C

prog=gen-table.sh
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cache=${XDG_CACHE_HOME:-$HOME/.cache}/symcc-gen

# The libraries read from each release, besides the dynamic loader;
# the order is also the tie-break when several define one (symbol, version).
libraries=(libc.so.6 libm.so.6 libpthread.so.0 libdl.so.2 librt.so.1
	libutil.so.1 libanl.so.1 libresolv.so.2)
optional_libraries=(libmvec.so.1)

die() {
	printf '%s: error: %s\n' "$prog" "$*" >&2
	exit 1
}

warn() {
	printf '%s: warning: %s\n' "$prog" "$*" >&2
}

usage() {
	sed -n '5,6s/^# //p' "${BASH_SOURCE[0]}"
}

# archinfo DEBIAN-ARCH: prints "table-arch multiarch-triplet loader-soname".
archinfo() {
	case $1 in
	amd64) echo "x86_64 x86_64-linux-gnu ld-linux-x86-64.so.2" ;;
	arm64) echo "aarch64 aarch64-linux-gnu ld-linux-aarch64.so.1" ;;
	i386) echo "i686 i386-linux-gnu ld-linux.so.2" ;;
	armhf) echo "armv7 arm-linux-gnueabihf ld-linux-armhf.so.3" ;;
	ppc64el) echo "ppc64le powerpc64le-linux-gnu ld64.so.2" ;;
	s390x) echo "s390x s390x-linux-gnu ld64.so.1" ;;
	riscv64) echo "riscv64 riscv64-linux-gnu ld-linux-riscv64-lp64d.so.1" ;;
	*) return 1 ;;
	esac
}
all_arches=(amd64 arm64 i386 armhf ppc64el s390x riscv64)

# debarch NAME: the Debian name of an architecture given either way.
debarch() {
	local a info
	for a in "${all_arches[@]}"; do
		info=$(archinfo "$a")
		if [[ $1 == "$a" || $1 == "${info%% *}" ]]; then
			echo "$a"
			return 0
		fi
	done
	return 1
}

# find_mirror: the first Debian mirror in apt's configuration whose suite is
# a release (not -updates or -security).
find_mirror() {
	local f m=
	if [[ -n ${SYMCC_GEN_MIRROR:-} ]]; then
		echo "${SYMCC_GEN_MIRROR%/}"
		return
	fi
	for f in /etc/apt/sources.list.d/*.sources; do
		[[ -r $f ]] || continue
		m=$(awk '
			function flush() {
				if (!found && types ~ /(^| )deb( |$)/ && enabled != "no" &&
				    uris != "" && suites ~ /(^| )[a-z]+( |$)/) {
					split(uris, u, " ")
					print u[1]
					found = 1
				}
				types = uris = suites = enabled = ""
			}
			/^[ \t]*#/ { next }
			/^[ \t]*$/ { flush(); next }
			tolower($1) == "types:" { $1 = ""; types = $0 }
			tolower($1) == "uris:" { $1 = ""; uris = $0 }
			tolower($1) == "suites:" { $1 = ""; suites = $0 }
			tolower($1) == "enabled:" { enabled = tolower($2) }
			END { flush() }' "$f")
		[[ -n $m ]] && break
	done
	if [[ -z $m ]]; then
		for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
			[[ -r $f ]] || continue
			m=$(awk '$1 == "deb" {
					i = 2
					if ($i ~ /^\[/) { while (i < NF && $i !~ /\]$/) i++; i++ }
					if ($(i + 1) !~ /-/) { print $i; exit }
				}' "$f")
			[[ -n $m ]] && break
		done
	fi
	[[ -n $m ]] || die "no Debian mirror in /etc/apt (set SYMCC_GEN_MIRROR)"
	echo "${m%/}"
}

# fetch URL DEST: download URL to DEST unless DEST is as new. Returns curl's
# status: 22 if the server has no such file.
fetch() {
	local url=$1 dest=$2 since=() rc=0 part
	mkdir -p "$(dirname "$dest")" || return 1
	[[ -s $dest ]] && since=(-z "$dest")
	# one temp file per process: parallel runs (the cross tests) fetch the
	# same index at once, and the rename makes whichever finishes last win
	part=$(mktemp "$dest.part.XXXXXX") || return 1
	curl -fsSL --retry 3 -R "${since[@]}" -o "$part" "$url" || rc=$?
	if ((rc)); then
		rm -f "$part"
		return "$rc"
	fi
	if [[ -s $part ]]; then
		chmod 644 "$part"
		mv -f "$part" "$dest" || return 1
	else
		rm -f "$part"
	fi
	[[ -s $dest ]]
}

# find_lib ROOT TRIPLET NAME: the regular file that NAME is in ROOT's library
# directories, following symlinks (absolute ones inside ROOT).
find_lib() {
	local root=$1 triplet=$2 name=$3 d p t n
	for d in "lib/$triplet" "usr/lib/$triplet" lib64 usr/lib64 lib usr/lib; do
		p=$root/$d/$name
		n=0
		while [[ -L $p ]] && ((n++ < 16)); do
			t=$(readlink "$p")
			case $t in
			/*) p=$root$t ;;
			*) p=$(dirname "$p")/$t ;;
			esac
		done
		if [[ -f $p && ! -L $p ]]; then
			echo "$p"
			return 0
		fi
	done
	return 1
}

# elf_debarch FILE: the Debian architecture of an ELF file, from its header.
elf_debarch() {
	local b
	read -r -a b < <(od -An -tu1 -j4 -N16 "$1")
	# b[0] EI_CLASS, b[1] EI_DATA, b[14..15] e_machine
	local mach=$((b[1] == 1 ? b[14] + 256 * b[15] : 256 * b[14] + b[15]))
	case ${b[0]}:$mach in
	2:62) echo amd64 ;;
	2:183) echo arm64 ;;
	1:3) echo i386 ;;
	1:40) echo armhf ;;
	2:21) ((b[1] == 1)) && echo ppc64el ;;
	2:22) echo s390x ;;
	2:243) echo riscv64 ;;
	*) return 1 ;;
	esac
}

# dump_root ROOT TRIPLET LOADER OUT: list the symbols of the glibc in ROOT.
dump_root() {
	local root=$1 triplet=$2 loader=$3 out=$4 lib p files=()
	for lib in "${libraries[@]}" "$loader"; do
		p=$(find_lib "$root" "$triplet" "$lib") || die "no $lib in $root"
		files+=("$p")
	done
	for lib in "${optional_libraries[@]}"; do
		if p=$(find_lib "$root" "$triplet" "$lib"); then
			files+=("$p")
		fi
	done
	"${dumper[@]}" "${files[@]}" >"$out" || die "cannot list the symbols of the glibc in $root"
	grep -q '^libc\.so\.6 ' "$out" || die "$root: libc.so.6 defines no GLIBC_ symbol"
}

# glibc_release LIBC: the glibc release a libc.so.6 says it is, e.g. 2.36.
glibc_release() {
	grep -aoE 'release version [0-9]+\.[0-9]+' "$1" | sed -n '1s/.* //p'
}

# fetch_release RELEASE DEBARCH DIR: unpack RELEASE's libc6 for DEBARCH into
# DIR and print "package-version sha256". Returns 2 if the release lacks
# DEBARCH. (It runs in $(...): set -e is off, each step is checked.)
fetch_release() {
	local release=$1 arch=$2 dir=$3 index pkg best='' version file sha deb rc=0
	index=$cache/dists/$release/main/binary-$arch/Packages.xz
	fetch "$mirror/dists/$release/main/binary-$arch/Packages.xz" "$index" || rc=$?
	((rc != 22)) || return 2
	((rc == 0)) || die "cannot download the $release $arch package index"
	# libc6 everywhere today; libc6.1 is the name on alpha and ia64.
	for pkg in libc6 libc6.1; do
		while read -r version file sha; do
			if [[ -z $best ]] || dpkg --compare-versions "$version" gt "${best%% *}"; then
				best="$version $file $sha"
			fi
		done < <(xz -dc "$index" | awk -v pkg="$pkg" '
			/^Package: / { p = ($2 == pkg) }
			p && /^Version: / { v = $2 }
			p && /^Filename: / { f = $2 }
			p && /^SHA256: / { s = $2 }
			/^$/ { if (p && v != "" && f != "" && s != "") print v, f, s; p = 0; v = f = s = "" }
			END { if (p && v != "" && f != "" && s != "") print v, f, s }')
		[[ -n $best ]] && break
	done
	[[ -n $best ]] || die "$release/$arch: no libc6 package in its Packages index"
	read -r version file sha <<<"$best"
	deb=$cache/pool/${file##*/}
	if [[ ! -s $deb ]] || ! sha256sum -c --status <<<"$sha  $deb"; then
		fetch "$mirror/$file" "$deb" || die "cannot download $file"
		if ! sha256sum -c --status <<<"$sha  $deb"; then
			rm -f "$deb"
			die "$file: SHA256 mismatch"
		fi
	fi
	rm -rf "$dir"
	mkdir -p "$dir" || die "cannot create $dir"
	dpkg-deb -x "$deb" "$dir" || die "cannot unpack $deb"
	echo "$version $sha"
}

# merge RELNAMES DUMPS HISTORY OUTDIR: merge the releases' symbol lists.
# RELNAMES: release names, oldest first; DUMPS: lines "release-index dump-line"
# (index 1 the oldest) in release order; HISTORY: curated lines or "".
# Writes OUTDIR/entries (sorted table lines), OUTDIR/base, OUTDIR/sizes.
merge() {
	local relnames=$1 dumps=$2 history=$3 outdir=$4 tab=$'\t'
	awk -v relnames="$relnames" -v hist="$history" -v outdir="$outdir" '
		function prio(so,   i) {
			if (so == "libc.so.6") return 0
			if (so ~ /^ld[-.]/ || so ~ /^ld64\./) return 1
			for (i = 1; i <= nord; i++)
				if (index(so, ord[i] ".so") == 1) return i + 1
			return 100
		}
		function better(a, b) {  # is library a preferred to b?
			return prio(a) < prio(b) || (prio(a) == prio(b) && a < b)
		}
		function vkey(v,   a, n) {
			n = split(substr(v, 7), a, ".")
			return a[1] * 10000 + a[2] * 100 + (n > 2 ? a[3] : 0)
		}
		BEGIN {
			nord = split("libc libm libpthread libdl librt libutil libanl libresolv libmvec", ord, " ")
			split(relnames, rel, " ")
			printf "" > (outdir "/unsorted-sizes")
		}
		FILENAME != hist {
			r = $1; so = $2; k = $3 " " $4
			if ($4 !~ /^GLIBC_[0-9]+\.[0-9]+(\.[0-9]+)?$/) {
				printf "%s: unexpected version %s of %s\n", so, $4, $3 > "/dev/stderr"
				bad = 1; next
			}
			if (!(k in first)) {         # the oldest release having it
				first[k] = r; lib[k] = so; keys[++nk] = k
			} else if (r == first[k] && better(so, lib[k])) {
				lib[k] = so
			}
			if (!(k in last) || r > last[k]) {   # the newest release having it
				last[k] = r; type[k] = $5; flag[k] = $7; tlib[k] = so
			} else {
				if ($7 == "d") flag[k] = "d"
				if (better(so, tlib[k])) { type[k] = $5; tlib[k] = so }
			}
			if (($5 == "O" || $5 == "T") && szrel[k] != r) {
				if (!(k in size)) {
					size[k] = $6; sizes[k] = rel[r] "=" $6
				} else if ($6 != prevsz[k]) {
					sizes[k] = sizes[k] ", " rel[r] "=" $6; differs[k] = 1
				}
				prevsz[k] = $6; szrel[k] = r
			}
			next
		}
		/^[ \t]*(#|$)/ { next }
		{
			src = $0; sub(/^[^#]*#[ \t]*/, "", src)
			if (NF < 8 || $7 != "#" || src == "" || $2 !~ /^GLIBC_[0-9]+\.[0-9]+(\.[0-9]+)?$/ ||
			    $4 !~ /^[FOTN]$/ || $5 !~ /^[0-9]+$/ || $6 !~ /^[dc]$/) {
				printf "%s:%d: expected \"symbol GLIBC_x.y library type size d|c # source\"\n", hist, FNR > "/dev/stderr"
				bad = 1; next
			}
			k = $1 " " $2
			if (k in note) {
				printf "%s:%d: a second line for %s\n", hist, FNR, k > "/dev/stderr"
				bad = 1; next
			}
			if (!(k in first)) {
				keys[++nk] = k; type[k] = $4; size[k] = $5; flag[k] = $6
			} else if (lib[k] == $3) {
				printf "%s:%d: warning: %s is in %s in the releases read already\n", hist, FNR, k, $3 > "/dev/stderr"
			}
			lib[k] = $3; note[k] = "  # history: " src
		}
		END {
			if (bad) exit 1
			for (i = 1; i <= nk; i++) {
				k = keys[i]; split(k, kv, " "); v = vkey(kv[2])
				t = type[k]; s = (t == "O" || t == "T") && (k in size) ? size[k] : 0
				printf "%s\t%d\t%s %s %s %s %s%s\n", kv[1], v, k, lib[k], t, s, flag[k], note[k] > (outdir "/unsorted")
				if (k in differs) printf "%s\t%d\t%s: %s\n", kv[1], v, k, sizes[k] > (outdir "/unsorted-sizes")
				if (nb == 0 || v < bv) { base = kv[2]; bv = v; nb = 1 }
			}
			print base > (outdir "/base")
		}' "$dumps" ${history:+"$history"} || return 1
	sort -t "$tab" -k1,1 -k2,2n "$outdir/unsorted" | cut -f3 >"$outdir/entries" &&
		sort -t "$tab" -k1,1 -k2,2n "$outdir/unsorted-sizes" | cut -f3 >"$outdir/sizes"
}

# header TABLE-ARCH LOADER COMMAND: the comment that opens a table file;
# reads the sources array and $dir/sizes.
header() {
	local tarch=$1 loader=$2 cmd=$3
	cat <<EOF
# glibc symbol versions on $tarch: one line per (symbol, version) that glibc's
# shared objects define. Generated; do not edit. Regenerate with:
#   $cmd
EOF
	if [[ -n $sysroot ]]; then
		echo "# from the glibc in $sysroot."
	else
		echo "# from Debian's libc6 packages (version, SHA256 of the .deb):"
		printf '#   %s\n' "${sources[@]}"
	fi
	fold -s -w 76 <<EOF | sed 's/ *$//; s/^/# /'
Objects read: ${libraries[*]}, ${optional_libraries[*]} where present, and the loader $loader.
EOF
	cat <<EOF
#
# Directives: "arch NAME"; "base GLIBC_x.y", the oldest version node here;
# "release NAME x.y", each release read and its glibc, oldest first.
# Lines: symbol version library type size flag
#   version  the GLIBC_x.y[.z] version node that defines the symbol.
#   library  the soname that held (symbol, version) in the oldest release read
#            that has it. Where several did: libc.so.6, else the loader, else
#            the first of libm libpthread libdl librt libutil libanl libresolv
#            libmvec. A line ending in "# history: SOURCE" takes it from
#            data/history-$tarch.txt instead: facts older than the oldest
#            release read, such as the clock_* functions in librt before 2.17.
#   type     F function (or IFUNC), O object, T TLS, N no type; as in the
#            newest release that has the (symbol, version).
#   size     st_size for O and T, else 0. Where releases differ, the OLDEST
#            release's size: the size a copy relocation made against it has.
#   flag     d: the default (@@) version in the newest release that has the
#            (symbol, version); c: a compat (hidden) version there.
EOF
	if [[ -s $dir/sizes ]]; then
		echo "# Objects whose size differs between releases (the oldest size is used):"
		sed 's/^/#   /' "$dir/sizes"
	fi
}

# gen_arch DEBIAN-ARCH: write $out/glibc-<arch>.txt.
gen_arch() {
	local arch=$1 tarch triplet loader r i info version sha gv rest rc
	local relnames=() relvers=() sources=()
	read -r tarch triplet loader <<<"$(archinfo "$arch")"
	dir=$work/$arch
	mkdir -p "$dir"
	: >"$dir/releases"

	if [[ -n $sysroot ]]; then
		local libc
		libc=$(find_lib "${sysroot%/}" "$triplet" libc.so.6) || die "no libc.so.6 for $arch in $sysroot"
		gv=$(glibc_release "$libc")
		[[ -n $gv ]] || die "$libc does not say which glibc release it is"
		dump_root "${sysroot%/}" "$triplet" "$loader" "$dir/$sysroot_name.dump"
		echo "$gv $sysroot_name" >>"$dir/releases"
	else
		for r in "${releases[@]}"; do
			rc=0
			info=$(fetch_release "$r" "$arch" "$dir/$r.root") || rc=$?
			if ((rc == 2)); then
				warn "$r has no $arch packages: skipped"
				continue
			fi
			((rc == 0)) || exit 1
			read -r version sha <<<"$info"
			gv=$(sed -E 's/^[0-9]+://; s/-[^-]*$//' <<<"$version" | grep -oE '^[0-9]+\.[0-9]+' || true)
			[[ -n $gv ]] || die "$r: cannot read a glibc version from libc6 $version"
			dump_root "$dir/$r.root" "$triplet" "$loader" "$dir/$r.dump"
			rm -rf "$dir/$r.root"
			echo "$gv $r libc6 $version $sha" >>"$dir/releases"
		done
	fi
	[[ -s $dir/releases ]] || die "no release has $arch"

	# oldest glibc first; releases of the same glibc keep their order
	sort -s -V -k1,1 "$dir/releases" >"$dir/releases.sorted"
	: >"$dir/dumps"
	i=0
	while read -r gv r rest; do
		i=$((i + 1))
		relnames+=("$r")
		relvers+=("release $r $gv")
		[[ -z $rest ]] || sources+=("$r: $rest")
		awk -v i="$i" '{ print i, $0 }' "$dir/$r.dump" >>"$dir/dumps"
	done <"$dir/releases.sorted"

	local history=$top/data/history-$tarch.txt
	[[ -f $history ]] || history=
	merge "${relnames[*]}" "$dir/dumps" "$history" "$dir" || die "cannot merge the symbol lists of $arch"

	local cmd="scripts/gen-table.sh --arch $arch --release ${relnames[*]}"
	[[ -z $sysroot ]] || cmd="scripts/gen-table.sh --arch $arch --sysroot $sysroot --sysroot-name $sysroot_name"
	{
		header "$tarch" "$loader" "$cmd"
		echo "arch $tarch"
		echo "base $(cat "$dir/base")"
		printf '%s\n' "${relvers[@]}"
		cat "$dir/entries"
	} >"$dir/out.txt"
	mkdir -p "$out"
	mv -f "$dir/out.txt" "$out/glibc-$tarch.txt"
	printf '%s: wrote %s: %s lines, %s symbols, %s (symbol, version)\n' "$prog" \
		"$out/glibc-$tarch.txt" "$(wc -l <"$out/glibc-$tarch.txt")" \
		"$(cut -d' ' -f1 "$dir/entries" | uniq | wc -l)" "$(wc -l <"$dir/entries")" >&2
}

need_arg() {
	(($2 >= 2)) || die "$1 needs an argument"
}

symcc='' out=$top/data sysroot='' sysroot_name='' dir=''
arches=() releases=()
while (($#)); do
	case $1 in
	--symcc)
		need_arg "$1" $#
		symcc=$2
		shift 2
		;;
	--out)
		need_arg "$1" $#
		out=$2
		shift 2
		;;
	--sysroot)
		need_arg "$1" $#
		sysroot=$2
		shift 2
		;;
	--sysroot-name)
		need_arg "$1" $#
		sysroot_name=$2
		shift 2
		;;
	--arch | --release)
		opt=$1
		shift
		n=0
		while (($#)) && [[ $1 != -* ]]; do
			if [[ $opt == --arch ]]; then
				a=$(debarch "$1") || die "unknown architecture '$1'"
				arches+=("$a")
			else
				[[ $1 =~ ^[a-z][a-z0-9.-]*$ ]] || die "bad release name '$1'"
				releases+=("$1")
			fi
			n=$((n + 1))
			shift
		done
		((n)) || die "$opt needs an argument"
		;;
	-h | --help)
		usage
		exit 0
		;;
	*)
		usage >&2
		die "unknown argument '$1'"
		;;
	esac
done

if [[ -n $sysroot ]]; then
	[[ -n $sysroot_name ]] || die "--sysroot needs --sysroot-name"
	[[ $sysroot_name =~ ^[A-Za-z0-9_.+-]+$ ]] || die "bad --sysroot-name '$sysroot_name'"
	((${#releases[@]} == 0)) || die "--sysroot and --release exclude each other"
	[[ -d $sysroot ]] || die "no directory $sysroot"
	if ((${#arches[@]} == 0)); then
		for a in "${all_arches[@]}"; do
			read -r _ triplet _ <<<"$(archinfo "$a")"
			if libc=$(find_lib "${sysroot%/}" "$triplet" libc.so.6); then
				a=$(elf_debarch "$libc") || die "$libc: unknown architecture"
				arches=("$a")
				break
			fi
		done
		((${#arches[@]})) || die "no libc.so.6 in $sysroot"
	fi
	((${#arches[@]} == 1)) || die "--sysroot takes one --arch"
else
	[[ -z $sysroot_name ]] || die "--sysroot-name needs --sysroot"
	((${#arches[@]})) || arches=(amd64)
	((${#releases[@]})) || releases=(bullseye bookworm trixie sid)
	for tool in curl xz dpkg-deb dpkg sha256sum; do
		command -v "$tool" >/dev/null || die "$tool is needed to download packages"
	done
	mirror=$(find_mirror)
fi

if [[ -n $symcc ]]; then
	dumper=("$symcc" --dump-glibc)
elif [[ -n ${SYMCC_DUMPGLIBC:-} ]]; then
	dumper=("$SYMCC_DUMPGLIBC")
else
	# one build per source tree
	build=$cache/build-$(printf '%s' "$top" | sha256sum | cut -c1-12)
	if [[ ! -f $build/build.ninja ]]; then
		meson setup -Dtests=false "$build" "$top" >&2 || die "cannot configure a build of dumpglibc"
	fi
	ninja -C "$build" data/dumpglibc >&2 || die "cannot build dumpglibc"
	dumper=("$build/data/dumpglibc")
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/symcc-gen.XXXXXX")
trap 'rm -rf "$work"' EXIT

for a in "${arches[@]}"; do
	gen_arch "$a"
done
