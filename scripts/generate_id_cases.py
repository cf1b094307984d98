"""Generate national-ID test cases from python-stdnum's catalogue: tests/data/privacy_ids7.jsonl.

For every personal-ID entry of resources/privacy/national_ids.toml this draws checksum-valid
random numbers (a random value of the entry's shape whose check character is then computed by
trying every character at the check position and keeping the one stdnum's ``is_valid`` accepts;
for our own formats, our validator), writes each in its common written forms (compact, with the
official separators from stdnum's ``format()``, with spaces, lower case) and places it in short
prompts in the country's language and in English: with the official label, with a colloquial
label, with context only ("here is my number") and with no label at all.  Hard negatives sit
beside them: values of the same shape that fail the checksum, in neutral sentences, and order
numbers, invoice numbers, timestamps, phone numbers and amounts.

Every row carries ``split``: "study" (looked at while the detector is built) or "scored" (only
scored at the end), a stable hash of the prompt.

Run: uv run python scripts/generate_id_cases.py          (writes the file; seeded, repeatable)
     uv run python scripts/generate_id_cases.py --score  (scores each half with the detector)
"""

from __future__ import annotations

import datetime
import hashlib
import importlib
import json
import random
import re
import re._constants as sre_c
import re._parser as sre_parse
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from aideon_desktop.core.privacy.detectors.id_validators import VALIDATORS  # noqa: E402
from aideon_desktop.core.privacy.lexicon import load_data  # noqa: E402

OUT = ROOT / "tests" / "data" / "privacy_ids7.jsonl"
SEED = 20261126
VALUES_PER_MODULE = 2
MIN_LENGTH = 7  # shorter values (a San Marino COE of 1-5 digits) are no one's ID to a reader
# stdnum modules our own validator replaces: the value must pass stdnum's too, where it has one
STDNUM_TWIN = {"aideon.es_dni": "es.dni", "aideon.us_itin": "us.itin", "aideon.kr_rrn": "kr.rrn"}

