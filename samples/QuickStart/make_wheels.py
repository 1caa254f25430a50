#!/usr/bin/env python3
"""Builds the QuickStart's tiny pure-Python wheels into wheels/ (plus a PEP 503 simple index).

Only the standard library (zipfile, hashlib) is used and every byte is fixed (timestamps,
order, permissions, no compression: deflate output depends on the zlib build), so any
machine regenerates identical files. No PyPI, no pip, no setuptools.
"""
import base64
import hashlib
import html
import os
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "wheels")
EPOCH = (1980, 1, 1, 0, 0, 0)

PACKAGES = [
    {
        "name": "tiny-tokenizer",
        "version": "0.1.0",
        "requires": [],
        "files": {
            "tiny_tokenizer/__init__.py": '"""Old release: splits on spaces only."""\n\n'
                                          "def tokenize(text):\n    return text.split(' ')\n",
        },
    },
    {
        "name": "tiny-tokenizer",
        "version": "0.2.0",
        "requires": [],
        "files": {
            "tiny_tokenizer/__init__.py": '"""A whitespace and punctuation tokenizer."""\n'
                                          "import re\n\n__version__ = '0.2.0'\n\n"
                                          "def tokenize(text):\n"
                                          "    return re.findall(r\"\\w+|[^\\w\\s]\", text)\n",
        },
    },
    {
        "name": "hello-llm",
        "version": "0.1.0",
        "requires": ["tiny-tokenizer>=0.2"],
        "entry_points": "[console_scripts]\nhello-llm = hello_llm:main\n",
        "files": {
            "hello_llm/__init__.py": '"""Pretends to be a language model: greets and counts tokens."""\n'
                                     "import sys\n\nimport tiny_tokenizer\n\n__version__ = '0.1.0'\n\n"
                                     "def greet(prompt):\n"
                                     "    tokens = tiny_tokenizer.tokenize(prompt)\n"
                                     "    return 'hello-llm {} (tiny-tokenizer {}): {} tokens in {!r}'.format(\n"
                                     "        __version__, tiny_tokenizer.__version__, len(tokens), prompt)\n\n"
                                     "def main():\n"
                                     "    print(greet(' '.join(sys.argv[1:]) or 'Hello from Python!'))\n",
        },
    },
]


def record_hash(data):
    digest = hashlib.sha256(data).digest()
    return "sha256=" + base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def build(pkg):
    dist = pkg["name"].replace("-", "_")
    dist_info = "{}-{}.dist-info".format(dist, pkg["version"])
    metadata = "Metadata-Version: 2.1\nName: {}\nVersion: {}\nSummary: QuickStart sample package\nRequires-Python: >=3.8\n".format(
        pkg["name"], pkg["version"])
    for requirement in pkg["requires"]:
        metadata += "Requires-Dist: {}\n".format(requirement)
    files = dict(pkg["files"])
    files[dist_info + "/METADATA"] = metadata
    files[dist_info + "/WHEEL"] = "Wheel-Version: 1.0\nGenerator: make_wheels.py\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    if "entry_points" in pkg:
        files[dist_info + "/entry_points.txt"] = pkg["entry_points"]
    record_name = dist_info + "/RECORD"
    record = ""
    for path in sorted(files):
        data = files[path].encode("utf-8")
        record += "{},{},{}\n".format(path, record_hash(data), len(data))
    record += record_name + ",,\n"
    files[record_name] = record

    filename = "{}-{}-py3-none-any.whl".format(dist, pkg["version"])
    path = os.path.join(OUT, filename)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as wheel:
        # dist-info last, RECORD very last: the order installers expect.
        for name in sorted(files, key=lambda n: (n.startswith(dist_info), n == record_name, n)):
            info = zipfile.ZipInfo(name, EPOCH)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_STORED
            wheel.writestr(info, files[name].encode("utf-8"))
    return filename


def write_simple_index(wheels):
    """PEP 503 pages under wheels/simple/ so PythonIndexUrl can point at the folder too."""
    by_project = {}
    for filename in wheels:
        project = filename.split("-")[0].replace("_", "-").lower()
        by_project.setdefault(project, []).append(filename)
    simple = os.path.join(OUT, "simple")
    os.makedirs(simple, exist_ok=True)
    root = "<!DOCTYPE html>\n<html><body>\n"
    for project in sorted(by_project):
        root += '<a href="{0}/">{0}</a>\n'.format(project)
        page = "<!DOCTYPE html>\n<html><body>\n"
        for filename in sorted(by_project[project]):
            with open(os.path.join(OUT, filename), "rb") as f:
                sha = hashlib.sha256(f.read()).hexdigest()
            page += '<a href="../../{0}#sha256={1}" data-requires-python="&gt;=3.8">{0}</a>\n'.format(html.escape(filename), sha)
        page += "</body></html>\n"
        os.makedirs(os.path.join(simple, project), exist_ok=True)
        with open(os.path.join(simple, project, "index.html"), "w", newline="\n") as f:
            f.write(page)
    root += "</body></html>\n"
    with open(os.path.join(simple, "index.html"), "w", newline="\n") as f:
        f.write(root)


def main():
    os.makedirs(OUT, exist_ok=True)
    wheels = [build(pkg) for pkg in PACKAGES]
    write_simple_index(wheels)
    for filename in wheels:
        print(os.path.join("wheels", filename))


if __name__ == "__main__":
    main()
