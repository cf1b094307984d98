"""Own test cases of private values in disguise (batch 3 of tests/data/privacy_generalization.jsonl):
prompts written as templates, the values drawn at random (seeded) and made valid with
python-stdnum, so they belong to nobody.  Prints JSON Lines.

Run: uv run python scripts/privacy_value_cases.py >> tests/data/privacy_generalization.jsonl
"""

import json
import random

from stdnum import iban as std_iban
from stdnum import luhn
from stdnum.br import cpf
from stdnum.de import idnr
from stdnum.es import nie
from stdnum.gb import nhs
from stdnum.nl import bsn
from stdnum.pl import pesel

rng = random.Random(20240607)


def card(prefix, n=16):
    while True:
        body = prefix + "".join(rng.choice("0123456789") for _ in range(n - len(prefix) - 1))
        for d in "0123456789":
            if luhn.is_valid(body + d):
                return body + d


def grp(s, k=4, sep=" "):
    return sep.join(s[i : i + k] for i in range(0, len(s), k))


def mk_iban(cc, bban):
    check = 98 - int("".join(str(int(c, 36)) for c in (bban + cc + "00"))) % 97
    v = f"{cc}{check:02d}{bban}"
    assert std_iban.is_valid(v), v
    return v


def rand_digits(n):
    return "".join(rng.choice("0123456789") for _ in range(n))


def bsn_valid():
    while True:
        v = rand_digits(9)
        if bsn.is_valid(v) and v[0] != "0":
            return v


def pesel_valid():
    while True:
        v = (
            f"{rng.randint(60, 99):02d}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
            + rand_digits(4)
        )
        for d in "0123456789":
            if pesel.is_valid(v + d):
                return v + d


def cpf_valid():
    while True:
        v = rand_digits(9)
        for d in range(100):
            w = v + f"{d:02d}"
            if cpf.is_valid(w):
                return w


def nie_valid():
    while True:
        v = rng.choice("XYZ") + rand_digits(7)
        for c in "ABCDEFGHJKLMNPQRSTVWXYZ":
            if nie.is_valid(v + c):
                return v + c


def idnr_valid():
    while True:
        v = rand_digits(10)
        if v[0] == "0":
            continue
        for d in "0123456789":
            if idnr.is_valid(v + d):
                return v + d


def nhs_valid():
    while True:
        v = rand_digits(9)
        for d in "0123456789":
            if nhs.is_valid(v + d):
                return v + d


rows = []


def add(p, s, c, lang, note):
    rows.append({"prompt": p, "sensitive": s, "category": c, "lang": lang, "note": note})


