"""Why a page's record says what it says: the choices of the page core, as the choosers made them.

`newscrawl extract --explain` runs the page core once with a `Trace`: reading the page records its
candidates and verdict; `choose_headline`, `choose_authors`, `choose_dates` and `clean_blocks`
(through the draft's `trace`) record, where they accept or reject a candidate, which one won and
why the others lost. This module keeps that record and renders it, as text for a reader or as
JSON for a program; it decides nothing itself. Without a trace (a crawl, `extract_record`) every
hook is one `is None` test.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from newscrawl.article.bylines import Byline
    from newscrawl.article.dates import DateReader, ParsedDate
    from newscrawl.extract.blocks import Block
    from newscrawl.extract.metadata import BylineCandidate, DateCandidate, Figure, PageMetadata
    from newscrawl.items import Author, Image, Page

__all__ = ["Decision", "Explanation", "Trace", "explain_page", "render_json", "render_text"]

CHOSEN, LOST, DROPPED, KEPT = "chosen", "lost", "dropped", "kept"
_PRINTED_BYLINES = ("byline-element", "body-line")
FIELDS = (
    "headline",
    "alternativeHeadline",
    "kicker",
    "articleSection",
    "authors",
    "agencies",
    "creditedOrganizations",
    "datePublished",
    "dateModified",
    "body",
    "images",
    "mainImage",
)


@attrs.frozen
class Decision:
    """What became of one candidate of one field."""

    field: str
    source: str
    """Where the candidate was found: `json-ld`, `meta`, `h1`, `og:title`, `byline-element`,
    `body-line`, `time-text`, `url`, `htmldate`…; for a body block, its kind."""
    text: str
    """The candidate's raw text (a body block's text; an image's URL)."""
    outcome: str
    """`chosen` (the field's value came from it), `lost`, `dropped` (a body block) or `kept`."""
    reason: str = ""
    value: str | None = None
    """What the candidate reads as, where that is not its text (names, an ISO date)."""


def _not_traced(*_: object) -> None:
    """The body's drop hook when nothing is traced."""


def drop_hook(trace: Trace | None) -> Callable[[Block, str], None]:
    """`trace.drop`, or a function that does nothing: the hook `clean_blocks` calls per block it drops."""
    return trace.drop if trace is not None else _not_traced


