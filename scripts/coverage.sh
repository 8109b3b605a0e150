#!/usr/bin/env bash
# coverage.sh SYMCC [TARGET...]: how much of what real programs import from
# glibc symcc can handle.  Downloads the binary packages named below from
# Debian sid (apt-get download inside the sid root that tests/roots.sh makes,
# with an apt configuration of our own: the mirror of the root's sources.list,
# our own lists and cache, nothing installed into the root), unpacks them with
# dpkg-deb -x, reads every ELF file with `symcc --check --json`, keeps the
# imports of a GLIBC_ version newer than each TARGET (default: 2.17 2.28), and
# asks symcc's planner (`symcc --explain --json`) what it would do with each
# symbol: keep, pin, shim, or fail.  Prints, per target, the share of imports
# handled (each symbol weighted by how many files import it) and the
# unhandled symbols in order of use.
#
# A measurement tool, not a test: it downloads a few hundred packages.  They are
# cached in ${SYMCC_COVERAGE_DIR:-~/.cache/symcc-coverage}; packages that cannot
# be downloaded are skipped and named.  The report is also written to
# $SYMCC_COVERAGE_DIR/report-TARGET.txt.  Exit status 0, or 1 when the packages
# cannot be had at all.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source-path=SCRIPTDIR source=../tests/lib.sh
. "$here/../tests/lib.sh"

