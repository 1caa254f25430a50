#!/usr/bin/env python3
"""Generates a demo package index shaped like PyPI plus download.pytorch.org, for the LlmStack sample.

    python3 make_demo_index.py OUTPUT_FOLDER

OUTPUT_FOLDER/simple/<project>/index.html    PEP 503 pages (links ../../packages/<file>#sha256=…)
OUTPUT_FOLDER/packages/<file>.whl            numpy, filelock, typing-extensions, transformers, accelerate
OUTPUT_FOLDER/whl/<backend>/<project>/        per-backend pages (cpu, cu118, cu121, cu124) with root-relative
                                              links /whl/<backend>/torch-2.4.0%2Bcu124-….whl, as the real index
OUTPUT_FOLDER/whl/<backend>/<file>.whl        torch 2.4.0+<backend>, torchvision 0.19.0+<backend>
Every wheel also gets its PEP 658 <file>.metadata next to it. Serve the folder with
`python3 -m http.server --bind 127.0.0.1 --directory OUTPUT_FOLDER PORT` and point PythonIndexUrl at
/simple and PyTorchIndexUrl at /whl. The wheels are tiny fakes (a few lines of Python each) with the
real projects' names, versions and dependency edges; no network, standard library only, same bytes
on every run (fixed timestamps, order, permissions, no compression).
"""
import base64
import hashlib
import html
import os
import sys
import urllib.parse
import zipfile

EPOCH = (1980, 1, 1, 0, 0, 0)
TORCH, TORCHVISION = "2.4.0", "0.19.0"
BACKENDS = {"cpu": None, "cu118": "11.8", "cu121": "12.1", "cu124": "12.4"}


def pypi_packages():
    return [
        ("numpy", "1.26.4", [], "__version__ = '1.26.4'\n"),
        ("filelock", "3.15.4", [], "__version__ = '3.15.4'\n"),
        ("typing-extensions", "4.12.2", [], "__version__ = '4.12.2'\n"),
        ("transformers", "4.44.0", ["numpy>=1.17", "filelock"],
         "__version__ = '4.44.0'\n\n"
         "def pipeline(task, model=None):\n"
         "    import torch\n"
         "    return 'demo {} pipeline on torch {}'.format(task, torch.__version__)\n"),
        ("accelerate", "0.33.0", ["torch>=2.0", "numpy<3,>=1.17"], "__version__ = '0.33.0'\n"),
    ]


def torch_packages(backend, cuda):
    local = "+" + backend
    return [
        ("torch", TORCH + local, ["filelock", "typing-extensions>=4.8.0"],
         "__version__ = '{v}'\n\n"
         "class version:\n    cuda = {cuda!r}\n\n"
         "class cuda:\n"
         "    @staticmethod\n"
         "    def is_available():\n"
         "        return False  # a demo wheel: no kernels inside\n".format(v=TORCH + local, cuda=cuda)),
        ("torchvision", TORCHVISION + local, ["torch==" + TORCH, "numpy"],
         "import torch\n"
         "if torch.__version__ != '{t}':\n"
         "    raise ImportError('torchvision {v} needs torch {t}, got ' + torch.__version__)\n"
         "__version__ = '{v}'\n".format(t=TORCH + local, v=TORCHVISION + local)),
    ]


def record_hash(data):
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode("ascii")


def build_wheel(folder, name, version, requires, init_py):
    dist = name.replace("-", "_")
    dist_info = "{}-{}.dist-info".format(dist, version)
    metadata = "Metadata-Version: 2.1\nName: {}\nVersion: {}\nSummary: LlmStack demo wheel\nRequires-Python: >=3.8\n".format(name, version)
    metadata += "".join("Requires-Dist: {}\n".format(r) for r in requires)
    files = {
        dist + "/__init__.py": init_py,
        dist_info + "/METADATA": metadata,
        dist_info + "/WHEEL": "Wheel-Version: 1.0\nGenerator: make_demo_index.py\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    }
    record_name = dist_info + "/RECORD"
    record = "".join("{},{},{}\n".format(p, record_hash(files[p].encode()), len(files[p].encode())) for p in sorted(files))
    files[record_name] = record + record_name + ",,\n"

    filename = "{}-{}-py3-none-any.whl".format(dist, version)
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, filename)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as wheel:
        for member in sorted(files, key=lambda n: (n.startswith(dist_info), n == record_name, n)):
            info = zipfile.ZipInfo(member, EPOCH)
            info.external_attr = 0o644 << 16
            wheel.writestr(info, files[member].encode())
    # PEP 658: the core metadata next to the wheel, so a resolver need not download the wheel to read it.
    with open(path + ".metadata", "wb") as f:
        f.write(metadata.encode())
    return filename, sha256_of(path), hashlib.sha256(metadata.encode()).hexdigest()


def sha256_of(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def project_of(filename):
    return filename.split("-")[0].replace("_", "-").lower()


def write_page(folder, title, links):
    os.makedirs(folder, exist_ok=True)
    body = "<!DOCTYPE html>\n<html>\n  <body>\n    <h1>Links for {}</h1>\n".format(html.escape(title))
    for href, text, metadata_sha in links:
        body += '    <a href="{}" data-requires-python="&gt;=3.8" data-dist-info-metadata="sha256={m}" data-core-metadata="sha256={m}">{}</a><br/>\n'.format(
            html.escape(href), html.escape(text), m=metadata_sha)
    body += "  </body>\n</html>\n"
    with open(os.path.join(folder, "index.html"), "w", newline="\n") as f:
        f.write(body)


def write_root(folder, projects):
    os.makedirs(folder, exist_ok=True)
    body = "<!DOCTYPE html>\n<html>\n  <body>\n"
    body += "".join('    <a href="{0}/">{0}</a>\n'.format(p) for p in sorted(projects))
    with open(os.path.join(folder, "index.html"), "w", newline="\n") as f:
        f.write(body + "  </body>\n</html>\n")


def main(out):
    # PyPI-like /simple/ with files under /packages/.
    simple = {}
    for name, version, requires, init_py in pypi_packages():
        filename, sha, metadata_sha = build_wheel(os.path.join(out, "packages"), name, version, requires, init_py)
        simple.setdefault(project_of(filename), []).append(
            ("../../packages/{}#sha256={}".format(urllib.parse.quote(filename), sha), filename, metadata_sha))
    for project, links in simple.items():
        write_page(os.path.join(out, "simple", project), project, links)
    write_root(os.path.join(out, "simple"), simple)

    # PyTorch-like /whl/<backend>/<project>/ with root-relative links, '+' written as %2B.
    for backend, cuda in BACKENDS.items():
        pages = {}
        for name, version, requires, init_py in torch_packages(backend, cuda):
            filename, sha, metadata_sha = build_wheel(os.path.join(out, "whl", backend), name, version, requires, init_py)
            pages.setdefault(project_of(filename), []).append(
                ("/whl/{}/{}#sha256={}".format(backend, urllib.parse.quote(filename), sha), filename, metadata_sha))
        for project, links in pages.items():
            write_page(os.path.join(out, "whl", backend, project), project, links)
        write_root(os.path.join(out, "whl", backend), pages)
    print("demo index written to " + out)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: make_demo_index.py OUTPUT_FOLDER")
    main(os.path.abspath(sys.argv[1]))
