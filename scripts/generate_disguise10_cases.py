"""Generate tests/data/privacy_disguise10.jsonl: validated numbers (payment cards, IBANs and
domestic bank accounts, checksum-valid national IDs) written the ways people really write or
paste them, and hard negatives of the same shapes.

Written before any rule of round ten's disguise work, from the formats' facts only: every value
is drawn at random and its check digits computed (Luhn, ISO 7064 mod 97, stdnum's national
checks), then written with a disguise: other separators (NBSP, thin space, non-breaking hyphen,
dots, slashes, commas, underscores, mixed, odd groupings, a space inside a group), split over
lines, table cells (markdown, CSV, TSV), JSON/YAML values, URL queries, other digit scripts
(fullwidth, Arabic-Indic, Devanagari...), letters for digits next to a label, digits read out in
words, quotes and brackets; with the expiry date, code or name before or after.  Twelve
languages (en de fr es it pt nl pl sv ja zh ko).

Hard negatives: order, tracking, invoice and ticket numbers (some pass Luhn by chance, without a
card's prefix), EAN-13 and ISBN barcodes that pass Luhn, timestamps, phone numbers, versions,
numbers in maths and code, masked numbers (last four only), test cards named as such in docs,
placeholder IBANs, questions about the formats.

Run: uv run python scripts/generate_disguise10_cases.py   (seeded, repeatable)
"""

from __future__ import annotations

import json
import random
import re
import string
from collections.abc import Callable
from pathlib import Path

from stdnum import ean, iban, luhn, numdb
from stdnum.cn import ric
from stdnum.de import idnr
from stdnum.es import dni
from stdnum.fr import nir
from stdnum.iso7064 import mod_11_10
from stdnum.it import codicefiscale
from stdnum.jp import in_ as jp_in
from stdnum.kr import rrn
from stdnum.nl import bsn
from stdnum.pl import pesel
from stdnum.pt import nif
from stdnum.se import personnummer
from stdnum.us import rtn

OUT = Path(__file__).resolve().parents[1] / "tests" / "data" / "privacy_disguise10.jsonl"
rng = random.Random(20261126)
LANGS = ("en", "de", "fr", "es", "it", "pt", "nl", "pl", "sv", "ja", "zh", "ko")


def digits(n: int) -> str:
    return "".join(rng.choice(string.digits) for _ in range(n))


# ---------------------------------------------------------------- values


CARD_PREFIXES = (
    ("4", 16),
    ("4", 16),
    ("51", 16),
    ("53", 16),
    ("55", 16),
    ("2221", 16),
    ("2720", 16),
    ("34", 15),
    ("37", 15),
    ("6011", 16),
    ("65", 16),
    ("3530", 16),
    ("3566", 16),
    ("62", 16),
    ("62", 19),
    ("4", 13),
    ("36", 14),
    ("2200", 16),
)


def card() -> str:
    prefix, length = rng.choice(CARD_PREFIXES)
    body = prefix + digits(length - len(prefix) - 1)
    return body + luhn.calc_check_digit(body)


def luhn_number(prefix: str, length: int) -> str:
    body = prefix + digits(length - len(prefix) - 1)
    return body + luhn.calc_check_digit(body)


_BBAN_PART = re.compile(r"(\d+)(!?)([nace])")


def iban_value(country: str) -> str:
    spec = numdb.get("iban").info(country)[0][1]["bban"]
    for _ in range(20000):
        bban = ""
        for size, _fixed, kind in _BBAN_PART.findall(spec):
            alphabet = {
                "n": string.digits,
                "a": string.ascii_uppercase,
                "c": string.digits + string.ascii_uppercase,
                "e": " ",
            }[kind]
            if kind == "c":
                alphabet = string.digits  # most real BBANs are digits
            bban += "".join(rng.choice(alphabet) for _ in range(int(size)))
        value = country + iban.calc_check_digits(country + "00" + bban) + bban
        if iban.is_valid(value):
            return value
    raise RuntimeError(country)


def valid(gen: Callable[[], str], check: Callable[[str], bool]) -> str:
    for _ in range(100000):
        value = gen()
        if check(value):
            return value
    raise RuntimeError("no valid value")


def de_idnr() -> str:
    return valid(
        lambda: (lambda b: b + mod_11_10.calc_check_digit(b))(str(rng.randint(1, 9)) + digits(9)),
        idnr.is_valid,
    )


def fr_nir() -> str:
    def gen() -> str:
        b = f"{rng.choice('12')}{rng.randint(50, 99)}{rng.randint(1, 12):02d}{rng.randint(1, 95):02d}{digits(3)}{digits(3)}"
        return b + nir.calc_check_digits(b)

    return valid(gen, nir.is_valid)


def es_dni() -> str:
    b = digits(8)
    return b + dni.calc_check_digit(b)


def it_cf() -> str:
    def gen() -> str:
        b = (
            "".join(rng.choice("BCDFGLMNPRSTVZ") for _ in range(6))
            + f"{rng.randint(50, 99)}"
            + rng.choice("ABCDEHLMPRST")
            + f"{rng.randint(1, 28):02d}"
            + rng.choice("ABCDEFGHLM")
            + digits(3)
        )
        return b + codicefiscale.calc_check_digit(b)

    return valid(gen, codicefiscale.is_valid)


def pt_nif() -> str:
    return valid(
        lambda: (lambda b: b + nif.calc_check_digit(b))(rng.choice("123") + digits(7)), nif.is_valid
    )


