"""Read YAML into a tree of nodes that remember where they were written.

Every scalar stays the text the author wrote ("No", "12:30", "0777", "2025-07-02" are strings):
we compose with PyYAML's BaseLoader, which resolves no implicit types, and construct no Python
object from any tag. Aliases are refused, which also rules out alias bombs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml
from yaml.composer import Composer
from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from kit.errors import Diagnostic, KitError, Loc

MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 50
_NULLS = {"", "~", "null", "Null", "NULL"}
_DEFAULT_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}


@dataclass
class YScalar:
    value: str | None
    loc: Loc

    kind = "scalar"


@dataclass
class YSeq:
    items: list
    loc: Loc

    kind = "list"


@dataclass
class YMap:
    # key → (location of the key, value node); insertion order is the author's order
    entries: dict[str, tuple[Loc, object]] = field(default_factory=dict)
    loc: Loc = Loc("")
    #: key → the spelling the author wrote, for keys written by another name (`titre` for
    #: `title`, see kit.load.keys): messages name a key the way it was written
    names: dict[str, str] = field(default_factory=dict)

    kind = "mapping"

    def written(self, key: str) -> str:
        return self.names.get(key, key)

    @property
    def french(self) -> bool:
        """The author writes this mapping's keys in French: name its missing keys in French."""
        return bool(self.names)

    def get(self, key: str):
        entry = self.entries.get(key)
        return entry[1] if entry else None

    def key_loc(self, key: str) -> Loc:
        entry = self.entries.get(key)
        return entry[0] if entry else self.loc


YNode = YScalar | YSeq | YMap


def plain(node) -> object:
    """The node as plain Python data (str/None, list, dict): for tests and spreadsheets."""
    if isinstance(node, YScalar):
        return node.value
    if isinstance(node, YSeq):
        return [plain(i) for i in node.items]
    return {k: plain(v) for k, (_, v) in node.entries.items()}


class _Loader(yaml.BaseLoader):
    """BaseLoader that refuses aliases instead of sharing nodes, and nesting deeper than
    MAX_DEPTH where it happens (before Python's own recursion limit is reached)."""

    depth = 0

    def compose_node(self, parent, index):  # noqa: D102 - PyYAML hook
        if self.check_event(AliasEvent):
            event = self.peek_event()
            raise _AliasFound(event.start_mark)
        if self.depth > MAX_DEPTH:
            raise _TooDeep(self.peek_event().start_mark)
        self.depth += 1
        try:
            return Composer.compose_node(self, parent, index)
        finally:
            self.depth -= 1


class _AliasFound(Exception):
    def __init__(self, mark):
        self.mark = mark


class _TooDeep(Exception):
    def __init__(self, mark):
        self.mark = mark


_QUOTE_IT = "mettez le texte entre guillemets"
_DIRECTIVE = "directive « % » mal formée : retirez la ligne qui commence par « % »"
_BAD_TAG = f"étiquette YAML (« ! ») mal formée : {_QUOTE_IT} s'il commence par « ! »"

