"""Prepares a running Loanbook server for a Schemathesis run.

Waits until the server is ready, logs in as the users the runs act as,
gives the demo book what it lacks (a customer user and a document on each
kind of record), and writes:

- ``<out>/tokens``: one ``role token`` line per role the runs act as;
- ``<out>/schemathesis.toml``: dictionaries of the book's real ids bound to
  the path parameters, so that generated requests reach real records as
  well as missing ones.

Uses the standard library only. Usage:
``schemathesis_book.py BASE_URL ADMIN_PASSWORD OUT_DIR``.
"""

import json
import sys
import time
import urllib.error
import urllib.request
import uuid

DEMO_PASSWORD = "demo-password"
BORROWER = "st-borrower"
BORROWER_PASSWORD = "st-borrower-password"

# The users each run acts as; the demo loader creates all but admin and the
# borrower.
LOGINS = [
    ("admin", "admin", None),
    ("sales", "demo-sales", DEMO_PASSWORD),
    ("reviewer", "demo-reviewer-1", DEMO_PASSWORD),
    ("cashier", "demo-cashier", DEMO_PASSWORD),
    ("customer", BORROWER, BORROWER_PASSWORD),
]

# A minimal PDF: the server recognises it by its magic bytes.
PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"

# Path parameter bindings: operations whose path matches the regex take each
# named parameter from its dictionary most of the time, a generated value
# otherwise. The regexes do not overlap.
BINDINGS = [
    (r"^/api/v1/customers/\{id\}", {"id": "customers"}),
    (r"^/api/v1/loan-applications/\{id\}", {"id": "applications"}),
    (r"^/api/v1/loans/\{id\}(?!/repayments/\{repayment_id\})", {"id": "loans"}),
    (
        r"^/api/v1/loans/\{id\}/repayments/\{repayment_id\}",
        {"id": "loans", "repayment_id": "repayments"},
    ),
    (r"^/api/v1/documents/\{id\}", {"id": "documents"}),
    (r"^/api/v1/users/\{id\}", {"id": "users"}),
    (r"^/api/v1/loan-products/\{id\}", {"id": "products"}),
]


def call(base, method, path, token=None, body=None, content_type="application/json"):
    """Sends a request and returns (status, parsed JSON or None)."""
    data = None
    headers = {}
    if body is not None:
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        headers["Content-Type"] = content_type
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(base + path, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            status, text = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, text = error.code, error.read()
    try:
        return status, json.loads(text)
    except ValueError:
        return status, None


def expect(reply, status, what):
    """The body of a reply with the given status; exits with the reply otherwise."""
    if reply[0] != status:
        sys.exit(f"{what}: expected {status}, got {reply[0]}: {reply[1]}")
    return reply[1]


def wait_until_ready(base):
    """Polls /health/ready for up to two minutes."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if call(base, "GET", "/health/ready")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    sys.exit(f"the server at {base} did not become ready in 120 s")


def login(base, username, password):
    """An access token of the user."""
    reply = call(base, "POST", "/api/v1/auth/login", body={"username": username, "password": password})
    return expect(reply, 200, f"login as {username}")["access_token"]


def items(base, token, path):
    """The items of a list's first page."""
    return expect(call(base, "GET", path, token), 200, f"GET {path}")["items"]


def upload(base, token, path):
    """Uploads the PDF as a business licence and returns the document id."""
    boundary = uuid.uuid4().hex
    body = (
        f"--{boundary}\r\nContent-Disposition: form-data; name=\"document_type\"\r\n\r\n"
        f"business_licence\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; "
        f"filename=\"licence.pdf\"\r\nContent-Type: application/pdf\r\n\r\n"
    ).encode() + PDF + f"\r\n--{boundary}--\r\n".encode()
    reply = call(base, "POST", path, token, body, f"multipart/form-data; boundary={boundary}")
    return expect(reply, 201, f"upload to {path}")["id"]


def toml_string(text):
    """A TOML basic string (JSON's escaping is valid TOML for these values)."""
    return json.dumps(text)


def main():
    """Prepares the book and writes the tokens and the configuration."""
    base, admin_password, out = sys.argv[1:4]
    wait_until_ready(base)
    admin = login(base, "admin", admin_password)

    customers = [c["id"] for c in items(base, admin, "/api/v1/customers?limit=200")]
    applications = [a["id"] for a in items(base, admin, "/api/v1/loan-applications?limit=200")]
    loans = [loan["id"] for loan in items(base, admin, "/api/v1/loans?limit=200")]
    if not (customers and applications and loans):
        sys.exit("the demo book has no customers, applications or loans")
    borrower = {
        "username": BORROWER, "password": BORROWER_PASSWORD, "display_name": "借款客户",
        "roles": ["customer"], "customer_id": customers[0],
    }
    expect(call(base, "POST", "/api/v1/users", admin, borrower), 201, "create the customer user")
    documents = [
        upload(base, admin, f"/api/v1/customers/{customers[0]}/documents"),
        upload(base, admin, f"/api/v1/loan-applications/{applications[0]}/documents"),
        upload(base, admin, f"/api/v1/loans/{loans[0]}/documents"),
    ]
    repayments = []
    for loan in loans:
        repayments += [r["id"] for r in items(base, admin, f"/api/v1/loans/{loan}/repayments")]
    users = [u["id"] for u in items(base, admin, "/api/v1/users?limit=200")]
    products = [p["id"] for p in expect(call(base, "GET", "/api/v1/loan-products", admin), 200, "products")]

    with open(f"{out}/tokens", "w", encoding="utf-8") as tokens:
        for role, username, password in LOGINS:
            token = admin if role == "admin" else login(base, username, password)
            tokens.write(f"{role} {token}\n")

    values = {
        "customers": customers, "applications": applications, "loans": loans,
        "repayments": repayments, "documents": documents, "users": users, "products": products,
    }
    lines = []
    for name, ids in values.items():
        lines.append(f"[dictionaries.{name}]")
        lines.append(f"values = [{', '.join(toml_string(i) for i in ids)}]")
        lines.append("")
    for regex, parameters in BINDINGS:
        bound = ", ".join(
            f'"path.{name}" = {{ dictionary = "{dictionary}", probability = 0.8 }}'
            for name, dictionary in parameters.items()
        )
        lines += ["[[operations]]", f"include-path-regex = {toml_string(regex)}"]
        lines += [f"parameters = {{ {bound} }}", ""]
    with open(f"{out}/schemathesis.toml", "w", encoding="utf-8") as config:
        config.write("\n".join(lines))
    counts = ", ".join(f"{len(ids)} {name}" for name, ids in values.items())
    print(f"book ready: {counts}")


if __name__ == "__main__":
    main()
