"""Read the main text of a web page with selectolax (Lexbor), without the site around it.

The content container is the tightest `<article>`, `<main>` or content-like `<div>` that holds
most of the page's Chinese text; failing that, `<body>`. Inside it, scripts, navigation, headers,
footers, forms and elements whose id or class name site furniture (nav, menu, breadcrumb, share …)
are skipped, unless such an element holds most of the text (some sites wrap the whole page in a
`<form>`). Block elements become lines. The tree is walked with an explicit stack, so pages
nested thousands deep do not exhaust Python's recursion limit.
"""
from __future__ import annotations

import re
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser, LexborNode

from kg.errors import IngestError
from kg.read.txt import decode
from kg.records import RawText

#: never text: dropped wherever they are
_INVISIBLE = frozenset(
    {"script", "style", "noscript", "template", "iframe", "head", "svg", "object"}
)
#: site furniture by tag
_FURNITURE_TAGS = frozenset(
    {"nav", "header", "footer", "aside", "form", "menu", "button", "select"}
)
#: site furniture by id or class
_FURNITURE_NAME = re.compile(
    r"nav|menu|footer|header|breadcrumb|crumb|share|sidebar|side-bar|copyright|toolbar|comment|"
    r"topbar|top-bar|right-?col|col-?right|\bside\b|prevnext|prev-next|\brelated\b|\bpages\b|\bxgxx\b|\bxglj\b|\bxgwz\b",
    re.IGNORECASE,
)
#: content containers by id or class
_CONTENT_NAME = re.compile(
    r"content|article|main|text|detail|zoom|trs_editor|\bcon\b", re.IGNORECASE
)
_BLOCKS = frozenset(
    {
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "br", "ul", "ol", "table",
        "section", "article", "main", "blockquote", "pre", "dd", "dt", "dl", "figure",
        "figcaption", "address", "hr", "caption", "center",
    }
)
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_CELLS = frozenset({"td", "th"})
_SPACE = re.compile(r"[ \t\n\r\f]+")
_SPACES = re.compile(r" {2,}")
_CELL_GAP = re.compile(r"[ \t]*\t[ \t]*")
#: a furniture element holding at least this share of the container's CJK text is kept
_MOST = 0.5
#: a candidate container must hold at least this share of the best candidate's CJK text
_NEAR_BEST = 0.7
#: a wrapper around the text's container with its headline holds at most this much more text
_HEAD_SHARE = 1.3


def read(path: Path) -> RawText:
    """Extract the main text of the HTML page at `path`, one block element per line.

    Raises:
        IngestError: the bytes are not text, or the page has no visible text.
    """
    markup, encoding = decode(path, path.read_bytes())
    text = extract(markup)
    if not text.strip():
        raise IngestError(path, "HTML page has no visible text")
    return RawText(path=str(path), text=text, fmt="html", encoding=encoding)


def extract(markup: str) -> str:
    """Return the visible main text of an HTML document, one block per line.

    >>> extract("<html><body><nav>首页</nav><p>正文 第一段</p><p>第二段</p></body></html>")
    '正文 第一段\\n第二段'
    """
    tree = LexborHTMLParser(markup)
    root = tree.body or tree.root
    if root is None:
        return ""
    counts = _cjk_counts(root)
    content = _content(root, counts)
    lines = _lines(content, counts)
    title = tree.css_first("title")
    if title is not None and content.css_first("h1, h2") is None:
        heading = _SPACE.sub(" ", title.text()).strip()
        # not when the page already shows it: as a line, or a line as the title's part (标题_某市人民政府)
        if heading and not any(ln == heading or (len(ln) >= 6 and ln in heading) for ln in lines[:12]):
            lines.insert(0, heading)
    return "\n".join(lines)


def _content(body: LexborNode, counts: dict[int, int]) -> LexborNode:
    """Choose the tightest container that holds nearly as much CJK text as the richest one."""
    candidates = [
        node
        for node in body.css("article, main, [role=main], div[id], div[class], td[id], td[class]")
        if node.tag in ("article", "main") or _CONTENT_NAME.search(_names(node))
    ]
    scored = [
        (node, _unlinked(node, counts))
        for node in candidates
        if not _is_furniture_name(node) and counts.get(node.mem_id, 0) > 0
    ]
    if not scored:
        return body
    best = max(count for _, count in scored)
    if best < _NEAR_BEST * _unlinked(body, counts):
        return body
    near = [(count, node) for node, count in scored if count >= _NEAR_BEST * best]
    return _with_head(min(near, key=lambda pair: pair[0])[1], counts)