class Trace:
    """The record of one page's choices: the page core's steps append to it (see the module)."""

    def __init__(self) -> None:
        self.decisions: list[Decision] = []
        self.metadata: PageMetadata | None = None
        self.blocks: Sequence[Block] = ()
        self.verdict: str = ""
        self._dates: dict[str, ParsedDate | None] = {}

    def note(self, field: str, source: str, text: str, outcome: str, reason: str = "", value: str | None = None):
        self.decisions.append(Decision(field, source, text, outcome, reason, value))

    # --- reading the page ------------------------------------------------------------------------

    def read(self, metadata: PageMetadata, blocks: Sequence[Block], verdict: str) -> None:
        """The page's candidates and blocks as read, and what decided it is (or is not) an article."""
        self.metadata, self.blocks, self.verdict = metadata, blocks, verdict

    # --- headline --------------------------------------------------------------------------------

    def headline(
        self, meta: PageMetadata, hints: dict[str, Any], structured: Sequence[str], h1: str | None, found: Any
    ) -> None:
        """`choose_headline`'s choice (`found`, its `Headlines`): the `<h1>` that matches the metadata
        headline (`h1`), else the first metadata headline (`structured`: JSON-LD, og:title, the
        feed's title, present ones, without the site name), else the `<title>`. The `<h1>`s that
        did not match are noted by `_matching_h1`."""
        headline = found.headline
        if h1:
            glued = "" if headline == h1 else f"; label split off: {h1[: len(h1) - len(headline or '')].strip()!r}"
            why = "the printed <h1> that matches the metadata headline" if structured else "the first <h1>"
            self.note("headline", "h1", h1, CHOSEN, why + glued, headline)
        raw = [(s, t) for s, t in (("json-ld", meta.jsonld_headline), ("og:title", meta.og_title)) if t]
        raw += [("feed title", hints["title"])] if hints.get("title") else []
        for index, ((source, text), stripped) in enumerate(zip(raw, structured, strict=False)):
            if not h1 and index == 0:
                self.note("headline", source, text, CHOSEN, "the most trusted metadata headline; no <h1> matches it",
                          stripped)  # fmt: skip
                continue
            why = "the printed <h1> is the headline" if h1 else f"less trusted than {raw[0][0]}"
            why += "; same words" if _same_words(stripped, headline) else "; other words"
            if stripped == found.alternative:
                why += " (kept as alternativeHeadline)"
                self.note("alternativeHeadline", source, text, CHOSEN, "a metadata headline in other words", stripped)
            self.note("headline", source, text, LOST, why, None if stripped == text else stripped)
        if meta.title:
            if not h1 and not structured:
                self.note("headline", "title", meta.title, CHOSEN, "no <h1> and no metadata headline", headline)
            else:
                self.note("headline", "title", meta.title, LOST, "the <title> is read only without <h1> or metadata")
        glued = bool(h1 and headline and h1 != headline)
        where = "glued before the <h1>" if glued else "printed above the <h1>"
        if found.section:
            from_label = found.section == meta.kicker or (glued and h1.startswith(found.section))
            reason = f"the label {where}: a navigation link or the metadata's section" if from_label else (
                "the metadata's section (article:section, JSON-LD)")
            self.note("articleSection", "label" if from_label else "metadata", found.section, CHOSEN, reason)
        if found.kicker:
            self.note("kicker", "label", found.kicker, CHOSEN, f"the line {where}: not a navigation label")
        if meta.kicker and meta.kicker not in (found.section, found.kicker):
            self.note("kicker", "label", meta.kicker, LOST, "too long for a label (over 4 words or 40 characters)")

    def h1_overlaps(self, overlaps: dict[str, float]) -> None:
        """How many of the metadata headline's words each `<h1>` shares (half are needed)."""
        for text, share in overlaps.items():
            self.note("headline", "h1", text, LOST, f"shares {share:.0%} of the metadata headline's words")

    # --- body ------------------------------------------------------------------------------------

    def drop(self, block: Block, reason: str) -> None:
        self.note("body", block.kind, block.text, DROPPED, reason)

    def cleaned(
        self, looped: Sequence[Block], body: Sequence[Block], figures: Sequence[Figure], images: Sequence[Image]
    ) -> None:
        """The end of `clean_blocks`: the blocks the loop kept (`looped`) less the label above the body
        and the fragments after it (`body`); the article's images among the page's figures."""
        kept = {id(block) for block in body}
        first = next((index for index, block in enumerate(looped) if id(block) in kept), len(looped))
        for index, block in enumerate(looped):
            if id(block) not in kept:
                self.drop(block, "the section label or kicker above the body" if index < first else
                          "a fragment after the body (tags, leftovers): not a sentence")  # fmt: skip
        chosen = {image.url: image for image in images}
        seen: set[str] = set()
        for figure in figures:
            if figure.url in seen:
                self.note("images", "figure", figure.url, LOST, "same image as an earlier one")
            elif figure.url in chosen:
                image = chosen[figure.url]
                credit = f"; credit {image.creditText!r}" if image.creditText else ""
                self.note("images", "figure", figure.url, CHOSEN, f"a <figure> of the article{credit}", image.caption)
            else:
                self.note("images", "img", figure.url, LOST, "outside the article's <figure>s (aside, teaser, logo)")
            seen.add(figure.url)

    # --- authors ---------------------------------------------------------------------------------

    def authors(
        self,
        parsed: Sequence[tuple[BylineCandidate, Byline]],
        structured: Sequence[Author],
        printed: Byline,
        authors: Sequence[Author],
        organisations: Sequence[str],
    ) -> None:
        """`choose_authors`' choice: the people of the most trusted structured source that names
        any (`structured`), or of the byline printed nearest the headline (`printed`) where there
        is none or it names every structured author and more, else a hint's (`authors`: the
        choice). Every candidate is noted with what it credits; agencies count from all of them."""
        from newscrawl.text import match_key

        chosen = {match_key(author.name) for author in authors}
        source = next((c.source for c, b in parsed if structured and any(a is structured[0] for a in b.authors)), None)
        printed_wins = bool(printed.authors) and list(printed.authors) == list(authors)
        past_printed = False
        for candidate, byline in parsed:
            value = _credits(byline)
            names = {match_key(author.name) for author in byline.authors}
            for agency in byline.agencies:
                self.note("agencies", candidate.source, candidate.text, CHOSEN, f"credits the agency {agency}", agency)
            for name in organisations if set(organisations) & set(byline.organisations) else ():
                self.note("creditedOrganizations", candidate.source, candidate.text, CHOSEN,
                          "credits an organisation and no person or agency", name)  # fmt: skip
            if candidate.source in _PRINTED_BYLINES and byline is printed and printed.authors and not past_printed:
                past_printed = True
                if printed_wins:
                    why = "it names every structured author and more" if structured else "no structured author"
                    self.note("authors", candidate.source, candidate.text, CHOSEN,
                              "the byline printed nearest the headline: " + why, value)  # fmt: skip
                else:
                    same = "the same people" if names <= chosen else "it adds no one beyond them"
                    self.note("authors", candidate.source, candidate.text, LOST,
                              f"the printed byline; {source} is trusted more and {same}", value)  # fmt: skip
                continue
            if not byline.authors:
                self.note("authors", candidate.source, candidate.text, LOST, _why_nobody(byline), value)
            elif candidate.source == source and not printed_wins:
                self.note("authors", candidate.source, candidate.text, CHOSEN,
                          "the most trusted structured source that names a person", value)  # fmt: skip
            elif printed_wins and source and candidate.source == source:
                self.note("authors", candidate.source, candidate.text, LOST,
                          "the printed byline names these people and more", value)  # fmt: skip
            elif not source and not printed.authors and names <= chosen:
                self.note("authors", candidate.source, candidate.text, CHOSEN,
                          "no structured source or printed byline names a person", value)  # fmt: skip
            elif candidate.source in _PRINTED_BYLINES:
                reason = ("further from the headline than the chosen byline" if past_printed
                          else "not the byline printed with the article")  # fmt: skip
                self.note("authors", candidate.source, candidate.text, LOST, reason, value)
            else:
                winner = source if not printed_wins else "the printed byline"
                self.note("authors", candidate.source, candidate.text, LOST, f"less trusted than {winner}", value)

    # --- dates -----------------------------------------------------------------------------------

    def date_candidates(
        self,
        field: str,
        ranked: Sequence[DateCandidate],
        read: DateReader,
        chosen_raw: str | None,
        chosen: ParsedDate | None,
    ) -> None:
        """A date field's candidates, most trusted first, as `choose_dates` met them: unreadable,
        implausible, the first plausible one (`chosen_raw`, made `chosen` by taking the time of a
        candidate of the same day), and those it did not need to read (compared here, read by the
        page's reader, which has most of them already)."""
        from newscrawl.article.dates import is_plausible

        first: ParsedDate | None = None
        for candidate in dict.fromkeys(ranked):  # a date both in a date class and a labelled line: once
            label = f"{candidate.source} ({candidate.kind})"
            parsed = read(candidate.text)
            value = parsed.iso() if parsed else None
            if first is not None:
                same = value is not None and first.iso().startswith(value)
                agreement = "not a date" if parsed is None else "same date" if same else "another date"
                self.note(field, label, candidate.text, LOST, f"less trusted than the chosen; {agreement}", value)
            elif parsed is None:
                self.note(field, label, candidate.text, LOST, "not read as a date")
            elif not is_plausible(parsed, read.now):
                self.note(field, label, candidate.text, LOST, "rejected: before 1990 or in the future", value)
            elif candidate.text == chosen_raw:
                self.note(field, label, candidate.text, CHOSEN, "the most trusted plausible date", value)
                first = parsed
        self._dates[field] = first
        self.revise(field, chosen, "the time of another candidate of the same day")

    def revise(self, field: str, value: ParsedDate | None, why: str) -> None:
        """A later step of the date choice made `field` `value`, for reason `why` (nothing where it
        stayed the same)."""
        before = self._dates.get(field)
        if value is before or (value is not None and before is not None and value.iso() == before.iso()):
            return
        self._dates[field] = value
        if value is None:
            self.note(field, "-", before.raw if before else "", LOST, why, before.iso() if before else None)
        else:
            was = f" (was {before.iso()})" if before is not None else ""
            self.note(field, "revised", value.raw, CHOSEN, why + was, value.iso())

    def dates_final(self, published: ParsedDate | None, modified: ParsedDate | None) -> None:
        """The last rules of `choose_dates`: a modified date earlier than the published one is
        dropped; a page with a modified date alone publishes it."""
        self.revise("dateModified", modified, "earlier than the published date")
        stands_in = modified is not None and published is modified
        self.revise("datePublished", published, "no published date: the modified date stands in" if stands_in else
                    "no published date: the least trusted reading (htmldate's) stands in")  # fmt: skip

    # --- rendering -------------------------------------------------------------------------------

    def by_field(self) -> dict[str, list[Decision]]:
        """Each field's decisions, one a candidate (its last), chosen ones first; body blocks in order."""
        fields: dict[str, dict[tuple[str, str], Decision]] = {}
        for decision in self.decisions:
            entries = fields.setdefault(decision.field, {})
            key = (decision.source, decision.text) if decision.field != "body" else (str(len(entries)), "")
            entries.pop(key, None)
            entries[key] = decision
        ordered = {}
        for field in [*FIELDS, *fields]:
            if field in fields and field not in ordered:
                entries = list(fields[field].values())
                ordered[field] = entries if field == "body" else sorted(entries, key=lambda d: d.outcome != CHOSEN)
        return ordered


