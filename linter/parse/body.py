"""Who the report is by: the organ of the title, its place, level and kind, and the other organs
the report names as its author, approver, contact or signer (``Document.body``).

The shapes of organ names are data (grammar/bodies.yaml, read through
govlint.grammar.spec.body_table()): place endings and their levels, organ endings, the cores of a
government, the parts of a body (its office), the specific kinds (approval bureaus …).

* The title's organ is what the title says before the report's own words (政府信息公开…报告), the
  year taken out: ``中卫市审批服务管理局``, ``上海市人民政府办公厅``, ``中卫市沙坡头区`` (a place
  alone is its government).
* A name is cut into place components (中卫市 | 沙坡头区) and a core (人民政府, 审批服务管理局): a
  component ends in a place ending; a bare ending (市政府) only at the start; never after a
  character of a ``not_places`` word (城市管理局, 市场监督管理局).
* Roles, in the preamble: 经X同意 (approver); 由X…编制, a clause opening with X编制 (author);
  与X联系 (contact); 《X2021年…》, 公布X2023年… (the restated title); at the end of the report, a
  paragraph that is a name alone, with or without a date (signer), and the title's byline.
* Each named organ's relation to the body: ``self`` (its name, a short form, an abbreviation whose
  characters are the core's in order: 发改局, 科委; 本局/我中心), ``part`` (the body's office),
  ``parent`` (a government of the body's place or above, or its office), ``misspelt`` (the core
  intact, with stray characters in place of the place: 事政务服务中心) or ``other``.
* A name in an approver's or a signer's place that does not end like an organ (南平市人民正府,
  台山市财局政) is kept only when it is the body's name mistyped — one character wrong, missing,
  extra or two swapped (two edits in a name of ten characters or more) — as ``misspelt``.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from govlint.grammar.shapes import DATE, HAN, TITLE_YEAR
from govlint.grammar.spec import BODY_LEVELS, BodyTable, body_table
from govlint.model import Body, Document, Organ, Paragraph
from govlint.source import Span

REPORT_WORDS = ("政府信息公开", "政务信息公开", "政务公开", "信息公开")  # where a title's organ ends
MAX_NAME = 30        # characters of an organ's name, at most
MAX_COMPONENT = 10   # characters of one place component, at most
SIGN_OFF_PARAGRAPHS = 3  # the last paragraphs that may be a sign-off
_AROUND_NAME = "《》<>〈〉\"“”'‘’()（）[]【】:：,，、"


def find_body(doc: Document, table: BodyTable | None = None) -> Body | None:
    """The body of the report's title, with the organs the report names; None without a title
    that names one."""
    table = table or body_table()
    if doc.title is None:
        return None
    found = title_organ(doc.title.text)
    if found is None:
        return None
    name = found
    place, core = split_place(name, table)
    body = Body(name=name, span=_title_span(doc, name), place=place, core=core,
                level=_level(place, table), kind=_kind(core, table), classes=table.classes_of(name))
    for organ in _named(doc, table):
        organ.relation = relation(body, organ.name, table)
        body.named.append(organ)
    taken = {organ.span.start for organ in body.named}
    for organ in _unshaped(doc, table):  # 南平市人民正府: no organ's ending, but the body's name mistyped
        if organ.span.start not in taken and _mistyped(organ.name, name):
            organ.relation = "misspelt"
            body.named.append(organ)
    body.named.sort(key=lambda organ: organ.span.start)
    return body


# -- the title -------------------------------------------------------------------------------------

_TITLE_YEAR_WORDS = re.compile(f"(?:{TITLE_YEAR.pattern})度?")  # compiled once: every title is cut
_HAN_RUN = re.compile(f"[{HAN}]+")


def title_organ(title: str) -> str | None:
    """The organ a title names: the text before the report's words, without the year."""
    text = "".join(title.split())
    cut = min((at for at in (text.find(word) for word in REPORT_WORDS) if at >= 0), default=-1)
    if cut < 0:
        return None
    head = text[:cut]
    if head.endswith("人民") and text.startswith("政府", cut):  # 某市人民政府信息公开…: the 政府 is both
        head += "政府"
    head = _TITLE_YEAR_WORDS.sub("", head)
    head = head.strip(_AROUND_NAME).removeprefix("关于")
    if len(head) < 2 or not _HAN_RUN.fullmatch(head):
        return None
    return head


