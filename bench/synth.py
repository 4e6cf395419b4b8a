"""Synthetic bulletins for benchmarks and load tests: realistic shapes, any size, any seed.

    python bench/synth.py OUT_DIR --items 1000 --seed 7

Writes newsletters in the PDF text-layer shape (masthead, 【sections】, headline + two spaces +
body, hard-wrapped lines), web newsletters (headline on its own line, ◆ bullets) and single web
articles (title, source/date line, body). Items name real places (GB/T 2260), agencies with their
jurisdictions, officials with titles, measures from the thesaurus (with variants) and some unknown
quoted ones, documents, dates and figures. Names of people are generated, never real.
"""
from __future__ import annotations

import argparse
import random
import textwrap
from dataclasses import dataclass
from pathlib import Path

from kg.gazetteer import gazetteer
from kg.vocab import vocab

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩邓冯曹彭曾肖田董潘袁蔡蒋余杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金"
GIVEN = "建国立新海涛晓光明华志强文峰继伟永红丽娟国庆卫东春生秀英玉兰德胜振华学军家豪子涵雨轩思远博文浩然俊杰"
DEPARTMENTS = ("市场监督管理局", "住房和城乡建设局", "自然资源和规划局", "行政审批服务局", "政务服务中心",
               "公共资源交易中心", "发展和改革委员会", "税务局", "人力资源和社会保障局", "城市管理局")
TITLES = ("市长", "副市长", "常务副市长")
VERBS = ("全面推行", "创新推出", "深化", "持续推进", "率先实施", "积极探索")
SECTIONS_LOCAL = ("本地速览", "工作动态", "区内动态")
SECTIONS_OTHER = ("外市动态", "外埠信息", "他山之石")
FILLER = ("有效提升了企业和群众的满意度", "进一步压缩了办理时限", "切实减轻了市场主体负担",
          "为优化营商环境提供了有力支撑", "得到了企业的广泛好评", "办事效率明显提高")


@dataclass(frozen=True)
class World:
    cities: list  # prefecture-level places
    counties: dict  # prefecture code → county places
    measures: list[str]


def world() -> World:
    g = gazetteer()
    cities = [p for p in g.places.values() if p.level == "prefecture" and p.name.endswith("市")]
    counties: dict[str, list] = {}
    for p in g.places.values():
        if p.level == "county" and p.parent:
            counties.setdefault(p.parent, []).append(p)
    labels = [c.label for c in vocab().measures.values() if c.kind != "platform"]
    return World(sorted(cities, key=lambda p: p.code), counties, sorted(labels))


def person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.choice((1, 2))))


def item(rng: random.Random, w: World, city, local: bool) -> tuple[str, str]:
    """One news item: (headline, body)."""
    county = rng.choice(w.counties.get(city.code, [city]))
    place = city if rng.random() < 0.6 else county
    measure = rng.choice(w.measures)
    second = rng.choice(w.measures)
    dept = rng.choice(DEPARTMENTS)
    official = person(rng)
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    subject = ("我市" if local and place is city else place.name)
    unknown = f"“{rng.choice('三四五六')}{rng.choice('办联通快')}”模式" if rng.random() < 0.2 else f"“{second}”"
    head = f"{place.name}{rng.choice(VERBS)}{measure}"
    body = (f"{month}月{day}日，{subject}{dept}{rng.choice(VERBS)}“{measure}”，同步推行{unknown}，"
            f"{rng.choice(FILLER)}。{rng.choice(TITLES)}{official}出席并讲话，要求各部门认真落实"
            f"《{city.name}优化营商环境若干措施》，确保各项改革落地见效。"
            f"今年以来，全市累计办理相关业务{rng.randint(100, 9000)}件，平均办理时间由"
            f"{rng.randint(5, 20)}个工作日压缩至{rng.randint(1, 4)}个工作日，{rng.choice(FILLER)}。")
    return head, body


def pdf_newsletter(rng: random.Random, w: World, issue: int, n_items: int) -> str:
    city = rng.choice(w.cities)
    lines = [" ", "- 1 - ", "内 部 资 料 ", "营商环境工作动态 ", f"（{issue}） ",
             f"{city.name}营商环境建设服务中心        {rng.randint(2019, 2025)} 年 {rng.randint(1, 12)} 月 "
             f"{rng.randint(1, 28)} 日   ", " "]
    for k in range(n_items):
        if k == 0 or (k == n_items // 2 and n_items > 1):
            lines.append(f"【{rng.choice(SECTIONS_LOCAL if k == 0 else SECTIONS_OTHER)}】 ")
        other = rng.choice(w.cities) if k >= n_items // 2 else city
        head, body = item(rng, w, other, local=other is city)
        lines += textwrap.wrap(f"{head}  {body}", 30) + [" "]
    return "\n".join(lines) + "\n"


def web_newsletter(rng: random.Random, w: World, issue: int, n_items: int) -> str:
    city = rng.choice(w.cities)
    out = [f"第{issue}期", f"{rng.randint(2019, 2025)}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日",
           f"【{rng.choice(SECTIONS_LOCAL)}】"]
    for _ in range(n_items):
        head, body = item(rng, w, city, local=True)
        out += [f"◆ {head}", body]
    return "\n".join(out) + "\n"


def article(rng: random.Random, w: World) -> str:
    city = rng.choice(w.cities)
    head, body = item(rng, w, city, local=False)
    return (f"{head}\n来源：{city.name[:-1]}日报 {rng.randint(2019, 2025)}-{rng.randint(1, 12):02d}-"
            f"{rng.randint(1, 28):02d} 09:30\n本报讯 {body}\n{body}\n")


def generate(out_dir: Path, items: int, seed: int = 7, per_doc: int = 8) -> list[Path]:
    """Write bulletins holding about `items` news items in total; returns the files."""
    rng, w = random.Random(seed), world()
    out_dir.mkdir(parents=True, exist_ok=True)
    files, made, k = [], 0, 0
    while made < items:
        kind = rng.random()
        n = min(per_doc, items - made)
        if kind < 0.5:
            text, n = pdf_newsletter(rng, w, k + 1, n), n
        elif kind < 0.8:
            text, n = web_newsletter(rng, w, k + 1, n), n
        else:
            text, n = article(rng, w), 1
        path = out_dir / f"synth-{seed}-{k:06d}.txt"
        path.write_text(text, encoding="utf-8")
        files.append(path)
        made, k = made + n, k + 1
    return files


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--items", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    files = generate(args.out_dir, args.items, args.seed)
    print(f"wrote {len(files)} files to {args.out_dir}")


if __name__ == "__main__":
    main()