# module → (language, official label, colloquial label, official label in English, colloquial
# label in English).  The labels are how people and forms name the number, written here from
# what the IDs are (not from the detector's own word lists).
LABELS: dict[str, tuple[str, str, str, str, str]] = {
    "us.ssn": ("en", "Social Security number", "social", "Social Security number", "SSN"),
    "aideon.us_itin": ("en", "ITIN", "tax ID", "ITIN", "taxpayer number"),
    "us.atin": ("en", "ATIN", "adoption tax ID", "ATIN", "adoption taxpayer number"),
    "us.ptin": ("en", "PTIN", "preparer ID", "PTIN", "preparer tax number"),
    "aideon.us_mbi": (
        "en",
        "Medicare Beneficiary Identifier",
        "Medicare number",
        "MBI",
        "Medicare ID",
    ),
    "ca.sin": ("fr", "numéro d'assurance sociale", "NAS", "Social Insurance Number", "SIN"),
    "ca.bc_phn": (
        "en",
        "Personal Health Number",
        "PHN",
        "BC Personal Health Number",
        "care card number",
    ),
    "au.tfn": ("en", "tax file number", "TFN", "tax file number", "TFN"),
    "aideon.au_medicare": (
        "en",
        "Medicare card number",
        "Medicare no",
        "Medicare number",
        "Medicare",
    ),
    "gb.nhs": ("en", "NHS number", "NHS no.", "NHS number", "NHS no"),
    "aideon.gb_driving_licence": (
        "en",
        "driving licence number",
        "licence no",
        "driving licence number",
        "DL number",
    ),
    "aideon.gb_nino": (
        "en",
        "National Insurance number",
        "NI number",
        "National Insurance number",
        "NINO",
    ),
    "gb.utr": ("en", "Unique Taxpayer Reference", "UTR", "UTR number", "self assessment UTR"),
    "gb.upn": ("en", "Unique Pupil Number", "UPN", "unique pupil number", "pupil number"),
    "ie.pps": ("en", "PPS number", "PPSN", "Personal Public Service number", "PPS no"),
    "fr.nir": (
        "fr",
        "numéro de sécurité sociale",
        "numéro de sécu",
        "French social security number",
        "NIR",
    ),
    "fr.nif": ("fr", "numéro fiscal", "numéro d'impôts", "French tax number", "SPI"),
    "de.idnr": ("de", "Steuer-Identifikationsnummer", "Steuer-ID", "German tax ID", "Steuer-ID"),
    "de.stnr": ("de", "Steuernummer", "St.-Nr.", "German tax number", "Steuernummer"),
    "aideon.de_svnr": (
        "de",
        "Rentenversicherungsnummer",
        "SV-Nummer",
        "German social insurance number",
        "pension insurance number",
    ),
    "at.vnr": (
        "de",
        "Sozialversicherungsnummer",
        "SVNR",
        "Austrian social security number",
        "e-card number",
    ),
    "at.tin": ("de", "Abgabenkontonummer", "Steuernummer", "Austrian tax number", "tax number"),
    "ch.ssn": ("de", "AHV-Nummer", "AHV", "Swiss social security number", "AHV number"),
    "li.peid": ("de", "Personenidentifikationsnummer", "PEID", "Liechtenstein PEID", "PEID"),
    "be.nn": ("nl", "rijksregisternummer", "INSZ", "Belgian national number", "national number"),
    "be.bis": ("fr", "numéro BIS", "BIS", "Belgian BIS number", "BIS number"),
    "be.eid": (
        "nl",
        "kaartnummer van mijn eID",
        "eID-nummer",
        "Belgian eID card number",
        "eID number",
    ),
    "nl.bsn": ("nl", "burgerservicenummer", "BSN", "citizen service number", "BSN"),
    "nl.onderwijsnummer": (
        "nl",
        "onderwijsnummer",
        "leerlingnummer",
        "Dutch education number",
        "student number",
    ),
    "nl.identiteitskaartnummer": (
        "nl",
        "paspoortnummer",
        "documentnummer",
        "Dutch passport number",
        "ID card number",
    ),
    "aideon.es_dni": ("es", "DNI", "número del DNI", "Spanish DNI", "ID number"),
    "es.nie": ("es", "NIE", "número de extranjero", "Spanish NIE", "foreigner ID number"),
    "pt.cc": (
        "pt",
        "número do cartão de cidadão",
        "CC",
        "Portuguese citizen card number",
        "citizen card",
    ),
    "pt.nif": ("pt", "número de contribuinte", "NIF", "Portuguese tax number", "NIF"),
    "it.codicefiscale": ("it", "codice fiscale", "CF", "Italian tax code", "codice fiscale"),
    "sm.coe": ("it", "codice operatore economico", "COE", "San Marino COE", "COE"),
    "pl.pesel": ("pl", "numer PESEL", "PESEL", "PESEL number", "PESEL"),
    "cz.rc": ("cs", "rodné číslo", "RČ", "Czech birth number", "birth number"),
    "sk.rc": ("sk", "rodné číslo", "RČ", "Slovak birth number", "birth number"),
    "hr.oib": ("hr", "osobni identifikacijski broj", "OIB", "Croatian OIB", "OIB"),
    "si.emso": ("sl", "enotna matična številka občana", "EMŠO", "Slovenian EMSO", "EMSO"),
    "ro.cnp": ("ro", "codul numeric personal", "CNP", "Romanian CNP", "personal numeric code"),
    "bg.egn": ("bg", "ЕГН", "единен граждански номер", "Bulgarian EGN", "EGN"),
    "bg.pnf": ("bg", "ЛНЧ", "личен номер на чужденец", "Bulgarian foreigner number", "PNF"),
    "gr.amka": ("el", "ΑΜΚΑ", "αριθμός μητρώου κοινωνικής ασφάλισης", "Greek AMKA", "AMKA"),
    "ee.ik": ("et", "isikukood", "ID-kood", "Estonian personal code", "isikukood"),
    "lt.asmens": ("lt", "asmens kodas", "a.k.", "Lithuanian personal code", "asmens kodas"),
    "aideon.fi_hetu": ("fi", "henkilötunnus", "hetu", "Finnish personal identity code", "HETU"),
    "fi.veronumero": ("fi", "veronumero", "verotunnus", "Finnish tax number", "veronumero"),
    "se.personnummer": (
        "sv",
        "personnummer",
        "pnr",
        "Swedish personal identity number",
        "personnummer",
    ),
    "no.fodselsnummer": (
        "no",
        "fødselsnummer",
        "personnummer",
        "Norwegian national ID number",
        "fødselsnummer",
    ),
    "dk.cpr": ("da", "CPR-nummer", "personnummer", "Danish CPR number", "CPR"),
    "is_.kennitala": ("is", "kennitala", "kt.", "Icelandic kennitala", "ID number"),
    "tr.tckimlik": ("tr", "T.C. Kimlik No", "kimlik numarası", "Turkish ID number", "TC number"),
    "ua.rntrc": ("uk", "РНОКПП", "ідентифікаційний код", "Ukrainian taxpayer number", "tax ID"),
    "ru.inn": ("ru", "ИНН", "налоговый номер", "Russian INN", "INN"),
    "il.idnr": ("he", "מספר זהות", "תעודת זהות", "Israeli ID number", "teudat zehut"),
    "in_.aadhaar": ("hi", "आधार संख्या", "आधार नंबर", "Aadhaar number", "Aadhaar"),
    "in_.vid": ("hi", "वर्चुअल आईडी", "VID", "Aadhaar virtual ID", "VID"),
    "aideon.in_pan_individual": ("hi", "पैन नंबर", "PAN", "PAN number", "PAN card"),
    "in_.pan": ("hi", "पैन", "PAN कार्ड", "PAN", "PAN card number"),
    "in_.epic": ("hi", "मतदाता पहचान पत्र संख्या", "वोटर आईडी", "voter ID", "EPIC number"),
    "aideon.sg_nric": ("en", "NRIC", "IC number", "NRIC number", "IC"),
    "my.nric": ("ms", "nombor kad pengenalan", "nombor IC", "MyKad number", "IC number"),
    "id.nik": ("id", "Nomor Induk Kependudukan", "NIK", "Indonesian NIK", "KTP number"),
    "th.pin": ("th", "เลขประจำตัวประชาชน", "เลขบัตรประชาชน", "Thai national ID number", "Thai ID"),
    "aideon.kr_rrn_checked": (
        "ko",
        "주민등록번호",
        "주민번호",
        "resident registration number",
        "RRN",
    ),
    "aideon.kr_rrn": (
        "ko",
        "주민등록번호",
        "주민번호",
        "Korean resident registration number",
        "RRN",
    ),
    "jp.in_": ("ja", "個人番号", "マイナンバー", "My Number", "Japanese individual number"),
    "cn.ric": ("zh", "公民身份号码", "身份证号", "Chinese ID card number", "resident ID"),
    "pk.cnic": ("ur", "شناختی کارڈ نمبر", "CNIC", "CNIC number", "national ID card"),
    "za.idnr": ("en", "ID number", "identity number", "South African ID number", "SA ID"),
    "za.tin": (
        "en",
        "income tax reference number",
        "SARS tax number",
        "South African tax number",
        "tax reference",
    ),
    "mu.nid": ("en", "National Identity Card number", "NIC number", "Mauritian national ID", "NID"),
    "mx.curp": ("es", "CURP", "clave única de registro de población", "CURP", "Mexican CURP"),
    "mx.rfc": ("es", "RFC", "registro federal de contribuyentes", "Mexican RFC", "RFC"),
    "br.cpf": ("pt", "CPF", "número do CPF", "Brazilian CPF", "CPF number"),
    "ar.dni": ("es", "DNI", "documento", "Argentinian DNI", "national ID"),
    "ar.cuit": ("es", "CUIL", "CUIT", "Argentinian CUIL", "CUIT"),
    "cl.rut": ("es", "RUT", "RUN", "Chilean RUT", "RUT"),
    "co.nit": ("es", "número de cédula", "cédula de ciudadanía", "Colombian cédula", "NIT"),
    "ec.ci": ("es", "cédula de identidad", "cédula", "Ecuadorian ID card number", "cédula"),
    "pe.cui": ("es", "DNI", "CUI", "Peruvian DNI", "CUI"),
    "do.cedula": ("es", "cédula de identidad", "cédula", "Dominican cédula", "cédula"),
    "cr.cpf": ("es", "cédula de identidad", "cédula", "Costa Rican ID", "cédula"),
    "cr.cr": ("es", "cédula de residencia", "DIMEX", "Costa Rican residence card", "DIMEX"),
    "cu.ni": ("es", "número de identidad", "carné de identidad", "Cuban identity number", "carné"),
    "nz.ird": ("en", "IRD number", "IRD", "IRD number", "inland revenue number"),
}

