"""The commonest YAML slips, cited where the person made them.

PyYAML reports a syntax error where its parser got stuck (problem_mark) and, sometimes, where
the construct it was reading began (context_mark). For the slips people make by hand, the
place they got stuck is often far from the mistake: an unclosed quote is "unexpected end of
stream" at the last line, a missing colon is found on the next line. Each heuristic below
starts from those marks and, when they point at the wrong place, looks at the tokens PyYAML
scanned before the error or at the source lines around it:

1. Unclosed quote, to the end of the file: context "while scanning a quoted scalar" — its
   context_mark is the opening quote. Cited there, saying where the file ended.
2. Unclosed quote, closed by the next quote of the file: the quoted text swallowed lines until
   the next value's opening quote, and the error comes right after, on that line. The last
   token scanned before the error is a quoted scalar spanning several lines that ends on the
   error's line: cited at its opening quote.
3. Missing colon: context "while scanning a simple key" — its context_mark is the start of the
   line that lacks `:`; cited right after the line's first word (where `:` goes).
4. `name Pays de Morlaix` followed by `logo: x.png`: "mapping values are not allowed here" on
   the second line; the last plain text token started on an earlier line. If it began at the
   start of its line, that line is a key without its colon (cited after its first word); if it
   began after `key: `, the second line is indented deeper than its neighbours (indentation).
5. A bracket or brace opened and not closed: context "while parsing a flow sequence / mapping"
   on an earlier line than the problem, the opening line not closing it: cited at the bracket,
   saying where the file ended or where the parser stopped. When the file ends right after the
   bracket ("while parsing a flow node", both marks at the end), the bracket is the first flow
   token PyYAML scanned and did not see closed.
6. A line indented to no level of the block it is in ("expected <block end>"): cited at the
   line, naming the key above it and its column.

Anything else keeps the translated PyYAML message at the mark PyYAML gives.
"""

from __future__ import annotations

import yaml
from yaml.tokens import ScalarToken

from kit.errors import Diagnostic, Loc


def explain(text: str, name: str, exc: yaml.MarkedYAMLError) -> Diagnostic | None:
    """A located French message for one of the slips above, or None."""
    problem, context = exc.problem or "", exc.context or ""
    pm, cm = exc.problem_mark, exc.context_mark
    lines = text.split("\n")
    at_end = pm is not None and pm.index >= len(text.rstrip("\n")) \
        or "end of stream" in problem or "<stream end>" in problem
    ended = f" (le fichier se termine ligne {pm.line + 1})" if at_end and pm else ""
    if "while scanning a quoted scalar" in context and cm is not None:  # 1
        return Diagnostic(_loc(name, cm), f"guillemet {_quote(text, cm)} ouvert ici et jamais"
                                          f" refermé{ended} : ajoutez le guillemet fermant à la"
                                          " fin du texte")
    last = _last_scalar(text, pm)
    if last is not None and last.style in ("'", '"') and pm is not None \
            and last.start_mark.line < last.end_mark.line == pm.line:  # 2
        return Diagnostic(_loc(name, last.start_mark),
                          f"guillemet {_quote(text, last.start_mark)} ouvert ici et pas refermé"
                          f" sur sa ligne : le texte a continué jusqu'au guillemet de la ligne"
                          f" {pm.line + 1} ; ajoutez le guillemet fermant")
    if "while scanning a simple key" in context and cm is not None:  # 3
        return _missing_colon(name, lines, cm.line)
    if "mapping values are not allowed here" in problem and last is not None \
            and not last.style and pm is not None and last.start_mark.line < pm.line:  # 4
        start = last.start_mark
        line = lines[start.line]
        if start.column == len(line) - len(line.lstrip(" ")):
            return _missing_colon(name, lines, start.line)
        return _deeper(name, lines, pm.line)
    if context.startswith(("while parsing a flow sequence", "while parsing a flow mapping")) \
            and cm is not None and pm is not None:  # 5
        opening = text[cm.index:cm.index + 1]
        closing = {"[": "]", "{": "}"}.get(opening)
        rest = lines[cm.line][cm.column + 1:]
        if closing and pm.line > cm.line and closing not in rest:
            what = ("crochet « [ » ouvert ici et" if opening == "[" else
                    "accolade « { » ouverte ici et")
            never = "jamais refermé" if opening == "[" else "jamais refermée"
            where = ended or f" (la lecture s'arrête ligne {pm.line + 1})"
            end = "de la liste" if opening == "[" else "des champs"
            return Diagnostic(_loc(name, cm), f"{what} {never}{where} : ajoutez « {closing} »"
                                              f" à la fin {end}, sur la même ligne")
    if "while parsing a flow node" in context and pm is not None:  # 5, once the file ended
        opened = _unclosed_flow(text, pm)
        if opened is not None:
            opening = text[opened.index:opened.index + 1]
            closing = "]" if opening == "[" else "}"
            what = ("crochet « [ » ouvert ici et jamais refermé" if opening == "[" else
                    "accolade « { » ouverte ici et jamais refermée")
            where = ended or f" (la lecture s'arrête ligne {pm.line + 1})"
            return Diagnostic(_loc(name, opened), f"{what}{where} : ajoutez « {closing} »"
                                                  " à la fin, sur la même ligne")
    if "expected <block end>" in problem and pm is not None:  # 6
        return _misaligned(name, lines, pm.line)
    return None


def _loc(name: str, mark) -> Loc:
    return Loc(name, mark.line + 1, mark.column + 1)


def _quote(text: str, mark) -> str:
    return "« ' »" if text[mark.index:mark.index + 1] == "'" else "« \" »"