def nl_bsn() -> str:
    return valid(lambda: str(rng.randint(1, 6)) + digits(8), bsn.is_valid)


def pl_pesel() -> str:
    def gen() -> str:
        b = f"{rng.randint(50, 99)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{digits(4)}"
        return b + pesel.calc_check_digit(b)

    return valid(gen, pesel.is_valid)


def se_pnr() -> str:
    def gen() -> str:
        b = f"{rng.randint(50, 99)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{digits(3)}"
        return b + luhn.calc_check_digit(b)

    v = valid(gen, personnummer.is_valid)
    return v[:6] + "-" + v[6:]


def jp_mynumber() -> str:
    return valid(lambda: (lambda b: b + jp_in.calc_check_digit(b))(digits(11)), jp_in.is_valid)


def cn_ric() -> str:
    def gen() -> str:
        b = f"{rng.choice(['110101', '310104', '440305', '510107', '330106'])}{rng.randint(1960, 2000)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{digits(3)}"
        return b + ric.calc_check_digit(b)

    return valid(gen, ric.is_valid)


def kr_rrn() -> str:
    def gen() -> str:
        b = f"{rng.randint(60, 99)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.choice('12')}{rng.randint(0, 8):02d}{digits(3)}"
        b = b + rrn.calc_check_digit(b)
        return b

    v = valid(gen, rrn.is_valid)
    return v[:6] + "-" + v[6:]


def routing() -> str:
    """A US ABA routing number: a Federal Reserve routing symbol (01-12, 21-32), the 3-7-1 check."""
    return valid(
        lambda: (lambda b: b + rtn.calc_check_digit(b))(
            rng.choice(
                [
                    "01",
                    "02",
                    "03",
                    "04",
                    "05",
                    "06",
                    "07",
                    "08",
                    "09",
                    "10",
                    "11",
                    "12",
                    "21",
                    "22",
                    "26",
                    "31",
                    "32",
                ]
            )
            + digits(6)
        ),
        rtn.is_valid,
    )


# ---------------------------------------------------------------- disguises

SCRIPTS = {
    "fullwidth": 0xFF10,
    "arabic-indic": 0x0660,
    "persian": 0x06F0,
    "devanagari": 0x0966,
    "bengali": 0x09E6,
    "thai": 0x0E50,
}


def script_digits(value: str, script: str) -> str:
    base = SCRIPTS[script]
    return "".join(chr(base + int(c)) if c.isdigit() else c for c in value)


def group(value: str, sizes: list[int], sep: str) -> str:
    out, i = [], 0
    for size in sizes:
        out.append(value[i : i + size])
        i += size
    if i < len(value):
        out.append(value[i:])
    return sep.join(p for p in out if p)


def fours(value: str, sep: str = " ") -> str:
    return sep.join(value[i : i + 4] for i in range(0, len(value), 4))


def card_grouped(value: str, sep: str) -> str:
    if len(value) == 15:
        return group(value, [4, 6, 5], sep)
    if len(value) == 14:
        return group(value, [4, 6, 4], sep)
    return fours(value, sep)


WORDS = {
    "en": ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"],
    "de": ["null", "eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun"],
    "fr": ["zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf"],
    "es": ["cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve"],
    "it": ["zero", "uno", "due", "tre", "quattro", "cinque", "sei", "sette", "otto", "nove"],
    "pt": ["zero", "um", "dois", "três", "quatro", "cinco", "seis", "sete", "oito", "nove"],
    "nl": ["nul", "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen"],
    "pl": [
        "zero",
        "jeden",
        "dwa",
        "trzy",
        "cztery",
        "pięć",
        "sześć",
        "siedem",
        "osiem",
        "dziewięć",
    ],
    "sv": ["noll", "ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio"],
}


def card_disguises(v: str) -> list[tuple[str, str]]:
    """(name, written value) for a card number."""
    g = card_grouped(v, " ")
    return [
        ("nbsp", card_grouped(v, "\u00a0")),
        ("thin space", card_grouped(v, "\u2009")),
        ("narrow nbsp", card_grouped(v, "\u202f")),
        ("non-breaking hyphen", card_grouped(v, "\u2011")),
        ("en dash", card_grouped(v, "\u2013")),
        ("dots", card_grouped(v, ".")),
        ("slashes", card_grouped(v, "/")),
        ("commas", card_grouped(v, ",")),
        ("underscores", card_grouped(v, "_")),
        ("mixed separators", g[:4] + "-" + g[5:9] + " " + g[10:14] + "." + g[15:]),
        ("3-5-4-4 grouping", group(v, [3, 5, 4], " ")),
        ("2-grouping", group(v, [2] * 10, " ")),
        ("no separators", v),
        ("space inside a group", v[:6] + " " + v[6:]),
        ("double spaces", card_grouped(v, "  ")),
        ("fullwidth", script_digits(g, "fullwidth")),
        ("arabic-indic digits", script_digits(g, "arabic-indic")),
        ("devanagari digits", script_digits(g, "devanagari")),
        ("quoted", f'"{g}"'),
        ("brackets", f"[{g}]"),
        ("parentheses", f"({v})"),
        ("backticks", f"`{v}`"),
        ("zero-width spaces", "\u200b".join(v[i : i + 4] for i in range(0, len(v), 4))),
        ("dashes", card_grouped(v, "-")),
    ]


