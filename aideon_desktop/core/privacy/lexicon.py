"""Every word list the detectors use, found in one pass over the text.

Terms come from the data files in ``resources/privacy/`` (labels in 12 languages, topic words,
context words of the national-ID catalogue, test-framing words).  They are compiled into one
prefix-tree regex, so the engine follows one branch per character instead of trying thousands
of alternatives at every position; a second, unbounded tree holds the CJK terms (Chinese,
Japanese and Korean words are not separated by spaces).
"""

from __future__ import annotations

import functools
import operator
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

from aideon_desktop.core.privacy.bmp_classes import OpeningClass
from aideon_desktop.core.resources import resource_path

# Scripts written without spaces between words (Thai, Japanese, Chinese) or with particles glued
# to words (Korean): their terms are matched without word boundaries.
_CJK = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_FOLD_GAP = re.compile(r"[\s\-.]+")
_VIETNAMESE = re.compile("[\u1ea0-\u1ef9ơưƠƯ]")


@functools.cache
def load_data(name: str) -> dict[str, Any]:
    """A data file of resources/privacy/, parsed once (callers must not modify it)."""
    with resource_path(f"privacy/{name}").open("rb") as fh:
        return tomllib.load(fh)


def _accent_table() -> dict[int, str]:
    """Latin letters with accents → the bare letter, one character for one (positions keep)."""
    table = {}
    # Latin-1 to Latin Extended-B, and Latin Extended Additional: the Vietnamese letters with
    # two marks ("mật khẩu" is typed "mat khau")
    for cp in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        ch = chr(cp)
        bare = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
        if len(bare) == 1 and bare != ch and bare.isascii():
            table[cp] = bare
    table.update({ord("ł"): "l", ord("Ł"): "L", ord("ø"): "o", ord("Ø"): "O", ord("đ"): "d"})
    table.update({ord("Đ"): "D", ord("ı"): "i"})  # "çıkarıldım" is typed "cikarildim"
    return table


ACCENTS_AWAY = _accent_table()


def fold_accents(text: str) -> str:
    """``text`` with Latin accents dropped ("contraseña" → "contrasena"), same length."""
    return text if text.isascii() else text.translate(ACCENTS_AWAY)


def canonical(term: str) -> str:
    """The lookup key of a term or of matched text: lower case, spaces/hyphens/dots folded."""
    return _FOLD_GAP.sub(" ", term.lower().replace("’", "'")).strip()


def spellings(term: str) -> set[str]:
    """A term as written and without its accents: people often type "contrasena", "senha do
    cartao", "zdiagnozowano depresje" on keyboards without them (and a phrase without its
    apostrophes).  Terms are put in NFKC, as the
    scanned text is (Thai "ำ" becomes "ํา", a fullwidth letter its ASCII one)."""
    term = unicodedata.normalize("NFKC", term)
    forms = {term}
    if " " in term or not _VIETNAMESE.search(term):
        # a Vietnamese syllable without its marks is many syllables ("mẹ", "nợ" → "me", "no");
        # a phrase of them is still itself ("mat khau", "tram cam")
        forms.add(fold_accents(term))
    if " " in term and ("'" in term or "’" in term):
        # a phrase typed without its apostrophes ("im gay", "dont tell anyone", "jai perdu");
        # not a single word, where the bare form is often another word ("we'll", "i'd")
        forms |= {form.replace("'", "").replace("’", "") for form in forms}
    return forms


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text))


def _opens_cjk(term: str) -> bool:
    return bool(_CJK.match(canonical(term.rstrip("*"))))


_END, _STAR = "\x00end", "\x00star"


def _render_char(ch: str) -> str:
    if ch == " ":
        return r"[\s\-.]+"
    if ch in "-.":
        return r"[\s\-.]?"
    if ch == "'":
        return "['’]"
    return re.escape(ch)


def _render(node: dict[str, Any]) -> str:
    branches = [
        _render_char(ch) + _render(child) for ch, child in sorted(node.items()) if ch[0] != "\x00"
    ]
    if _STAR in node:
        branches.append(r"[\w'’]{1,24}")
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    optional = _END in node or _STAR in node
    if optional:
        return ("(?:" + body + ")?") if len(branches) == 1 else body + "?"
    return body