#: PyYAML's problems (English) → what to tell the author; the first match wins
_YAML_PROBLEMS = {
    "found character '\\t' that cannot start any token": (
        "tabulation interdite : YAML s'indente avec des espaces"
    ),
    "mapping values are not allowed here": (
        f"« : » inattendu ici : {_QUOTE_IT} s'il contient « : »"
    ),
    "mapping keys are not allowed here": f"« ? » inattendu ici : {_QUOTE_IT}",
    "sequence entries are not allowed here": (
        f"tiret de liste « - » inattendu ici : vérifiez l'indentation, ou {_QUOTE_IT}"
    ),
    "could not find expected ':'": "« : » attendu après une clé",
    "found unexpected end of stream": (
        "fin de fichier inattendue (guillemet ou crochet non fermé ?)"
    ),
    "found unexpected document separator": (
        f"« --- » ou « ... » inattendu dans un texte entre guillemets : {_QUOTE_IT} simples"
    ),
    "did not find expected key": "clé attendue : vérifiez l'indentation de cette ligne",
    "expected <block end>, but found '-'": "tiret de liste mal indenté",
    "expected <block end>": (
        "indentation incohérente ou texte en trop : alignez cette ligne sur ses voisines"
    ),
    "invalid indentation or unclosed": "indentation incohérente ou crochet, accolade non fermé",
    "expected the node content": "valeur attendue ici (crochet ou guillemet non fermé ?)",
    "did not find expected '-' indicator": (
        "élément de liste attendu (« - ») : vérifiez l'indentation"
    ),
    "found undefined alias": "les alias YAML (*nom) ne sont pas acceptés : recopiez le contenu",
    "found duplicate anchor": "ancre YAML (&nom) en double : retirez les « & »",
    "expected alphabetic or numeric character": (
        f"« & » ou « * » doit être suivi d'un nom (ancre ou alias YAML) : {_QUOTE_IT}"
    ),
    "found unknown escape character": "séquence d'échappement inconnue entre guillemets doubles",
    "expected escape sequence of": (
        "séquence « \\x », « \\u » ou « \\U » incomplète entre guillemets doubles"
    ),
    "found a tab character where an indentation space is expected": (
        "tabulation interdite : YAML s'indente avec des espaces"
    ),
    "found a tab character that violates indentation": (
        "tabulation interdite : YAML s'indente avec des espaces"
    ),
    "expected chomping or indentation indicators": (
        "après « | » ou « > », seuls « + », « - » ou un chiffre vont sur la ligne :"
        f" passez le texte à la ligne, ou {_QUOTE_IT}"
    ),
    "expected indentation indicator in the range 1-9": (
        "après « | » ou « > », l'indentation se donne par un chiffre de 1 à 9"
    ),
    "expected a comment or a line break": "texte inattendu après la valeur",
    "that cannot start any token": (
        f"ce caractère ne peut pas commencer une valeur : {_QUOTE_IT}"
    ),
    "expected ',' or ']'": "liste entre crochets mal fermée : « , » ou « ] » attendu",
    "expected ',' or '}'": "accolades { } mal fermées : « , » ou « } » attendu",
    "expected '!', but found": _BAD_TAG,
    "expected '>', but found": _BAD_TAG,
    "expected URI": _BAD_TAG,
    "found undefined tag handle": _BAD_TAG,
    "duplicate tag handle": _DIRECTIVE,
    "found duplicate YAML directive": _DIRECTIVE,
    "found incompatible YAML document": _DIRECTIVE,
    "expected a digit": _DIRECTIVE,
    "expected '<document start>'": _DIRECTIVE,
    "while scanning a directive": _DIRECTIVE,
    "while scanning a tag": _BAD_TAG,
    "while parsing a tag": _BAD_TAG,
    "while parsing a flow sequence": "liste entre crochets mal fermée",
    "while parsing a flow mapping": "accolades { } mal fermées",
    "but found another document": "un seul document par fichier : retirez le second « --- »",
    "expected a single document in the stream": (
        "un seul document par fichier : retirez le second « --- »"
    ),
}
#: a problem PyYAML words in a way not listed above: still said in French, at its line
_UNKNOWN_PROBLEM = (
    "syntaxe YAML incorrecte sur cette ligne : vérifiez les guillemets, les crochets et"
    " l'indentation"
)


def _translate(problem: str | None, context: str | None) -> str:
    for text in (problem or "", context or ""):
        for english, french in _YAML_PROBLEMS.items():
            if english in text:
                return french
    return _UNKNOWN_PROBLEM


_ODD_BREAK = re.compile("[\x85\u2028\u2029]")


