#!/usr/bin/env python3
"""wheel-corpus.py SYMCC OUTDIR [WHEEL|MODULE.so...]: symcc --check against auditwheel.

Run inside the sid root by scripts/wheel-corpus.sh (issue 14, item 2). Wraps
every extension module (*.so) of the installed python3-* packages and of
Python's own lib-dynload as a wheel of its own in OUTDIR/corpus, adds the
WHEELs given and a wheel for each MODULE.so given, and compares for each wheel what auditwheel show decides (its
analyze_wheel_abi, the call `auditwheel show` makes) with what
`symcc --check --json` says:

  tag       the platform tag (auditwheel's overall policy; symcc's "meets",
            the newest over the wheel's ELF members, null when one has none)
  glibc     the newest GLIBC_ version needed
  cxx       the newest GLIBCXX_, CXXABI_ and GCC_ needs
  libs      the external libraries manylinux_2_17's policy does not allow
            (auditwheel's external_refs; symcc's "external" for
            --tag=manylinux2014, whose glibc needs count in glibc as
            auditwheel counts them)

Prints one line per disagreement, then the agreement rate of each field and
of all four; OUTDIR/results.json holds every wheel's two answers.
"""
import base64
import hashlib
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

from auditwheel.wheel_abi import analyze_wheel_abi

ARCH = "x86_64"
POLICY = "manylinux_2_17_" + ARCH


def version_key(v):
    return tuple(int(x) for x in re.findall(r"\d+", v))


def tag_key(tag):
    """manylinux_2_17 -> (2, 17); no tag sorts above every tag"""
    return (99, 99) if tag is None else version_key(tag)


def newest(versions, prefix):
    vs = [v for v in versions if v.startswith(prefix) and re.fullmatch(r"[A-Z]+_[\d.]+", v)]
    return max(vs, key=version_key) if vs else None


def corpus_modules():
    """(package, path) of every extension module installed by python3-* and libpython3*-stdlib"""
    pkgs = subprocess.run(["dpkg-query", "-W", "-f", "${Package} ${Status}\n"],
                          check=True, capture_output=True, text=True).stdout.splitlines()
    out = []
    for line in pkgs:
        name, *status = line.split()
        if "installed" not in status or not re.match(r"(python3-|libpython3\.\d+-stdlib)", name):
            continue
        files = subprocess.run(["dpkg", "-L", name], capture_output=True, text=True).stdout.split()
        for f in files:
            p = Path(f)
            if (p.suffix == ".so" and ("dist-packages" in p.parts or "lib-dynload" in p.parts)
                    and p.is_file() and not p.is_symlink()):
                out.append((name, p))
    return out