def _render_root(root: dict[str, Any]) -> str:
    """The tree's first level, as ``_render`` writes it but for the branches of terms opening
    with a character beyond ASCII ("ärztlich", "мой", "मेरा") where terms opening with an ASCII
    one are there too: those branches are put behind one class of their first characters,
    each then picked by a look-behind at that character.

    The engine tests a branching's alternatives one by one at every position it tries, and
    where no term starts (most words) it tests them all; grouped so, it tests 30 of them, not
    60.  A character opens one branch either way, and that branch matches what it matched."""
    children = [(ch, child) for ch, child in sorted(root.items()) if ch[0] != "\x00"]
    beyond = [(ch, child) for ch, child in children if not ch.isascii()]
    if len(beyond) < 2 or len(beyond) == len(children) or _END in root or _STAR in root:
        return _render(root)
    branches = [_render_char(ch) + _render(child) for ch, child in children if ch.isascii()]
    firsts = "".join(re.escape(ch) for ch, _child in beyond)
    picked = "|".join(f"(?<={re.escape(ch)}){_render(child)}" for ch, child in beyond)
    branches.append(f"[{firsts}](?:{picked})")
    return "(?:" + "|".join(branches) + ")"


def prefix_tree(terms: Iterable[str]) -> dict[str, Any]:
    """The terms' canonical forms as a tree of characters (``word*`` marks a word ending)."""
    root: dict[str, Any] = {}
    for term in terms:
        star = term.endswith("*")
        node = root
        for ch in canonical(term.rstrip("*")):
            node = node.setdefault(ch, {})
        node[_STAR if star else _END] = True
    return root


def _trie_body(terms: Iterable[str]) -> str:
    root = prefix_tree(terms)
    return _render_root(root) if root else ""


def trie_regex(terms: Iterable[str], *, bounded: bool = True) -> re.Pattern[str] | None:
    """One regex matching any term (lower-case text); ``word*`` also matches word endings."""
    body = _trie_body(terms)
    if not body:
        return None
    if bounded:
        return re.compile(rf"(?<![\w])(?:{body})(?![\w])")
    return re.compile(body)


def _after_gap(terms: list[str]) -> tuple[str | None, frozenset[str]]:
    """The bounded trie as "a non-word character, then a term" (the term in group 1): the
    pattern after the non-word character, whose class the caller puts first; and the non-word
    characters a term opens with.  No pattern when a term opens with a character the trie
    renders as a class (a space, a hyphen, a dot, an apostrophe)."""
    firsts = {canonical(term.rstrip("*"))[:1] for term in terms}
    if not terms or firsts & {"", " ", "-", ".", "'"}:
        return None, frozenset()
    pattern = rf"((?:{_trie_body(terms)}))(?![\w])"
    return pattern, frozenset(ch for ch in firsts if not re.match(r"\w", ch))


