"""The head of an official paper, where it differs from a web article's: a report delivered at a
meeting (the label of the series of papers above its title, the delivery line ——某日在某会议上 and the
speaker's line under it) and an official document (its red header 某局文件 or the issuer's name, and its number). `kg.head`
reads them into a page's head; `kg.segment` keeps their lines apart when it joins hard-wrapped text."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kg.dates import find_dates

if TYPE_CHECKING:
    from kg.head import Head, Line

#: how the name of an agency ends (a publisher, an issuer, a signature; a working group: 某市人大常委会调研组)
AGENCY_END = r"(?:中心|局|办公室|办公厅|委员会|政府|厅|委|办|室|院|小组|调研组|课题组|督查组|工作组|检查组|专班)"
#: a label above a report's title naming the series of papers it belongs to: 某区人大常委会会议文件（十四）
PAPERS_LABEL_RE = re.compile(r"^\S{2,30}?(?:会议文件|会议材料|会议资料)\s*"
                             r"(?:[(（][一二三四五六七八九十\d]{1,4}[)）]|之[一二三四五六七八九十\d]{1,4})?$")
#: how the title of a report or an official document ends
TITLE_END_RE = re.compile(r"(?:报告|通知|通报|意见|方案|办法|决定|总结|讲话|规定|细则|公告|通告|批复|函|纪要)$")
#: an official document's red header, its issuer then 文件 (某市人民政府办公室文件), and its number
RED_HEADER_RE = re.compile(rf"^(\S{{3,30}}{AGENCY_END})文件$")
#: a red header that is the issuer's name alone (某市优化营商环境工作领导小组办公室), known by the
#: document number on the line under it
ISSUER_LINE_RE = re.compile(rf"^([\u4e00-\u9fff（）()0-9]{{3,30}}{AGENCY_END})$")
DOC_NUMBER_RE = re.compile(r"^\S{1,12}[〔\[【(（]\s*(?:19|20)\d{2}\s*[〕\]】)）]\s*\d{1,4}\s*号$")
#: a notice that carries another document, named in its title: 某局关于印发X的通知
CARRYING_NOTICE_RE = re.compile(r"关于(?:印发|转发)(.{4,80})的通知$")
#: the line under a speech's or report's title saying where it was delivered: ——2024年8月27日在某区人大常委会…会议上
DELIVERED_RE = re.compile(r"^[—－-]{1,2}\s*\S")
DELIVERED_END_RE = re.compile(r"(?:上|讲话|发言|报告|致辞)[)）]?$")
#: the speaker's line under it: an agency, the speaker's post, the name (某区人民政府副区长　张三)
SPEAKER_RE = re.compile(rf"^(\S{{2,30}}{AGENCY_END})\S{{0,12}}?(?:长|主任|书记|主席|委员)\s+[\u4e00-\u9fff]{{2,4}}$")


def read_delivery(head: Head, lines: list[Line], j: int) -> int:
    """The date a speech or report under a title was delivered (——2024年8月27日在…会议上, the line
    may wrap) and the body its speaker speaks for (某区人民政府副区长　张三) as publisher; the index
    of the line after them, 0 when lines[j] is no such line."""
    if not DELIVERED_RE.match(lines[j].text):
        return 0
    end = j + 1
    if end < len(lines) and not SPEAKER_RE.match(lines[end].text) and not DELIVERED_END_RE.search(lines[j].text) \
            and len(lines[end].text) <= 20:
        end += 1  # the line wrapped: 常务委员 / 会第二十次会议上
    # a day: the year in a meeting's name (在某区2024年优化营商环境工作大会上) dates no delivery
    dates = [d for d in find_dates("".join(ln.text for ln in lines[j:end])) if d.precision == "day"]
    if not dates:
        # undated (——在全市某会议上的交流发言): the speaker's body and the date may follow, each on its line
        return j + 1 if "在" in lines[j].text and DELIVERED_END_RE.search(lines[j].text) else 0
    head.day = head.day or dates[0].iso
    if end < len(lines) and (speaker := SPEAKER_RE.match(lines[end].text)):
        if head.publisher is None:
            head.publisher = speaker.group(1)
            head.pub_span = (lines[end].start, lines[end].start + speaker.end(1))
        end += 1
    return end
