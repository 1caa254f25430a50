#!/usr/bin/env python3
"""Builds the two tiny wheels this sample adds to the QuickStart's (into wheels/).

banner-text: the App's own Python package. sample-lint: a tool only the Library's own build uses
(PrivateAssets="all"), so it must never reach the App. Byte-for-byte
reproducible: see samples/wheelkit.py.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import wheelkit  # noqa: E402  (samples/wheelkit.py)

OUT = os.path.join(HERE, "wheels")

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


def main():
    os.makedirs(OUT, exist_ok=True)
    wheels = [wheelkit.build(pkg, OUT, "LibraryAndApp sample package") for pkg in PACKAGES]
    for filename in wheels:
        print(os.path.join("wheels", filename))


if __name__ == "__main__":
    main()