# Prompts per language.  {l} is a label, {v} the value.
TEMPLATES: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "label": ("My {l} is {v}.", "{l}: {v}", "Can you fill in the form for me? {l} {v}, thanks"),
        "context": (
            "Here is my number: {v}",
            "Mine is {v}, can you check it?",
            "The number on my card is {v}",
        ),
        "bare": ("{v}", "Is {v} valid?", "please double-check {v} before I send it"),
    },
    "fr": {
        "label": (
            "Mon {l} est {v}.",
            "{l} : {v}",
            "Peux-tu remplir le formulaire ? {l} {v}, merci",
        ),
        "context": ("Voici mon numéro : {v}", "Le mien c'est {v}"),
        "bare": ("{v}", "Est-ce que {v} est valide ?"),
    },
    "de": {
        "label": (
            "Meine {l} ist {v}.",
            "{l}: {v}",
            "Kannst du das Formular ausfüllen? {l} {v}, danke",
        ),
        "context": ("Hier ist meine Nummer: {v}", "Meine lautet {v}"),
        "bare": ("{v}", "Ist {v} gültig?"),
    },
    "es": {
        "label": ("Mi {l} es {v}.", "{l}: {v}", "¿Me rellenas el formulario? {l} {v}, gracias"),
        "context": ("Aquí tienes mi número: {v}", "El mío es {v}"),
        "bare": ("{v}", "¿Es válido {v}?"),
    },
    "it": {
        "label": ("Il mio {l} è {v}.", "{l}: {v}", "Mi compili il modulo? {l} {v}, grazie"),
        "context": ("Ecco il mio numero: {v}", "Il mio è {v}"),
        "bare": ("{v}", "{v} è valido?"),
    },
    "pt": {
        "label": ("O meu {l} é {v}.", "{l}: {v}", "Pode preencher o formulário? {l} {v}, obrigado"),
        "context": ("Aqui está o meu número: {v}", "O meu é {v}"),
        "bare": ("{v}", "{v} é válido?"),
    },
    "nl": {
        "label": (
            "Mijn {l} is {v}.",
            "{l}: {v}",
            "Kun je het formulier invullen? {l} {v}, bedankt",
        ),
        "context": ("Hier is mijn nummer: {v}", "Het mijne is {v}"),
        "bare": ("{v}", "Is {v} geldig?"),
    },
    "pl": {
        "label": ("Mój {l} to {v}.", "{l}: {v}", "Wypełnisz formularz? {l} {v}, dzięki"),
        "context": ("Oto mój numer: {v}", "Mój to {v}"),
        "bare": ("{v}", "Czy {v} jest poprawny?"),
    },
    "sv": {
        "label": ("Mitt {l} är {v}.", "{l}: {v}", "Kan du fylla i blanketten? {l} {v}, tack"),
        "context": ("Här är mitt nummer: {v}", "Mitt är {v}"),
        "bare": ("{v}", "Är {v} giltigt?"),
    },
    "ja": {
        "label": ("私の{l}は{v}です。", "{l}：{v}", "書類の記入をお願いします。{l} {v}"),
        "context": ("私の番号は{v}です", "番号はこちら：{v}"),
        "bare": ("{v}", "{v} は正しいですか？"),
    },
    "zh": {
        "label": ("我的{l}是{v}。", "{l}：{v}", "帮我填一下表格，{l} {v}，谢谢"),
        "context": ("这是我的号码：{v}", "我的是{v}"),
        "bare": ("{v}", "{v} 对吗？"),
    },
    "ko": {
        "label": ("제 {l}는 {v}입니다.", "{l}: {v}", "서류 작성 부탁해요. {l} {v}"),
        "context": ("제 번호는 {v}입니다", "번호: {v}"),
        "bare": ("{v}", "{v} 맞나요?"),
    },
    "cs": {
        "label": ("Moje {l} je {v}.", "{l}: {v}"),
        "context": ("Tady je moje číslo: {v}",),
        "bare": ("{v}",),
    },
    "sk": {
        "label": ("Moje {l} je {v}.", "{l}: {v}"),
        "context": ("Tu je moje číslo: {v}",),
        "bare": ("{v}",),
    },
    "hr": {
        "label": ("Moj {l} je {v}.", "{l}: {v}"),
        "context": ("Evo mog broja: {v}",),
        "bare": ("{v}",),
    },
    "sl": {
        "label": ("Moja {l} je {v}.", "{l}: {v}"),
        "context": ("Tukaj je moja številka: {v}",),
        "bare": ("{v}",),
    },
    "ro": {
        "label": ("{l} meu este {v}.", "{l}: {v}"),
        "context": ("Iată numărul meu: {v}",),
        "bare": ("{v}",),
    },
    "bg": {
        "label": ("Моето {l} е {v}.", "{l}: {v}"),
        "context": ("Ето моя номер: {v}",),
        "bare": ("{v}",),
    },
    "el": {
        "label": ("Ο {l} μου είναι {v}.", "{l}: {v}"),
        "context": ("Ο αριθμός μου είναι {v}",),
        "bare": ("{v}",),
    },
    "et": {
        "label": ("Minu {l} on {v}.", "{l}: {v}"),
        "context": ("Siin on minu number: {v}",),
        "bare": ("{v}",),
    },
    "lt": {
        "label": ("Mano {l} yra {v}.", "{l}: {v}"),
        "context": ("Štai mano numeris: {v}",),
        "bare": ("{v}",),
    },
    "fi": {
        "label": ("Minun {l} on {v}.", "{l}: {v}"),
        "context": ("Tässä numeroni: {v}",),
        "bare": ("{v}",),
    },
    "no": {
        "label": ("Mitt {l} er {v}.", "{l}: {v}"),
        "context": ("Her er nummeret mitt: {v}",),
        "bare": ("{v}",),
    },
    "da": {
        "label": ("Mit {l} er {v}.", "{l}: {v}"),
        "context": ("Her er mit nummer: {v}",),
        "bare": ("{v}",),
    },
    "is": {
        "label": ("{l} mín er {v}.", "{l}: {v}"),
        "context": ("Hér er númerið mitt: {v}",),
        "bare": ("{v}",),
    },
    "tr": {
        "label": ("{l} {v}.", "{l}: {v}"),
        "context": ("Numaram şu: {v}",),
        "bare": ("{v}",),
    },
    "uk": {
        "label": ("Мій {l}: {v}.", "{l} {v}"),
        "context": ("Ось мій номер: {v}",),
        "bare": ("{v}",),
    },
    "ru": {
        "label": ("Мой {l}: {v}.", "{l} {v}"),
        "context": ("Вот мой номер: {v}",),
        "bare": ("{v}",),
    },
    "he": {
        "label": ("{l} שלי: {v}", "{l}: {v}"),
        "context": ("המספר שלי: {v}",),
        "bare": ("{v}",),
    },
    "hi": {
        "label": ("मेरा {l} {v} है।", "{l}: {v}"),
        "context": ("यह मेरा नंबर है: {v}",),
        "bare": ("{v}",),
    },
    "ms": {
        "label": ("{l} saya ialah {v}.", "{l}: {v}"),
        "context": ("Ini nombor saya: {v}",),
        "bare": ("{v}",),
    },
    "id": {
        "label": ("{l} saya {v}.", "{l}: {v}"),
        "context": ("Ini nomor saya: {v}",),
        "bare": ("{v}",),
    },
    "th": {
        "label": ("{l}ของฉันคือ {v}", "{l}: {v}"),
        "context": ("นี่คือหมายเลขของฉัน {v}",),
        "bare": ("{v}",),
    },
    "ur": {
        "label": ("میرا {l} {v} ہے", "{l}: {v}"),
        "context": ("میرا نمبر یہ ہے: {v}",),
        "bare": ("{v}",),
    },
}

