"""After parsing: the report year and format, and which heading opens which mandated section.

* Year: ``--report-year`` / config, else the title (``2021 年政府信息公开工作年度报告``),
  else the statistical period; format: the one whose years (canonical.json) hold the year
  (≤2018 → 2008, 2019–2020 → 2019-trial, ≥2021 → 2021), else the table signature
  (本年新制作数量 → 试行, 本年制发件数 → 2021).
* Sections: each heading is compared with the six mandated headings (exact,
  a known variant, or a key phrase).  The best heading for each section opens it;
  a second equally good one is a duplicate; the rest are extra headings folded
  into the section before them.  A table 4 that extraction put after heading 五
  belongs to 四 (domain.md §4.6).
* Headless sections: a table is known by its signature wherever it is (parse.lines).
  When its section has no heading (a printout, a comparison sheet, a heading lost in
  extraction) and the order allows it (every section before it comes earlier, every one
  after it later), the table opens that section where it starts: a section whose heading
  has the quality ``headless`` (rule GL102 says once, there, that the heading is missing).
  The text after the table, up to the next heading, is the section's.
"""
from __future__ import annotations


from govlint.grammar.shapes import HEADING_TRAILERS, TITLE_YEAR
from govlint.grammar.spec import spec
from govlint.model import Document, Heading, Section, Table
from govlint.parse import tables
from govlint.parse.labels import label_key
from govlint.source import Span
from govlint.source.fold import fold
from govlint.support.memo import short_cache

_SCORES = {"exact": 4, "variant": 3, "keyword": 2}
HEADLESS = "headless"  # the quality of the heading of a section that only its table opens


def year_to_format(year: int | None) -> str | None:
    return None if year is None else spec().format_of_year(year)


def detect_year(doc: Document) -> None:
    if doc.title is not None:
        match = TITLE_YEAR.search(doc.title.text)
        if match:
            doc.title.year = int(match.group(1))
    if doc.year is not None:  # set by --report-year or the config
        doc.year_source = doc.year_source or "override"
        return
    if doc.title is not None and doc.title.year is not None:
        doc.year, doc.year_source = doc.title.year, "title"
        return
    periods = doc.entities.periods
    if periods:
        doc.year, doc.year_source = int(periods[0].groups["y1"]), "period"


def detect_format(doc: Document) -> None:
    if doc.format is None:
        doc.format = year_to_format(doc.year)
        doc.format_source = doc.year_source
    tables.finalize(doc)
    if doc.format is None:
        signature = None
        if doc.table2 is not None and doc.table2.version:
            signature = doc.table2.version
        elif doc.table3 is not None and doc.table3.version:
            signature = doc.table3.version
        if signature:
            doc.format, doc.format_source = signature, "tables"
            tables.finalize(doc)


def _heading_key(text: str) -> str:
    return label_key(text).rstrip(HEADING_TRAILERS)


def _match_heading(heading: Heading) -> list[tuple[int, str]]:
    """(section id, quality) candidates for a heading, best first."""
    return _match_heading_text(heading.text, heading.number)


@short_cache(4096)  # headings repeat from report to report
def _match_heading_text(text: str, number: int) -> list[tuple[int, str]]:
    key = _heading_key(text)
    found = []
    for sid in spec().section_ids():
        words = spec().heading_words(sid)
        if key == _heading_key(words):
            written = fold(text).replace(" ", "")
            quality = "exact" if written == fold(words) else "variant"
            found.append((sid, quality))
            continue
        variants = [_heading_key(v) for v in spec().heading_variants(sid)]
        if key in variants:
            found.append((sid, "variant"))
            continue
        if any(word in key for word in spec().heading_keywords(sid)):
            found.append((sid, "keyword"))
    found.sort(key=lambda item: (-_SCORES[item[1]], item[0] != number))
    return found


def assign_sections(doc: Document) -> None:
    if doc.format == "2008":
        for section in doc.sections:
            if section.heading.quality != HEADLESS:
                section.heading.quality = "extra"
        return
    best: dict[int, tuple[tuple[int, bool], int]] = {}  # section id → (score, position) of its best heading
    candidates: dict[int, list[tuple[int, str]]] = {}
    for position, section in enumerate(doc.sections):
        if section.heading.quality == HEADLESS:
            continue
        matches = _match_heading(section.heading)
        candidates[position] = matches
        for sid, quality in matches[:1]:
            score = (_SCORES[quality], section.heading.number == sid)
            if sid not in best or score > best[sid][0]:
                best[sid] = (score, position)
    owner = None
    for position, section in enumerate(doc.sections):
        heading = section.heading
        if heading.quality == HEADLESS:
            owner = None  # a table before any heading: nothing after it is folded into an earlier section
            continue
        matches = candidates[position]
        chosen = None
        for sid, quality in matches[:1]:
            if best[sid][1] == position:
                chosen = (sid, quality)
            elif _SCORES[quality] >= 3 and best[sid][0][0] == _SCORES[quality]:
                heading.canonical, heading.quality = sid, "duplicate"
        if chosen:
            heading.canonical, heading.quality = chosen
            owner = section
        elif heading.quality != "duplicate":
            heading.quality = "extra"
            heading.canonical = matches[0][0] if matches else None
        if heading.quality in ("extra", "duplicate"):
            section.parent = owner
    _headless_sections(doc)
    _implied_problems_section(doc)
    _relocate_tables(doc)