def _title_span(doc: Document, name: str) -> Span:
    """Where the title writes ``name`` (spaces and line breaks allowed between its characters)."""
    title = doc.title
    assert title is not None
    text = doc.source.text[title.span.start:title.span.end]
    # The leftmost match of name with \s* between its characters, found without compiling a
    # regex per name (each title's name is new): search the text with its whitespace taken out
    # (\s is str.isspace), then map the hit back.  The name itself has no whitespace.
    kept = [at for at, char in enumerate(text) if not char.isspace()]
    found = "".join(text[at] for at in kept).find(name)
    if found < 0:
        return title.span
    return Span(title.span.start + kept[found], title.span.start + kept[found + len(name) - 1] + 1)


# -- names: place and core ---------------------------------------------------------------------------

@lru_cache(maxsize=4096)  # the same names (人民政府办公室, the title's organ) come back report after report
def split_place(name: str, table: BodyTable) -> tuple[tuple[str, ...], str]:
    """(place components, core): 中卫市沙坡头区人民政府 → (("中卫市", "沙坡头区"), "人民政府")."""
    components: list[str] = []
    blocked = _blocked(name, table)
    at = 0
    while at < len(name):
        cut = _next_cut(name, at, blocked, table)
        if cut is None:
            break
        components.append(name[at:cut])
        at = cut
    return tuple(components), name[at:]


def _next_cut(name: str, at: int, blocked: frozenset[int], table: BodyTable) -> int | None:
    """The end of the shortest place component starting at ``at``, or None."""
    by_last = _endings_by_last(table)
    for end in range(at + 1, min(len(name), at + MAX_COMPONENT) + 1):
        endings = by_last.get(name[end - 1])
        if endings is None or end - 1 in blocked:
            continue  # most characters end no place ending: skip them without a loop
        for ending in endings:
            if name.endswith(ending, at, end) and (end - at > len(ending) or at == 0):
                return _extended(name, end, blocked, table)
    return None


@lru_cache(maxsize=4)
def _endings_by_last(table: BodyTable) -> dict[str, tuple[str, ...]]:
    """The place endings by their last character, in the table's order."""
    by_last: dict[str, list[str]] = {}
    for ending, _level in table.levels:
        by_last.setdefault(ending[-1], []).append(ending)
    return {char: tuple(endings) for char, endings in by_last.items()}


def _extended(name: str, end: int, blocked: frozenset[int], table: BodyTable) -> int:
    """A component's end moved past an ending that follows it at once: 宿州|市 → 宿州市."""
    for ending, _level in table.levels:
        if name.startswith(ending, end) and end + len(ending) - 1 not in blocked:
            return end + len(ending)
    return end


@lru_cache(maxsize=1024)
def _blocked_cached(name: str, words: tuple[str, ...]) -> frozenset[int]:
    blocked: set[int] = set()
    for word in words:
        if word not in name:
            continue  # the usual case: no regex for it
        for match in re.finditer(re.escape(word), name):
            blocked.update(range(match.start(), match.end()))
    return frozenset(blocked)


def _blocked(name: str, table: BodyTable) -> frozenset[int]:
    """Positions a place component may not end at: inside a not_places word."""
    return _blocked_cached(name, table.not_places)


def _ending_level(component: str, table: BodyTable) -> str:
    for ending, level in table.levels:
        if component.endswith(ending):
            return level
    return ""


def _level(place: tuple[str, ...], table: BodyTable) -> str:
    if not place:
        return ""
    if len(place) == 1 and place[0] in table.province_cities:
        return "province"
    return _ending_level(place[-1], table)


def _kind(core: str, table: BodyTable) -> str:
    if any(core.endswith(office) for office in table.government_offices):
        return "government-office"
    if not core or core in table.government_cores:
        return "government"
    return "department"


# -- the organs named in a role ------------------------------------------------------------------------

def _any_of(*words: str) -> re.Pattern:
    """A search for any of the literal words (an anchor of a role pattern)."""
    return re.compile("|".join(map(re.escape, words)))