def byte_position(data: bytes, offset: int) -> tuple[int, int]:
    """(line, column) of a byte offset as an editor shows it: \n, \r\n or \r end a line,
    columns count characters (an accented letter once) and a leading BOM not at all."""
    before = data[:offset].removeprefix(b"\xef\xbb\xbf").replace(b"\r\n", b"\n")
    before = before.replace(b"\r", b"\n")
    line_start = before[before.rfind(b"\n") + 1 :]
    return before.count(b"\n") + 1, len(line_start.decode("utf-8", "replace")) + 1


def decode_utf8(data: bytes, name: str, hint: str = "enregistrez-le en UTF-8") -> str:
    """data as text; bytes that are not UTF-8 are an error at their line and column, with what
    to do about it (hint)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise KitError(
            Diagnostic(
                Loc(name, *byte_position(data, exc.start)),
                f"le fichier n'est pas encodé en UTF-8 (octet 0x{data[exc.start]:02x}) : {hint}",
            )
        ) from None


def _decode(data: bytes, name: str) -> str:
    if not data.removeprefix(b"\xef\xbb\xbf").strip():
        raise KitError(Diagnostic(Loc(name, 1, 1), "le fichier est vide"))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # what Windows calls "Unicode"
        raise KitError(
            Diagnostic(Loc(name, 1, 1), "le fichier est encodé en UTF-16 : enregistrez-le en UTF-8")
        )
    if b"\x00" in data[:8192]:
        raise KitError(
            Diagnostic(Loc(name, 1, 1), "ce fichier est binaire, pas un texte YAML")
        )
    if len(data) > MAX_BYTES:
        raise KitError(
            Diagnostic(
                Loc(name, 1, 1),
                f"fichier trop gros ({len(data) / 1e6:.1f} Mo) : 5 Mo au plus",
            )
        )
    text = decode_utf8(data, name)
    # old Mac line endings count as line breaks, as in every editor
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    # YAML 1.1 also breaks lines at U+0085, U+2028 and U+2029, which editors show as nothing
    # (or not as a new line): the lines YAML counts would no longer be the lines one sees
    odd = _ODD_BREAK.search(text)
    if odd:
        line = text.count("\n", 0, odd.start()) + 1
        column = odd.start() - (text.rfind("\n", 0, odd.start()) + 1) + 1
        raise KitError(
            Diagnostic(
                Loc(name, line, column),
                f"saut de ligne invisible (U+{ord(odd.group()):04X}) interdit : supprimez-le ou"
                " remplacez-le par un vrai retour à la ligne",
            )
        )
    return text


_FAILED = object()


def _compose_fast(text: str):
    """libyaml's composer (C), about five times faster on a big deck, with the same marks.

    Its events are scanned first, so aliases and deep nesting are refused before anything is
    composed. Any problem returns _FAILED: the pure-Python path then explains it precisely.
    """
    if not hasattr(yaml, "CBaseLoader"):
        return _FAILED
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.CBaseLoader):
            if isinstance(event, (SequenceStartEvent, MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    return _FAILED
            elif isinstance(event, (SequenceEndEvent, MappingEndEvent)):
                depth -= 1
            elif isinstance(event, AliasEvent):
                return _FAILED
        return yaml.compose(text, Loader=yaml.CBaseLoader)
    except (yaml.YAMLError, RecursionError, ValueError):
        return _FAILED


def _compose_slow(text: str, name: str):
    """PyYAML's pure-Python composer: slower, but its errors give the precise French message."""
    try:
        loader = _Loader(text)  # the reader checks for control characters here
    except yaml.reader.ReaderError as exc:
        raise KitError(_reader_problem(text, name, exc)) from None
    try:
        node = loader.get_single_node()
    except _TooDeep as deep:
        raise KitError(
            Diagnostic(
                _loc(name, deep.mark), f"imbrication trop profonde ({MAX_DEPTH} niveaux au plus)"
            )
        ) from None
    except _AliasFound as alias:
        raise KitError(
            Diagnostic(
                _loc(name, alias.mark),
                "les alias YAML (*nom) ne sont pas acceptés : recopiez le contenu",
            )
        ) from None
    except yaml.MarkedYAMLError as exc:
        from kit.load.slips import explain

        mark = exc.problem_mark or exc.context_mark
        raise KitError(
            explain(text, name, exc)
            or Diagnostic(_loc(name, mark), _translate(exc.problem, exc.context))
        ) from None
    except yaml.YAMLError:  # anything else PyYAML may raise
        raise KitError(Diagnostic(Loc(name, 1, 1), _UNKNOWN_PROBLEM)) from None
    except RecursionError:
        raise KitError(
            Diagnostic(Loc(name, 1, 1), f"imbrication trop profonde ({MAX_DEPTH} niveaux au plus)")
        ) from None
    finally:
        loader.dispose()
    return node


