"""Generalisation guard on ``tests/fixtures/heldout``: NER mention level, as ``score.py`` counts it.

These hundred and ten articles (昆山, 佛山, 陕西, 昆明官渡, 伊犁 in traditional
characters, 重庆永川 with full-width text, 深圳, 黑龙江, 海南, 广西 in
traditional characters, 武汉, 长春, 北京海淀, 合肥, 海西州, 京津冀, 凉山,
江西, 辽宁, 太原, 呼和浩特海关, 宁夏"昆仑", 上海"剑网", 甘肃种业, 天津
发布会, 延边; 安溪 geographical indications, 山东 IP finance, 广交会,
郑州中院 Q&A, 贵州 patent transfer, 湘西 column; 浙江 data IP, 襄阳 work
report, 四川 overseas aid, 邢台 procuratorate, 彝良 天麻, 大同 双打 with
ASCII punctuation; 南通 policy Q&A, 厦门 reply to an NPC proposal, 湖南
draft for comment, 洛阳 公示 table, 巴州/兵团 visit, 福州鼓楼 trademark
case; 浙江 亚运 marks, 宜昌 铁拳, the national 推进计划, 东莞 mediation and
arbitration, 日喀则 publicity week, 大连 版权 notice; 潍坊, 晋中 老字号,
南宁 customs with 芒街, 湄潭, 安徽, G60; 涪陵 榨菜, 常州 商会 mediation,
山西, 东乌珠穆沁 mutton with 嘎查, 三亚 南繁, 粤港澳; 河北 NPC inspection,
苏州 adjudication, 进博会 in 青浦, 青岛 open licensing, 许昌 abnormal
filings, 五常大米; 瑞安 强县 plan, 西双版纳 傣医药, 成都 notarisation, 三明
forestry, 雄安新区 service centre, 乌鲁木齐/喀什 copyright; 柳州螺蛳粉,
江苏 work plan, 长株 IP insurance, 杨凌 technology transfer, 海南自贸港 IP court,
昌都/玉树/甘孜 藏医药 column; 澄海 toy tribunal, 长白山 ginseng, 中宁 枸杞 press
conference, 景德镇 ceramics, 两江新区 work summary, 晋江 shoe fair; 包头
rare-earth navigation, 武当 tea notice, 寿光 seed court, 百色 mango, 朝阳
trade secrets, 阿克苏地区 with 兵团 第一师; 哈尔滨 mediation, 西宁 trademarks,
the national 双打 notice to 各省、自治区、直辖市, 滨海新区 layout designs, 仁怀
baijiu case, 兰州新区; 义乌 e-commerce, 横琴 cooperation zone, 南京
arbitration, 恩施 intangible heritage, 郑州 China–Europe trains, 天府新区;
浦东 protection centre, 大兴安岭 forest products, 兴安盟 rice, 福建 government
work report, a CNIPA press conference, 深港 cooperation in 前海) were written
with their gold JSON in nineteen batches,
each before the rules were tuned on it; ``docs/ner.md`` records each
batch's first blind score.
The thresholds sit a little under today's scores, so a rule change that
helps one article but breaks others fails here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.nlp.test_fixtures import HEADLINE, f1, read, score

HELDOUT = Path(__file__).resolve().parent.parent / "fixtures" / "heldout"
ARTICLES = sorted(HELDOUT.glob("*.txt"))


def test_heldout_set_is_varied():
    texts = [read(p) for p in ARTICLES]
    assert len(ARTICLES) >= 8
    assert sum("產權" in t for t in texts) >= 2  # traditional characters
    assert any("（" in t and "　" in t for t in texts)  # full-width punctuation and spaces
    assert all(p.with_suffix(".json").exists() for p in ARTICLES)


@pytest.fixture(scope="module")
def totals(found):
    sums = {t: [0, 0, 0, 0] for t in HEADLINE + ("ORG",)}
    per_article = {}
    for path in ARTICLES:
        counts = score(found, path)
        per_article[path.stem] = counts
        for typ, row in counts.items():
            sums[typ] = [a + b for a, b in zip(sums[typ], row)]
    return sums, per_article


def test_heldout_mention_f1(totals):
    sums, _ = totals
    head = [sum(sums[t][i] for t in HEADLINE) for i in range(4)]
    assert f1(*head) >= 0.97, sums
    for typ in HEADLINE:
        assert f1(*sums[typ]) >= 0.95, (typ, sums[typ])
    assert f1(*sums["ORG"]) >= 0.88, sums["ORG"]


@pytest.mark.parametrize("stem", [p.stem for p in ARTICLES])
def test_each_heldout_article(totals, stem):
    counts = totals[1][stem]
    head = [sum(counts[t][i] for t in HEADLINE) for i in range(4)]
    assert f1(*head) >= 0.93, counts
