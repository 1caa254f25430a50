"""Deterministic pure-Python wheels for the samples (shared by their make_wheels.py scripts).

Only the standard library (zipfile, hashlib) is used and every byte is fixed (timestamps, order,
permissions, no compression: deflate output depends on the zlib build), so any machine regenerates
identical files. No PyPI, no pip, no setuptools.
"""
import base64
import hashlib
import html
import os
import zipfile

EPOCH = (1980, 1, 1, 0, 0, 0)


def record_hash(data):
    digest = hashlib.sha256(data).digest()
    return "sha256=" + base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def build(pkg, out, summary):
    """Writes pkg ({name, version, files, requires?, entry_points?}) as a py3-none-any wheel into out."""
    dist = pkg["name"].replace("-", "_")
    dist_info = "{}-{}.dist-info".format(dist, pkg["version"])
    metadata = "Metadata-Version: 2.1\nName: {}\nVersion: {}\nSummary: {}\nRequires-Python: >=3.8\n".format(
        pkg["name"], pkg["version"], summary)
    for requirement in pkg.get("requires", []):
        metadata += "Requires-Dist: {}\n".format(requirement)
    files = dict(pkg["files"])
    files[dist_info + "/METADATA"] = metadata
    files[dist_info + "/WHEEL"] = "Wheel-Version: 1.0\nGenerator: make_wheels.py\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    if "entry_points" in pkg:
        files[dist_info + "/entry_points.txt"] = pkg["entry_points"]
    record_name = dist_info + "/RECORD"
    record = "".join("{},{},{}\n".format(p, record_hash(files[p].encode("utf-8")), len(files[p].encode("utf-8")))
                     for p in sorted(files))
    files[record_name] = record + record_name + ",,\n"

    filename = "{}-{}-py3-none-any.whl".format(dist, pkg["version"])
    with zipfile.ZipFile(os.path.join(out, filename), "w", zipfile.ZIP_STORED) as wheel:
        # dist-info last, RECORD very last: the order installers expect.
        for name in sorted(files, key=lambda n: (n.startswith(dist_info), n == record_name, n)):
            info = zipfile.ZipInfo(name, EPOCH)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_STORED
            wheel.writestr(info, files[name].encode("utf-8"))
    return filename


def write_simple_index(out, wheels):
    """PEP 503 pages under out/simple/ so PythonIndexUrl can point at the folder too."""
    by_project = {}
    for filename in wheels:
        project = filename.split("-")[0].replace("_", "-").lower()
        by_project.setdefault(project, []).append(filename)
    simple = os.path.join(out, "simple")
    os.makedirs(simple, exist_ok=True)
    root = "<!DOCTYPE html>\n<html><body>\n"
    for project in sorted(by_project):
        root += '<a href="{0}/">{0}</a>\n'.format(project)
        page = "<!DOCTYPE html>\n<html><body>\n"
        for filename in sorted(by_project[project]):
            with open(os.path.join(out, filename), "rb") as f:
                sha = hashlib.sha256(f.read()).hexdigest()
            page += '<a href="../../{0}#sha256={1}" data-requires-python="&gt;=3.8">{0}</a>\n'.format(html.escape(filename), sha)
        page += "</body></html>\n"
        os.makedirs(os.path.join(simple, project), exist_ok=True)
        with open(os.path.join(simple, project, "index.html"), "w", newline="\n") as f:
            f.write(page)
    root += "</body></html>\n"
    with open(os.path.join(simple, "index.html"), "w", newline="\n") as f:
        f.write(root)
