"""What a web page's site furniture says before the cleaner drops it: the issue number its
breadcrumb names, and the site's sponsor its footer names."""
from __future__ import annotations

import re

from kg.clean import simplify

#: the site's sponsor in a page footer: 主办单位:某市人民政府办公室 承办单位:…
SPONSOR_RE = re.compile(r"主办(?:单位)?\s*[:：]\s*([^\s:：|｜/]{4,30}?)(?=\s|承办|协办|技术支持|网站|维护|$)")
FOOTER_CHARS = 800
#: a breadcrumb (首页 > 人大资料 > 公报) and the issue its last step may name (2020年 第4号)
BREADCRUMB_RE = re.compile(r"(?:首页|当前(?:所在)?位置\s*[:：]).*[>›»]")
CRUMB_ISSUE_RE = re.compile(r"第\s*(\d{1,4})\s*([期号])\s*$")
PERIODICAL_RE = re.compile(r"公报|简报|快报|专报|周报|月报|周刊|月刊|专刊|期刊|导刊")
HEADER_CHARS = 1500


def breadcrumb_issue(original: str) -> int | None:
    """The issue number a breadcrumb's last step names (首页 > 公报 > 某某公报2020年 第4号 → 4),
    read in the page head the cleaner drops, or None. 第N号 counts only in a periodical's name
    (某某公告2020年第4号 is a notice's number); 第N期 always does.

    >>> breadcrumb_issue("首页 > 人大资料 > 某市人大常委会公报2019年 第7号\\n正文")
    7
    >>> breadcrumb_issue("首页 > 通知公告 > 某局公告2019年第7号\\n正文") is None
    True
    """
    for line in simplify(original[:HEADER_CHARS]).splitlines():
        if not BREADCRUMB_RE.search(line):
            continue
        last = re.split(r"[>›»]", line)[-1].strip()
        m = CRUMB_ISSUE_RE.search(last)
        if m and (m.group(2) == "期" or PERIODICAL_RE.search(last[:m.start()])):
            return int(m.group(1))
    return None


def site_sponsor(original: str) -> str | None:
    """The site's sponsor named in a page footer (主办单位:…), as written, or None.

    >>> site_sponsor("正文。\\n主办单位：某市人民政府辦公室  承办单位：某市信息中心")
    '某市人民政府辦公室'
    """
    tail = original[-FOOTER_CHARS:]
    m = SPONSOR_RE.search(simplify(tail))
    return tail[m.start(1):m.end(1)] if m else None