def _same_words(first: str | None, second: str | None) -> bool:
    from newscrawl.text import match_key

    return match_key(first or "") == match_key(second or "")


def _credits(byline: Byline) -> str:
    """What a byline credits, in a few words: `Jane Doe, John Roe; agency Reuters`."""
    parts = [", ".join(author.name for author in byline.authors)]
    parts += [f"agency {name}" for name in byline.agencies]
    parts += [f"organisation {name}" for name in byline.organisations]
    parts += [f"unread {text!r}" for text in byline.unread]
    return "; ".join(part for part in parts if part) or "nobody"


def _why_nobody(byline: Byline) -> str:
    if byline.organisations:
        return "names no person: an organisation, the site or a desk (never an author)"
    if byline.agencies:
        return "names no person: an agency (kept in agencies)"
    if byline.unread:
        return "rejected by the name guard: not read as a person's name"
    return "names nobody"


@attrs.frozen
class Explanation:
    """The explanation of one page: its trace, its record or the reason it gave none."""

    url: str
    trace: Trace
    record: dict[str, Any] | None = None
    error: dict[str, Any] | None = None
    """`{url, stage, reason}` of a page that gave no record (stage `skip` for a skipped page)."""


def explain_page(page: Page, timezone_name: str | None = None) -> Explanation:
    """Run the page core on `page` with a trace: the record (or the rejection) and why."""
    from newscrawl.article import article_of_page
    from newscrawl.outcomes import PageNotUsed

    trace = Trace()
    try:
        record = attrs.asdict(article_of_page(page, timezone_name=timezone_name, trace=trace))
    except PageNotUsed as error:
        stage = getattr(error, "stage", "skip")
        return Explanation(page.url, trace, error={"url": error.url, "stage": stage, "reason": error.reason})
    return Explanation(page.url, trace, record=record)