# Hard negatives: sentences with numbers that are no one's ID.  {v} is a value of an ID's
# shape that fails its check; {n} a number of that length.
NEGATIVE_TEMPLATES = (
    "Order {v} shipped yesterday, when will it arrive?",
    "Invoice no. {v} is still unpaid, please send a reminder.",
    "Tracking number {v} shows no update since Monday.",
    "Ticket #{v}: the build fails on Windows.",
    "Reference {v} — please quote it in the transfer.",
    "Bestellnummer {v} ist noch nicht angekommen.",
    "Numéro de commande {v}, où en est la livraison ?",
    "Número de pedido {v}, ¿cuándo llega?",
    "Ordine n. {v} in consegna domani.",
    "Bestelnummer {v} is nog niet geleverd.",
    "注文番号{v}の配送状況を教えてください。",
    "订单号{v}什么时候发货？",
)
OTHER_NEGATIVES = (
    "The job ran at 1732567890 and again at 1732571490, why the gap?",
    "Timestamp 2024-03-15T10:22:31Z appears twice in the log.",
    "Call the front desk at +1 415 555 0199 to book a table.",
    "Our support line is 0800 123 4567, open 9 to 5.",
    "Total due: 1,234,567.89 EUR by the end of the month.",
    "Revenue was $12,345,678 in 2023, up from $9,876,543.",
    "Build 20241003.1187 fixed the crash on start-up.",
    "Version 3.12.4 of the package was released on 2024-06-06.",
    "The population of Lisbon is about 545923 people.",
    "Invoice INV-2024-000187 and INV-2024-000188 were sent twice.",
    "Order #112-4455667-8899001 from Amazon never arrived.",
    "PO number 4500012345 needs approval.",
    "Meeting ID 845 2291 0037, passcode not needed.",
    "Die Rechnung 2024-88123 über 1.499,00 € ist bezahlt.",
    "La facture F-2024-003371 de 2 350,00 € est réglée.",
    "El pedido 20240517-3381 costó 149,99 €.",
    "Ho pagato 1.250,00 € con il bonifico del 12/03/2024.",
    "Het pakket 3SABCD123456789 is onderweg.",
    "Numer zamówienia 2024/05/331 został wysłany.",
    "Ordernummer 7734-2211-09 har skickats.",
    "Zoom meeting 913 4456 7721 at 3pm.",
    "ISBN 978-3-16-148410-0 is the second edition.",
    "Commit 9fceb02d0ae598e95dc970b74767f19372d61af8 broke the tests.",
    "Coordinates 48.858844, 2.294351 are the Eiffel Tower.",
    "The serial number on the router is 1845ZK7710923.",
    "My parcel 00340434161234567890 is stuck at the depot.",
    "Mon numéro de commande est 210170098, toujours pas livré.",
    "Mi número de pedido es 4002123456 y no ha llegado.",
    "Meine Kundennummer lautet 126759017, bitte Rechnung schicken.",
    "In the film he says: my number is 555-0142, call me.",
    "My lucky number is 7 and my locker number is 1182.",
)