@lru_cache(maxsize=4)
def _role_patterns(table: BodyTable) -> tuple[tuple[str, re.Pattern, tuple[re.Pattern, ...]], ...]:
    """(role, pattern, anchors): the pattern runs only on a text where every anchor (an
    alternation of literal words the pattern needs) occurs — most paragraphs have none of them."""
    endings = "|".join(map(re.escape, table.organ_endings))
    organ = f"(?P<organ>[{HAN}]{{1,{MAX_NAME}}}?(?:{endings}))"
    clause_start = r"(?:^|(?<=[,;:。!?、]))"
    return (
        ("approver", re.compile(f"经{organ}(?=研究|审议|审核|审定|审批|批准|同意)"), (_any_of("经"),)),
        ("author", re.compile(f"由{organ}(?=根据|依据|按照|负责|牵头|组织|编制|编写|制作|起草|汇总|会同|综合)"),
         (_any_of("由"),)),
        ("author", re.compile(f"{clause_start}{organ}(?=(?:编制|编写|制作)了?(?:本|此|该|\\d{{4}}))"),
         (_any_of("编制", "编写", "制作"),)),
        ("contact", re.compile(f"与{organ}(?=联系)"), (_any_of("与"), _any_of("联系"))),
        ("restated", re.compile(f"(?:《|公布|发布){organ}(?=\\d{{4}}年)"), (_any_of("《", "公布", "发布"), _any_of("年"))),
    )


def _named(doc: Document, table: BodyTable) -> Iterator[Organ]:
    patterns = _role_patterns(table)
    for paragraph in doc.preamble:
        yield from _in_paragraph(paragraph, patterns)
    yield from _signers(doc, table)


def _in_paragraph(paragraph: Paragraph, patterns) -> Iterator[Organ]:
    text = paragraph.squeezed.text
    taken: list[tuple[int, int]] = []
    for role, pattern, anchors in patterns:
        missing = False
        for anchor in anchors:  # a loop, not all() over a generator: it runs per paragraph and role
            if anchor.search(text) is None:
                missing = True
                break
        if missing:
            continue
        for match in pattern.finditer(text):
            start, end = match.span("organ")
            if any(start < other_end and other_start < end for other_start, other_end in taken):
                continue
            taken.append((start, end))
            yield Organ(role, match.group("organ"), paragraph.squeezed_span(start, end),
                        paragraph.squeezed_span(match.start(), match.end()))


SIGN_OFF_LENGTH = MAX_NAME + 40  # a name, spaces and a date (二〇二三年一月三十一日 with brackets)


_SIGN_OFF = re.compile(f"(?P<organ>[{HAN}]{{2,{MAX_NAME}}})\\s*[(（]?\\s*(?:{DATE})?\\s*[)）]?")  # a name alone, a date


def _last_paragraphs(doc: Document) -> list[Paragraph]:
    return [paragraph for section in doc.sections[-1:] for paragraph in section.paragraphs][-SIGN_OFF_PARAGRAPHS:]


def _signers(doc: Document, table: BodyTable) -> Iterator[Organ]:
    """A name alone (and a date) in one of the last paragraphs, or the title's byline."""
    endings = tuple(table.organ_endings)
    shape = _SIGN_OFF
    if doc.title is not None:
        for span, text in doc.title.byline:
            match = shape.fullmatch(text.strip())
            if match and match.group("organ").endswith(endings):
                start = span.start + text.index(match.group("organ")[0])
                yield Organ("signer", match.group("organ"), Span(start, start + len(match.group("organ"))))
    for paragraph in _last_paragraphs(doc):
        text = paragraph.squeezed.text.strip()
        if len(text) > SIGN_OFF_LENGTH:
            continue  # a sign-off is a name and a date; a long paragraph is not one (and its spaces
            #           would make the shape's optional parts backtrack quadratically)
        match = shape.fullmatch(text)
        if match and match.group("organ").endswith(endings):
            offset = paragraph.squeezed.text.index(text)
            start, end = match.span("organ")
            yield Organ("signer", match.group("organ"), paragraph.squeezed_span(offset + start, offset + end))


def _unshaped(doc: Document, table: BodyTable) -> Iterator[Organ]:
    """Names in a role's place that do not end like an organ (经市北区发展和改革委员审定, a sign-off
    南平市人民正府): only a mistyped name of the body itself is kept of them (find_body)."""
    endings = tuple(table.organ_endings)
    for paragraph in doc.preamble:
        text = paragraph.squeezed.text
        if "经" not in text:
            continue
        for match in _LOOSE_APPROVER.finditer(text):
            if not match.group("organ").endswith(endings):
                start, end = match.span("organ")
                yield Organ("approver", match.group("organ"), paragraph.squeezed_span(start, end),
                            paragraph.squeezed_span(match.start(), match.end()))
    for paragraph in _last_paragraphs(doc):
        text = paragraph.squeezed.text.strip()
        signed = _SIGN_OFF.fullmatch(text) if len(text) <= SIGN_OFF_LENGTH else None
        if signed and not signed.group("organ").endswith(endings):
            offset = paragraph.squeezed.text.index(text)
            start, end = signed.span("organ")
            yield Organ("signer", signed.group("organ"), paragraph.squeezed_span(offset + start, offset + end))


