"""typography() runs each rule only when its characters are present: it must give exactly what
running every rule gives."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from kit.layout import text as T


def every_rule(text: str, language: str) -> str:
    """typography() as it was first written: every rule, always."""
    text = text.replace("\u202f", T.NBSP)
    text = re.sub(r"(?<=\w)'", "\u2019", text)
    text = text.replace("...", "\u2026")
    if language == "fr":
        text = T._SPACED_PUNCT.sub(T.NBSP + r"\1", text)
        text = T._BARE_PUNCT.sub(T.NBSP + r"\1", text)
        text = T._GUILLEMET.sub("«" + T.NBSP, text)
        text = re.sub(r"(?<=\d) (?=[%€$]|\d{3}\b|g/m|mm\b|cm\b|km\b)", T.NBSP, text)
    return text


ALPHABET = "ab é'’.…;:!?«»%€$0129٣ \u00a0\u202f\u2009\n*)]gmck/"


@given(st.text(alphabet=ALPHABET, max_size=40), st.sampled_from(["fr", "en"]))
def test_gated_rules_give_what_every_rule_gives(text, language):
    assert T.typography(text, language) == every_rule(text, language)


def test_on_the_texts_that_matter():
    for text in ["l'équipe... « vite » : 10 000 € et 120 g/m² ; 3 mm !", "12:30 https://x.fr",
                 "٣ 000", "Quoi ?!", "«Bonjour»", "a...b'c"]:
        for language in ("fr", "en"):
            assert T.typography(text, language) == every_rule(text, language)