def literal_alternation(words: Iterable[str]) -> str:
    """A regex body matching any of ``words`` exactly (case-sensitive), as a prefix tree so the
    engine follows one branch per character; a longer word wins over its own prefix."""
    root: dict[str, Any] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[_END] = True

    def render(node: dict[str, Any]) -> str:
        branches = [
            re.escape(ch) + render(child) for ch, child in sorted(node.items()) if ch != _END
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if _END in node else body

    return render(root)


def any_case_alternation(words: Iterable[str]) -> str:
    """A regex body for ``(?i:…)`` matching any of ``words``, the longest that fits first (as
    the words sorted longest first and joined with "|" match).  As a prefix tree where that is
    the same: words in lower case, no two of whose letters one ignoring case takes for each
    other ("s" and "ſ"), so that a character of the text follows one branch of the tree; else
    the words joined."""
    words = sorted(dict.fromkeys(words), key=len, reverse=True)
    letters = {ch for word in words for ch in word}
    if all(word == word.lower() for word in words) and not any(
        a != b and re.fullmatch(re.escape(a), b, re.IGNORECASE)
        for a in letters
        if not a.isascii()
        for b in letters
    ):
        return literal_alternation(words)
    return "|".join(map(re.escape, words))


_START = operator.itemgetter(0)  # a Hit's start, read in C (a sort key)


class Hit(NamedTuple):
    """A lexicon term found in the text: where, and which (group, kind) it belongs to."""

    start: int
    end: int
    group: str
    kind: str


class Lexicon:
    """Terms tagged (group, kind), e.g. ("label", "password") or ("health", "strong")."""

    def __init__(self, entries: Iterable[tuple[str, str, str]]) -> None:
        self.exact: dict[str, list[tuple[str, str]]] = {}
        self.prefixes: dict[str, list[tuple[str, str]]] = {}
        latin, cjk = [], []
        for group, kind, written in entries:
            for term in spellings(written):
                key = canonical(term.rstrip("*"))
                table = self.prefixes if term.endswith("*") else self.exact
                table.setdefault(key, []).append((group, kind))
                (cjk if has_cjk(term) else latin).append(term)
        self.latin = trie_regex(latin)
        gap_pattern, self._opens_unbounded = _after_gap(latin)
        self._after_gap: OpeningClass | None = None
        if gap_pattern is not None:
            self._after_gap = OpeningClass(r"[^\w]", gap_pattern)
            _ = self._after_gap.within_bmp  # compiled now (text beyond the BMP: on first use)
        # The CJK terms split by their first character: a few open with a Latin one ("api",
        # "pin"), and one tree of both makes the engine stop at every "a", "c", "p"… of a Latin
        # text and try hundreds of CJK branches there.
        self._cjk_parts = [
            part
            for part in (
                trie_regex([t for t in cjk if not _opens_cjk(t)], bounded=False),
                trie_regex([t for t in cjk if _opens_cjk(t)], bounded=False),
            )
            if part is not None
        ]
        self.longest_prefix = max((len(k) for k in self.prefixes), default=0)
        self._memo: dict[str, list[tuple[str, str]]] = {}

    def prepare(self) -> None:
        """Compile now the pattern for text beyond the BMP too (an emoji in a message: up to
        30 ms to compile in the first such scan otherwise), and look up the tags of the terms
        (0.2-0.4 ms of a user's first scans otherwise)."""
        if self._after_gap is not None:
            _ = self._after_gap.anywhere
        for key in self.exact:  # and the tags of each term written as listed (most matches)
            self._tags(key)

    def _tags(self, matched: str) -> list[tuple[str, str]]:
        tags = self._memo.get(matched)
        if tags is None:
            key = canonical(matched)
            tags = list(self.exact.get(key, ()))
            words = key.split(" ")
            for n in range(1, len(words)):  # "jag har" is also "jag": a shorter term it holds
                tags += self.exact.get(" ".join(words[:n]), ())
            for cut in range(min(len(key), self.longest_prefix), 2, -1):
                tags += self.prefixes.get(key[:cut], ())
            tags = list(dict.fromkeys(tags))  # one hit per (group, kind), however reached
            if len(self._memo) < 50_000:
                self._memo[matched] = tags
        return tags

    def scan(self, lower: str, start: int = 0, end: int | None = None) -> list[Hit]:
        """Hits in ``lower[start:end]`` (positions in ``lower``), sorted by start."""
        end = len(lower) if end is None else end
        hits: list[Hit] = []
        runs = self._latin_runs(lower, start, end)
        cjk = bool(self._cjk_parts) and _CJK.search(lower, start, end) is not None
        if cjk:
            runs.append((self._cjk_matches(lower, start, end), 0))
        append, tags_of, memo, new = hits.append, self._tags, self._memo, tuple.__new__
        for matches, term in runs:
            for m in matches:
                matched = m.group(term)
                tags = memo.get(matched)
                if tags is None:
                    tags = tags_of(matched)
                if tags:
                    at, to = m.span(term)
                    for group, kind in tags:  # Hit(at, to, group, kind), without a Python call
                        append(new(Hit, (at, to, group, kind)))
        if cjk:  # the Latin runs give their hits in order; the CJK ones must be merged
            hits.sort(key=_START)
        return hits

    def _cjk_matches(self, lower: str, start: int, end: int) -> Iterator[re.Match[str]]:
        """What one tree of every CJK term would find, from its two halves: at any position
        only the half holding its character can match, and it matches as the whole tree
        would, so the leftmost match of either half, taken in turn, is the whole tree's."""
        parts = self._cjk_parts
        found = [part.search(lower, start, end) for part in parts]
        pos = start
        while True:
            live = [m for m in found if m is not None]
            if not live:
                return
            m = min(live, key=lambda m: m.start())
            yield m
            pos = m.end()
            found = [  # a half with no match left keeps none; a match still ahead stays
                f if f is None or f.start() >= pos else parts[i].search(lower, pos, end)
                for i, f in enumerate(found)
            ]

    def _latin_runs(self, lower: str, start: int, end: int) -> list[tuple[Iterable[Any], int]]:
        """The bounded trie's matches in ``lower[start:end]``, each with the group holding the
        term.  After a term at ``start`` itself, they are found with ``_after_gap``: it opens
        with a character class, so the engine skips in C to where a term may begin (the bounded
        pattern's leading look-behind makes it try every position).  Both give the same
        matches, but where a term opening with a non-word character ("[name]") follows
        another at once ("[" after "cf" is no such term: "cf[15]"): then the bounded pattern
        runs."""
        if self.latin is None:
            return []
        gap = self._after_gap.for_text(lower, start, end) if self._after_gap else None
        if gap is None:
            return [(self.latin.finditer(lower, start, end), 0)]
        first = self.latin.match(lower, start, end)
        after: Iterable[Any] = gap.finditer(lower, first.end() if first else start, end)
        if any(lower.find(ch, start, end) != -1 for ch in self._opens_unbounded):
            after = list(after)
            ends = [m.end() for m in after] + ([first.end()] if first else [])
            if any(
                lower[at : at + 1] in self._opens_unbounded and self.latin.match(lower, at, end)
                for at in ends
            ):
                return [(self.latin.finditer(lower, start, end), 0)]
        return [([first] if first else [], 0), (after, 1)]


# Words so common that they are looked up per candidate sentence, not in the whole text.
SENTENCE_ONLY = {("subject", None), ("health", "disclosure")} | {
    ("confidential_business", kind)
    for kind in ("yet", "told", "internal", "plan_words", "affected")
}


def _sentence_only(group: str, kind: str) -> bool:
    return (group, None) in SENTENCE_ONLY or (group, kind) in SENTENCE_ONLY


# Word lists the detectors read themselves, not looked for in the text.
NOT_LOOKED_UP = {
    ("subject", kind)
    for kind in (
        "lowercase_i_verbs",
        "record_fields",
        "salutations",
        "honorifics",
        "honorifics_any_case",
        "second_person",
        "dutch_cues",
        "not_a_person",
        "relations_without_possessive",
        "record_modifiers",
        "dropped_subject",
        "dropped_subject_not",
    )
} | {
    ("health", "capitals_only"),
    ("pay_table", "name_columns"),
    ("confidential_business", "headcount_nouns"),
    ("confidential_business", "organisation"),
}
NOT_LOOKED_UP |= {
    ("drafting", kind)
    for kind in (
        "clause_openers",
        "companions",
        "name_verbs",
        "not_names",
        "determiners",
        "hypothetical_person",
    )
}


def _topic_entries(topics: dict[str, Any]) -> Iterable[tuple[str, str, str]]:
    for category, table in topics.items():
        group = "subject" if category == "subject" else category
        for kind, terms in table.items():
            if (group, kind) in NOT_LOOKED_UP:
                continue
            for term in terms if isinstance(terms, list) else ():
                yield group, kind, term


def _label_entries(labels: dict[str, Any]) -> Iterable[tuple[str, str, str]]:
    for kind, spec in labels["label"].items():
        for terms in spec["terms"].values():
            for term in terms:
                yield "label", kind, term


def _context_entries(contexts: dict[str, Any]) -> Iterable[tuple[str, str, str]]:
    for kind, terms in contexts.items():
        if isinstance(terms, list):
            for term in terms:
                yield "context", kind, term


def _id_entries(catalogue: dict[str, Any]) -> Iterable[tuple[str, str, str]]:
    for ident in catalogue["id"]:
        for term in ident.get("context", ()):
            yield "id_context", ident["module"], term


def _all_entries() -> list[tuple[str, str, str]]:
    return [
        *_label_entries(load_data("labels.toml")),
        *_topic_entries(load_data("topics.toml")),
        *_context_entries(load_data("contexts.toml")),
        *_id_entries(load_data("national_ids.toml")),
    ]


@functools.cache
def lexicon() -> Lexicon:
    """The whole-text lexicon: labels, topic cues, ID context words, context words."""
    return Lexicon(e for e in _all_entries() if not _sentence_only(e[0], e[1]))


@functools.cache
def sentence_lexicon() -> Lexicon:
    """Common words (subjects, disclosure verbs) looked up only in candidate sentences."""
    return Lexicon(e for e in _all_entries() if _sentence_only(e[0], e[1]))