CARD_LABELLED = {
    "en": [
        "My card number is {v}, can you check why it's declined?",
        "card no: {v} - charge it for the deposit",
        "Use this card: {v}",
    ],
    "de": [
        "Meine Kreditkartennummer lautet {v}, bitte für die Anzahlung nutzen.",
        "Kartennummer: {v} – warum wird sie abgelehnt?",
    ],
    "fr": [
        "Mon numéro de carte est {v}, pourquoi le paiement est refusé ?",
        "Carte bancaire : {v}",
    ],
    "es": [
        "Mi número de tarjeta es {v}, ¿por qué la rechazan?",
        "Tarjeta: {v}, cárgale la reserva",
    ],
    "it": ["Il numero della mia carta è {v}, perché viene rifiutata?", "carta di credito {v}"],
    "pt": [
        "O número do meu cartão é {v}, podes ver porque foi recusado?",
        "cartão de crédito: {v}",
    ],
    "nl": ["Mijn kaartnummer is {v}, waarom wordt hij geweigerd?", "creditcard {v}"],
    "pl": ["Numer mojej karty to {v}, czemu płatność nie przechodzi?", "karta kredytowa: {v}"],
    "sv": ["Mitt kortnummer är {v}, varför nekas det?", "kreditkort: {v}"],
    "ja": ["カード番号は{v}です。決済が通らない理由は？", "クレジットカード：{v}"],
    "zh": ["我的信用卡号是{v}，为什么付款失败？", "银行卡号：{v}"],
    "ko": ["제 카드번호는 {v}입니다. 왜 결제가 거절되나요?", "신용카드 번호: {v}"],
}
CARD_BARE = {
    "en": [
        "Book the hotel with {v} please, 2 nights.",
        "{v} still works? tried twice",
        "pls pay the invoice w/ {v}",
    ],
    "de": [
        "Buch bitte das Hotel mit {v}, zwei Nächte.",
        "geht {v} noch? hat zweimal nicht geklappt",
    ],
    "fr": ["Réserve l'hôtel avec {v} stp", "{v} ça marche encore ?"],
    "es": ["Reserva el hotel con {v}, porfa", "¿{v} sigue activa?"],
    "it": ["Prenota l'hotel con {v} per favore", "{v} funziona ancora?"],
    "pt": ["Reserva o hotel com {v} por favor", "{v} ainda funciona?"],
    "nl": ["Boek het hotel met {v} aub", "werkt {v} nog?"],
    "pl": ["Zarezerwuj hotel z {v} proszę", "{v} jeszcze działa?"],
    "sv": ["Boka hotellet med {v} tack", "funkar {v} fortfarande?"],
    "ja": ["{v} でホテルを予約してください", "{v} はまだ使えますか？"],
    "zh": ["用{v}订酒店吧", "{v} 还能用吗？"],
    "ko": ["{v} 로 호텔 예약해 줘", "{v} 아직 쓸 수 있어?"],
}

ROWS: list[dict[str, object]] = []


def add(prompt: str, sensitive: bool, category: str, note: str) -> None:
    ROWS.append(
        {
            "prompt": prompt,
            "sensitive": sensitive,
            "category": category,
            "note": f"disguise10 {note}",
        }
    )


def exp() -> str:
    return f"{rng.randint(1, 12):02d}/{rng.randint(26, 31)}"


def cards() -> None:
    for name, _ in card_disguises("4111111111111111"):
        v = card()
        written = dict(card_disguises(v))[name]
        lang = rng.choice(LANGS)
        tpl = rng.choice(CARD_LABELLED[lang] if rng.random() < 0.5 else CARD_BARE[lang])
        add(tpl.format(v=written), True, "payment_card", f"card {name} {lang}")
    # records: expiry, code, name around the number
    for lang, tpl in [
        ("en", "{v} {e} {c} - is this card still valid?"),
        ("en", "exp {e} cvv {c} number {v}"),
        ("de", "Maria Schneider\n{v}\n{e}\n{c}"),
        ("fr", "{v} exp. {e} cryptogramme {c}"),
        ("es", "{v}  {e}  {c}  JUAN PEREZ"),
        ("it", "Intestatario: Luca Bianchi, {v}, scad. {e}, CVV {c}"),
        ("nl", "{v}|{e}|{c}"),
        ("ja", "{v}（有効期限{e}、セキュリティコード{c}）"),
        ("ko", "{v} / {e} / {c}"),
        ("zh", "卡号{v}有效期{e}"),
    ]:
        v = card()
        add(
            tpl.format(v=card_grouped(v, rng.choice([" ", "-", ""])), e=exp(), c=digits(3)),
            True,
            "payment_card",
            f"card record {lang}",
        )
    # split and structured
    v = card()
    g = card_grouped(v, " ")
    add(f"Card number: {g[:9]}\n{g[10:]}\nthanks", True, "payment_card", "card over two lines")
    v = card()
    add(
        f"Kartennummer {v[:8]}\n{v[8:]}",
        True,
        "payment_card",
        "card over two lines no separators de",
    )
    v = card()
    p = card_grouped(v, " ").split(" ")
    add(
        "Can you fix this table?\n| name | card | exp |\n|---|---|---|\n| Anna Berg | "
        + " | ".join(p)
        + f" | {exp()} |",
        True,
        "payment_card",
        "card across markdown cells",
    )
    v = card()
    add(
        f"name,card,exp\nTom Reed,{card_grouped(v, ' ')},{exp()}\n",
        True,
        "payment_card",
        "card in csv",
    )
    v = card()
    add(f"name\tcard\texp\nTom Reed\t{v}\t{exp()}", True, "payment_card", "card in tsv")
    v = card()
    add(
        f'Why does this fail? {{"customer": "k.ito", "card_number": "{card_grouped(v, " ")}", "exp": "{exp()}"}}',
        True,
        "payment_card",
        "card in json",
    )
    v = card()
    add(f"payment:\n  pan: {v}\n  expiry: {exp()}\n", True, "payment_card", "card in yaml")
    v = card()
    add(
        f"Why does https://pay.example-shop.de/checkout?amount=49.90&cc={v}&exp=0928 return 400?",
        True,
        "payment_card",
        "card in url query",
    )
    v = card()
    add(
        f"Numer karty: {card_grouped(v, ' ')[:4]} {card_grouped(v, ' ')[5:]}".replace("0", "O", 2),
        True,
        "payment_card",
        "card O for 0 pl",
    )
    v = card()
    add(f"card number {fours(v).replace('1', 'l')}", True, "payment_card", "card l for 1 en")
    v = card()
    add(
        f"Kartennummer {fours(v).replace('0', 'O').replace('1', 'I')}",
        True,
        "payment_card",
        "card O and I de",
    )
    for lang in ("en", "de", "fr", "es", "it", "pt", "nl", "pl", "sv"):
        v = card()
        w = WORDS[lang]
        spoken = " ".join(w[int(c)] for c in v[4:8])
        written = f"{v[:4]} {spoken} {v[8:12]} {v[12:]}"
        tpl = CARD_LABELLED[lang][0]
        add(tpl.format(v=written), True, "payment_card", f"card partly in words {lang}")
    for lang in ("en", "de", "es"):
        v = card()
        w = WORDS[lang]
        add(
            CARD_LABELLED[lang][0].format(v=" ".join(w[int(c)] for c in v)),
            True,
            "payment_card",
            f"card fully in words {lang}",
        )