def _random_of(pattern: str, rng: random.Random) -> str:
    """A random string matching a shape regex (literals, classes, repeats, branches, groups)."""
    return _emit(sre_parse.parse(pattern), rng)


_CATEGORY_CHARS = {sre_c.CATEGORY_DIGIT: "0123456789"}
_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _class_chars(items: list, rng: random.Random) -> str:
    chars = ""
    for op, arg in items:
        if op is sre_c.LITERAL:
            chars += chr(arg)
        elif op is sre_c.RANGE:
            chars += "".join(chr(c) for c in range(arg[0], arg[1] + 1))
        elif op is sre_c.CATEGORY:
            chars += _CATEGORY_CHARS[arg]
    return chars


def _emit(parsed: sre_parse.SubPattern, rng: random.Random) -> str:
    out = ""
    for op, arg in parsed:
        if op is sre_c.LITERAL:
            out += chr(arg)
        elif op is sre_c.IN:
            chars = _class_chars(arg, rng)
            digits = "".join(c for c in chars if c.isdigit())
            # letters stand in for digits in a few formats (Italian omocodia): digits mostly
            out += rng.choice(digits if digits and rng.random() < 0.85 else chars)
        elif op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT):
            low, high, sub = arg
            out += "".join(_emit(sub, rng) for _ in range(rng.randint(low, min(high, low + 2))))
        elif op is sre_c.BRANCH:
            out += _emit(rng.choice(arg[1]), rng)
        elif op is sre_c.SUBPATTERN:
            out += _emit(arg[-1], rng)
        elif op is sre_c.CATEGORY:
            out += rng.choice(_CATEGORY_CHARS[arg])
    return out


