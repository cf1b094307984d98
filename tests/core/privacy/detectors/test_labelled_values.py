"""A value right after a label that names it is private, in twelve languages."""

from __future__ import annotations

import pytest

from aideon_desktop.core.privacy import scan
from aideon_desktop.core.privacy.detectors.labelled_values import label_kinds


def labelled(text: str) -> list[str]:
    return [text[f.start : f.end] for f in scan(text).findings if f.detector == "labelled_value"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("My password is hunter2, is it strong?", "hunter2"),
        ("the code to the door is 4471", "4471"),
        ("passport: A12803456", "A12803456"),  # a short counting run inside a real ID
        ("Account no. 0201 554 7788", "0201 554 7788"),  # an account, even if dialable
        ("Is 1106 a bad PIN for my card?", "1106"),
        ("pw: Sommer2024", "Sommer2024"),
        ("Mein Passwort lautet Sommer2024!", "Sommer2024!"),
        ("Mon mot de passe est Tigre#88", "Tigre#88"),
        ("Mi contraseña es gatito_2019", "gatito_2019"),
        ("La mia password è Roma1977!! va bene?", "Roma1977"),
        ("A minha senha é flamengo81", "flamengo81"),
        ("Mijn wachtwoord is Fietsen!42", "Fietsen!42"),
        ("Moje hasło to Kot2020#", "Kot2020#"),
        ("Mitt lösenord är Snögubbe7", "Snögubbe7"),
        ("パスワードは sakura2024 です", "sakura2024"),
        ("我的密码是 qwe!ASD889", "qwe!ASD889"),
        ("제 비밀번호는 Haneul77! 입니다", "Haneul77!"),
        ("MRN 0042187 for the discharge letter", "0042187"),
        ("passport number: X4819263", "X4819263"),
        ("DOB 03/07/1961", "03/07/1961"),
        ("Le digicode est 38B77", "38B77"),
        ("My BSB is 671-264 and account 87757995", "671-264"),  # a word ends the number
        ("Itaú, agência 4821-7, conta corrente 30912-4", "30912-4"),
        # an abbreviated label's own dot before the colon ("Nr.:"), and the short forms
        ("Kontonr.: 4821399172", "4821399172"),
        ("Kto.-Nr.: 4821399172", "4821399172"),
        ("N° de compte : 4821399172", "4821399172"),
    ],
)
def test_labelled_values(text: str, value: str) -> None:
    found = labelled(text)
    # Sentence punctuation right after a value ("Sommer2024!") may be left out of the span.
    assert any(f == value or (value.startswith(f) and len(f) >= len(value) - 1) for f in found), (
        found
    )


@pytest.mark.parametrize(
    "text",
    [
        "Is this password policy OK: min 12 chars, one symbol?",
        "My password is too weak, how do I make a better one?",
        "password: ${DB_PASSWORD}",
        "The secret to good bread is patience.",
        "Why were US Social Security numbers randomised in 2011?",
        "DNI 12345678A no es válido, ¿por qué?",
        "postgres://user:password@localhost:5432/app",
        "Who lives at 10 Downing Street?",
        "Bestell-Nr.: 4821399172",  # an order's number, label dot and all
    ],
)
def test_labels_without_a_private_value(text: str) -> None:
    assert not labelled(text), scan(text).findings


def test_every_label_kind_has_a_known_value_shape() -> None:
    for spec in label_kinds().values():
        assert spec.value in (
            "secret",
            "digits",
            "code",
            "id",
            "account",
            "date",
            "address",
            "pair",
        )


def test_second_round_labels() -> None:
    assert labelled(
        "WLAN heißt FRITZ!Box 7590 KQ, der Schlüssel ist 4711 0815 2233 9981 4455."
    ) == ["4711 0815 2233 9981 4455"]
    assert labelled("Front door: the code is 4471") == ["4471"]
    assert labelled("mon code de carte bleue c'est le 4821, je l'oublie") == ["4821"]
    assert not labelled("The key is to stay calm and keep going.")
    assert not labelled("a regex that finds AWS access key IDs in a git diff")  # a plural acronym
    assert not labelled('W instrukcji jest `haslo: "TWOJE_HASLO"` w pliku config.yaml.')