def record_line(name, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def wrap(pkg, path, outdir):
    """a wheel holding the module at its path below dist-packages (or its name alone)"""
    parts = path.parts
    base = parts.index("dist-packages") + 1 if "dist-packages" in parts else len(parts) - 1
    member = "/".join(parts[base:])
    dist = re.sub(r"[^A-Za-z0-9]+", "_", f"{pkg}_{path.name.removesuffix('.so')}")
    whl = outdir / f"{dist}-0-cp314-cp314-linux_{ARCH}.whl"
    info = f"{dist}-0.dist-info"
    files = {
        member: path.read_bytes(),
        f"{info}/METADATA": f"Metadata-Version: 2.1\nName: {dist}\nVersion: 0\n".encode(),
        f"{info}/WHEEL": b"Wheel-Version: 1.0\nGenerator: symcc-wheel-corpus\nRoot-Is-Purelib: false\n"
                         b"Tag: cp314-cp314-linux_x86_64\n",
    }
    record = [record_line(n, d) for n, d in files.items()] + [f"{info}/RECORD,,"]
    with zipfile.ZipFile(whl, "w", zipfile.ZIP_DEFLATED) as z:
        for n, d in files.items():
            z.writestr(n, d)
        z.writestr(f"{info}/RECORD", "\n".join(record) + "\n")
    return whl


def auditwheel_view(whl):
    w = analyze_wheel_abi(None, None, whl, frozenset(), disable_isa_ext_check=False, allow_graft=False)
    versions = set().union(*w.versioned_symbols.values()) if w.versioned_symbols else set()
    tag = w.overall_policy.name
    tag = None if tag == "linux_" + ARCH else tag.removesuffix("_" + ARCH)
    ref = w.external_refs.get(POLICY)
    return {
        "tag": tag,
        "glibc": newest(versions, "GLIBC_"),
        "cxx": {p: newest(versions, p + "_") for p in ("GLIBCXX", "CXXABI", "GCC")},
        "libs": sorted(ref.libs) if ref else [],
        "blacklist": {k: v for k, v in ref.blacklist.items()} if ref else {},
        "why": {"sym": w.sym_policy.name, "ref": w.ref_policy.name, "machine": w.machine_policy.name,
                "blacklist": w.blacklist_policy.name, "ucs": w.ucs_policy.name},
    }


def symcc_view(symcc, whl):
    r = subprocess.run([symcc, "--check", "--tag=manylinux2014", "--json", str(whl)],
                       capture_output=True, text=True)
    objs = json.loads(r.stdout)
    if any(o["kind"] == "error" for o in objs):
        return {"error": [o["error"] for o in objs if o["kind"] == "error"]}
    tags = [o["meets"] for o in objs]
    # auditwheel counts the glibc needs of the libraries repair would graft
    glibc = [o["glibc"] for o in objs if o["glibc"]]
    glibc += [e["glibc"] for o in objs for e in o["external"] if e["glibc"]]
    cxx = [c["version"] for o in objs for c in o["cxx"]]
    libs = {e["library"] for o in objs for e in o["external"]}
    return {
        "tag": None if None in tags or not tags else max(tags, key=tag_key),
        "glibc": ("GLIBC_" + max(glibc, key=version_key)) if glibc else None,
        "cxx": {p: newest(cxx, p + "_") for p in ("GLIBCXX", "CXXABI", "GCC")},
        "libs": sorted(libs),
    }


def main():
    symcc, outdir, extra = sys.argv[1], Path(sys.argv[2]), [Path(a) for a in sys.argv[3:]]
    (outdir / "corpus").mkdir(parents=True, exist_ok=True)
    wheels = [(pkg, wrap(pkg, p, outdir / "corpus")) for pkg, p in corpus_modules()]
    wheels += [("given", wrap("given", w, outdir / "corpus")) if w.suffix == ".so" else ("given", w)
               for w in extra]
    fields = ("tag", "glibc", "cxx", "libs")
    agree = dict.fromkeys(fields + ("all",), 0)
    results = []
    for pkg, whl in wheels:
        a, s = auditwheel_view(whl), symcc_view(symcc, whl)
        diff = [f for f in fields if a.get(f) != s.get(f)]
        for f in fields:
            agree[f] += f not in diff
        agree["all"] += not diff
        results.append({"wheel": whl.name, "package": pkg, "auditwheel": a, "symcc": s, "differ": diff})
        for f in diff:
            print(f"DIFFER {whl.name} ({pkg}): {f}: auditwheel {a.get(f)} / symcc {s.get(f, s.get('error'))}"
                  + (f"  [auditwheel policies: {a['why']}]" if f == "tag" else ""))
    (outdir / "results.json").write_text(json.dumps(results, indent=1, default=str))
    n = len(wheels)
    print(f"corpus: {n} wheels ({n - len(extra)} modules of {len({p for p, _ in wheels if p != 'given'})}"
          f" packages, {len(extra)} given)")
    for f in fields + ("all",):
        print(f"agreement {f:5}: {agree[f]}/{n} = {100.0 * agree[f] / max(n, 1):.1f} %")


if __name__ == "__main__":
    main()