IBAN_TEMPLATES = {
    "en": ["Please send the refund to {v}, thanks!", "IBAN {v} (Jane Doe)"],
    "de": ["Überweisung bitte auf {v}, Kontoinhaber Jonas Weber.", "Meine IBAN: {v}"],
    "fr": ["Mon IBAN est {v}, merci pour le virement.", "virement sur {v} stp"],
    "es": ["Mi IBAN es {v}, hazme la transferencia.", "transfiere a {v}"],
    "it": ["IBAN per il bonifico: {v}", "fammi il bonifico su {v}"],
    "pt": ["O meu IBAN é {v}, obrigado.", "transferência para {v}"],
    "nl": ["Maak het over naar {v} t.n.v. P. de Vries.", "mijn iban {v}"],
    "pl": ["Przelew na {v}, dzięki", "Mój IBAN to {v}"],
    "sv": ["Sätt in pengarna på {v}", "mitt IBAN är {v}"],
    "ja": ["振込先IBAN：{v}", "{v} に送金してください"],
    "zh": ["我的IBAN是{v}", "请汇款到{v}"],
    "ko": ["IBAN: {v} 로 송금해 주세요", "제 IBAN은 {v} 입니다"],
}
COUNTRIES = (
    "DE",
    "FR",
    "ES",
    "IT",
    "NL",
    "PL",
    "SE",
    "GB",
    "BE",
    "AT",
    "CH",
    "PT",
    "IE",
    "DK",
    "FI",
    "NO",
)


def iban_disguises(v: str) -> list[tuple[str, str]]:
    f = fours(v)
    return [
        ("lower case", f.lower()),
        ("lower compact", v.lower()),
        ("dotted", fours(v, ".")),
        ("dashes", fours(v, "-")),
        ("compact", v),
        ("nbsp", fours(v, "\u00a0")),
        ("non-breaking hyphen", fours(v, "\u2011")),
        ("country apart", v[:2] + " " + v[2:4] + " " + fours(v[4:])),
        ("country and checks apart", v[:4] + " " + v[4:]),
        ("fullwidth", script_digits(f, "fullwidth")),
        ("odd grouping", group(v, [2, 2, 3, 5, 4, 3], " ")),
        ("quoted", f"'{f}'"),
        ("underscores", fours(v, "_")),
        ("slashes", fours(v, "/")),
        ("space inside group", v[:7] + " " + v[7:]),
        ("mixed case", v[0].lower() + v[1:]),
        ("zero-width", "\u200b".join(v[i : i + 4] for i in range(0, len(v), 4))),
        ("arabic-indic", script_digits(f, "arabic-indic")),
    ]