@pytest.mark.parametrize(
    "text",
    [
        "la clave del banco es Luna1987!",
        "wifi-lösen är Kanelbulle!42",
        "lösenordet är Kanelbulle!42",
        "larmkoden 4471, portkoden 2580",
    ],
)
def test_everyday_and_inflected_password_words(text: str) -> None:
    """Spanish "clave" is a password; Swedish labels in their definite form ("lösenordet",
    "larmkoden") and the short "lösen" name a value as the bare forms do."""
    assert scan(text).sensitive


@pytest.mark.parametrize(
    "text",
    ["La clave es la constancia y la paciencia.", "¿Cuál es la clave para aprobar el examen?"],
)
def test_clave_as_the_key_to_something_names_no_value(text: str) -> None:
    assert not scan(text).sensitive


def test_a_network_named_alone_and_a_login_pair() -> None:
    assert scan("Pour le wifi c'est Maison-Bleue-2024, tu peux faire une affichette ?").sensitive
    assert not scan("Connect to wifi: Starbucks_Guest").sensitive
    found = scan("Login for the shared Netflix: anna.k@gmx.de / Popcorn!2023").findings
    assert "secret" in {f.category for f in found}
    assert not scan("login: admin / <password>").sensitive


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("tax number: 044945673", "044945673"),  # could be dialled, but the label names an ID
        ("Mexican RFC: UBUE 210702 168", "UBUE 210702 168"),  # the RFC as the SAT prints it
        ("número de cédula: 4.720.398-1", "4.720.398-1"),
    ],
)
def test_a_value_after_a_label_naming_an_id(text: str, value: str) -> None:
    found = [text[f.start : f.end] for f in scan(text).findings if f.category == "national_id"]
    assert found == [value], text


def test_a_phone_number_after_a_label_naming_no_id_in_particular_is_a_phone() -> None:
    verdict = scan("my personal number is 07700 912 345")
    assert [f.category for f in verdict.findings] == ["contact"]
    assert not [f for f in scan("docker run -p 8080:8080 nginx").findings]


def test_my_number_in_a_north_american_layout_is_a_phone_not_an_id() -> None:
    """ "my number" names no ID: a number laid out as a phone number is the phone detector's,
    which knows 555-01xx is the range films and books use."""
    assert [f.category for f in scan("My number is 555-867-5309").findings] == ["contact"]
    assert [f.category for f in scan("my number is (212) 555-0198, text me").findings] == [
        "contact"
    ]
    assert not scan("In the film he says: my number is 555-0142, call me.").sensitive
    assert [f.category for f in scan("national ID: 11102953").findings] == ["national_id"]


@pytest.mark.parametrize(
    "text",
    [
        "My recovery codes are 4f9k-2m8x, 7p3q-9z1r — where should I keep them?",
        "Meine Wiederherstellungscodes sind 4f9k-2m8x und 7p3q-9z1r",
        "Mes codes de récupération : 48ka-29fj, 77qp-1xzz",
        "Mis códigos de recuperación son 5521-8812 y 0937-4410",
        "我的微信验证码是 482913，别人问我要",
        "인증번호 482913 알려달라는 문자가 왔어요",
    ],
)
def test_recovery_and_verification_codes_are_secrets(text: str) -> None:
    assert [f.category for f in scan(text).findings] == ["secret"], text


def test_questions_about_recovery_codes_are_not() -> None:
    for text in (
        "Where are my recovery codes stored in Google?",
        "验证码是什么意思？",
        "Was ist ein Bestätigungscode?",
    ):
        assert not scan(text).sensitive, text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Мой расчётный счёт 40817810570000123847, БИК 044525225", "40817810570000123847"),
        ("Номер рахунку 26002051712934 у Приватбанку", "26002051712934"),
        ("Hesap numaram 4718260193, şubeye sordum", "4718260193"),
        ("Ο αριθμός λογαριασμού μου είναι 5027391846", "5027391846"),
        ("A bankszámlaszámom 11773016-13895401", "11773016-13895401"),
        ("Nomor rekening saya 8730192654 (BCA)", "8730192654"),
        ("Số tài khoản của tôi là 0071000834729 tại Vietcombank", "0071000834729"),
        ("मेरा खाता संख्या 50100283746192 है", "50100283746192"),
        ("رقم حسابي 2837461920 في البنك", "2837461920"),
        ("מספר חשבון 48271930 בבנק הפועלים", "48271930"),
    ],
)
def test_an_account_number_after_its_label_in_more_languages(text: str, value: str) -> None:
    assert labelled(text) == [value]


