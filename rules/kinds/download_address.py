"""download-address: where the report's electronic version can be had (GL504, domain.md §3.1, Q8).

The preamble customarily ends "本年度报告电子版可从…门户网站（http://…）下载".  The statement is the
first sentence (the preamble's first, then the rest of the report's) that names the report
(``report_words``), a way to get it (``get_words``: 下载, 电子版, 查阅, 公布 …) and a place (a web
address, or ``site_words``: 网站, 门户 …).  Its web addresses are the document's entities
(govlint.parse.entities: ``urls`` and ``malformed_urls``); the link targets a PDF's extraction
left beside the text are ``doc.links``.  In order, at most one finding per report:

* ``malformed``: an address of the statement is written wrongly (http//…, www .…);
* ``mismatch``: the address shown has no link to its host, and a link the extraction left after it
  goes to a host that no address of the text shows (a PDF whose link text and target differ);
* ``portal``: with a ``portals`` allow-list (``.govlint.yaml``), the address is on none of them;
* ``absent``: no such statement at all (a hint).

A statement that names a website without its address says where to look: nothing to report.
"""
from __future__ import annotations

import re
from itertools import chain

from govlint.rules.api import CheckKind, Finding, Param, check_kind
from govlint.rules.kinds._util import anchor_span, any_of

WEB_SCHEMES = ("http://", "https://", "www.")
_HOST = re.compile("[a-z0-9.-]*")  # a host's characters (ASCII letters, lower-cased, digits, . and -)


@check_kind
class DownloadAddress(CheckKind):
    """The preamble's download address is missing, malformed, or not the link's target."""

    name = "download-address"
    FIELDS = ("address", "link", "portals")
    CASES = ("absent", "mismatch", "portal")
    PARAMS = {
        "report_words": Param(list, [], "words naming the report in the statement", required=True),
        "get_words": Param(list, [], "words saying how to get it (下载, 电子版 …)", required=True),
        "site_words": Param(list, [], "words naming a website without its address", required=True),
        "portals": Param(list, [], "allowed hosts of the download address (empty: any); "
                                   "a host matches itself and its sub-domains"),
    }

    def check(self, doc, params):
        statement = _statement(doc, params)
        if statement is None:
            yield Finding(anchor_span(doc, "preamble"), {"address": "", "link": "", "portals": ""}, case="absent")
            return
        inside = _within(statement.span)
        malformed = [e for e in doc.entities.malformed_urls if inside(e.span)]
        if malformed:
            yield Finding(malformed[0].span, {"address": malformed[0].text, "link": "", "portals": ""})
            return
        shown = [e for e in doc.entities.urls if inside(e.span)]
        if not shown:
            return
        address = shown[0]
        link = _mismatched_link(doc, address)
        if link is not None:
            yield Finding(address.span, {"address": address.text, "link": link[1], "portals": ""},
                          case="mismatch", related=[link[0]])
            return
        portals = [host_of(portal) for portal in params["portals"]]
        host = host_of(address.text)
        if portals and not any(host == portal or host.endswith("." + portal) for portal in portals):
            yield Finding(address.span, {"address": address.text, "link": "",
                                         "portals": "、".join(params["portals"])}, case="portal")


def host_of(address: str) -> str:
    """The host of a web address, lower-case, without its scheme and a leading www."""
    text = address.strip().lower()
    for scheme in ("http://", "https://"):
        if text.startswith(scheme):
            text = text[len(scheme):]
    host = _HOST.match(text)  # always matches (maybe nothing)
    text = (host.group() if host is not None else "").rstrip(".")
    return text[4:] if text.startswith("www.") else text


def _within(span):
    return lambda other: span.start <= other.start and other.end <= span.end


def _statement(doc, params):
    """The first sentence that says where the report can be had (preamble first)."""
    urls = doc.entities.urls + doc.entities.malformed_urls
    preamble = list(doc.preamble)
    in_preamble = {id(p) for p in preamble}
    # The rest is read only when the preamble has no statement (most reports have one there).
    rest = (p for p in doc.paragraphs() if id(p) not in in_preamble)
    report, get = any_of(tuple(params["report_words"])), any_of(tuple(params["get_words"]))
    site = any_of(tuple(params["site_words"]))
    for paragraph in chain(preamble, rest):
        # A sentence is a slice of its paragraph: a paragraph without both kinds of word has none.
        squeezed = "".join(paragraph.text.split())
        if report.search(squeezed) is None or get.search(squeezed) is None:
            continue
        for sentence in paragraph.iter_sentences():
            text = "".join(sentence.text.split())
            if report.search(text) is None or get.search(text) is None:
                continue
            inside = _within(sentence.span)
            if site.search(text) is not None or any(inside(u.span) for u in urls):
                return sentence
    return None


def _mismatched_link(doc, address):
    """A web link the extraction left after ``address`` whose host no address of the text shows,
    when no link goes to the shown address's host: (span, target), else None."""
    links = [(span, target) for span, target in doc.links if target.lower().startswith(WEB_SCHEMES)]
    if not links:
        return None
    host = host_of(address.text)
    if any(host_of(target) == host for _span, target in links):
        return None
    shown = {host_of(url.text) for url in doc.entities.urls}
    unexplained = [(span, target) for span, target in links if host_of(target) not in shown]
    after = [link for link in unexplained if link[0].start >= address.span.end]
    if after:
        return min(after, key=lambda link: link[0].start)
    return None