def _candidates(trace: Trace) -> dict[str, list[dict[str, str]]]:
    """The raw candidates of a page read but not decided (a page skipped or rejected early)."""
    meta = trace.metadata
    if meta is None:
        return {}
    headline = [("h1", text) for text in meta.h1]
    headline += [(s, t) for s, t in (("json-ld", meta.jsonld_headline), ("og:title", meta.og_title)) if t]
    headline += [("title", meta.title)] if meta.title else []
    found = {
        "headline": headline,
        "authors": [(c.source, c.text) for c in meta.bylines],
        "dates": [(f"{c.source} ({c.kind})", c.text) for c in meta.dates],
    }
    return {field: [{"source": s, "text": t} for s, t in pairs] for field, pairs in found.items() if pairs}


def to_json(explanation: Explanation) -> dict[str, Any]:
    """The explanation as plain data (see the README for its shape)."""
    trace = explanation.trace
    record = explanation.record or {}
    fields: dict[str, Any] = {}
    for field, decisions in trace.by_field().items():
        shown = [attrs.asdict(decision, filter=lambda a, _: a.name != "field") for decision in decisions]
        entry: dict[str, Any] = {"candidates": shown}
        if field == "body":
            dropped = [d for d in decisions if d.outcome == DROPPED]
            entry = {"blocksRead": len(trace.blocks), "dropped": entry["candidates"], "droppedByReason": {}}
            for decision in dropped:
                entry["droppedByReason"][decision.reason] = entry["droppedByReason"].get(decision.reason, 0) + 1
            entry["blocksKept"] = record.get("articleBody", "").count("\n\n") + 1 if record.get("articleBody") else 0
        elif field in record:
            entry = {"value": record[field], **entry}
        fields[field] = entry
    return {
        "url": explanation.url,
        "outcome": "record" if explanation.record is not None else explanation.error["stage"],
        "page": trace.verdict or None,
        "error": explanation.error,
        "fields": fields,
        "candidates": _candidates(trace) if explanation.record is None else {},
    }