@pytest.mark.parametrize(
    "text",
    [
        "Сколько цифр в номере счёта российского банка?",
        "Hesap numarası ile IBAN arasındaki fark nedir?",
        "Số tài khoản ngân hàng thường có bao nhiêu chữ số?",
        "बैंक खाता संख्या और IFSC कोड में क्या अंतर है?",
    ],
)
def test_asking_about_account_numbers_in_more_languages_names_none(text: str) -> None:
    assert not scan(text).sensitive


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Мой пароль от почты Sokol47!, он надёжный?", "Sokol47"),
        ("Şifrem Zeytin83#, güçlü mü?", "Zeytin83#"),
        ("Salasanani on Karhu19?", "Karhu19"),
        ("הסיסמה שלי היא Mango36!, היא חזקה?", "Mango36"),
        ("รหัสผ่านของฉันคือ Pivo94$ ปลอดภัยไหม", "Pivo94$"),
        ("ПИН-код моей карты 4821", "4821"),
        ("Kapı kodu 637435, içeri girebilirsin", "637435"),
        ("Koden til døren er 361371", "361371"),
    ],
)
def test_secrets_after_their_label_in_more_languages(text: str, value: str) -> None:
    assert labelled(text) == [value]


@pytest.mark.parametrize(
    ("text", "address"),
    [
        # a stop after a short word abbreviates part of the address (street, house, flat)
        (
            "Мой адрес: ул. Лесная, д. 14, кв. 37, Москва 125047",
            "ул. Лесная, д. 14, кв. 37, Москва 125047",
        ),
        (
            "Adresim: Atatürk Cad. No: 42 Daire 7, Kadıköy İstanbul",
            "Atatürk Cad. No: 42 Daire 7, Kadıköy İstanbul",
        ),
        (
            "Alamat saya Jl. Melati No. 17, Bandung 40115. Tolong kirim",
            "Jl. Melati No. 17, Bandung 40115",
        ),
        # after the number, a stop before words ends it
        ("My address is 12 Baker St. Call me tomorrow.", "12 Baker St"),
        (
            "Address: 140 Larchmere Road, Norwich NR2 3FA. Which day?",
            "140 Larchmere Road, Norwich NR2 3FA",
        ),
    ],
)
def test_an_address_runs_over_its_abbreviations(text: str, address: str) -> None:
    assert labelled(text) == [address]


@pytest.mark.parametrize(
    "text",
    [
        "Как придумать надёжный пароль? Сколько символов нужно?",
        "Şifre yöneticisi kullanmak güvenli mi?",
        "Mật khẩu: ${DB_PASSWORD} trong file .env có an toàn không?",
        "Пароль за замовчуванням для роутера admin — як його змінити?",
    ],
)
def test_asking_about_passwords_in_more_languages_names_none(text: str) -> None:
    assert not scan(text).sensitive


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("mi contrasena del banco - Marisol1985! no se la digas", "Marisol1985"),
        ("pw wifi rumah: kucingoren99 ya", "kucingoren99"),
        ("parol ot pochty: Lenochka_77 smotri", "Lenochka_77"),
        ("heslo na wifi je pejsek5521, router je v obyvaku", "pejsek5521"),
        ("mat khau wifi nha minh la hoamai2024 nha", "hoamai2024"),
        ("zugang fürs portal: user mkrause, pw Hafen!Stadt9", "Hafen!Stadt9"),
        ("the code to the door is 4471, let the cleaner know", "4471"),
    ],
)
def test_secrets_as_chat_types_them(text: str, value: str) -> None:
    assert value in labelled(text)


@pytest.mark.parametrize(
    "text",
    [
        "write a story where the hero's password is 'dragon' and the villain hacks it",
        "pass B2 exam first, then the rest",
        "password manager: 1Password or Bitwarden?",
        "password reset link: https://example.org/reset?x=1",
        "la password del wifi e del router sono uguali?",
        "my wifi pw is on the router sticker",
        "the pass for the gym is 20 eur a month",
    ],
)
def test_no_secret_in_chat_about_passwords(text: str) -> None:
    assert not [f for f in scan(text).findings if f.category == "secret"]