v = card("4")
add(
    f"Can you check if this card number is typed right: {grp(v, 4, '-')}? My sister read it out.",
    True,
    "payment_card",
    "en",
    "dashed card",
)
v = card("5")
add(
    f"Mi tarjeta es {grp(v, 4, chr(0xA0))} y caduca el 08/27, ¿por qué la rechazan?",
    True,
    "payment_card",
    "es",
    "NBSP grouped",
)
v = card("37", 15)
add(
    f"Amex {v[:4]} {v[4:10]} {v[10:]} exp 11/26 CID 4421 — book the flight",
    True,
    "payment_card",
    "en",
    "amex 4-6-5",
)
v = card("6011")
add(
    f"カード番号は{''.join(chr(0xFF10 + int(d)) for d in v)}です。ネットで使えますか？",
    True,
    "payment_card",
    "ja",
    "fullwidth digits",
)
v = card("4")
add(
    f"card no. {v[:8]}\n{v[8:]} — split over two lines by my mail app",
    True,
    "payment_card",
    "en",
    "split over lines",
)
v = card("5")
add(
    f"Die Kreditkarte {v[:4]}.{v[4:8]}.{v[8:12]}.{v[12:]} wurde zweimal belastet.",
    True,
    "payment_card",
    "de",
    "dotted",
)
v = card("4")
add(
    f"{' '.join(v)} — that's the card, please format it",
    True,
    "payment_card",
    "en",
    "one digit per space",
)
v = card("35", 16)
add(f"JCB: {v} / 03-28 / 991", True, "payment_card", "en", "JCB slashes")
v = card("62", 16)
add(
    f"我的银联卡号是{v}，帮我查一下是哪家银行的",
    True,
    "payment_card",
    "zh",
    "unionpay glued to hanzi",
)
v = card("4")
bad = v[:-1] + str((int(v[-1]) + 1) % 10)
add(
    f"Order number {grp(bad)} — where's my parcel?",
    False,
    "neg_lookalike",
    "en",
    "luhn-broken order number",
)
add(
    "Use 4242 4242 4242 4242 with any future date in Stripe test mode, right?",
    False,
    "neg_placeholder",
    "en",
    "documented test card",
)
add("IMEI 356938035643809 — is this phone blacklisted?", False, "neg_lookalike", "en", "imei")
add("ISBN 978-3-16-148410-0: who published this book?", False, "neg_lookalike", "en", "isbn")
i = mk_iban("DE", "37040044" + rand_digits(10))
add(f"Überweise bitte an {grp(i.lower())}, danke!", True, "bank_account", "de", "lower-case IBAN")
i = mk_iban("FR", "20041010050500013M026" + "06")
add(f"Mon IBAN : {grp(i, 4, chr(0x202F))}", True, "bank_account", "fr", "narrow NBSP iban")
i = None
for _ in range(100000):
    bb = "21000418" + rand_digits(12)
    check = 98 - int("".join(str(int(c, 36)) for c in (bb + "ES00"))) % 97
    cand = f"ES{check:02d}{bb}"
    if std_iban.is_valid(cand):
        i = cand
        break