def _unlinked(node: LexborNode, counts: dict[int, int]) -> int:
    """A container's CJK text outside links: a column listing other stories' headlines as links
    beside the article (工作动态: 标题 日期, …) is not the article's text."""
    return counts.get(node.mem_id, 0) - sum(counts.get(a.mem_id, 0) for a in node.css("a"))


#: an article's headline: a heading, or an element named for a title (news-title, rich_media_title)
_HEADLINES = "h1, h2, [class*=title], [class~=tit], [id*=title]"


def _with_head(content: LexborNode, counts: dict[int, int]) -> LexborNode:
    """The container with the article's head around it: a page often sets its headline (`<h1>`)
    and its date-and-source line beside the text's own `<div>`, in a wrapper holding little else.
    Up to three levels up, the first wrapper with a headline outside the text, if the wrapper's
    text is not much more than the article's (a page's whole column with its sidebars is not)."""
    own = counts.get(content.mem_id, 0)
    node = content.parent
    for _ in range(3):
        if node is None or node.tag == "html":
            break  # (the body itself may be the wrapper: 标题, 来源 line and text each a child of it)
        furniture = sum(counts.get(c.mem_id, 0) for c in node.iter() if _is_furniture_name(c))
        if counts.get(node.mem_id, 0) - furniture > _HEAD_SHARE * own:  # (上一篇/下一篇, 相关链接 aside)
            break
        if any(h.mem_id != content.mem_id and not _inside(h, content) and 0 < counts.get(h.mem_id, 0) <= 80
               for h in node.css(_HEADLINES)):
            return node
        node = node.parent
    return content


def _inside(node: LexborNode, container: LexborNode) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.mem_id == container.mem_id:
            return True
        parent = parent.parent
    return False


def _lines(container: LexborNode, counts: dict[int, int]) -> list[str]:
    """Walk `container` without recursion; blocks become lines, table cells are tab-separated."""
    total = counts.get(container.mem_id, 0)
    out: list[str] = []
    stack: list[tuple[LexborNode, str]] = [(container, "")]
    while stack:
        node, closing = stack.pop()
        if closing:
            out.append(closing)
            continue
        if node.is_text_node:
            out.append(_SPACE.sub(" ", node.text_content or ""))
            continue
        tag = node.tag or ""
        if not tag or tag.startswith("-"):  # comments, processing instructions
            continue
        if node is not container and _skip(node, tag, counts, total):
            continue
        if tag in _BLOCKS:
            out.append("\n")
            stack.append((node, "\n"))
        elif tag in _CELLS:
            stack.append((node, "\t"))
        stack.extend((child, "") for child in reversed(list(node.iter(include_text=True))))
    lines = ("".join(out)).split("\n")
    tidy = (_SPACES.sub(" ", _CELL_GAP.sub("\t", line)).strip(" \t") for line in lines)
    return [line for line in tidy if line.strip()]


def _skip(node: LexborNode, tag: str, counts: dict[int, int], total: int) -> bool:
    """Say whether an element inside the container is invisible or site furniture."""
    if tag in _INVISIBLE:
        return True
    if tag not in _FURNITURE_TAGS and not _is_furniture_name(node):
        return False
    if (tag == "header" or "header" in _names(node).lower()) and node.css_first("h1") is not None:
        return False  # an article's own header carries its headline
    return not (total and counts.get(node.mem_id, 0) >= _MOST * total)


def _is_furniture_name(node: LexborNode) -> bool:
    return bool(_FURNITURE_NAME.search(_names(node)))


def _names(node: LexborNode) -> str:
    attributes = node.attributes
    return f"{attributes.get('id') or ''} {attributes.get('class') or ''}"


def _cjk_counts(root: LexborNode) -> dict[int, int]:
    """Count the CJK characters of visible text under every element, keyed by `mem_id`.

    One pass without recursion: a pre-order walk, then children added to parents in reverse.
    """
    order: list[tuple[int, int | None, int]] = []  # (node, parent, own CJK count)
    stack: list[tuple[LexborNode, int | None]] = [(root, None)]
    while stack:
        node, parent = stack.pop()
        if node.is_text_node:
            order.append((node.mem_id, parent, len(_CJK.findall(node.text_content or ""))))
            continue
        order.append((node.mem_id, parent, 0))
        if (node.tag or "") not in _INVISIBLE:
            stack.extend((child, node.mem_id) for child in node.iter(include_text=True))
    counts: dict[int, int] = {}
    for mem_id, parent, own in reversed(order):
        counts[mem_id] = counts.get(mem_id, 0) + own
        if parent is not None:
            counts[parent] = counts.get(parent, 0) + counts[mem_id]
    return counts