symcc=$(realpath "${1:?usage: coverage.sh SYMCC [TARGET...]}")
shift
targets=("$@")
((${#targets[@]})) || targets=(2.17 2.28)
dir=${SYMCC_COVERAGE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/symcc-coverage}

# Widely used sid packages that ship ELF files: base system, network and
# security tools, language runtimes, and the libraries most programs link.
PACKAGES=(
	coreutils util-linux bash dash findutils grep sed gawk mawk tar gzip bzip2 xz-utils zstd
	lz4 diffutils patch less procps psmisc file libmagic1t64 openssh-client openssh-server curl
	wget git rsync vim-tiny vim nano ed make cpio unzip zip 7zip python3.14-minimal
	libpython3.14-minimal libpython3.14 perl-base perl libperl5.42 openssl libssl3t64
	libcurl4t64 libcurl3t64-gnutls libgnutls30t64 libnettle8t64 libhogweed6t64 libgmp10
	libmpfr6 libmpc3 libidn2-0 libunistring5 libpsl5t64 libnghttp2-14 libnghttp3-9 libngtcp2-16
	libssh2-1t64 librtmp1 libbrotli1 libzstd1 liblzma5 libbz2-1.0 zlib1g libxml2-16 libxslt1.1
	libexpat1 libyaml-0-2 libjson-c5 libjansson4 libpcre2-8-0 libpcre2-16-0 libpcre2-32-0
	libsqlite3-0 sqlite3 libdb5.3t64 libgdbm6t64 libreadline8t64 libncursesw6 libtinfo6
	ncurses-bin libedit2 libffi8 libuuid1 libblkid1 libmount1 libsmartcols1 libfdisk1 fdisk
	mount e2fsprogs libext2fs2t64 libcom-err2 libss2 dosfstools libselinux1 libsemanage2
	libsepol2 libaudit1 libcap2 libcap2-bin libcap-ng0 libacl1 acl libattr1 attr libpam0g
	libpam-modules libpam-modules-bin libpam-runtime passwd login sudo libcrypt1 libkrb5-3
	libk5crypto3 libkrb5support0 libgssapi-krb5-2 libkeyutils1 libsasl2-2 libldap2 libtirpc3t64
	libnsl2 libnss3 libnspr4 libsystemd0 libudev1 systemd systemd-sysv udev libdbus-1-3
	dbus-bin dbus-daemon libglib2.0-0t64 libglib2.0-bin libgcrypt20 libgpg-error0 libassuan9
	libksba8 libnpth0t64 gpg gpgv gpg-agent gpgsm dirmngr libseccomp2 libapparmor1 libkmod2
	kmod libelf1t64 libdw1t64 apt libapt-pkg7.0 dpkg iproute2 iputils-ping libmnl0 libnftnl11
	nftables libnftables1 iptables libxtables12 libbpf1 ethtool net-tools netcat-openbsd
	bind9-dnsutils bind9-libs libuv1t64 libevent-2.1-7t64 libev4t64 libcares2 libmaxminddb0
	libfstrm0 libprotobuf-c1 liblmdb0 libgeoip1t64 dhcpcd-base libnl-3-200 libnl-genl-3-200
	wpasupplicant iw rfkill libpcap0.8t64 tcpdump strace ltrace gdb lsof htop tmux screen
	libstdc++6 libgcc-s1 libgomp1 libatomic1 libquadmath0 libgfortran5 libasan8 libubsan1
	libtsan2 liblsan0 libitm1 gcc-14 cpp-14 g++-14 binutils libbinutils libctf0 libsframe3
	libgprofng0 libisl23 pkgconf libpkgconf7 cmake ninja-build meson autoconf m4 bison flex
	libboost-filesystem1.92.0 libboost-thread1.92.0 libboost-program-options1.92.0 libicu78
	libre2-11 libgrpc++1.51t64 libprotobuf32t64 libx11-6 libxext6 libxrender1 libxrandr2 libxi6
	libxfixes3 libxcursor1 libxinerama1 libxdamage1 libxcomposite1 libxtst6 libxss1 libxau6
	libxdmcp6 libxcb1 libxcb-render0 libxcb-shm0 libxkbcommon0 libwayland-client0
	libwayland-server0 libwayland-cursor0 libwayland-egl1 libdrm2 libgbm1 libegl1 libgl1
	libglx0 libglvnd0 libgles2 libepoxy0 libvulkan1 libfreetype6 libfontconfig1 fontconfig
	libharfbuzz0b libfribidi0 libpng16-16t64 libjpeg62-turbo libtiff6 libwebp7 libwebpmux3
	libwebpdemux2 libgif7 libopenjp2-7 liblcms2-2 libjbig0 libdeflate0 liblerc4 libcairo2
	libpango-1.0-0 libpangocairo-1.0-0 libpangoft2-1.0-0 libpixman-1-0 libgdk-pixbuf-2.0-0
	librsvg2-2 libgtk-3-0t64 libatk1.0-0t64 libatk-bridge2.0-0t64 libatspi2.0-0t64
	libasound2t64 libpulse0 libsndfile1 libflac14 libogg0 libvorbis0a libvorbisenc2 libopus0
	libmp3lame0 libmpg123-0t64 libspeex1 libsamplerate0 libpipewire-0.3-0t64 libavcodec63
	libavformat63 libavutil61 libswscale10 libswresample7 ffmpeg libx264-165 libx265-215
	libvpx12 libdav1d7 libaom3 postgresql-client-18 libpq5 mariadb-client libmariadb3
	redis-tools libhiredis1.1.0 libmemcached11t64 nginx-core apache2-bin libapr1t64
	libaprutil1t64 lighttpd haproxy squid libarchive13t64 libzip5 libminizip1t64 liblz4-1
	libsnappy1v5 imagemagick-7.q16 libmagickcore-7.q16-10 libmagickwand-7.q16-10 ghostscript
	libgs10 poppler-utils libpoppler162 qpdf libqpdf30 python3-yaml python3-cryptography
	python3-numpy python3-lxml python3-psutil python3-markupsafe python3-cffi-backend
	python3-bcrypt python3-nacl nodejs libnode137 ruby3.3 libruby3.3 lua5.4 liblua5.4-0 tcl8.6
	libtcl8.6 php8.4-cli jq libonig5 ripgrep fd-find bat fzf tree ncdu pv parallel bc dc time
	inotify-tools sshfs fuse3 libfuse3-4 cron anacron logrotate rsyslog libestr0 libfastjson4
	at bsdutils bsdextrautils hostname pciutils libpci3 usbutils libusb-1.0-0 lshw dmidecode
	smartmontools hdparm parted libparted2t64 lvm2 libdevmapper1.02.1 cryptsetup-bin
	libcryptsetup12 mdadm openvpn wireguard-tools ppp libpcsclite1 pcscd libp11-kit0 p11-kit
	libtasn1-6 libqt5core5t64 libqt6core6t64 libkf5coreaddons5 mesa-utils x11-utils xauth
	xserver-xorg-core xterm libglibmm-2.4-1t64 libsigc++-2.0-0v5 libgstreamer1.0-0
	gstreamer1.0-plugins-base libgstreamer-plugins-base1.0-0 libhunspell-1.7-0 libenchant-2-2
	aspell libaspell15 libtalloc2 libtevent0t64 libtdb1 libldb2 samba-libs smbclient cifs-utils
	nfs-common libnfsidmap1 rpcbind libsystemd-shared)

mkdir -p "$dir/apt/lists/partial" "$dir/apt/cache/archives/partial" "$dir/apt/parts" \
	"$dir/debs" "$dir/tree"
dir=$(realpath "$dir")
root_require sid

# Our own apt configuration, on the mirror the sid root already uses.
mirror=$(sed -n 's/^deb[[:space:]]\+\(\[[^]]*\][[:space:]]\+\)\?\([^[:space:]]\+\).*/\2/p' \
	"$ROOT_SID/etc/apt/sources.list" | head -n 1)
[[ -n $mirror ]] || { echo "coverage: no mirror in the sid root's sources.list" >&2; exit 1; }
printf 'deb %s sid main\n' "$mirror" >"$dir/apt/sources.list"
apt=(apt-get -q -o "Dir::Etc::SourceList=$dir/apt/sources.list"
	-o "Dir::Etc::SourceParts=$dir/apt/parts" -o "Dir::State::Lists=$dir/apt/lists"
	-o "Dir::Cache=$dir/apt/cache" -o APT::Sandbox::User=root)
if [[ -z $(find "$dir/apt/lists" -maxdepth 1 -name '*_Packages' -mtime -1) ]]; then
	in_root sid -B "$dir" -- "${apt[@]}" update >"$dir/apt-update.log" 2>&1 ||
		{ echo "coverage: apt-get update failed (see $dir/apt-update.log)" >&2; exit 1; }
fi

# Download each package once, all in one apt-get call when every name is
# found, else one by one; a package apt cannot find or fetch is skipped and
# named.  Then unpack each once.
missing=()
for p in "${PACKAGES[@]}"; do
	compgen -G "$dir/debs/${p}_*.deb" >/dev/null || missing+=("$p")
done
if ((${#missing[@]})) &&
	! in_root sid -B "$dir" -C "$dir/debs" -- "${apt[@]}" download "${missing[@]}" \
		>"$dir/download.log" 2>&1; then
	for p in "${missing[@]}"; do
		compgen -G "$dir/debs/${p}_*.deb" >/dev/null ||
			in_root sid -B "$dir" -C "$dir/debs" -- "${apt[@]}" download "$p" \
				>>"$dir/download.log" 2>&1 || true
	done
fi
skipped=()
for p in "${PACKAGES[@]}"; do
	[[ -f $dir/tree/$p/.unpacked ]] && continue
	deb=$(compgen -G "$dir/debs/${p}_*.deb" | sort | tail -n 1) || true
	rm -rf "${dir:?}/tree/$p" && mkdir -p "$dir/tree/$p"
	if [[ -n $deb ]] && dpkg-deb -x "$deb" "$dir/tree/$p"; then
		touch "$dir/tree/$p/.unpacked"
	else
		skipped+=("$p")
	fi
done
((${#skipped[@]} < ${#PACKAGES[@]})) || { echo "coverage: no package could be downloaded" >&2; exit 1; }

exec python3 - "$symcc" "$dir" "${#skipped[@]}" "${skipped[@]}" "${PACKAGES[@]}" -- "${targets[@]}" <<'PY'
import json, os, subprocess, sys
from collections import Counter

symcc, top, nskip = sys.argv[1], sys.argv[2], int(sys.argv[3])
skipped = sys.argv[4:4 + nskip]
rest = sys.argv[4 + nskip:]
sep = rest.index("--")
packages, targets = rest[:sep], rest[sep + 1:]

def ver(s):
    return tuple(int(x) for x in s.split("."))

files = []
for p in packages:
    if p in skipped:
        continue
    for d, _, names in os.walk(os.path.join(top, "tree", p)):
        for n in names:
            f = os.path.join(d, n)
            if os.path.islink(f) or not os.path.isfile(f) or n.endswith((".o", ".a", ".ko")):
                continue
            with open(f, "rb") as h:
                if h.read(4) == b"\x7fELF":
                    files.append(f)

# (symbol, version, weak) -> files that import it; one file counts once per symbol.
imports = Counter()
unread = 0
for i in range(0, len(files), 200):
    out = subprocess.run([symcc, "--check", "--json"] + files[i:i + 200],
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, check=False).stdout
    for r in json.loads(out):
        if r.get("error") or r.get("kind") == "error":
            unread += 1
            continue
        seen = {}
        for n in r.get("needs", []):
            v = n.get("version") or ""
            if n.get("symbol") and v.startswith("GLIBC_") and v != "GLIBC_PRIVATE":
                vv = (ver(v[6:]), bool(n.get("weak")))
                if vv > seen.get(n["symbol"], ((), False)):
                    seen[n["symbol"]] = vv
        for s, (v, w) in seen.items():
            imports[(s, v, w)] += 1

print(f"coverage: {len(packages) - len(skipped)} packages, {len(files)} ELF files"
      f" ({unread} not read), {sum(imports.values())} glibc imports")
if skipped:
    print(f"coverage: skipped (cannot be downloaded): {' '.join(skipped)}")
for t in targets:
    # A weak reference the target cannot satisfy stays NULL (the planner's
    # "weak" decision): counted apart from the symbol's strong imports.
    above, weak = Counter(), Counter()
    for (s, v, w), n in imports.items():
        if v > ver(t):
            above[s] += n
            weak[s] += n if w else 0
    decided = {}
    syms = sorted(above)
    for i in range(0, len(syms), 500):
        out = subprocess.run([symcc, "--explain", "--json", f"--target={t}"] + syms[i:i + 500],
                             stdout=subprocess.PIPE, check=False).stdout
        for r in json.loads(out):
            decided[r["symbol"]] = r
    total = sum(above.values())
    kinds = Counter()
    for s, n in above.items():
        d = decided[s]["decision"]
        if d in ("fail", "shim"):
            kinds["weak"] += weak[s]
            n -= weak[s]
            above[s] = n
        kinds[d] += n
    bad = sorted((s for s in above if decided[s]["decision"] == "fail" and above[s]),
                 key=lambda s: (-above[s], s))
    handled = total - kinds["fail"]
    lines = [f"target {t}: {total} imports of {len(above)} symbols newer than {t}:"
             f" {100.0 * handled / total if total else 100.0:.2f} % handled"
             f" ({', '.join(f'{k} {n}' for k, n in sorted(kinds.items()))})"]
    for s in bad:
        lines.append(f"  {above[s]:6d}  {s}  ({decided[s]['because']})")
    text = "\n".join(lines) + "\n"
    sys.stdout.write(text)
    with open(os.path.join(top, f"report-{t}.txt"), "w") as h:
        h.write(text)
PY
