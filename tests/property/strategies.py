"""Hypothesis strategies: hostile text built from the pieces Chinese IP news is made of.

Plain random Unicode rarely forms an agency name or a 《title》, so the text
strategy splices real fragments (organ names, 印发, 《, 》, quotes, 我市) with
arbitrary characters, control characters and IRI-breaking punctuation.
"""

from __future__ import annotations

import os

from hypothesis import strategies as st


def examples(n: int) -> int:
    """``n`` examples, times ``$KG_PROPERTY_SCALE`` (e.g. 20 for a long bug hunt; CI runs 1)."""
    return n * int(os.environ.get("KG_PROPERTY_SCALE", "1"))

#: Characters that break IRIs, Turtle, N-Triples, JSON or line-based formats when not escaped.
HOSTILE = [
    ">", "<", '"', "\\", "\n", "\r", "\t", "\x00", "\x01", "\x08", "\x1b", "\x7f", "\x85", "\u2028", "\u2029",
    "{", "}", "|", "^", "`", " ", "\u3000", "#", "%", "?", "&", "'", "\ufeff", "\ufffe", "\uffff", "\u200b",
    "\u202e", "é", "𠮷", "\U0010ffff", "@", ":", "/", "%2F", "%zz", "_:", "\\u0022", "<>",
]  # fmt: skip

#: Pieces of real articles (seeds/) around which the NER and linker have rules.
FRAGMENTS = [
    "拉萨市", "白银市", "余姚市", "甘肃省", "西藏自治区", "市场监管局", "市场监督管理局", "知识产权局",
    "国家知识产权局", "国知局", "市委办", "市政府办", "人民政府办公室", "党中央", "国务院", "我市", "本市",
    "印发", "出台", "制定", "联合印发", "开展", "实施方案", "行动计划", "专项行动", "关于", "进一步加强",
    "知识产权保护", "的通知", "《", "》", "〈", "〉", "“", "”", "‘", "’", "「", "」", "（", "）", "(", ")",
    "。", "，", "、", "；", "：", "\n", "2021年", "—", "-", "有限公司", "法院", "铁拳", "护航", "蓝天",
]  # fmt: skip

#: Any character except lone surrogates (which no UTF-8 file can hold).
ANY_CHAR = st.characters(exclude_categories=("Cs",))
CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
CONTROL = st.characters(max_codepoint=0x1F) | st.characters(min_codepoint=0x7F, max_codepoint=0x9F)

_fragment = st.sampled_from(FRAGMENTS)
_piece = st.one_of(
    # Weighted: fragments make entities, and entities make the interesting cases.
    _fragment,
    _fragment,
    _fragment,
    _fragment,
    st.sampled_from(HOSTILE),
    st.text(CJK, min_size=1, max_size=4),
    st.text(ANY_CHAR, min_size=1, max_size=3),
    CONTROL,
)

#: A name (title, campaign, organisation) full of hostile characters, never empty.
hostile_name = st.lists(
    st.one_of(st.sampled_from(HOSTILE), st.text(CJK, min_size=1, max_size=3), ANY_CHAR, CONTROL), min_size=1, max_size=12
).map("".join)

AGENCIES = ["拉萨市市场监管局", "国家知识产权局", "白银市人民政府办公室", "市委办", "我市市场监管局", "西藏自治区知识产权局", "国知局"]
VERBS = ["印发", "出台", "联合印发", "制定", "开展"]
_junk = st.lists(st.one_of(st.sampled_from(HOSTILE), ANY_CHAR, CONTROL), max_size=2).map("".join)
_title = st.one_of(hostile_name, st.text(CJK, min_size=2, max_size=12), st.sampled_from(["关于进一步加强知识产权保护的实施方案", "2021年行动计划"]))

#: "<agency> 印发《<title>》" with junk in every gap: the shape the issuance rules look for.
sentence = st.builds(
    lambda j1, agency, j2, verb, title, j3: f"{j1}{agency}{j2}{verb}《{title}》{j3}。",
    _junk,
    st.sampled_from(AGENCIES),
    _junk,
    st.sampled_from(VERBS),
    _title,
    _junk,
)

#: Article-like text: sentences in the issuance shape, and loose pieces between them.
article_text = st.lists(st.one_of(sentence, _piece, _piece), max_size=30).map("".join)

#: An article id as a file path could give it.
article_id = st.lists(st.one_of(st.sampled_from(HOSTILE + ["/", ".", "..", "sub/"]), st.text(ANY_CHAR, max_size=4)), min_size=1, max_size=6).map(
    "".join
)