def ibans() -> None:
    for name, _ in iban_disguises("DE89370400440532013000"):
        country = rng.choice(COUNTRIES)
        v = iban_value(country)
        lang = rng.choice(LANGS)
        add(
            rng.choice(IBAN_TEMPLATES[lang]).format(v=dict(iban_disguises(v))[name]),
            True,
            "bank_account",
            f"iban {name} {country} {lang}",
        )
    v = iban_value("DE")
    add(f"IBAN: {fours(v)[:14]}\n{fours(v)[15:]}", True, "bank_account", "iban over two lines")
    v = iban_value("FR")
    add(
        "| Bénéficiaire | IBAN |\n|---|---|\n| Claire Martin | "
        + " | ".join(fours(v).split(" ")[:3])
        + " "
        + " ".join(fours(v).split(" ")[3:])
        + " |",
        True,
        "bank_account",
        "iban markdown cell split",
    )
    v = iban_value("NL")
    add(
        f'{{"payee": "Pieter Jansen", "iban": "{v}", "amount": 120}}',
        True,
        "bank_account",
        "iban json",
    )
    v = iban_value("ES")
    add(
        f"nombre;iban;importe\nLucía Gómez;{fours(v)};250,00",
        True,
        "bank_account",
        "iban csv semicolon",
    )
    v = iban_value("IT")
    add(
        f"https://bank.example.it/bonifico?beneficiario=Rossi&iban={v}&importo=300",
        True,
        "bank_account",
        "iban url query",
    )
    v = iban_value("PL")
    add(f"Numer konta: {v[2:]}", True, "bank_account", "pl nrb without PL compact")
    v = iban_value("PL")
    add(
        f"przelej na {group(v[2:], [2, 4, 4, 4, 4, 4, 4], ' ')} (Anna Nowak)",
        True,
        "bank_account",
        "pl nrb grouped",
    )
    v = iban_value("ES")
    add(f"Mi cuenta: {group(v[4:], [4, 4, 2, 10], '-')}", True, "bank_account", "es ccc dashed")
    v = iban_value("DE")
    add(
        f"Bankverbindung: BLZ {v[4:7]} {v[7:10]} {v[10:12]}, Kontonummer {v[12:]}",
        True,
        "bank_account",
        "de blz and konto apart",
    )
    v = iban_value("GB")
    add(
        f"Sort code {v[8:10]}-{v[10:12]}-{v[12:14]}, account {v[14:]}",
        True,
        "bank_account",
        "uk sort code account",
    )
    v = iban_value("GB")
    add(
        f"pay me: {v[8:10]} {v[10:12]} {v[12:14]} / {v[14:]} (sort code / acc)",
        True,
        "bank_account",
        "uk sort code spaced",
    )
    v = iban_value("GB")
    add(
        f"sort code: {v[8:14]}\naccount number: {v[14:]}",
        True,
        "bank_account",
        "uk sort code compact lines",
    )
    r = routing()
    add(
        f"Routing {r}, account {digits(10)} - set up direct deposit",
        True,
        "bank_account",
        "us routing account",
    )
    r = routing()
    add(
        f"ABA: {r[:3]}-{r[3:6]}-{r[6:]}\nAcct: {digits(4)}-{digits(6)}",
        True,
        "bank_account",
        "us routing dashed",
    )
    r = routing()
    add(f"routing_number={r}&account_number={digits(11)}", True, "bank_account", "us routing query")
    r = routing()
    add(
        f"Direct deposit form:\nRouting #: {script_digits(r, 'fullwidth')}\nAccount #: {digits(9)}",
        True,
        "bank_account",
        "us routing fullwidth",
    )
    for lang, tpl in [
        ("de", "Meine IBAN ist {v}"),
        ("en", "my iban is {v}"),
        ("es", "mi IBAN: {v}"),
    ]:
        v = iban_value(rng.choice(("DE", "ES", "PL", "AT")))
        w = WORDS[lang]
        spoken = v[:2] + " " + " ".join(w[int(c)] for c in v[2:12]) + " " + v[12:]
        add(tpl.format(v=spoken), True, "bank_account", f"iban partly in words {lang}")
    v = iban_value("DE")
    add(f"IBAN {fours(v).replace('0', 'O')}", True, "bank_account", "iban O for 0")


ID_TEMPLATES: list[tuple[str, Callable[[], str], list[str]]] = [
    ("de", de_idnr, ["Meine Steuer-ID ist {v}", "Steuerliche Identifikationsnummer: {v}"]),
    ("fr", fr_nir, ["Mon numéro de sécurité sociale : {v}", "NIR {v}"]),
    ("es", es_dni, ["Mi DNI es {v}", "DNI: {v}, para la reserva"]),
    ("it", it_cf, ["Il mio codice fiscale è {v}", "CF: {v}"]),
    ("pt", pt_nif, ["O meu NIF é {v}", "contribuinte n.º {v}"]),
    ("nl", nl_bsn, ["Mijn BSN is {v}", "burgerservicenummer: {v}"]),
    ("pl", pl_pesel, ["Mój PESEL to {v}", "PESEL: {v}"]),
    ("sv", se_pnr, ["Mitt personnummer är {v}", "personnr {v}"]),
    ("ja", jp_mynumber, ["私のマイナンバーは{v}です", "個人番号：{v}"]),
    ("zh", cn_ric, ["我的身份证号是{v}", "身份证：{v}"]),
    ("ko", kr_rrn, ["제 주민등록번호는 {v}입니다", "주민번호: {v}"]),
]


def id_disguise(v: str, how: str) -> str:
    core = v.replace("-", "")
    if how == "spaced":
        return " ".join(core[i : i + 3] for i in range(0, len(core), 3))
    if how == "dotted":
        return ".".join(core[i : i + 3] for i in range(0, len(core), 3))
    if how == "fullwidth":
        return script_digits(v, "fullwidth")
    if how == "nbsp":
        return "\u00a0".join(core[i : i + 4] for i in range(0, len(core), 4))
    if how == "quoted":
        return f"«{v}»"
    if how == "nbhyphen":
        return v.replace("-", "\u2011") if "-" in v else core[:4] + "\u2011" + core[4:]
    if how == "arabic-indic":
        return script_digits(v, "arabic-indic")
    if how == "lower":
        return v.lower()
    return v