def _checker(module: str) -> Callable[[str], bool]:
    """The check a generated value must pass: stdnum's ``is_valid`` (and our validator where the
    detector uses its own), and a birth date, where the number holds one, in the past."""
    checks: list[Callable[[str], bool]] = []
    if module.startswith("aideon."):
        checks.append(VALIDATORS[module.removeprefix("aideon.")])
        module = STDNUM_TWIN.get(module, "")
    if module:
        std = importlib.import_module(f"stdnum.{module}")
        checks.append(std.is_valid)
        birth = getattr(std, "get_birth_date", None)
        if birth is not None:
            checks.append(lambda v: birth(v) <= datetime.date.today())

    def valid(value: str) -> bool:
        try:
            return all(check(value) for check in checks)
        except Exception:  # noqa: BLE001 - a value stdnum cannot parse is not valid
            return False

    return valid


def _birth_dated(shape: str, rng: random.Random) -> str:
    """A random value of the shape whose leading six digits, where it has them, are often a
    real date (YYMMDD or DDMMYY): most IDs of these countries open with the birth date."""
    value = _random_of(shape, rng)
    if len(value) == 18 and value[:17].isdigit():  # a Chinese ID: region, YYYYMMDD, serial
        born = f"{rng.randint(1940, 2010)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
        return rng.choice(_CN_REGIONS) + born + value[14:]
    if len(value) < 6 or not value[:6].isdigit() or rng.random() < 0.4:
        return value
    day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(0, 99)
    head = rng.choice((f"{year:02d}{month:02d}{day:02d}", f"{day:02d}{month:02d}{year:02d}"))
    return head + value[6:]


_CHECK_CHARS = "0123456789" + _UPPER
# county codes of the Chinese ID (Beijing Dongcheng, Shanghai Huangpu, Guangzhou Tianhe,
# Chengdu Jinjiang, Hangzhou Xihu)
_CN_REGIONS = ("110101", "310101", "440106", "510104", "330106")