_LOOSE_APPROVER = re.compile(f"经(?P<organ>[{HAN}]{{4,{MAX_NAME}}}?)(?=研究|审议|审核|审定|审批|批准|同意)")


def _mistyped(name: str, body_name: str) -> bool:
    """One character wrong, missing, extra or two swapped (two in a name of ten or more): the body's
    name mistyped, not another organ's."""
    if len(name) < 4 or name == body_name or abs(len(name) - len(body_name)) > 1:
        return False
    return _edits(name, body_name) <= (2 if len(body_name) >= 10 else 1)


def _edits(a: str, b: str) -> int:
    """Edit distance with transpositions (optimal string alignment)."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char in enumerate(a, 1):
        row = [i] + [0] * len(b)
        for j, other in enumerate(b, 1):
            row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (char != other))
            if i > 1 and j > 1 and char == b[j - 2] and a[i - 2] == other:
                row[j] = min(row[j], previous2[j - 2] + 1)
        previous2, previous = previous, row
    return previous[-1]


# -- how a named organ stands to the body ------------------------------------------------------------

def relation(body: Body, name: str, table: BodyTable) -> str:
    """self | part | parent | misspelt | other (see the module's docstring)."""
    if name == body.name or name in table.self_words:
        return "self"
    if name[0] in table.self_prefixes and len(name) <= 4:
        return "self"  # 本局, 我中心, 本委
    place, core = split_place(name, table)
    base, is_part = _without_part(core, body.core, table)
    where = _placement(place, body, table)
    if _same_core(base, body.core, table) and where == "same":
        return "part" if is_part else "self"
    if _is_government(base, table) and where in ("same", "above", "unknown"):
        return "part" if body.kind != "department" and where == "same" else "parent"
    if where == "unknown" and _same_core(base, body.core, table):
        return "self"
    if not place and body.core and base.endswith(body.core) and 0 < len(base) - len(body.core) <= 2:
        return "misspelt"  # stray characters where the place belongs: 事政务服务中心
    return "other"


def _without_part(core: str, body_core: str, table: BodyTable) -> tuple[str, bool]:
    """The core without a part word at its end (中心办公室 → 中心), and whether there was one."""
    if core == body_core:
        return core, False
    for part in table.parts:
        if core.endswith(part) and core != part:
            return core[:-len(part)], True
        if core == part:
            return "", True  # 某县政务公开办公室: a part of the place's government
    return core, False


def _is_government(core: str, table: BodyTable) -> bool:
    return not core or core in table.government_cores or core in table.government_short.values()


def _same_core(core: str, body_core: str, table: BodyTable) -> bool:
    """The same organ: equal, 人民政府 ~ 政府 ~ a place alone, or an abbreviation (科委, 发改局)."""
    if core == body_core or (core and body_core.endswith(core)):
        return True  # 中心, 管理局: the body's head noun
    if _is_government(core, table) and _is_government(body_core, table):
        return True
    if len(core) >= 2 and core[0] == body_core[:1] and core[-1] in body_core and _subsequence(core, body_core):
        return True
    return False


def _subsequence(short: str, long: str) -> bool:
    rest = iter(long)
    return all(char in rest for char in short)


def _placement(place: tuple[str, ...], body: Body, table: BodyTable) -> str:
    """How a named place stands to the body's: same | above (an ancestor) | unknown | other."""
    own = body.place
    if not place or not own:
        return "same" if not place else "unknown"
    if own[-len(place):] == place or place[-len(own):] == own:
        return "same"
    if own[:len(place)] == place:
        return "above"
    if len(place) == 1 and _ending_level(place[0], table) and place[0] == _bare(place[0], table):
        if own[-1].endswith(place[0]):
            return "same"
        if any(component.endswith(place[0]) for component in own[:-1]):
            return "above"
    level = _level(place, table)
    if _rank(level) < _rank(body.level):
        return "above"  # a higher place the title does not name (宁夏回族自治区 above 中卫市)
    if level == body.level == "city" and place[-1].endswith("市") and own[-1].endswith("市"):
        return "unknown"  # 南平市 and 邵武市: a county-level city is a 市 under its city, with no gazetteer to tell
    return "other"


def _bare(component: str, table: BodyTable) -> str:
    """The component if it is a place ending alone (市, 县, 区), else ""."""
    return component if any(component == ending for ending, _level in table.levels) else ""


def _rank(level: str) -> int:
    return BODY_LEVELS.index(level) if level in BODY_LEVELS else len(BODY_LEVELS)