def national_ids() -> None:
    hows = [
        "spaced",
        "dotted",
        "fullwidth",
        "nbsp",
        "quoted",
        "nbhyphen",
        "arabic-indic",
        "lower",
        "plain",
    ]
    for i, (lang, gen, tpls) in enumerate(ID_TEMPLATES):
        for how in (hows[i % len(hows)], hows[(i + 4) % len(hows)]):
            v = gen()
            add(
                rng.choice(tpls).format(v=id_disguise(v, how)),
                True,
                "national_id",
                f"id {how} {lang}",
            )
    v = de_idnr()
    add(
        f"Name;Steuer-ID;Ort\nJonas Weber;{v[:2]} {v[2:5]} {v[5:8]} {v[8:]};Köln",
        True,
        "national_id",
        "de idnr in csv grouped",
    )
    v = nl_bsn()
    add(f'{{"naam": "Sanne Bakker", "bsn": "{v}"}}', True, "national_id", "nl bsn json")
    v = pl_pesel()
    add(f"PESEL:\n{v[:6]}\n{v[6:]}", True, "national_id", "pesel over two lines")
    v = fr_nir()
    add(
        f"n° de sécu {v[0]} {v[1:3]} {v[3:5]} {v[5:7]} {v[7:10]} {v[10:13]} {v[13:]}",
        True,
        "national_id",
        "nir in its printed grouping",
    )
    v = kr_rrn()
    add(
        f"| 이름 | 주민등록번호 |\n|---|---|\n| 김민준 | {v} |",
        True,
        "national_id",
        "kr rrn markdown",
    )


# ---------------------------------------------------------------- hard negatives


