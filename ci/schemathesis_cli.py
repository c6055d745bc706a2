"""Runs the Schemathesis command line, prepared for Loanbook.

Two things are added to Schemathesis as installed:

- Strategies for the file types a document upload declares for its ``file``
  part (PDF, JPEG, PNG, XLSX, DOCX). Schemathesis cannot make up bytes of a
  binary media type by itself and reports such an upload as an error; with
  these it sends a small valid file of the type, or bytes of none of them
  (which the server refuses with 415).
- A workaround for a CPython 3.11 defect: ``ast.parse`` called deep in the
  stack can raise ``SystemError: AST constructor recursion depth mismatch``.
  Hypothesis parses source only to describe a lambda in a strategy's
  ``repr``, so such a description falls back to Hypothesis's own form for a
  lambda it cannot read instead of aborting an operation's tests.

Usage: ``schemathesis_cli.py ARGS...``, with the arguments of ``schemathesis``.
"""

import io
import sys
import zipfile

from hypothesis import strategies as st
from hypothesis.internal import lambda_sources

import schemathesis
from schemathesis.cli import schemathesis as command

_describe = lambda_sources._lambda_description


def _tolerant_description(f, *args, **kwargs):
    try:
        return _describe(f, *args, **kwargs)
    except SystemError:
        return "lambda: <unknown>"


lambda_sources._lambda_description = _tolerant_description


def _zip(entries):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, text in entries:
            archive.writestr(name, text)
    return out.getvalue()


PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
XLSX = _zip([("[Content_Types].xml", "<Types/>"), ("xl/workbook.xml", "<workbook/>")])
DOCX = _zip([("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document/>")])
NONE_OF_THEM = b"plain text, not an accepted file"

FILE_TYPES = {
    "application/pdf": PDF,
    "image/jpeg": JPEG,
    "image/png": PNG,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": XLSX,
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": DOCX,
}

for media_type, content in FILE_TYPES.items():
    schemathesis.openapi.media_type(media_type, st.sampled_from([content, NONE_OF_THEM]))

if __name__ == "__main__":
    sys.argv[0] = "schemathesis"
    sys.exit(command())
