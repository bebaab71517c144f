"""The YAML reader: text stays text, no tag builds anything, every refusal is located."""

from __future__ import annotations

from pathlib import Path

import pytest

from kit.errors import KitError
from kit.load.deck import load_deck
from kit.load.yamlsrc import MAX_BYTES, YMap, YScalar, load_yaml, plain

AS_WRITTEN = ["No", "no", "yes", "on", "off", "true", "12:30", "0777", "0x1F", "1e3", "1_000",
              ".inf", "2025-07-02", "2025-07-02T10:00:00", "+33", "1.0"]


def errors_of(data: bytes, name: str = "deck.yaml") -> list[str]:
    with pytest.raises(KitError) as info:
        load_yaml(data, name)
    return [str(d) for d in info.value.diagnostics]


@pytest.mark.parametrize("text", AS_WRITTEN)
def test_plain_scalars_stay_the_text_written(text):
    assert plain(load_yaml(f"value: {text}\nlist: [{text}]\n".encode(), "f.yaml")) == {
        "value": text,
        "list": [text],
    }


def test_nulls_are_none_but_quoted_nulls_are_text():
    tree = plain(load_yaml(b"a:\nb: ~\nc: null\nd: 'null'\ne: ''\n", "f.yaml"))
    assert tree == {"a": None, "b": None, "c": None, "d": "null", "e": ""}


def test_deck_fields_keep_yaml_lookalikes_as_text(tmp_path: Path):
    (tmp_path / "deck.yaml").write_text(
        "kit: 1\nid: t\ntitle: No\nsubtitle: 12:30\nlanguage: fr\n"
        "stages:\n  - id: '0777'\n    title: 1e3\n    tagline: on\n    text: 2025-07-02\n",
        encoding="utf-8",
    )
    deck = load_deck(tmp_path / "deck.yaml", tmp_path)
    assert (deck.title, deck.subtitle) == ("No", "12:30")
    stage = deck.stages[0]
    assert (stage.id, stage.title, stage.tagline, stage.text) == ("0777", "1e3", "on", "2025-07-02")


def test_locations_are_one_based_for_keys_and_values():
    tree = load_yaml(b"# comment\nkit: 1\nstages:\n  - id: depart\n", "f.yaml")
    assert isinstance(tree, YMap)
    assert (tree.key_loc("kit").line, tree.key_loc("kit").column) == (2, 1)
    stage = tree.get("stages").items[0]
    id_node = stage.get("id")
    assert isinstance(id_node, YScalar)
    assert (id_node.loc.line, id_node.loc.column) == (4, 9)


def test_crlf_and_bom_do_not_shift_positions():
    lf = load_yaml(b"a: 1\nb:\n  c: x\n", "f.yaml")
    crlf = load_yaml(b"\xef\xbb\xbfa: 1\r\nb:\r\n  c: x\r\n", "f.yaml")
    assert plain(lf) == plain(crlf)
    assert lf.get("b").get("c").loc == crlf.get("b").get("c").loc