add(
    f"IBAN {i[:4]}.{i[4:8]}.{i[8:12]}.{i[12:16]}.{i[16:20]}.{i[20:]} para el alquiler",
    True,
    "bank_account",
    "es",
    "dotted iban",
)
i = mk_iban("NL", "ABNA" + rand_digits(10))
add(f"rekeningnummer {i}\nt.n.v. J. de Vries", True, "bank_account", "nl", "plain NL iban")
i = mk_iban("PL", rand_digits(24))
add(f"Numer konta: {grp(i)} – wyślij przelew do piątku", True, "bank_account", "pl", "PL iban")
add(
    "Sort code 20-45-77, account 41926819 — set up the standing order for rent",
    True,
    "bank_account",
    "en",
    "uk sort code",
)
add(
    "振込先：三菱UFJ銀行 渋谷支店 普通 3827156 ヤマダ タロウ",
    True,
    "bank_account",
    "ja",
    "jp account",
)
add(
    "What's the IBAN format for Germany and how long is it?",
    False,
    "neg_topic_question",
    "en",
    "generic",
)
add(
    "Example IBAN from Wikipedia: DE89 3704 0044 0532 0130 00 — is the check digit right?",
    False,
    "neg_placeholder",
    "en",
    "documented iban",
)
v = nie_valid()
add(
    f"Mi NIE es {v[0]}-{v[1:8]}-{v[8]}, ¿me ayudas con el modelo 790?",
    True,
    "national_id",
    "es",
    "NIE dashed",
)
v = bsn_valid()
add(
    f"Burgerservicenummer: {v[:4]}.{v[4:6]}.{v[6:]} (voor de zorgverzekering)",
    True,
    "national_id",
    "nl",
    "BSN dotted",
)
v = pesel_valid()
add(f"PESEL mojej mamy to {v}, wpisz go do wniosku", True, "national_id", "pl", "PESEL")
v = cpf_valid()
add(
    f"Meu CPF é {v[:3]}.{v[3:6]}.{v[6:9]}-{v[9:]}, preciso emitir a nota",
    True,
    "national_id",
    "pt",
    "CPF",
)
v = idnr_valid()
add(
    f"Steuer-IdNr.: {v[:2]} {v[2:5]} {v[5:8]} {v[8:]} – wo trage ich die ein?",
    True,
    "national_id",
    "de",
    "Steuer-ID",
)
v = nhs_valid()
add(
    f"My NHS number is {v[:3]} {v[3:6]} {v[6:]}, can you fill in the GP form?",
    True,
    "national_id",
    "en",
    "NHS",
)
add(
    "Ärendenummer 2024-0412-883 hos Försäkringskassan, hur följer jag upp?",
    False,
    "neg_lookalike",
    "sv",
    "case number",
)
add(
    "Der Testdatensatz nutzt die Beispiel-Steuer-ID 12345678901 aus der Doku.",
    False,
    "neg_placeholder",
    "de",
    "example id",
)
add(
    "export OPENAI_API_KEY=sk-proj-"
    + "".join(
        rng.choice("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        for _ in range(48)
    ),
    True,
    "secret",
    "en",
    "openai key env",
)
add(
    "curl -u deploy:"
    + "".join(rng.choice("abcdefghijkmnpqrstuvwxyzABCDEFGH23456789") for _ in range(14))
    + " https://ci.example.org/api/jobs",
    True,
    "secret",
    "en",
    "curl user",
)
add(
    '{"db": {"host": "db.internal", "user": "app", "password": "'
    + "".join(rng.choice("abcdefghijkmnpqrstuvwxyz23456789!#") for _ in range(16))
    + '"}}',
    True,
    "secret",
    "en",
    "json password",
)
add(
    "machine api.heroku.com\n  login me@example.org\n  password "
    + "".join(rng.choice("0123456789abcdef") for _ in range(32)),
    True,
    "secret",
    "en",
    "netrc",
)
add(
    "Cookie: sessionid="
    + "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(32))
    + "; csrftoken=abc",
    True,
    "secret",
    "en",
    "session cookie",
)
add(
    "aws configure\nAWS Access Key ID [None]: AKIA"
    + "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") for _ in range(16))
    + "\nAWS Secret Access Key [None]: "
    + "".join(
        rng.choice("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+/")
        for _ in range(40)
    ),
    True,
    "secret",
    "en",
    "aws configure",
)
add(
    "Mot de passe du wifi de la maison : Maison-Lyon_2023! — écris-le sur l'étiquette",
    True,
    "secret",
    "fr",
    "wifi password fr",
)
add("La password della mail è girasole88, segnatela", True, "secret", "it", "password it")
add("Het wachtwoord van mijn laptop is Tulp!Fiets77", True, "secret", "nl", "password nl")
add("Hasło do banku: Krakow#2024pl — zapisz w notatkach", True, "secret", "pl", "password pl")
add(
    "GITHUB_TOKEN=${{ secrets.GITHUB_TOKEN }} in the workflow — is that safe?",
    False,
    "neg_placeholder",
    "en",
    "github actions reference",
)
add(
    "password = os.getenv('DB_PASSWORD')  # read from env", False, "neg_placeholder", "en", "getenv"
)
add(
    "Set the header Authorization: Bearer <your-token-here> and call the endpoint",
    False,
    "neg_placeholder",
    "en",
    "bearer placeholder",
)
add(
    "The AWS docs use AKIAIOSFODNN7EXAMPLE; what's the regex for access keys?",
    False,
    "neg_placeholder",
    "en",
    "documented aws key",
)
add(
    "My work email is m.kowalczyk@ing-bank.pl — add it to the signature",
    True,
    "contact",
    "en",
    "business email of a person",
)
add(
    "Send the parcel to 14 Rosebery Avenue, London EC1R 4TD, flat 2",
    True,
    "contact",
    "en",
    "UK address",
)
add(
    "The Eiffel Tower's address is Champ de Mars, 5 Av. Anatole France, 75007 Paris",
    False,
    "neg_public",
    "en",
    "public address",
)
add(
    "Our office phone for customers is 0800 328 4321 (freephone)",
    False,
    "neg_public",
    "en",
    "freephone",
)
for r in rows:
    print(json.dumps(r, ensure_ascii=False))