def negatives() -> None:
    non_card_prefixes = ["0", "7", "9", "83", "84", "10", "19"]
    for lang, tpl in [
        ("en", "Where is my parcel? Tracking number {v}"),
        ("de", "Meine Bestellnummer ist {v}, wann kommt das Paket?"),
        ("fr", "Numéro de commande {v} – toujours pas livré"),
        ("es", "Número de pedido {v}, ¿cuándo llega?"),
        ("it", "Il numero d'ordine è {v}"),
        ("pt", "Número da encomenda: {v}"),
        ("nl", "Mijn bestelnummer is {v}, waar blijft het?"),
        ("pl", "Numer zamówienia {v} – gdzie paczka?"),
        ("sv", "Ordernummer {v}, när levereras det?"),
        ("ja", "注文番号は{v}です。いつ届きますか？"),
        ("zh", "我的订单号是{v}，什么时候发货？"),
        ("ko", "주문번호 {v} 배송 언제 되나요?"),
    ]:
        v = luhn_number(rng.choice(non_card_prefixes), 16)
        add(
            tpl.format(v=rng.choice([fours(v), v, fours(v, "-")])),
            False,
            "neg_lookalike",
            f"order number luhn-valid by chance, no card prefix {lang}",
        )
    for lang, tpl in [
        ("en", "Invoice INV-{v} is overdue, write a polite reminder"),
        ("de", "Rechnung Nr. {v} – bitte eine Mahnung formulieren"),
        ("fr", "Facture n° {v}, rédige une relance"),
        ("es", "Factura {v}: redacta un recordatorio"),
        ("it", "Fattura n. {v}, scrivi un sollecito"),
        ("ja", "請求書番号{v}の督促状を書いて"),
        ("ko", "송장 번호 {v} 독촉 메일 써줘"),
    ]:
        add(tpl.format(v=f"2026-{digits(6)}"), False, "neg_lookalike", f"invoice number {lang}")
    for v in [
        "1Z 999 AA1 01 2345 6784",
        f"9400 1{digits(3)} {digits(4)} {digits(4)} {digits(4)} {digits(2)}",
        f"JD0146{digits(12)}",
        f"{digits(12)}",
    ]:
        add(
            f"The tracking says {v} is stuck in customs, what does that mean?",
            False,
            "neg_lookalike",
            "tracking number",
        )
    for lang, tpl in [
        ("en", "Ticket #{v} still open, any update?"),
        ("de", "Ticketnummer {v}: Status?"),
        ("zh", "工单号{v}还没处理"),
    ]:
        add(tpl.format(v=digits(8)), False, "neg_lookalike", f"ticket {lang}")
    # EAN-13 that also pass Luhn, with barcode words; ISBNs
    for lang, tpl in [
        ("en", "Barcode {v} scans as the wrong product, fix the lookup table"),
        ("de", "EAN {v} gehört zu welchem Artikel?"),
        ("fr", "Le code-barres {v} ne passe pas en caisse"),
        ("es", "El EAN {v} sale duplicado en el inventario"),
        ("nl", "EAN-code {v} staat dubbel in de voorraad"),
        ("pl", "Kod kreskowy {v} nie działa w kasie"),
    ]:
        v = valid(
            lambda: (lambda b: b + ean.calc_check_digit(b))(
                rng.choice(["40", "41", "42", "43", "50", "54", "57"]) + digits(10)
            ),
            lambda x: luhn.is_valid(x),
        )
        add(tpl.format(v=v), False, "neg_lookalike", f"ean-13 luhn-valid by chance {lang}")
    for _ in range(4):
        b = "978" + digits(9)
        v = b + ean.calc_check_digit(b)
        add(
            rng.choice(
                [
                    "ISBN {v} – is this the 2nd edition?",
                    "Cite the book ISBN {v} in APA",
                    "ISBN: {w}",
                ]
            ).format(v=v, w=f"{v[:3]}-{v[3]}-{v[4:8]}-{v[8:12]}-{v[12]}"),
            False,
            "neg_lookalike",
            "isbn-13",
        )
    # timestamps, phones, versions, maths, code
    add("Convert 1732612345678 ms since epoch to a date", False, "neg_number", "epoch ms")
    add(
        "Why does 2026-11-26T12:22:55.123456+01:00 fail to parse?",
        False,
        "neg_number",
        "iso timestamp",
    )
    add("log: 20261126 122255 4412 started job 5523 1187 0042", False, "neg_number", "log numbers")
    add(
        "Call the front desk at +49 30 2345 6789 or +1 (415) 555-0132",
        False,
        "neg_number",
        "phone numbers",
    )
    add("电话：+86 138 0013 8000，有事打给我", True, "contact", "phone is contact, not card")
    add(
        "Upgrade from 4.12.0.1234 to 5.1.3.2206 breaks the build",
        False,
        "neg_code",
        "version strings",
    )
    add(
        "Kernel 5.15.0-1051-azure vs 6.2.0-1018-aws: which is newer?",
        False,
        "neg_code",
        "kernel versions",
    )
    add("What is 4532 * 1488 + 343 / 6467? Show the steps", False, "neg_number", "maths")
    add(
        "Compute 2^53 = 9007199254740992 and explain why floats lose precision above it",
        False,
        "neg_number",
        "2^53",
    )
    add(
        "Is 9999999999999999 == 10000000000000000 in JavaScript? why", False, "neg_code", "js float"
    )
    add(
        "arr = [4539, 1488, 343, 6467, 1234, 5678]\nprint(sum(arr))  # why 19749?",
        False,
        "neg_code",
        "array of ints",
    )
    add("Warum ist 0.1 + 0.2 = 0.30000000000000004 in Python?", False, "neg_code", "float repr")
    add(
        "SELECT * FROM orders WHERE id BETWEEN 4000000000000000 AND 4999999999999999;",
        False,
        "neg_code",
        "sql range",
    )
    add(
        "π = 3.14159265358979323846 – how many digits do I need for NASA-level accuracy?",
        False,
        "neg_number",
        "pi digits",
    )
    add("Der Umsatz lag bei 4.532.148.803,17 € im Jahr 2025", False, "neg_number", "amount")
    add(
        "population 1 411 750 000 vs 1 428 627 663 — which source is right?",
        False,
        "neg_number",
        "population",
    )
    add(
        "GPS: 52.520008, 13.404954 – what's the nearest station?",
        False,
        "neg_number",
        "coordinates",
    )
    add("commit 4f9c1e2a7b3d5e6f8a9b0c1d2e3f4a5b6c7d8e9f broke the tests", False, "neg_code", "sha")
    add(
        "uuid 550e8400-e29b-41d4-a716-446655440000 is duplicated in the fixture",
        False,
        "neg_code",
        "uuid",
    )
    # masked numbers and last four
    for lang, tpl in [
        ("en", "My card ending 4821 was charged twice, how do I dispute it?"),
        ("en", "Statement shows **** **** **** 7310 – is that my Visa?"),
        ("de", "Karte mit Endziffern 0457 wurde gesperrt, was tun?"),
        ("fr", "carte se terminant par 9921 refusée à l'étranger"),
        ("es", "La tarjeta XXXX-XXXX-XXXX-5512 no aparece en la app"),
        ("ja", "末尾3381のカードが使えません"),
        ("zh", "尾号6620的银行卡被冻结了怎么办"),
        ("ko", "끝자리 1184 카드 결제 취소 방법"),
        ("nl", "pas eindigend op 3092 is geblokkeerd"),
        ("en", "IBAN DE** **** **** **** **12 34 shows on the receipt, is that mine?"),
        ("pl", "konto kończące się na 8812 – co to za przelew?"),
    ]:
        add(tpl, False, "neg_lookalike", f"masked / last four {lang}")
    # test cards named as test cards, placeholders, questions
    add(
        "In Stripe test mode use 4242 4242 4242 4242 with any future date and any CVC.",
        False,
        "neg_sample",
        "stripe test card",
    )
    add(
        "Sandbox test cards: 5555 5555 5555 4444 (Mastercard), 4000 0566 5566 5556 (Visa debit)",
        False,
        "neg_sample",
        "test cards listed",
    )
    add(
        "Für Tests die Testkarte 4111 1111 1111 1111 nehmen, nicht echte Karten",
        False,
        "neg_sample",
        "test card de",
    )
    add(
        "Example IBAN from the docs: DE89 3704 0044 0532 0130 00 – how is the check digit computed?",
        False,
        "neg_sample",
        "example iban",
    )
    add(
        "IBAN field placeholder: DE00 0000 0000 0000 0000 00", False, "neg_placeholder", "zero iban"
    )
    add(
        "Format: CCkk BBBB BBBB CCCC CCCC CC – what does kk stand for?",
        False,
        "neg_topic_question",
        "iban format question",
    )
    add(
        "How many digits does an Amex card have, 15 or 16?",
        False,
        "neg_topic_question",
        "card question",
    )
    add(
        "Explain the Luhn check with 79927398713 step by step",
        False,
        "neg_topic_question",
        "luhn example",
    )
    add(
        "Wie berechnet man die Prüfziffer einer IBAN? Schritt für Schritt bitte",
        False,
        "neg_topic_question",
        "iban question de",
    )
    add(
        "¿Cuántos dígitos tiene un DNI español y cómo se calcula la letra?",
        False,
        "neg_topic_question",
        "dni question",
    )
    add(
        "マイナンバーは何桁ですか？チェックデジットの計算方法は？",
        False,
        "neg_topic_question",
        "my number question",
    )
    add("身份证号码最后一位X是什么意思？", False, "neg_topic_question", "ric question")
    add(
        "주민등록번호 뒷자리 첫 숫자는 무슨 의미인가요?",
        False,
        "neg_topic_question",
        "rrn question",
    )
    add(
        "card_number = 'XXXX-XXXX-XXXX-XXXX'  # fill in at runtime",
        False,
        "neg_placeholder",
        "card placeholder",
    )
    add(
        '<input name="iban" placeholder="NL00 BANK 0000 0000 00">',
        False,
        "neg_placeholder",
        "iban placeholder html",
    )
    add("BIC COBADEFFXXX or DEUTDEFF – which is Commerzbank?", False, "neg_public", "bic codes")
    add(
        "Bank of America routing number for California wires?",
        False,
        "neg_topic_question",
        "routing question",
    )
    add("Sort code format is 00-00-00, right?", False, "neg_topic_question", "sort code format")
    add(
        "Mastercard BINs start with 51-55 or 2221-2720; Visa with 4. Write a regex.",
        False,
        "neg_topic_question",
        "bin ranges",
    )
    # same shapes in other contexts
    add(
        "Meter reading 0045 8812 3390 1176 kWh? that can't be right",
        False,
        "neg_number",
        "meter reading",
    )
    add(
        "Serial number SN 7731-0092-4471-2286 of my router – firmware update?",
        False,
        "neg_lookalike",
        "serial number",
    )
    add(
        "Gift card code 6006 4912 3348 1170 doesn't redeem, the store says it's expired",
        False,
        "neg_lookalike",
        "gift card",
    )
    add("Flight LH 1234, booking reference X7K9PQ, seat 14C", False, "neg_lookalike", "booking ref")
    add(
        "Our VAT number is DE 123 456 789 (public on every invoice)",
        False,
        "neg_public",
        "vat number",
    )
    add(
        "Ordre 2026/11/26/0042/7781 — pourquoi deux fois ?", False, "neg_lookalike", "slashed order"
    )
    add(
        "Partnummer 55.1234.5678.9012 passt nicht in die Halterung",
        False,
        "neg_lookalike",
        "part number dotted",
    )
    add("IMEI 35-209900-176148-1 – is the phone blacklisted?", False, "neg_lookalike", "imei")