def valid_values(module: str, shape: str, count: int, rng: random.Random) -> list[str]:
    """``count`` distinct checksum-valid values: a random value of the shape, then its check
    character(s) (the last, first or last two positions) computed by trying each in turn."""
    shape_re, valid = re.compile(shape), _checker(module)
    found: list[str] = []
    for _ in range(4000):
        value = _birth_dated(shape, rng)
        fixed = _with_check(value, shape_re, valid, rng)
        if fixed and fixed not in found:
            found.append(fixed)
            if len(found) == count:
                break
    return found


def _with_check(value: str, shape_re: re.Pattern[str], valid: Callable[[str], bool], rng) -> str:
    if shape_re.match(value) and valid(value):
        return value
    for pos in (len(value) - 1, 0, len(value) - 2, 8):
        if pos >= len(value):
            continue
        for ch in _CHECK_CHARS:
            probe = value[:pos] + ch + value[pos + 1 :]
            if shape_re.match(probe) and valid(probe):
                return probe
    for a in _CHECK_CHARS[:10]:  # two check digits (NIR, Belgian numbers, Czech ...)
        for b in _CHECK_CHARS[:10]:
            probe = value[:-2] + a + b
            if shape_re.match(probe) and valid(probe):
                return probe
    return ""


def written_forms(module: str, value: str) -> dict[str, str]:
    """The value as people write it: compact, official (stdnum's format), spaced, lower case."""
    forms = {"compact": value}
    std_name = STDNUM_TWIN.get(module, module)
    official = value
    if module in OWN_FORMATS:
        official = OWN_FORMATS[module](value)
    elif not std_name.startswith("aideon."):
        std = importlib.import_module(f"stdnum.{std_name}")
        if hasattr(std, "format"):
            try:
                official = std.format(value)
            except Exception:  # noqa: BLE001 - no official form: compact only
                official = value
    if official != value:
        forms["official"] = official
        spaced = re.sub(r"[-./:]", " ", official)
        if spaced != official:
            forms["spaced"] = spaced
    if any(c.isalpha() for c in value):
        forms["lower"] = forms.get("official", value).lower()
    return forms


OWN_FORMATS: dict[str, Callable[[str], str]] = {
    "aideon.gb_nino": lambda v: f"{v[:2]} {v[2:4]} {v[4:6]} {v[6:8]} {v[8]}",
    "aideon.us_itin": lambda v: f"{v[:3]}-{v[3:5]}-{v[5:]}",
    "aideon.au_medicare": lambda v: (
        f"{v[:4]} {v[4:9]} {v[9]}" + (f" {v[10]}" if len(v) == 11 else "")
    ),
    "aideon.us_mbi": lambda v: f"{v[:4]}-{v[4:7]}-{v[7:]}",
    "aideon.kr_rrn": lambda v: f"{v[:6]}-{v[6:]}",
    "aideon.kr_rrn_checked": lambda v: f"{v[:6]}-{v[6:]}",
    "in_.aadhaar": lambda v: f"{v[:4]} {v[4:8]} {v[8:]}",
    "gb.nhs": lambda v: f"{v[:3]} {v[3:6]} {v[6:]}",
    "dk.cpr": lambda v: f"{v[:6]}-{v[6:]}",
    "my.nric": lambda v: f"{v[:6]}-{v[6:8]}-{v[8:]}",
    "pk.cnic": lambda v: f"{v[:5]}-{v[5:12]}-{v[12:]}",
    "th.pin": lambda v: f"{v[0]}-{v[1:5]}-{v[5:10]}-{v[10:12]}-{v[12]}",
}


def split(prompt: str) -> str:
    """'study' or 'scored': a stable hash of the prompt, half and half."""
    digest = hashlib.sha256(f"ids7\n{prompt}".encode()).digest()
    return "study" if digest[0] % 2 == 0 else "scored"


def _row(prompt: str, sensitive: bool, lang: str, note: str, form: str, module: str) -> dict:
    return {
        "prompt": prompt,
        "sensitive": sensitive,
        "category": "national_id" if sensitive else "id_lookalike",
        "lang": lang,
        "note": note,
        "form": form,
        "module": module,
        "split": split(prompt),
    }


