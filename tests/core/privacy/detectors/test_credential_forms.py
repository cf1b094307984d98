"""Credentials beside their key's name, passed to logins, on the LDAP tools' -w flag, in app
password form and in session cookies."""

from __future__ import annotations

import pytest

from aideon_desktop.core.privacy import scan


def found(text: str) -> list[str]:
    return [text[f.start : f.end] for f in scan(text).findings if f.detector == "credential_form"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ('<add key="SmtpPassword" value="Welkom2026!" />', "Welkom2026!"),
        ('<property name="password" value="Ahorn#5521"/>', "Ahorn#5521"),
        ("define('DB_PASSWORD', 'pR3st0n!88');", "pR3st0n!88"),
        ("config.set('database', 'password', 'Tulpe#4471')", "Tulpe#4471"),
        ("requests.get(url, auth=('admin', 'Pappel!2026'))", "Pappel!2026"),
        ("HTTPBasicAuth('svc_report', 'Ulme#2026x')", "Ulme#2026x"),
        ('new NetworkCredential("svc", "Weide!2026", "CORP")', "Weide!2026"),
        ("server.login('rechnung@meier-gmbh.de', 'bkqx tzvw pnmr yhfd')", "bkqx tzvw pnmr yhfd"),
        ("conn.simple_bind_s('cn=svc,dc=corp', 'Kx9!mQ2zR')", "Kx9!mQ2zR"),
        ("SMTP_PASS=bkqx tzvw pnmr yhfd", "bkqx tzvw pnmr yhfd"),
        ("ldapsearch -x -D \"cn=admin,dc=corp\" -w 'Adm1nP@ss' -H ldap://dc1", "Adm1nP@ss"),
        (
            "set-cookie: connect.sid=s%3Aq8Zk2mL9pR4sT6vW.1yZ3bC5dF7gH0jKq8Zk2mL9pR4sT; Path=/",
            "s%3Aq8Zk2mL9pR4sT6vW.1yZ3bC5dF7gH0jKq8Zk2mL9pR4sT",
        ),
    ],
)
def test_credential_forms(text: str, value: str) -> None:
    assert value in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "server.login(os.environ['SMTP_USER'], os.environ['SMTP_PASSWORD'])",
        "requests.get(url, auth=('user', 'password'))",
        "define('DB_PASSWORD', getenv('DB_PASSWORD'));",
        "define('DB_PASSWORD', 'your_password_here');",
        '<add key="SmtpPassword" value="" />',
        "Cookie: _ga=GA1.2.1234567890.1700000000; theme=dark",
        "ldapsearch -x -D 'cn=admin' -W -H ldap://dc1",  # -W asks for it
        'print("login", "Logged in successfully as admin")',
        'assert_auth("alice", "Expected failure message")',  # words, not a password
        'bind("click", "handler")',
    ],
)
def test_not_credentials(text: str) -> None:
    assert found(text) == []