def load_yaml(data: bytes, name: str) -> YNode:
    """Parse one YAML document into located nodes, or raise KitError."""
    text = _decode(data, name)
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.lstrip(" ")
        if stripped.startswith("\t"):
            raise KitError(
                Diagnostic(
                    Loc(name, number, len(line) - len(stripped) + 1),
                    "tabulation interdite : YAML s'indente avec des espaces",
                )
            )
    node = _compose_fast(text)
    if node is _FAILED:
        node = _compose_slow(text, name)
    if node is None or (isinstance(node, ScalarNode) and not node.style and not node.value):
        # nothing but comments, or an empty document between "---" and "..."
        raise KitError(
            Diagnostic(
                Loc(name, 1, 1), "le fichier ne contient que des commentaires : aucune donnée"
            )
        )
    problems: list[Diagnostic] = []
    tree = _convert(node, name, problems, 0)
    if problems:
        raise KitError(problems)
    return tree


def _reader_problem(text: str, name: str, exc: yaml.reader.ReaderError) -> Diagnostic:
    position = exc.position
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    return Diagnostic(
        Loc(name, line, column),
        f"caractère de contrôle invisible (U+{exc.character:04X}) interdit : supprimez-le",
    )


def _loc(name: str, mark) -> Loc:
    if mark is None:
        return Loc(name, 1, 1)
    return Loc(name, mark.line + 1, mark.column + 1)


def _convert(node, name: str, problems: list[Diagnostic], depth: int) -> YNode:
    loc = _loc(name, node.start_mark)
    if depth > MAX_DEPTH:
        problems.append(
            Diagnostic(loc, f"imbrication trop profonde ({MAX_DEPTH} niveaux au plus)")
        )
        return YScalar(None, loc)
    if node.tag not in _DEFAULT_TAGS:
        problems.append(
            Diagnostic(loc, f"étiquette YAML « {node.tag} » non acceptée : retirez-la")
        )
        return YScalar(None, loc)
    if isinstance(node, ScalarNode):
        if not node.style and node.value in _NULLS:  # plain: None (PyYAML) or "" (libyaml)
            return YScalar(None, loc)
        return YScalar(node.value, loc)
    if isinstance(node, SequenceNode):
        return YSeq([_convert(i, name, problems, depth + 1) for i in node.value], loc)
    assert isinstance(node, MappingNode)
    out = YMap({}, loc)
    for key_node, value_node in node.value:
        key_loc = _loc(name, key_node.start_mark)
        if not isinstance(key_node, ScalarNode) or key_node.tag not in _DEFAULT_TAGS:
            problems.append(Diagnostic(key_loc, "une clé doit être un simple mot"))
            continue
        key = key_node.value
        if key in out.entries:
            first = out.entries[key][0]
            problems.append(
                Diagnostic(
                    key_loc,
                    f"clé « {key} » en double (déjà donnée ligne {first.line})",
                )
            )
            _convert(value_node, name, problems, depth + 1)  # its own problems count too
            continue
        out.entries[key] = (key_loc, _convert(value_node, name, problems, depth + 1))
    return out