def positive_rows(module: str, values: list[str], rng: random.Random) -> list[dict]:
    lang, official, colloquial, official_en, colloquial_en = LABELS[module]
    rows = []
    for value in values:
        for form, written in written_forms(module, value).items():
            for lng, label_names in (
                (lang, (official, colloquial)),
                ("en", (official_en, colloquial_en)),
            ):
                if lng == "en" and lang == "en" and label_names[0] == official:
                    label_names = (official_en, colloquial_en)
                templates = TEMPLATES[lng]
                for kind, label in (("official", label_names[0]), ("colloquial", label_names[1])):
                    text = rng.choice(templates["label"]).format(l=label, v=written)
                    rows.append(_row(text, True, lng, f"{module} {kind} label", form, module))
                text = rng.choice(templates["context"]).format(v=written)
                rows.append(_row(text, True, lng, f"{module} context only", form, module))
                text = rng.choice(templates["bare"]).format(v=written)
                rows.append(_row(text, True, lng, f"{module} no label", form, module))
    return rows


def failing_value(value: str, valid: Callable[[str], bool], shape: re.Pattern[str]) -> str:
    """The value with its last character changed so that the check fails (same shape)."""
    for ch in "0123456789" if value[-1].isdigit() else _UPPER:
        probe = value[:-1] + ch
        if probe != value and shape.match(probe) and not valid(probe):
            return probe
    return ""


def negative_rows(module: str, shape: str, values: list[str], rng: random.Random) -> list[dict]:
    valid, shape_re = _checker(module), re.compile(shape)
    rows = []
    for value in values:
        bad = failing_value(value, valid, shape_re)
        if bad:
            text = rng.choice(NEGATIVE_TEMPLATES).format(v=bad)
            rows.append(
                _row(text, False, "-", f"{module} checksum fails, neutral", "compact", module)
            )
    return rows


def random_number_rows(rng: random.Random) -> list[dict]:
    """Order, invoice and ticket numbers of every ID length (7-18 digits), drawn at random: about
    one in ten passes some ID's check digit by chance, and none is anyone's ID."""
    rows = []
    for length in range(7, 19):
        for _ in range(4):
            number = str(rng.randint(1, 9)) + "".join(
                rng.choice("0123456789") for _ in range(length - 1)
            )
            text = rng.choice(NEGATIVE_TEMPLATES).format(v=number)
            rows.append(_row(text, False, "-", f"random {length}-digit reference", "compact", "-"))
    return rows


def main() -> None:
    rng = random.Random(SEED)
    rows: list[dict] = []
    missing = []
    for entry in load_data("national_ids.toml")["id"]:
        module = entry["module"]
        values = [
            v
            for v in valid_values(module, entry["shape"], VALUES_PER_MODULE * 3, rng)
            if len(v) >= MIN_LENGTH
        ][:VALUES_PER_MODULE]
        if not values:
            missing.append(module)
            continue
        rows += positive_rows(module, values, rng)
        rows += negative_rows(module, entry["shape"], values, rng)
    rows += [_row(text, False, "-", "other hard negative", "-", "-") for text in OTHER_NEGATIVES]
    rows += random_number_rows(rng)
    seen: set[str] = set()
    unique = [r for r in rows if not (r["prompt"] in seen or seen.add(r["prompt"]))]
    OUT.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in unique), "utf-8")
    print(f"{len(unique)} rows → {OUT.relative_to(ROOT)}; no valid value drawn for: {missing}")


def score() -> None:
    """Precision and recall of each half, recall by how the value is introduced and written, and
    how often a finding names the generated ID itself."""
    from aideon_desktop.core.privacy import scan

    labels = {e["module"]: e["label"] for e in load_data("national_ids.toml")["id"]}
    rows = [json.loads(line) for line in OUT.read_text("utf-8").splitlines() if line]
    for half in ("study", "scored"):
        tally: dict[str, list[int]] = {}
        counts = [0, 0, 0, 0, 0]  # tp, fp, fn, tn, named right
        for row in (r for r in rows if r["split"] == half):
            verdict = scan(row["prompt"])
            got, want = verdict.sensitive, row["sensitive"]
            counts[(0 if want else 1) if got else (2 if want else 3)] += 1
            if want:
                for key in (row["note"].split(" ", 1)[1], f"form {row['form']}"):
                    cell = tally.setdefault(key, [0, 0])
                    cell[0], cell[1] = cell[0] + got, cell[1] + 1
                reasons = {f.reason for f in verdict.findings}
                counts[4] += got and labels.get(row["module"]) in reasons
        tp, fp, fn, tn, named = counts
        print(
            f"{half:7} n={sum(counts[:4])}  P={tp / max(tp + fp, 1):.3f} R={tp / max(tp + fn, 1):.3f}"
            f"  (fp {fp} of {fp + tn} negatives)  finding names the ID: {named}/{tp}"
        )
        print("        " + "  ".join(f"{k} {v[0]}/{v[1]}" for k, v in sorted(tally.items())))


if __name__ == "__main__":
    score() if "--score" in sys.argv else main()
