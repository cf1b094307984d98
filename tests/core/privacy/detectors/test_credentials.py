"""Credentials named by their key: code, config, command lines and URLs."""

from __future__ import annotations

import pytest

from aideon_desktop.core.privacy import scan


def secrets(text: str) -> list[str]:
    return [text[f.start : f.end] for f in scan(text).findings if f.category == "secret"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("JIRA_API_TOKEN=HXe8DGg1iJd2AopzyxkFB7F2", "HXe8DGg1iJd2AopzyxkFB7F2"),
        ('"client_secret": "dO29QF5VwnWlZdd11xFF"', "dO29QF5VwnWlZdd11xFF"),
        ("db:\n  password: Xk29!mQz\n", "Xk29!mQz"),
        ("<password>M0nk3y!Bus</password>", "M0nk3y!Bus"),
        ('if (db_pass != "m0nk3yBus!") {', "m0nk3yBus!"),
        ("curl --user c28wlsosanujy2z:qgsnai0xokrw4j1 https://api", "qgsnai0xokrw4j1"),
        ("curl -u admin:S3cr3tP4ss! https://api", "S3cr3tP4ss!"),
        (
            'curl -H "Authorization: Bearer cfcabd11c7ed9a41b1a3e063c32d5114"',
            "cfcabd11c7ed9a41b1a3e063c32d5114",
        ),
        ("psql postgres://admin:Gh7kLp2qW@db.internal:5432/prod", "Gh7kLp2qW"),
        ("app --api-key=Zq81LmN4pR7sT2vX", "Zq81LmN4pR7sT2vX"),
    ],
)
def test_credentials_are_found(text: str, value: str) -> None:
    assert value in secrets(text), scan(text).findings


@pytest.mark.parametrize(
    "text",
    [
        "DB_PASSWORD=${DB_PASSWORD}",
        "password = os.environ['DB_PASS']",
        "export TOKEN=$GITHUB_TOKEN",
        "API_KEY=changeme",
        "SECRET_KEY = 'your-secret-key-here'",
        "auth_type: Bearer",
        "token_url: https://auth.example.org/token",
        '"key": "ESI-5555"',
        'fake_api_key = "not_long_enough"',
        "curl -u user:password https://localhost",
        "password_length = 16",
        # a commit's author is not an "auth" key
        "commit 88ff9f9645bf6f26f1e627faa89fd920d31d6f17\nAuthor: build-bot\n\n    bump to 2.1",
        "Author: jane-doe-2024\nDate: Mon Nov 3",
    ],
)
def test_placeholders_and_non_secrets(text: str) -> None:
    assert not secrets(text), scan(text).findings


def test_connection_url_with_an_empty_user() -> None:
    assert secrets("REDIS_URL=redis://:S3cr3tR3d1s-ovr9@10.0.3.7:6379/0") == ["S3cr3tR3d1s-ovr9"]


def test_a_reference_keeps_its_own_brace() -> None:
    assert not secrets("spring:\n  datasource:\n    password: ${DB_PASS}\n")
    assert secrets("db_password=Xk29!mq}") == ["Xk29!mq"]


def test_instruction_text_is_no_key() -> None:
    assert not secrets('API_KEY = "ここにAPIキーを入力"')


def test_a_quoted_password_flag_in_shell_history() -> None:
    text = "  882  mysqldump -u root -p'Sn0wfall!77' --all-databases > full.sql"
    found = [text[f.start : f.end] for f in scan(text).findings]
    assert found == ["Sn0wfall!77"]
    assert not scan("mysql -u admin -p'$MYSQL_PASSWORD' -h db shop").sensitive


@pytest.mark.parametrize(
    ("text", "private"),
    [
        ("sshpass -p 'FlY0mG1ylv' ssh root@192.168.1.20", True),
        ("sshpass -p Qw7rt2Lm9x scp backup.tar host:/srv", True),
        ("sshpass -p $SSH_PASS ssh host", False),  # a variable, not the password
        ("sshpass -p changeme ssh host", False),  # an obvious dummy
        ("sshpass -f ~/.ssh/pw ssh host", False),  # read from a file
    ],
)
def test_sshpass_takes_the_password_itself(text: str, private: bool) -> None:
    assert scan(text).sensitive is private
