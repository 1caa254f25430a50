#!/usr/bin/env python3
"""Builds the QuickStart's tiny pure-Python wheels into wheels/ (plus a PEP 503 simple index). Byte-for-byte
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


def main():
    os.makedirs(OUT, exist_ok=True)
    wheels = [wheelkit.build(pkg, OUT, "QuickStart sample package") for pkg in PACKAGES]
    wheelkit.write_simple_index(OUT, wheels)
    for filename in wheels:
        print(os.path.join("wheels", filename))


if __name__ == "__main__":
    main()