def _last_scalar(text: str, mark) -> ScalarToken | None:
    """The last scalar token PyYAML scanned before `mark` (before the error)."""
    if mark is None:
        return None
    last = None
    try:
        for token in yaml.scan(text, Loader=yaml.BaseLoader):
            if token.start_mark.index >= mark.index:
                break
            if isinstance(token, ScalarToken):
                last = token
    except yaml.YAMLError:
        pass
    return last


def _unclosed_flow(text: str, mark):
    """The mark of the outermost `[` or `{` still open when PyYAML stopped at `mark`."""
    from yaml.tokens import (
        FlowMappingEndToken,
        FlowMappingStartToken,
        FlowSequenceEndToken,
        FlowSequenceStartToken,
    )

    stack = []
    try:
        for token in yaml.scan(text, Loader=yaml.BaseLoader):
            if token.start_mark.index >= mark.index:
                break
            if isinstance(token, FlowSequenceStartToken | FlowMappingStartToken):
                stack.append(token.start_mark)
            elif isinstance(token, FlowSequenceEndToken | FlowMappingEndToken) and stack:
                stack.pop()
    except yaml.YAMLError:
        pass
    return stack[0] if stack else None


def _missing_colon(name: str, lines: list[str], line_no: int) -> Diagnostic:
    line = lines[line_no]
    indent = len(line) - len(line.lstrip(" "))
    body = line[indent:]
    if body.startswith("- "):  # `- id depart`: the key comes after the dash
        indent += 2
        body = body[2:]
    word, _, rest = body.partition(" ")
    if ":" in word:  # `title:Cartographier`: the colon is there, its space is not
        at = word.index(":")
        return Diagnostic(Loc(name, line_no + 1, indent + at + 2),
                          f"espace manquante après « {word[:at]}: » : écrivez"
                          f" « {word[:at]}: {word[at + 1:]}{' ' + rest if rest else ''} »")
    return Diagnostic(Loc(name, line_no + 1, indent + len(word) + 1),
                      f"deux-points manquant après « {word} » : écrivez"
                      f" « {word}: {rest.strip()} »")


def _deeper(name: str, lines: list[str], line_no: int) -> Diagnostic:
    line = lines[line_no]
    indent = len(line) - len(line.lstrip(" "))
    above, above_indent = _key_above(lines, line_no)
    word = line.strip().partition(":")[0]
    return Diagnostic(Loc(name, line_no + 1, indent + 1),
                      f"indentation : « {word} » est plus à droite que « {above} » (ligne"
                      f" {_line_of(lines, line_no)}) : alignez-le sur lui, colonne"
                      f" {above_indent + 1}")


def _misaligned(name: str, lines: list[str], line_no: int) -> Diagnostic | None:
    line = lines[line_no] if line_no < len(lines) else ""
    indent = len(line) - len(line.lstrip(" "))
    word = line.strip().removeprefix("- ").partition(":")[0]
    above, above_indent = _key_above(lines, line_no)
    if not above or not word or indent == above_indent:
        return None  # aligned, yet refused: PyYAML's own words say more
    levels = _levels(lines, line_no)
    lower = [lv for lv in levels if lv[2] < indent]
    higher = [lv for lv in levels if lv[2] > indent]
    if lower and higher:
        # between two levels (one space too many or too few): name both columns it may mean
        (key1, at1, col1), (key2, at2, col2) = lower[0], higher[-1]
        return Diagnostic(Loc(name, line_no + 1, indent + 1),
                          f"indentation : « {word} » commence colonne {indent + 1}, entre"
                          f" « {key1} » (ligne {at1}, colonne {col1 + 1}) et « {key2} » (ligne"
                          f" {at2}, colonne {col2 + 1}) : faites-le commencer colonne"
                          f" {col1 + 1} s'il est au niveau de « {key1} », colonne {col2 + 1}"
                          f" s'il fait partie du même bloc que « {key2} »")
    return Diagnostic(Loc(name, line_no + 1, indent + 1),
                      f"indentation : « {word} » commence colonne {indent + 1}, « {above} »"
                      f" au-dessus (ligne {_line_of(lines, line_no)}) colonne"
                      f" {above_indent + 1} : les clés d'un même bloc s'alignent, un bloc dans"
                      " un autre se décale de deux espaces")


def _previous(lines: list[str], line_no: int) -> int | None:
    """The line above that holds something (not blank, not a comment), 0-based."""
    for k in range(line_no - 1, -1, -1):
        stripped = lines[k].strip()
        if stripped and not stripped.startswith("#"):
            return k
    return None


def _line_of(lines: list[str], line_no: int) -> int:
    k = _previous(lines, line_no)
    return (k if k is not None else 0) + 1


def _levels(lines: list[str], line_no: int) -> list[tuple[str, int, int]]:
    """(key, 1-based line, 0-based column) of the line above and of each block it lies in,
    nearest first: the columns a key written on line_no may mean."""
    out: list[tuple[str, int, int]] = []
    k = _previous(lines, line_no)
    while k is not None:
        line = lines[k]
        indent = len(line) - len(line.lstrip(" "))
        body = line[indent:]
        if body.startswith("- "):
            indent += 2
            body = body[2:]
        if not out or indent < out[-1][2]:
            out.append((body.partition(":")[0].strip(), k + 1, indent))
            if indent == 0:
                break
        k = _previous(lines, k)
    return out


def _key_above(lines: list[str], line_no: int) -> tuple[str, int]:
    """The key on the line above (after a list's dash) and its 0-based column."""
    levels = _levels(lines, line_no)
    if not levels:
        return "", 0
    key, _, indent = levels[0]
    return key, indent
