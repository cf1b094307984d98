"""Tables of named people with their pay or their health, in any separator and language."""

from __future__ import annotations

import pytest

from aideon_desktop.core.privacy import scan


def pay_tables(text: str) -> int:
    return sum(f.detector == "people_table" for f in scan(text).findings)


@pytest.mark.parametrize(
    "text",
    [
        "name,title,salary\nJo Park,Designer,92000\nAl Ruiz,Designer,104000\nWho is underpaid?",
        "Internal comp sheet:\n\nname\tlevel\tbase\nGrace Lee\tL4\t138000",
        "| Nom | Poste | Salaire |\n|---|---|---|\n| Claire Dubois | Designer | 52 000 € |",
        "Mitarbeiter;Abteilung;Gehalt\nJonas Weber;Vertrieb;61.500",
    ],
)
def test_named_people_with_their_pay(text: str) -> None:
    assert pay_tables(text) == 1


@pytest.mark.parametrize(
    "text",
    [
        "CREATE TABLE employees (name TEXT, salary INT);",
        "name,salary\n<name>,<amount>",
        "role,salary\nDesigner,92000\nEngineer,104000",  # pay of roles, no people
        "name,city\nJo Park,Seoul",  # people, no pay
    ],
)
def test_tables_without_named_pay(text: str) -> None:
    assert pay_tables(text) == 0


def test_named_people_with_their_diagnosis_are_health_data() -> None:
    text = "patient_id,name,diagnosis\n1042,Omar Haddad,type 1 diabetes\n1043,Lea Brandt,epilepsy"
    assert "health" in scan(text).categories
    assert not scan("name,diagnosis\nJo Park,n/a").sensitive
