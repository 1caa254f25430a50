#!/usr/bin/env python3
"""Builds the two tiny wheels this sample adds to the QuickStart's (into wheels/).

banner-text: the App's own Python package. sample-lint: a tool only the Library's own build uses
(PrivateAssets="all"), so it must never reach the App. Standard library only; every byte is fixed
(timestamps, order, permissions, no compression), so any machine regenerates identical files.
"""
import base64
import hashlib
import os
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "wheels")
EPOCH = (1980, 1, 1, 0, 0, 0)

PACKAGES = [
    {
        "name": "banner-text",
        "version": "1.0.0",
        "files": {
            "banner_text/__init__.py": '"""Frames a line of text."""\n\n__version__ = \'1.0.0\'\n\n'
                                       "def frame(line):\n"
                                       "    bar = '+' + '-' * (len(line) + 2) + '+'\n"
                                       "    return '\\n'.join([bar, '| ' + line + ' |', bar])\n",
        },
    },
    {
        "name": "sample-lint",
        "version": "0.3.0",
        "entry_points": "[console_scripts]\nsample-lint = sample_lint:main\n",
        "files": {
            "sample_lint/__init__.py": '"""A development-only checker: the Library uses it, its consumers must not get it."""\n'
                                       "import sys\n\n__version__ = '0.3.0'\n\n"
                                       "def main():\n    print('sample-lint {}: nothing to report'.format(__version__))\n"
                                       "    return 0\n",
        },
    },
]


def record_hash(data):
    digest = hashlib.sha256(data).digest()
    return "sha256=" + base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def build(pkg):
    dist = pkg["name"].replace("-", "_")
    dist_info = "{}-{}.dist-info".format(dist, pkg["version"])
    files = dict(pkg["files"])
    files[dist_info + "/METADATA"] = (
        "Metadata-Version: 2.1\nName: {}\nVersion: {}\nSummary: LibraryAndApp sample package\n"
        "Requires-Python: >=3.8\n".format(pkg["name"], pkg["version"]))
    files[dist_info + "/WHEEL"] = "Wheel-Version: 1.0\nGenerator: make_wheels.py\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    if "entry_points" in pkg:
        files[dist_info + "/entry_points.txt"] = pkg["entry_points"]
    record_name = dist_info + "/RECORD"
    record = "".join("{},{},{}\n".format(p, record_hash(files[p].encode("utf-8")), len(files[p].encode("utf-8")))
                     for p in sorted(files))
    files[record_name] = record + record_name + ",,\n"

    filename = "{}-{}-py3-none-any.whl".format(dist, pkg["version"])
    with zipfile.ZipFile(os.path.join(OUT, filename), "w", zipfile.ZIP_STORED) as wheel:
        # dist-info last, RECORD very last: the order installers expect.
        for name in sorted(files, key=lambda n: (n.startswith(dist_info), n == record_name, n)):
            info = zipfile.ZipInfo(name, EPOCH)
            info.external_attr = 0o644 << 16
            wheel.writestr(info, files[name].encode("utf-8"))
    return filename


def main():
    os.makedirs(OUT, exist_ok=True)
    for pkg in PACKAGES:
        print(os.path.join("wheels", build(pkg)))


if __name__ == "__main__":
    main()