def _headless_sections(doc: Document) -> None:
    """A table whose section has no heading opens that section where the table starts.

    Linear in the number of sections: a section is opened at most once per table section (three), and
    the order bounds are computed again only then."""
    present = {s.heading.canonical for s in doc.mandated_sections}  # as doc.section finds them
    if all(spec().table_section(table.kind) in present for section in doc.sections for table in section.tables):
        return  # every table's section has its heading: the usual report
    bounds = _order_bounds(doc)
    position = 0
    while position < len(doc.sections):  # grows: a split section's rest is read next
        section = doc.sections[position]
        for table in section.tables:
            canonical = spec().table_section(table.kind)
            if canonical is None or canonical in present:
                continue
            highest_before, lowest_after = bounds[position]
            if not highest_before < canonical < lowest_after:
                continue
            if section.heading.quality == HEADLESS and section.heading.canonical is None \
                    and table is section.tables[0]:
                section.heading.canonical = canonical  # a table before any heading: its holder is the section
            else:
                rest = _split(section, table, canonical)
                for later in doc.sections[position + 1:]:  # extra headings after the table are folded into it
                    if later.parent is section:
                        later.parent = rest
                doc.sections.insert(position + 1, rest)
            present.add(canonical)
            bounds = _order_bounds(doc)
            break
        position += 1


def _order_bounds(doc: Document) -> list[tuple[int, int]]:
    """For each section: the highest mandated section id up to it (its own included) and the lowest
    after it.  A section id between the two can start inside it without breaking the order."""
    def placed(section: Section) -> int:
        owner = section.parent or section
        heading = owner.heading
        return (heading.canonical or 0) if heading.quality not in ("extra", "duplicate") else 0

    highest, before = 0, []
    for section in doc.sections:
        highest = max(highest, placed(section))
        before.append(highest)
    lowest, after = 1 << 30, []
    for section in reversed(doc.sections):
        after.append(lowest)
        if section.parent is None and placed(section):
            lowest = min(lowest, placed(section))
    return list(zip(before, reversed(after)))


def _split(section: Section, table: Table, canonical: int) -> Section:
    """Cut ``section`` where ``table`` starts: the table and everything after it open a headless section."""
    start = table.span.start
    at = Span(start, start)
    rest = Section(Heading(at, "", 0, "", at, "", canonical=canonical, quality=HEADLESS),
                   Span(start, max(start, section.span.end)))
    rest.tables = [t for t in section.tables if t.span.start >= start]
    rest.paragraphs = [p for p in section.paragraphs if p.span.start >= start]
    rest.subheadings = [s for s in section.subheadings if s.span.start >= start]
    section.tables = [t for t in section.tables if t.span.start < start]
    section.paragraphs = [p for p in section.paragraphs if p.span.start < start]
    section.subheadings = [s for s in section.subheadings if s.span.start < start]
    ends = [section.heading.span.end] + [item.span.end for item in
                                         (*section.tables, *section.paragraphs, *section.subheadings)]
    section.span = Span(section.span.start, max(ends))
    return rest


def _implied_problems_section(doc: Document) -> None:
    """Heading 五 missing but its content present: （一）主要问题 right after table 4."""
    if doc.section(5) is not None:
        return
    four = doc.section(4)
    if four is None:
        return
    start = four.heading.span.end
    for table in four.tables:
        start = max(start, table.span.end)
    for sub in four.subheadings:
        if sub.span.start >= start and "问题" in sub.text:
            break
    else:
        return
    heading = Heading(sub.span, "五", 5, sub.text, sub.span, sub.text, canonical=5, quality="implied")
    section = Section(heading, sub.span.cover(four.span))
    section.subheadings = [s for s in four.subheadings if s.span.start >= sub.span.start]
    section.paragraphs = [p for p in four.paragraphs if p.span.start >= sub.span.start]
    four.subheadings = [s for s in four.subheadings if s.span.start < sub.span.start]
    four.paragraphs = [p for p in four.paragraphs if p.span.start < sub.span.start]
    section.span = type(sub.span)(sub.span.start, four.span.end)
    four.span = type(sub.span)(four.span.start, sub.span.start)
    doc.sections.insert(doc.sections.index(four) + 1, section)


def _relocate_tables(doc: Document) -> None:
    """A table found under another heading is moved to the section it belongs to."""
    for section in list(doc.sections):
        for table in list(section.tables):
            home = doc.section(spec().table_section(table.kind))
            if home is not None and home is not section and (section.parent or section) is not home:
                section.tables.remove(table)
                home.tables.append(table)


def resolve(doc: Document, year: int | None = None) -> None:
    if year is not None:
        doc.year, doc.year_source = year, "override"
    detect_year(doc)
    detect_format(doc)
    assign_sections(doc)