def render_json(explanation: Explanation) -> str:
    return json.dumps(to_json(explanation), ensure_ascii=False, indent=2)


_MARKS = {CHOSEN: "✓", LOST: "✗", DROPPED: "-", KEPT: "+"}
_MAX_TEXT = 90


def _quote(text: str | None, limit: int = _MAX_TEXT) -> str:
    text = text or ""
    return json.dumps(text if len(text) <= limit else text[: limit - 1] + "…", ensure_ascii=False)


def _shown(value: Any) -> str:
    if value is None or value == []:
        return "—"
    if isinstance(value, list):
        return ", ".join(str(item.get("name") or item.get("url")) if isinstance(item, dict) else item for item in value)
    if isinstance(value, dict):
        return str(value.get("url", value))
    return _quote(str(value), 200)


def _decision_lines(decisions: Iterable[Decision]) -> list[str]:
    lines = []
    width = max((len(decision.source) for decision in decisions), default=0)
    for d in decisions:
        reads = f" -> {_quote(d.value, 60)}" if d.value and d.value != d.text else ""
        lines.append(f"  {_MARKS.get(d.outcome, '?')} {d.source:<{width}}  {_quote(d.text)}{reads}")
        if d.reason:
            lines.append(f"      {d.outcome}: {d.reason}")
    return lines


def render_text(explanation: Explanation) -> str:
    """The explanation for a reader: per field, its value, then each candidate (✓ chosen, ✗ lost)
    with its source, raw text and reason; the body's dropped blocks counted by reason."""
    trace, record = explanation.trace, explanation.record or {}
    lines = [f"explain {explanation.url}"]
    if trace.verdict:
        lines.append(f"page: {trace.verdict}; {len(trace.blocks)} body blocks read")
    decided = trace.by_field()
    shown = [field for field in FIELDS if field in decided or field in record or (field == "body" and trace.blocks)]
    for field in [*shown, *(field for field in decided if field not in shown)]:
        decisions = decided.get(field, [])
        if field == "body":
            lines += _body_lines(decisions, trace, record)
            continue
        value = f" = {_shown(record[field])}" if field in record else ""
        empty = "" if decisions else "  (no candidate on the page)"
        lines += ["", f"{field}{value}{empty}", *_decision_lines(decisions)]
    if explanation.record is None:
        candidates = _candidates(trace)
        if candidates and not decided:
            lines += ["", "candidates (not decided: the page gave no record before the choices ran)"]
            for field, found in candidates.items():
                lines.append(f"  {field}:")
                lines += [f"    {entry['source']}  {_quote(entry['text'])}" for entry in found]
        error = explanation.error or {}
        lines += ["", f"no record: {error.get('stage')}: {error.get('reason')}"]
    return "\n".join(lines)


def _body_lines(decisions: Sequence[Decision], trace: Trace, record: dict[str, Any]) -> list[str]:
    dropped = [d for d in decisions if d.outcome == DROPPED]
    kept = record.get("articleBody", "").count("\n\n") + 1 if record.get("articleBody") else 0
    lines = ["", f"body: {len(trace.blocks)} blocks read, {len(dropped)} dropped, {kept} kept"]
    reasons: dict[str, list[Decision]] = {}
    for decision in dropped:
        reasons.setdefault(decision.reason, []).append(decision)
    for reason, group in sorted(reasons.items(), key=lambda item: -len(item[1])):
        lines.append(f"  - {len(group)} {reason}")
        lines += [f"      {d.source:<9} {_quote(d.text, 80)}" for d in group[:3]]
        if len(group) > 3:
            lines.append(f"      … and {len(group) - 3} more")
    return lines