@pytest.mark.parametrize(
    "tag",
    [
        "!!python/object/apply:os.system",
        "!!python/object/new:os.system",
        "!!python/name:os.system",
        "!<tag:yaml.org,2002:python/object/apply:os.system>",
    ],
)
def test_python_tags_run_nothing(tag, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    data = f'kit: 1\nx: {tag} ["touch pwned"]\n'.encode()
    messages = errors_of(data)
    assert any("2:4: étiquette YAML" in m for m in messages), messages
    assert not (tmp_path / "pwned").exists()


def test_tag_shorthand_directive_is_refused_too():
    data = b"%TAG ! tag:yaml.org,2002:python/\n---\na: !object/apply:os.system [ls]\n"
    assert any("3:4: étiquette YAML" in m for m in errors_of(data))


@pytest.mark.parametrize("tag", ["!!binary aGVsbG8=", "!!set {a}", "!!timestamp 2025-01-01",
                                 "!!int 3", "!!float 1.5", "!!bool yes", "!couleur rouge"])
def test_every_non_default_tag_is_refused(tag):
    assert any("étiquette YAML" in m for m in errors_of(f"a: {tag}\n".encode()))


def test_str_tag_is_harmless():
    assert plain(load_yaml(b"a: !!str 12\n", "f.yaml")) == {"a": "12"}


def test_aliases_are_refused_including_merge_keys_and_bombs():
    assert errors_of(b"a: &x 1\nb: *x\n") == [
        "deck.yaml:2:4: les alias YAML (*nom) ne sont pas acceptés : recopiez le contenu"
    ]
    assert "alias" in errors_of(b"a: &x {k: v}\nb:\n  <<: *x\n")[0]
    bomb = b'a: &a ["x","x"]\nb: &b [*a,*a]\nc: &c [*b,*b]\nd: &d [*c,*c]\n'
    assert "2:8: les alias" in errors_of(bomb)[0]


@pytest.mark.parametrize("data", [b"", b"   \n\n", b"\r\n"])
def test_empty_file(data):
    assert errors_of(data) == ["deck.yaml:1:1: le fichier est vide"]


def test_comment_only_file():
    assert "ne contient que des commentaires" in errors_of(b"# rien\n\n# toujours rien\n")[0]


def test_binary_file():
    assert "binaire" in errors_of(b"\x89PNG\r\n\x1a\n\x00\x00\x00")[0]


def test_non_utf8_column_counts_characters():
    data = "a: 1\nb: Été ".encode() + b"\xe9\n"
    assert errors_of(data) == [
        "deck.yaml:2:8: le fichier n'est pas encodé en UTF-8 (octet 0xe9) : enregistrez-le en UTF-8"
    ]


def test_raw_control_character_is_located():
    assert errors_of(b"a: 1\nb: x\x07y\n") == [
        "deck.yaml:2:5: caractère de contrôle invisible (U+0007) interdit : supprimez-le"
    ]


def test_tab_in_indentation_is_located():
    assert errors_of(b"a:\n  \t- x\n") == [
        "deck.yaml:2:3: tabulation interdite : YAML s'indente avec des espaces"
    ]


def test_tab_inside_quoted_text_is_fine():
    assert plain(load_yaml(b'a: "x\ty"\n', "f.yaml")) == {"a": "x\ty"}


def test_too_big_file():
    data = b"a: " + b"x" * MAX_BYTES + b"\n"
    assert "fichier trop gros" in errors_of(data)[0]


@pytest.mark.parametrize(
    "data",
    [
        b"a: " + b"[" * 3000 + b"]" * 3000,
        b"a: " + b"{b: " * 60 + b"1" + b"}" * 60,
    ],
)
def test_deep_nesting_is_an_error_not_a_crash(data):
    assert "imbrication trop profonde" in errors_of(data)[0]


def test_duplicate_keys_are_all_reported():
    messages = errors_of(b"a: 1\nb: 2\na: 3\nb:\n  c: 1\n  c: 2\n")
    assert messages == [
        "deck.yaml:3:1: clé « a » en double (déjà donnée ligne 1)",
        "deck.yaml:4:1: clé « b » en double (déjà donnée ligne 2)",
        "deck.yaml:6:3: clé « c » en double (déjà donnée ligne 5)",
    ]


@pytest.mark.parametrize(
    "data, expected",
    [
        (b"a: [1, 2\n", "1:4: crochet « [ » ouvert ici et jamais refermé"),
        (b"a: {b: 1\n", "1:4: accolade « { » ouverte ici et jamais refermée"),
        (b'a: "abc\n', "1:4: guillemet « \" » ouvert ici et jamais refermé"),
        (b"a: x: y\n", "mettez le texte entre guillemets"),
        (b"a: 1\n---\nb: 2\n", "un seul document par fichier"),
        (b"a: `x`\n", "ne peut pas commencer une valeur"),
        (b"a:\n  - b: 1\n   c: 2\n", "indentation"),
        (b'a: "\\q"\n', "séquence d'échappement"),
    ],
)
def test_syntax_errors_are_explained_in_french(data, expected):
    (message,) = errors_of(data)
    assert expected in message
    assert "syntaxe YAML invalide" not in message