NEG_LABELS = {
    "en": "Order reference {v} – where's my parcel?",
    "de": "Sendungsnummer {v}, das Paket hängt fest",
    "fr": "Référence de commande {v}, colis introuvable",
    "es": "Referencia del envío {v}, no llega",
    "it": "Codice spedizione {v}, è fermo da giorni",
    "pt": "Código de rastreio {v}, não anda",
    "nl": "Zendingsnummer {v} staat stil",
    "pl": "Numer przesyłki {v} – utknęła",
    "sv": "Kollinummer {v} har fastnat",
    "ja": "追跡番号{v}の荷物が届きません",
    "zh": "快递单号{v}一直没更新",
    "ko": "운송장 번호 {v} 조회가 안 돼요",
}


def same_shape_negatives() -> None:
    """Each card disguise again, on a number that is no card (a card prefix but a failing
    Luhn check) named as an order or tracking number."""
    for name, _ in card_disguises("4111111111111111"):
        v = valid(
            lambda: rng.choice(["4", "5", "37", "6"]) + digits(15), lambda x: not luhn.is_valid(x)
        )
        lang = rng.choice(LANGS)
        add(
            NEG_LABELS[lang].format(v=dict(card_disguises(v))[name]),
            False,
            "neg_lookalike",
            f"order number {name} {lang}",
        )
    for lang, label, size in [
        ("de", "Artikelnummer", 11),
        ("fr", "Référence produit", 15),
        ("es", "Código de producto", 8),
        ("nl", "Artikelnummer", 9),
        ("pl", "Numer partii", 11),
        ("sv", "Artikelnummer", 10),
        ("ja", "品番", 12),
        ("zh", "产品编号", 18),
        ("ko", "상품번호", 13),
        ("pt", "Referência do artigo", 9),
        ("it", "Codice articolo", 16),
    ]:
        v = digits(size)
        add(
            f"{label}: {' '.join(v[i : i + 3] for i in range(0, size, 3))} – {rng.choice(['Lagerbestand?', 'in stock?', '在庫は？', '재고 있나요?'])}",
            False,
            "neg_lookalike",
            f"product number id-shaped {lang}",
        )


def main() -> None:
    cards()
    same_shape_negatives()
    ibans()
    national_ids()
    negatives()
    with OUT.open("w", encoding="utf-8") as fh:
        for row in ROWS:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    pos = sum(1 for r in ROWS if r["sensitive"])
    print(f"{len(ROWS)} rows ({pos} private, {len(ROWS) - pos} not) -> {OUT}")


if __name__ == "__main__":
    main()
