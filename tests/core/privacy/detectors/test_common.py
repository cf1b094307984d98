"""Helpers the detectors share: dummy digits, example words, and sample data presented as
such (a form filled with Max Mustermann's data is nobody's; the same form with a real person's
data is still private)."""

from __future__ import annotations

import pytest

from aideon_desktop.core.privacy import scan
from aideon_desktop.core.privacy.detectors._common import sample_word_in


@pytest.mark.parametrize(
    "value", ["Musterstraße 1", "rue de l'Exemple", "Calle Ejemplo 123", "ul. Przykładowa 1"]
)
def test_example_words_in_values(value: str) -> None:
    assert sample_word_in(value)


def test_a_real_street_names_no_example() -> None:
    assert not sample_word_in("Gartenweg 7") and not sample_word_in("Prinsengracht 482")


SAMPLES = [
    "Fülle das Formular mit Beispieldaten aus: Erika Mustermann, Musterstraße 1, 12345 "
    "Musterstadt, Tel. 030 1234567, erika.mustermann@beispiel.de",
    "Exemple de fiche à compléter : Jean Dupont, 1 rue de l'Exemple, 75000 Paris, "
    "tél. 01 23 45 67 89, jean.dupont@exemple.fr",
    "Datos de ejemplo para la plantilla: Juan Pérez, Calle Ejemplo 123, 28000 Madrid, "
    "teléfono 600 000 000",
    "记入例 / 填写示例：张三，电话 138-0000-0000",
    "Dummy data for the demo: Jan Jansen, Voorbeeldstraat 1, 1234 AB Amsterdam, 06-12345678",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_sample_data_presented_as_such_is_nobodys(text: str) -> None:
    assert scan(text).findings == ()


OWN = [
    "Fülle das Formular mit meinen Daten aus: Lena Hartmann, Gartenweg 7, 79098 Freiburg, "
    "Tel. 0761 4829173, lena.hartmann@posteo.de",
    "Remplis la fiche avec mes coordonnées : Claire Lambert, 14 rue des Tanneurs, 67000 "
    "Strasbourg, 06 72 18 49 33",
    # an example first, then the user's own: the own values are still found
    "Format example: Max Mustermann, Musterstraße 1, 12345 Musterstadt. Now mine: Lena Hartmann, "
    "Gartenweg 7, 79098 Freiburg, Tel. 0761 4829173",
]


@pytest.mark.parametrize("text", OWN)
def test_the_users_own_data_in_the_same_form_is_private(text: str) -> None:
    found = {f.category for f in scan(text).findings}
    assert "contact" in found


def test_dummy_digits_without_any_example_framing_still_count() -> None:
    """Fail closed: a labelled number with a straight run is flagged when nothing says it is an
    example (people do have numbers like 0612345678 now and then)."""
    assert scan("Mijn nummer is 06-12345678, bel me morgen.").sensitive
