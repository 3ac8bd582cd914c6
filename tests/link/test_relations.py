"""ISSUED and CONDUCTS: joint issuance, coordinated clauses, agreements, recipients, citations."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from kg.link import link
from kg.link.relations import Actor, Target, find_relations, is_clean_org
from kg.link.sentences import split_sentences
from kg.model import Article, Mention
from tests.link.conftest import rows, run


def test_seed003_joint_issuance_one_row_per_issuer(linked_seed):
    # "自治区市场监督管理局与自治区高院联合印发《关于深入推进知识产权纠纷多元化解工作的实施意见》"
    issued = rows(linked_seed("003"))
    doc = "关于深入推进知识产权纠纷多元化解工作的实施意见"
    assert {("内蒙古自治区市场监督管理局", doc), ("内蒙古自治区高级人民法院", doc)} <= issued


def test_seed003_subject_shared_with_previous_clause(linked_seed):
    # "自治区党委、政府高度重视知识产权工作,制定印发了《…实施方案》"
    issued = rows(linked_seed("003"), explicit=True)
    doc = "内蒙古自治区贯彻落实〈知识产权强国建设纲要(2021—2035年)〉实施方案"
    assert ("内蒙古自治区党委", doc) in issued
    # the nested title is cited, not issued
    assert not any(d == "知识产权强国建设纲要(2021—2035年)" for _, d in issued)


def test_seed002_coordinated_clauses_carry_both_issuers(linked_seed):
    # "市委办和市政府办印发《A》,并结合实际制定《B》等一揽子文件"
    issued = rows(linked_seed("002"))
    for body in ("中共白银市委办公室", "白银市人民政府办公室"):
        assert (body, "关于进一步加强知识产权保护的实施方案") in issued
        assert (body, "2021年白银市知识产权保护行动计划") in issued


def test_seed002_agreement_without_subject_is_signed_by_the_bodies_its_title_names(linked_seed):
    issued = rows(linked_seed("002"))
    doc = "白银市市场监督管理局定西市市场监督管理局知识产权行政执法保护框架协议"
    assert {("白银市市场监督管理局", doc), ("定西市市场监督管理局", doc)} <= issued


def test_seed004_agreement_parties_with_yu(linked_seed):
    # "市市场监管局与浦东新区知识产权保护中心签署了《工作合作备忘录》"
    issued = rows(linked_seed("004"))
    assert {("株洲市市场监督管理局", "工作合作备忘录"), ("浦东新区知识产权保护中心", "工作合作备忘录")} <= issued
    # ",与上海国际…签订了《合作框架协议》": the carried subject signs too
    assert ("株洲市市场监督管理局", "合作框架协议") in issued
    assert ("浦东新区知识产权保护中心", "合作框架协议") not in issued


def test_seed004_recipient_of_submission_is_not_an_issuer(linked_seed):
    # "株洲市人民政府向湖南省知识产权局递交了《…的函》"
    issued = rows(linked_seed("004"))
    letter = "株洲市人民政府关于申报国家知识产权强市建设试点城市的函"
    assert ("株洲市人民政府", letter) in issued
    assert not any(body == "湖南省知识产权局" for body, _ in issued)


def test_seed004_national_issuers(linked_seed):
    issued = rows(linked_seed("004"))
    assert {("中共中央", "知识产权强国建设纲要(2021—2035年)"), ("国务院", "知识产权强国建设纲要(2021—2035年)")} <= issued


def test_seed000_dropped_subject_is_carried_as_implicit(linked_seed):
    # "近年来,自治区党委、政府高位推动……。\n\n编制发布《西藏自治区"十四五"…规划》"
    ex = linked_seed("000")
    implicit = rows(ex, explicit=False)
    assert ("西藏自治区党委", '西藏自治区"十四五"知识产权保护和运用规划') in implicit
    assert not rows(ex, explicit=True) & implicit


def test_seed000_subject_across_clauses_with_prepositional_object(linked_seed):
    # "昌都市市场监督管理局(知识产权局)组织人员……,面向昌都市知识产权工作领导小组成员单位
    #  广泛征求意见,形成了《…工作方案(送审稿)》"
    issued = rows(linked_seed("000"))
    doc = "昌都市国家知识产权强市建设试点城市工作方案(送审稿)"
    assert ("昌都市市场监督管理局", doc) in issued
    assert ("昌都市知识产权工作领导小组", doc) not in issued


def test_evidence_points_into_the_article(linked_seed):
    ex = linked_seed("002")
    for relation in ex.relations:
        if relation.kind == "ISSUED":
            ev = relation.evidence
            assert ex.article.text[ev.start : ev.end] == ev.sentence
            assert ev.article_id == ex.article.id


# ------------------------------------------------------------------ own texts, other provinces


def test_cited_national_document_is_not_issued_by_local_body():
    ex = run(
        "贵阳日报讯 近日,市市场监管局根据《国务院关于新形势下加快知识产权强国建设的若干意见》,"
        "制定印发《贵阳市知识产权保护实施办法》,深入贯彻落实《知识产权强国建设纲要》。"
    )
    issued = rows(ex)
    assert issued == {("贵阳市市场监督管理局", "贵阳市知识产权保护实施办法")}


def test_title_nested_in_another_title_is_not_issued():
    ex = run("近日,省知识产权局印发《关于贯彻落实〈知识产权强国建设纲要〉的实施意见》。湖北日报讯")
    documents = {d for _, d in rows(ex)}
    assert documents == {"关于贯彻落实〈知识产权强国建设纲要〉的实施意见"}


def test_joint_issuance_with_three_bodies_and_a_coordinated_clause():
    ex = run(
        "成都日报讯 日前,市市场监管局、市公安局和市中院联合印发《成都市知识产权协同保护办法》,"
        "并制定《2024年成都市知识产权执法工作要点》。"
    )
    issued = rows(ex)
    bodies = {"成都市市场监督管理局", "成都市公安局", "成都市中级人民法院"}
    assert {b for b, d in issued if d == "成都市知识产权协同保护办法"} == bodies
    assert {b for b, d in issued if d == "2024年成都市知识产权执法工作要点"} == bodies


def test_body_after_a_verb_is_an_object_not_a_subject():
    ex = run("成立市知识产权调解委员会,制定《调解工作规则》。南宁日报讯")
    assert rows(ex) == set()


def test_anaphor_stands_for_the_last_named_body():
    ex = run("余姚新闻网讯 市市场监管局持续推进知识产权工作。近年来,该局制定《余姚市商标品牌培育办法》。")
    assert rows(ex) == {("余姚市市场监督管理局", "余姚市商标品牌培育办法")}


def test_conducts_with_party_and_anaphor():
    ex = run("本報訊 近日,廣州市市場監管局印發《工作方案》。該局還聯合市公安局開展“護航”專項行動。")
    conducted = rows(ex, "CONDUCTS")
    assert conducted == {("广州市市场监督管理局", "护航专项行动"), ("广州市公安局", "护航专项行动")}


def test_conducts_list_of_campaigns():
    ex = run("株洲日报讯 市市场监管局持续开展知识产权“铁拳”“剑网”“昆仑”等行政执法专项行动。")
    conducted = {c for _, c in rows(ex, "CONDUCTS")}
    assert {"铁拳专项行动", "剑网专项行动"} <= conducted


def test_jurisdiction_and_part_of(linked_seed):
    ex = linked_seed("002")
    assert ("白银市市场监督管理局", "白银市") in rows(ex, "JURISDICTION")
    assert ("靖远县", "白银市") in rows(ex, "PART_OF")
    assert ("白银市", "甘肃省") in rows(ex, "PART_OF")


# ------------------------------------------------------------------ unit level


def test_garbage_org_spans_are_not_subjects():
    assert is_clean_org("阿里巴巴公司", "和")
    assert not is_clean_org("与余杭区局和阿里巴巴公司", ",")
    assert not is_clean_org("权运营管理有限公司", "知识产\n\n")
    assert not is_clean_org("(国家知识产权运营公共服务平台", "")


def test_glued_org_does_not_issue():
    text = "与余杭区局和阿里巴巴公司签署了《互联网治理的合作备忘录》。"
    mentions = [
        Mention("ORG", 0, 12, "与余杭区局和阿里巴巴公司", "与余杭区局和阿里巴巴公司"),
        Mention("POLICY", 17, 29, "互联网治理的合作备忘录", "互联网治理的合作备忘录"),
    ]
    assert rows(link(Article("t", text), mentions)) == set()


def test_one_row_per_pair_and_sorted_output():
    text = "甲局印发《A》。甲局印发《A》。"
    actors = [Actor(0, 2, "a:1"), Actor(8, 10, "a:1")]
    targets = [Target(5, 6, "d:A", "POLICY"), Target(13, 14, "d:A", "POLICY")]
    out = find_relations("x", text, split_sentences(text), [(0, len(text))], actors, targets)
    assert [(r.kind, r.subject, r.object, r.explicit) for r in out] == [("ISSUED", "a:1", "d:A", True)]


@pytest.mark.parametrize("gap", ["了", "的", "了 "])
def test_document_must_follow_the_verb_closely(gap):
    text = f"甲局印发{gap}《A》。"
    start = text.index("《") + 1
    out = find_relations("x", text, split_sentences(text), [(0, len(text))], [Actor(0, 2, "a")], [Target(start, start + 1, "d", "POLICY")])
    assert len(out) == 1
    far = "甲局印发关于做好知识产权工作的《A》。"
    start = far.index("《") + 1
    out = find_relations("x", far, split_sentences(far), [(0, len(far))], [Actor(0, 2, "a")], [Target(start, start + 1, "d", "POLICY")])
    assert out == []


def test_paper_in_the_dateline_is_not_the_subject():
    ex = run("佛山日报讯 市市场监管局联合市中院印发《佛山市知识产权纠纷多元化解实施办法》。")
    assert rows(ex) == {
        ("佛山市市场监督管理局", "佛山市知识产权纠纷多元化解实施办法"),
        ("佛山市中级人民法院", "佛山市知识产权纠纷多元化解实施办法"),
    }


def test_passive_agent_issues_the_title_before_it():
    ex = run("长兴县讯 《长兴县专利奖励办法》由县科技局牵头制定。《长兴县商标品牌办法》已经县政府常务会议审议通过。")
    assert rows(ex) == {
        ("长兴县科学技术局", "长兴县专利奖励办法"),
        ("长兴县人民政府", "长兴县商标品牌办法"),
    }


def test_deixis_subject_stops_the_carried_subject():
    # "我省出台《…》": the province, not the body of the sentence before, adopted it.
    ex = run(
        "江西日报讯 3月15日,省知识产权局召开全省知识产权保护工作会议。"
        "2023年,我省出台《江西省知识产权保护条例》。"
    )
    assert rows(ex) == set()


def test_separate_bodies_with_their_own_jurisdiction_stay_apart():
    ex = run("江西日报讯 省市场监管局、省知识产权局联合省高院印发《关于加强知识产权协同保护的意见》。")
    doc = "关于加强知识产权协同保护的意见"
    assert rows(ex) == {
        ("江西省市场监督管理局", doc),
        ("江西省知识产权局", doc),
        ("江西省高级人民法院", doc),
    }


def test_short_name_in_brackets_does_not_break_a_list_of_titles():
    ex = run(
        "绍兴日报讯 近日,市市场监管局制定《绍兴市商标品牌战略实施方案》(以下简称《方案》)和《绍兴市地理标志保护办法》。"
    )
    assert rows(ex) == {
        ("绍兴市市场监督管理局", "绍兴市商标品牌战略实施方案"),
        ("绍兴市市场监督管理局", "绍兴市地理标志保护办法"),
    }


def test_own_notice_headline_and_fronted_title():
    text = (
        "余杭区市场监督管理局关于印发《余杭区商标品牌培育办法》的通知\n\n"
        "各有关单位:\n\n    现将《余杭区商标品牌培育办法》印发给你们,请认真贯彻执行。\n"
    )
    assert rows(run(text)) == {("余杭区市场监督管理局", "余杭区商标品牌培育办法")}


def test_fronted_title_takes_the_clause_subject():
    text = "金华日报讯 市市场监管局将《金华市知识产权保护办法》印发至各县(市、区)。"
    assert rows(run(text)) == {("金华市市场监督管理局", "金华市知识产权保护办法")}


def test_meeting_named_before_issues_and_listed_members_do_not():
    text = (
        "平阳新闻网讯 5月10日,县知识产权工作联席会议在县政府召开。会议由副县长主持,县市场监管局、"
        "县公安局、县法院等成员单位参加。会议审议通过了《平阳县知识产权保护工作要点》,并部署开展“护航”专项行动。"
    )
    ex = run(text)
    assert rows(ex) == {("平阳县知识产权工作联席会议", "平阳县知识产权保护工作要点")}
    assert rows(ex, "CONDUCTS") == {("平阳县知识产权工作联席会议", "护航专项行动")}


def test_generic_subject_stops_the_carry():
    text = "湖州日报讯 市市场监管局召开座谈会。企业制定《湖州市某公司知识产权管理制度》。"
    assert rows(run(text)) == set()


def test_both_parties_sign():
    text = "湖州日报讯 市市场监管局与湖州银行举行签约仪式,双方签署《知识产权质押融资合作协议》。"
    assert rows(run(text)) == {
        ("湖州市市场监督管理局", "知识产权质押融资合作协议"),
        ("湖州银行", "知识产权质押融资合作协议"),
    }


# --- Verbs, relative clauses, notices, joint parties, anaphora of schools ---


def test_countersigned_document_is_issued_by_every_party():
    ex = run("盘龙区人民检察院近日与区市场监管局会签《关于建立商标保护协作机制的意见》。")
    doc = "关于建立商标保护协作机制的意见"
    assert {("盘龙区人民检察院", doc), ("盘龙区市场监督管理局", doc)} <= rows(ex)


def test_joint_parties_carry_to_the_next_clause():
    text = "德阳市人民检察院联合市市场监管局、市农业农村局召开座谈会,会签《关于加强商标协同保护的意见》。"
    doc = "关于加强商标协同保护的意见"
    issued = rows(run(text))
    assert {("德阳市人民检察院", doc), ("德阳市市场监督管理局", doc), ("德阳市农业农村局", doc)} <= issued


def test_party_added_with_yu_does_not_carry_to_the_next_clause():
    text = "市市场监管局与市公安局召开联席会议,印发《知识产权执法协作办法》。"
    issued = rows(run("德阳日报讯 " + text))
    assert ("德阳市市场监督管理局", "知识产权执法协作办法") in issued
    assert ("德阳市公安局", "知识产权执法协作办法") not in issued


def test_relative_clause_names_the_issuer_of_its_own_title_only():
    text = "为贯彻落实省委办、省政府办联合印发的《甘肃省知识产权保护实施方案》和《白银市专利规划》,市局决定开展培训。"
    issued = rows(run("甘肃日报讯 " + text))
    assert ("中共甘肃省委办公室", "甘肃省知识产权保护实施方案") in issued
    assert ("甘肃省人民政府办公室", "甘肃省知识产权保护实施方案") in issued
    assert not any(doc == "白银市专利规划" for _, doc in issued)


def test_bodies_before_the_verb_in_a_since_clause_are_its_subject():
    ex = run("吉林日报讯 自省委、省政府印发《吉林省知识产权强省建设纲要》以来,全省专利授权量稳步增长。")
    doc = "吉林省知识产权强省建设纲要"
    assert {("中共吉林省委", doc), ("吉林省人民政府", doc)} <= rows(ex)


def test_recipient_before_the_verb_is_not_its_subject():
    ex = run("向省知识产权局报送《年度工作总结》。")
    assert rows(ex) == set()


def test_notice_title_names_the_author_of_the_document_it_forwards():
    text = (
        "吉林市人民政府办公厅关于印发吉林市知识产权强市建设方案的通知\n\n各区人民政府,市政府各委办局:\n\n"
        "经市政府同意,现将《吉林市知识产权强市建设方案》印发给你们,请认真贯彻执行。"
    )
    issued = rows(run(text))
    assert ("吉林市人民政府办公厅", "吉林市知识产权强市建设方案") in issued
    assert ("吉林市人民政府", "吉林市知识产权强市建设方案") not in issued


def test_adoption_by_vote_is_issuance():
    ex = run("省人大常委会日前表决通过《浙江省专利条例》。")
    assert any(doc == "浙江省专利条例" for _, doc in rows(ex))


def test_school_anaphor_stands_for_the_university_in_an_agreement():
    text = "【青岛】中国海洋大学专利转化成效显著。日前,该校与青岛市市场监督管理局签署《专利开放许可合作协议》。"
    issued = rows(run(text))
    doc = "专利开放许可合作协议"
    assert ("青岛市市场监督管理局", doc) in issued
    assert ("中国海洋大学", doc) in issued


def test_unquoted_object_listed_before_the_title_keeps_the_title_an_object():
    text = "广州知识产权法院召开新闻发布会,发布十大典型案例和《广州知识产权司法保护状况》白皮书。"
    assert ("广州知识产权法院", "广州知识产权司法保护状况") in rows(run(text))


def test_congress_session_adopting_a_regulation_is_issued_by_the_congress_body():
    text = "湖南日报讯 湖南省第十四届人民代表大会常务委员会第十次会议表决通过《湖南省专利条例》。"
    assert ("湖南省人民代表大会常务委员会", "湖南省专利条例") in rows(run(text))


@pytest.mark.parametrize(
    "between",
    ["", "会议通报了两地工作情况。与会人员进行了交流。"],
    ids=["the sentence before", "two sentences before"],
)
def test_both_parties_named_in_an_earlier_sentence_without_a_verb(between):
    text = f"绵阳日报讯 绵阳市市场监管局与德阳市市场监管局召开联席会议。{between}会上,双方签署《知识产权执法协作协议》。"
    doc = "知识产权执法协作协议"
    assert {("绵阳市市场监督管理局", doc), ("德阳市市场监督管理局", doc)} <= rows(run(text))


def test_both_parties_are_the_group_named_last_not_an_earlier_issuer():
    # The issuer of 《甲方案》 is read first; the pair named later, in a sentence
    # with no verb, is who 双方 stands for.
    text = (
        "绵阳日报讯 绵阳市市场监管局印发《甲方案》。会议通报了两地工作情况。"
        "德阳市市场监管局与绵阳市公安局召开联席会议。会议通报了情况。会上,双方签署《知识产权执法协作协议》。"
    )
    issued = rows(run(text))
    doc = "知识产权执法协作协议"
    assert {("德阳市市场监督管理局", doc), ("绵阳市公安局", doc)} <= issued
    assert ("绵阳市市场监督管理局", doc) not in issued
    assert ("绵阳市市场监督管理局", "甲方案") in issued


_GAP_ALPHABET = "印发了的 \t\n\u3000\x85\u2028《》〈〉、和"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_GAP_ALPHABET, max_size=20))
def test_solid_gap_drops_what_isspace_and_title_marks_drop(gap):
    from kg.link.relations import _NO_OPENING_MARKS, _solid

    assert _solid(gap) == "".join(ch for ch in gap if not ch.isspace() and ch not in "《》〈〉")
    assert _solid(gap, _NO_OPENING_MARKS) == "".join(ch for ch in gap if not ch.isspace() and ch not in "《〈")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 40), st.integers(0, 8)), max_size=12), st.integers(-2, 52), st.integers(0, 10))
def test_span_union_answers_as_the_spans_do(raw, offset, width):
    from kg.link.relations import SpanUnion

    spans = [(start, start + length) for start, length in raw]
    union = SpanUnion(spans)
    covered = {i for start, end in spans for i in range(start, end)}
    assert union.covers(offset) == (offset in covered)
    if width:
        # contains: inside one merged run (touching spans merge, as they did before).
        runs = []
        for start, end in sorted(spans):
            if runs and start <= runs[-1][1]:
                runs[-1][1] = max(runs[-1][1], end)
            else:
                runs.append([start, end])
        expected = any(start <= offset and offset + width <= end for start, end in runs)
        assert union.contains(offset, offset + width) == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 40), st.integers(0, 8)), max_size=12))
@example([(0, 3), (4, 6), (7, 9)])  # disjoint: the one-pass path that merges nothing
@example([(0, 3), (3, 6)])  # touching spans merge
def test_span_union_runs_are_the_spans_merged(raw):
    from kg.link.relations import SpanUnion

    spans = [(start, start + length) for start, length in raw]
    runs: list[list[int]] = []
    for start, end in sorted(spans):
        if runs and start <= runs[-1][1]:
            runs[-1][1] = max(runs[-1][1], end)
        else:
            runs.append([start, end])
    union = SpanUnion(spans)
    assert (union.starts, union.ends) == ([r[0] for r in runs], [r[1] for r in runs])


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 40), st.integers(0, 8)), max_size=10),
    st.lists(st.tuples(st.integers(0, 45), st.integers(1, 8)), max_size=10),
)
def test_span_union_outside_keeps_what_contains_rejects(raw, raw_items):
    from kg.link.relations import SpanUnion

    union = SpanUnion([(start, start + length) for start, length in raw])
    items = [(start, start + length, i) for i, (start, length) in enumerate(raw_items)]
    assert union.outside(items) == [item for item in items if not union.contains(item[0], item[1])]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 40), st.integers(0, 8)), max_size=10),
    st.lists(st.tuples(st.integers(0, 45), st.integers(1, 8)), max_size=10),
)
def test_span_union_uncovered_keeps_the_actors_contains_rejects(raw, raw_items):
    # (uncovered is outside for actors, which are no tuples: it reads their start and end)
    from kg.link.relations import SpanUnion

    union = SpanUnion([(start, start + length) for start, length in raw])
    actors = [Actor(start, start + length, f"a:{i}") for i, (start, length) in enumerate(raw_items)]
    kept = union.uncovered(actors)
    assert kept == [a for a in actors if not union.contains(a.start, a.end)]
    assert all(any(k is a for a in actors) for k in kept)  # the actors themselves, not copies


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 30), st.integers(0, 6)), max_size=12))
def test_spans_by_start_are_ordered_by_start_then_longest_first(raw):
    from kg.link.relations import _ByStart

    targets = [Target(start, start + length, f"d:{i}", "POLICY") for i, (start, length) in enumerate(raw)]
    by_start = _ByStart(targets)
    assert by_start.items == sorted(targets, key=lambda t: (t.start, -t.end))  # stable: ties keep their order
    assert by_start.starts == [t.start for t in by_start.items]
    assert by_start.between(10, 20) == [t for t in by_start.items if 10 <= t.start < 20]


@pytest.mark.parametrize(
    "before, issuers",
    [
        ("甲局召开会议,部署工作。", {("a:甲局", False)}),  # the sentence before names the subject
        ("甲局召开会议,乙局部署工作。", {("a:乙局", False)}),  # its last clause with a subject wins
        ("甲局召开会议,我市部署工作。", set()),  # a later clause opening with 我市 stops the carry
        ("甲局召开会议。部署工作。", set()),  # a subject carries one sentence only
    ],
)
def test_a_verbless_sentence_passes_its_subject_to_the_next(before, issuers):
    text = before + "印发《A》。"
    actors = [Actor(text.index(name), text.index(name) + 2, f"a:{name}") for name in ("甲局", "乙局") if name in text]
    start = text.index("《") + 1
    out = find_relations("x", text, split_sentences(text), [(0, len(text))], actors, [Target(start, start + 1, "d", "POLICY")])
    assert {(r.subject, r.explicit) for r in out} == issuers


# The bounded look-backs read only the end of a long sentence; they must read it as the full scans would.
_TAIL_TEXT = st.text(alphabet="由经将把《》〈 \u3000\n,:;甲乙", max_size=300)


@given(_TAIL_TEXT, st.integers(0, 300), st.integers(0, 300), st.integers(0, 4))
def test_solid_tail_reads_like_the_whole_window(text, start, end, size):
    from kg.link.relations import _NO_OPENING_MARKS, _solid, _solid_tail

    start, end = min(start, end, len(text)), min(max(start, end), len(text))
    solid = "".join(text[start:end].split())
    assert _solid_tail(text, start, end, size) == (solid[-size:] if size else "")
    assert _solid_tail(text, start, end, 1, _NO_OPENING_MARKS) == _solid(text[start:end], _NO_OPENING_MARKS)[-1:]


@given(_TAIL_TEXT, st.integers(0, 300), st.integers(0, 300))
def test_last_of_finds_what_rfind_finds(text, start, end):
    from kg.link.relations import last_of

    start, end = min(start, end, len(text)), min(max(start, end), len(text))
    for marks in ((",", ":", ";"), ("由", "经"), ("将《",)):
        assert last_of(text, marks, start, end) == max(text.rfind(mark, start, end) for mark in marks)


def test_verb_inside_a_title_after_a_nested_title_is_part_of_the_name():
    # 印发 lies inside the outer title, past the end of the title nested in it: it is part of
    # the name, so 《乙》 right after is issued by nobody (市局 only studies the titles).
    text = "市局学习《关于〈甲〉的印发》《乙》。"
    outer, nested, other = (text.index("《关于"), text.index("》") + 1), (text.index("〈"), text.index("〉") + 1), (text.index("《乙"), len(text) - 1)
    targets = [Target(*outer, "d:outer", "POLICY"), Target(*nested, "d:nested", "POLICY", nested=True), Target(*other, "d:B", "POLICY")]
    actors = [Actor(0, 2, "a:1", "市局")]
    assert find_relations("x", text, split_sentences(text), [(0, len(text))], actors, targets) == []
    # The same verb outside any title issues 《乙》: the test above is the title's doing.
    free = "市局学习《关于〈甲〉的办法》印发《乙》。"
    outer, nested, other = (free.index("《关于"), free.index("》") + 1), (free.index("〈"), free.index("〉") + 1), (free.index("《乙"), len(free) - 1)
    targets = [Target(*outer, "d:outer", "POLICY"), Target(*nested, "d:nested", "POLICY", nested=True), Target(*other, "d:B", "POLICY")]
    found = find_relations("x", free, split_sentences(free), [(0, len(free))], actors, targets)
    assert [(r.subject, r.object) for r in found] == [("a:1", "d:B")]


# Pieces of synthetic pages for the objectless-verb equivalence, each a run of (text, kind) parts
# with kind "actor", "POLICY", "CAMPAIGN", "stop" (a place as subject) or "" (plain text).
_A1, _A2, _A3 = ("市委办", "actor"), ("市政府", "actor"), ("该局", "actor")
_P1, _P2, _C1 = ("《方案》", "POLICY"), ("《意见》", "POLICY"), ("“春雷”行动", "CAMPAIGN")
_PIECES = tuple(
    piece if isinstance(piece, tuple) and isinstance(piece[0], tuple) else (piece,)
    for piece in (
        _A1, _A2, _A3, ("上海市", "stop"), ("我市", ""), _P1, _P2, _C1,
        ("印发", ""), ("印发了", ""), ("发布", ""), ("制定", ""), ("签署", ""), ("开展", ""), ("组织", ""),
        ("审议通过", ""), ("和", ""), ("与", ""), ("联合", ""), ("、", ""), ("的", ""), ("双方", ""), ("近日", ""),
        ("会议", ""), ("调研", ""), ("工作", ""), (",", ""), (",", ""), ("。", ""), ("。", ""), ("；", ""),
        ("\n", ""), ("\n\n", ""),
        # whole readings: passive, fronted, plain, joint, 双方
        (_P1, ("由", ""), _A1, ("印发", "")), (_P2, ("经", ""), _A2, ("审议通过", "")),
        (("现将", ""), _P1, ("印发给你们", "")), (_A1, ("印发", ""), _P2), (_A2, ("与", ""), _A3, ("签署", ""), _P1),
        (("双方签署", ""), _P2), (_A3, ("开展", ""), _C1), (("组织", ""), _C1), (_A1, ("和", ""), _A2, ("联合印发", "")),
    )
)


def _synthetic_page(indices: list[int]):
    text, actors, targets, stoppers = "", [], [], []
    for index in indices:
        for piece, kind in _PIECES[index]:
            start, text = len(text), text + piece
            if kind == "actor":
                actors.append(Actor(start, len(text), f"a:{piece}", piece))
            elif kind in ("POLICY", "CAMPAIGN"):
                targets.append(Target(start, len(text), f"d:{piece}", kind))
            elif kind == "stop":
                stoppers.append((start, len(text)))
    return text, actors, targets, stoppers


@settings(max_examples=400, deadline=None)
@given(st.lists(st.integers(0, len(_PIECES) - 1), min_size=1, max_size=40))
@example([0, 8, 26, 5, 28, 8, 6])  # 市委办印发,《方案》。印发《意见》: the subject carried on demand
@example([1, 17, 2, 8, 26, 5, 28, 21, 12, 6])  # 市政府与该局印发,《方案》。双方签署《意见》: 双方 on demand
def test_sentences_whose_verbs_take_no_object_read_as_verbless_give_the_same_relations(indices):
    # A verb with no object after it and no title of its kind before it in its sentence emits
    # nothing; its sentence is then read as one without a verb (its subject on demand, for the
    # next sentence or a later 双方).  Both readings must give the same rows.
    text, actors, targets, stoppers = _synthetic_page(indices)
    sentences = split_sentences(text)
    sections = [(0, len(text))]
    reference = find_relations("x", text, sentences, sections, actors, targets, stoppers, read_objectless_verbs=True)
    assert find_relations("x", text, sentences, sections, actors, targets, stoppers) == reference, text


def test_objectless_verbs_are_skipped_without_changing_the_seeds_relations(monkeypatch):
    # On real pages (seeds and held-out fixtures): the same rows either way, and verbs are skipped
    # (counted where the filter asks for a title before an object-less verb: the only way to see it).
    from functools import partial
    from pathlib import Path

    from kg.link import linker, relations
    from tests.link.conftest import ner, seed_text, STEMS_ALL

    texts = [seed_text(stem) for stem in STEMS_ALL]
    heldout = Path(__file__).resolve().parents[1] / "fixtures" / "heldout"
    texts += [p.read_text(encoding="utf-8") for p in sorted(heldout.glob("*.txt"))]
    assert len(texts) > len(STEMS_ALL)
    reference = partial(relations.find_relations, read_objectless_verbs=True)
    skipped = 0
    original_titled_before = relations._titled_before

    def counting(*args):
        nonlocal skipped
        found = original_titled_before(*args)
        skipped += not found
        return found

    for text in texts:
        mentions = ner(text)
        lines = []
        for read_objectless in (True, False):
            monkeypatch.setattr(linker, "find_relations", reference if read_objectless else relations.find_relations)
            monkeypatch.setattr(relations, "_titled_before", original_titled_before if read_objectless else counting)
            lines.append(link(Article("x", text), mentions).to_json_line())
        assert lines[0] == lines[1]
    assert skipped  # some verb took no object


def test_passive_agent_after_the_title_is_taken_up_again():
    # Batch 5 (docs/ner.md): the issuer written after the document.
    ex = run("会议传达了《关于开展2024年打击侵权假冒工作的通知》，该通知由商务部、公安部近日联合印发。")
    doc = "关于开展2024年打击侵权假冒工作的通知"
    assert {("商务部", doc), ("公安部", doc)} <= rows(ex, explicit=True)
    ex = run("郑州市市场监管局起草了《郑州市商标品牌培育办法》，经市政府常务会议审议通过后由市政府办公室印发实施。")
    assert ("郑州市人民政府办公室", "郑州市商标品牌培育办法") in rows(ex, explicit=True)


# --- Batches 6 and 7: lists of titles, acting together, agreements after a meeting, resumed titles ---


def test_each_title_of_a_list_is_issued_by_the_bodies_before_its_own_verb():
    text = "为落实国务院《知识产权强国建设纲要》和市科技局、市财政局联合印发的《南宁市专利资助办法》，市局开展培训。"
    issued = rows(run("南宁日报讯 " + text))
    assert {("南宁市科学技术局", "南宁市专利资助办法"), ("南宁市财政局", "南宁市专利资助办法")} <= issued
    assert not any(doc == "知识产权强国建设纲要" for _, doc in issued)


def test_a_second_plated_issuer_of_a_listed_title():
    text = "我市认真落实国家知识产权局印发的《专利转化方案》和省市场监管局（省知识产权局）印发的《湖南省地理标志保护方案》。"
    issued = rows(run("湖南日报讯 " + text))
    assert ("湖南省市场监督管理局", "湖南省地理标志保护方案") in issued
    assert ("国家知识产权局", "专利转化方案") in issued


@pytest.mark.parametrize(
    "text, issuers",
    [
        ("我局将与市公安局联合出台《商业秘密保护指引》。", {"长沙市公安局"}),
        ("市中院将与市检察院共同制定《商业秘密保护指引》。", {"长沙市中级人民法院", "长沙市人民检察院"}),
    ],
)
def test_a_party_after_yu_issues_with_a_verb_of_acting_together(text, issuers):
    issued = rows(run("长沙晚报讯 " + text))
    assert {body for body, _ in issued} == issuers


def test_an_agreement_after_a_meeting_is_signed_by_every_party_met():
    text = "黄冈市人民检察院与市公安局、市中级人民法院召开联席会议，签署《知识产权协作配合机制》。"
    doc = "知识产权协作配合机制"
    assert rows(run(text)) == {
        ("黄冈市人民检察院", doc), ("黄冈市公安局", doc), ("黄冈市中级人民法院", doc),
    }


@pytest.mark.parametrize("noun, issued", [("条例", True), ("办法", False)])
def test_a_title_taken_up_in_the_next_sentence_is_the_passive_object(noun, issued):
    text = f"《辽宁省专利条例》将于10月1日起施行。该{noun}由省人大常委会审议通过，共六章。"
    rows_found = rows(run(text))
    assert (("辽宁省人民代表大会常务委员会", "辽宁省专利条例") in rows_found) is issued


def test_an_addressee_line_passes_no_subject():
    text = "各市州知识产权局，兰州市市场监督管理局：\n\n制定《甘肃省知识产权质押融资实施方案》，请认真落实。"
    assert rows(run(text)) == set()


# --- Batch 8 and 9 ---------------------------------------------------------------------------


def test_shuangfang_refers_only_to_parties_just_named():
    ex = run(
        "市市场监管局召开知识产权工作推进会\n\n会上，市市场监管局、市公安局通报了上半年执法情况。"
        "在溧水区，调研组了解了企业维权工作。双方签订《知识产权保护合作协议》，建立线索共享机制。"
    )
    assert not {s for s, d in rows(ex) if d == "知识产权保护合作协议"}
    # A place named inside a clause (介绍了溧水区的经验) is no side of its own.
    ex = run(
        "溧阳市召开知识产权工作会\n\n近日，市市场监管局与市公安局召开联席会议。会议介绍了溧水区的经验。"
        "双方签订《知识产权保护合作协议》。"
    )
    assert {s for s, d in rows(ex) if d == "知识产权保护合作协议"} == {"溧阳市市场监督管理局", "溧阳市公安局"}
    # Without a place named in between, the pair named before is who 双方 stands for.
    ex = run("溧阳市召开知识产权工作会\n\n近日，市市场监管局与市公安局召开联席会议。会议通报了执法情况。双方签订《知识产权保护合作协议》。")
    assert {s for s, d in rows(ex) if d == "知识产权保护合作协议"} == {"溧阳市市场监督管理局", "溧阳市公安局"}


def test_a_partner_after_jiang_huitong_issues_too():
    ex = run("市知识产权局召开专利保护工作会\n\n会议要求，下一步，市司法局将会同市知识产权局印发《无锡市专利纠纷行政调解工作规程》。")
    assert {s for s, d in rows(ex)} == {"无锡市司法局", "无锡市市场监督管理局"}


def test_a_body_heading_a_longer_unfound_name_is_not_the_issuer():
    text = "国务院某某工作部际联席会议办公室印发《2024年工作要点》。"
    mentions = [
        Mention("AGENCY", 0, 3, "国务院", "国务院", {"jurisdiction": "国家", "jurisdiction_kind": "national", "canonical": "国务院"}),
        Mention("POLICY", text.index("2024"), text.index("》"), "2024年工作要点", "2024年工作要点"),
    ]
    assert rows(link(Article("t", text), mentions)) == set()
    # A body with a plain adverbial before its verb still issues.
    text = "国务院近日印发《2024年工作要点》。"
    mentions[1] = Mention("POLICY", text.index("2024"), text.index("》"), "2024年工作要点", "2024年工作要点")
    assert rows(link(Article("t", text), mentions)) == {("国务院", "2024年工作要点")}


# --- Batches 10 to 13 ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, issuer",
    [
        ("嘉兴市商务局认真贯彻商务部等8部门印发的《关于促进老字号创新发展的意见》，推动老字号发展。", "商务部"),
        ("按照国家版权局等四部门联合印发的《关于开展打击网络侵权盗版专项行动的通知》部署，嘉兴市版权局开展检查。", "国家版权局"),
    ],
)
def test_the_head_of_n_departments_issues_what_they_issued(text, issuer):
    # "A等N部门(联合)印发的《X》": A issued X; the body the clause is about only carries it out.
    assert {body for body, _ in rows(run("嘉兴日报讯 " + text))} == {issuer}


def _bodies_and_title(text: str, bodies: list[str], title: str) -> list[Mention]:
    mentions = [
        Mention("AGENCY", text.index(b), text.index(b) + len(b), b, b, {"jurisdiction_kind": "none", "organ": b})
        for b in bodies
    ]
    start = text.index(title)
    return mentions + [Mention("POLICY", start, start + len(title), title, title)]


def test_an_unfound_list_member_keeps_the_co_issuers_after_huitong():
    # The NER missed 省博览事务局 (no mention): the bodies listed after it still issue with the head.
    text = "为办好展会，杭州市知识产权局会同省博览事务局、杭州市版权局、杭州海关等单位，联合发布《展会知识产权保护工作指引》。"
    bodies = ["杭州市知识产权局", "杭州市版权局", "杭州海关"]
    issued = rows(link(Article("t", text), _bodies_and_title(text, bodies, "展会知识产权保护工作指引")))
    assert {body for body, _ in issued} == set(bodies)


def test_an_unfound_body_before_the_verb_stops_the_carried_subject():
    # 陪同 bodies of the sentence before are not the issuer of a clause that names its own (unfound) issuer.
    text = "市公安局、市科技局有关负责同志陪同检查。根据年度工作计划，常委会办公厅印发了《执法检查方案》。"
    issued = rows(link(Article("t", text), _bodies_and_title(text, ["市公安局", "市科技局"], "执法检查方案")))
    assert issued == set()
    # A working group (检查组, 督导组) names its own subject too.
    text = "市公安局、市科技局有关负责同志陪同检查。督导组印发了《执法检查方案》。"
    issued = rows(link(Article("t", text), _bodies_and_title(text, ["市公安局", "市科技局"], "执法检查方案")))
    assert issued == set()
    # With nothing named before the verb, the subject is still carried.
    text = "市公安局、市科技局部署专项工作。随后印发了《执法检查方案》。"
    issued = rows(link(Article("t", text), _bodies_and_title(text, ["市公安局", "市科技局"], "执法检查方案")))
    assert {body for body, _ in issued} == {"市公安局", "市科技局"}


def test_shuangfang_right_before_a_relative_verb_is_the_pair_named():
    text = "3月8日，无锡市中级人民法院与无锡市工商业联合会召开新闻发布会，通报双方联合印发的《关于加强商会调解工作的意见》，并发布典型案例。"
    issued = rows(run(text))
    assert {body for body, _ in issued} >= {"无锡市中级人民法院"}
    assert all(doc == "关于加强商会调解工作的意见" for _, doc in issued)
    assert len({body for body, _ in issued}) == 2


def test_shuangfang_opening_a_later_sentence_is_the_pair_named_before():
    # No subject in the clause: 双方 before the relative verb is the pair of the sentence before,
    # and the relative clause ends at the first title (《调解规则》 is only cited with it).
    text = (
        "无锡市中级人民法院与无锡市工商业联合会召开新闻发布会。"
        "通报双方联合印发的《关于加强商会调解工作的意见》和《调解规则》。"
    )
    assert rows(run(text)) == {
        ("无锡市中级人民法院", "关于加强商会调解工作的意见"), ("无锡市工商业联合会", "关于加强商会调解工作的意见"),
    }


def test_a_meeting_place_word_before_the_verb_names_no_issuer():
    text = "江苏省知识产权局召开新闻发布会。会上还发布了《2025年江苏省知识产权发展状况报告》。"
    assert rows(run(text)) == set()


def test_the_guided_body_issues():
    text = "山东省知识产权局指导烟台市市场监管局制定《烟台市专利开放许可实施细则》。"
    assert rows(run("烟台日报讯 " + text)) == {("烟台市市场监督管理局", "烟台市专利开放许可实施细则")}


def test_a_relative_clause_with_an_unfound_subject_cites_the_title():
    text = "宁波市市场监管局表示，将会同杭州市、绍兴市知识产权管理部门，落实三地签署的《杭甬绍知识产权协同保护合作协议》。"
    assert rows(run("宁波日报讯 " + text)) == set()
    # A relative clause that opens the clause itself keeps the clause's subject.
    text = "宁波市市场监管局召开会议，印发的《宁波市知识产权行动方案》明确了任务。"
    assert rows(run("宁波日报讯 " + text)) == {("宁波市市场监督管理局", "宁波市知识产权行动方案")}


def test_an_approval_between_verb_and_title_does_not_hide_the_object():
    text = "揭牌仪式上，市委办公室发布了经市委、市政府同意的《湖州市知识产权行动计划（2024—2026年）》。"
    assert {body for body, _ in rows(run("湖州日报讯 " + text))} == {"中共湖州市委办公室"}


def test_the_party_after_yu_signs_when_the_subject_is_a_pronoun():
    text = "答：我们已与宜宾市翠屏公证处签订《川南知识产权公证协作协议》，存证数据互认。"
    assert rows(run("泸州日报讯 " + text)) == {("宜宾市翠屏公证处", "川南知识产权公证协作协议")}


@pytest.mark.parametrize(
    "text, issuers",
    [
        # a dateline 本报X讯 is no part of the first clause's subject
        ("本报芜湖讯 芜湖市知识产权局与芜湖海关共同制定并印发了《芜湖市展会知识产权保护办法》。", {"芜湖市市场监督管理局", "芜湖海关"}),
        ("本报芜湖讯 由芜湖市知识产权局牵头，会同芜湖市公安局、芜湖市司法局联合制定《芜湖市知识产权纠纷调解办法》。",
         {"芜湖市市场监督管理局", "芜湖市公安局", "芜湖市司法局"}),
        ("本报芜湖讯 近日，芜湖市知识产权局、芜湖市公安局、芜湖市司法局三部门联合印发《芜湖市知识产权纠纷调解办法》。",
         {"芜湖市市场监督管理局", "芜湖市公安局", "芜湖市司法局"}),
    ],
)
def test_co_issuers_in_a_joint_issuance(text, issuers):
    assert {body for body, _ in rows(run(text))} == issuers


def test_what_the_parties_met_do_together_they_all_issue():
    text = "本报芜湖讯 芜湖市知识产权局与芜湖市公安局签署《知识产权协作备忘录》，并联合发布《芜湖市知识产权保护指引》。"
    assert {b for b, d in rows(run(text)) if d == "芜湖市知识产权保护指引"} == {"芜湖市市场监督管理局", "芜湖市公安局"}
    # without 联合, a party met (与) is no issuer of what follows
    text = "本报芜湖讯 芜湖市知识产权局与芜湖市公安局召开座谈会，印发《芜湖市知识产权保护指引》。"
    assert {b for b, d in rows(run(text))} == {"芜湖市市场监督管理局"}


# Batches 14–16: who issues when the subject is dropped, the speaker, or a noun taken up again.


def test_the_speaker_with_joined_parties_takes_no_subject_from_the_sentence_before():
    # 我局联合B、C制定《X》: B and C issue X; the body of the sentence before does not.
    text = (
        "本报芜湖讯 2023年，市人民政府印发《芜湖市知识产权强市建设方案》。"
        "我局联合市财政局、市司法局制定《芜湖市专利资助管理办法》，全年资助企业300家。"
    )
    issued = rows(run(text))
    doc = "芜湖市专利资助管理办法"
    assert {b for b, d in issued if d == doc} == {"芜湖市财政局", "芜湖市司法局"}
    assert ("芜湖市人民政府", "芜湖市知识产权强市建设方案") in issued


def test_the_speaker_with_a_modal_and_a_party():
    text = "本报芜湖讯 市政府办公室印发《芜湖市营商环境方案》。我局将会同市公安局制定《芜湖市商标保护办法》。"
    assert {b for b, d in rows(run(text)) if d == "芜湖市商标保护办法"} == {"芜湖市公安局"}


@pytest.mark.parametrize(
    "item, issuers",
    [
        # a work plan's numbered items drop their subject: the parties after 会同/联合 issue
        ("3.会同省商务厅、省农业农村厅制定《江苏省地理标志运用促进办法》，推动产业发展。", {"江苏省商务厅", "江苏省农业农村厅"}),
        ("（五）联合省公安厅、省司法厅印发《江苏省知识产权纠纷调解工作指引》，加强纠纷化解。", {"江苏省公安厅", "江苏省司法厅"}),
        ("二是会同省教育厅制定《江苏省高校专利转化工作方案》。", {"江苏省教育厅"}),
    ],
)
def test_a_numbered_item_without_subject_is_issued_by_its_parties(item, issuers):
    text = "江苏省知识产权局2024年工作要点\n" + item
    explicit = {b for b, _ in rows(run(text), explicit=True)}
    assert explicit == issuers


def test_a_noun_taken_up_again_stops_the_carried_subject():
    # the bodies of the sentence before only attended; 该项目 is the subject of 形成
    text = (
        "本报芜湖讯 芜湖市科学技术局、芜湖市财政局参加了验收会。"
        "该项目于2023年启动，形成《芜湖市新能源汽车产业专利导航报告》。"
    )
    assert rows(run(text)) == set()
    # without the noun taken up, the subject of the sentence before is carried (implied)
    text = "本报芜湖讯 芜湖市科学技术局召开验收会。会后形成《芜湖市新能源汽车产业专利导航报告》。"
    assert rows(run(text)) == {("芜湖市科学技术局", "芜湖市新能源汽车产业专利导航报告")}


def test_a_committee_signing_is_not_read_as_huiqian():
    # 管理委员会签订: the verb 会签 straddling the name's end hid 签订
    text = "本报芜湖讯 安徽工程大学与芜湖市经济技术开发区管理委员会签订《校地知识产权合作协议》，共建转化平台。"
    assert {b for b, _ in rows(run(text))} == {"安徽工程大学", "芜湖市经济技术开发区管理委员会"}


@pytest.mark.parametrize(
    "text, issuers",
    [
        # 会同/联合 after a few words of the subject's own still adds the party
        ("本报芜湖讯 芜湖市市场监督管理局牵头会同市公安局、市司法局制定《芜湖市商标保护办法》。",
         {"芜湖市市场监督管理局", "芜湖市公安局", "芜湖市司法局"}),
        ("本报芜湖讯 芜湖市市场监督管理局主动对接并联合市公安局印发《芜湖市商标保护办法》。",
         {"芜湖市市场监督管理局", "芜湖市公安局"}),
        # the subject named in the clause before, a modal before 联合
        ("本报芜湖讯 市市场监管局局长张三表示，下一步将联合市公安局制定《芜湖市商标保护办法》。",
         {"芜湖市市场监督管理局", "芜湖市公安局"}),
        # 与 may only say whom the subject works with: no party added
        ("本报芜湖讯 芜湖市市场监督管理局加强与市公安局协作并印发《芜湖市商标保护办法》。", {"芜湖市市场监督管理局"}),
        # the agent after 经…审议通过后, with a comma before 由
        ("本报芜湖讯 《芜湖市商标保护办法》经市政府常务会议审议通过后，由市市场监管局印发实施。",
         {"芜湖市人民政府", "芜湖市市场监督管理局"}),
    ],
)
def test_parties_added_after_the_subjects_own_words(text, issuers):
    assert {b for b, _ in rows(run(text))} == issuers


def test_a_working_group_as_subject_stops_the_carried_subject():
    text = "本报芜湖讯 芜湖市科学技术局召开验收会。项目组形成了《芜湖市新能源汽车产业专利导航报告》。"
    assert rows(run(text)) == set()


# ------------------------------------------------------------------ batches 17–19


def test_a_revision_before_the_verb_is_one_verb_so_the_body_before_it_issues():
    ex = run("浙江日报讯 过去一年，我们推动省人大常委会修订出台《浙江省知识产权保护和促进条例》，省政府印发《浙江省专利导航实施方案》。")
    assert rows(ex) >= {
        ("浙江省人民代表大会常务委员会", "浙江省知识产权保护和促进条例"),
        ("浙江省人民政府", "浙江省专利导航实施方案"),
    }
    # 修订 alone is no verb: a title after 修订后的 is only cited.
    ex = run("宁波日报讯 市市场监管局组织企业学习修订后的《宁波市专利促进条例》。")
    assert rows(ex) == set()


def test_a_press_question_passes_no_subject_to_the_answer():
    for answer in ("答：今年将研究制定", "保护司负责同志：今年，将研究制定"):
        ex = run(
            "新华社记者：下一步在知识产权金融方面有什么安排？\n"
            f"{answer}《关于深化知识产权质押融资的若干措施》。\n"
        )
        assert not any(subject == "新华社" for subject, _ in rows(ex))


def test_a_party_the_ner_missed_after_binglianhe_leaves_the_carried_subject_issuing():
    ex = run(
        "闵行报讯 区市场监管局于2024年5月修订印发《闵行区专利资助办法》，"
        "并联合闵行区科技和信息化协调委员会制定《闵行区高价值专利培育实施细则》，对企业给予资助。"
    )
    assert ("闵行区市场监督管理局", "闵行区高价值专利培育实施细则") in rows(ex)


def test_a_generic_subject_of_its_own_stops_the_carry():
    ex = run(
        "珠海特区报讯 国家知识产权局将合作区纳入知识产权强国建设试点园区。\n\n"
        "下一步，合作区将对标国际规则，推动出台《横琴粤澳深度合作区商标保护规定》。"
    )
    assert not any(document.endswith("商标保护规定") for _, document in rows(ex))


def test_an_unfound_body_with_an_adverb_before_its_verb_carries_nothing_in():
    ex = run(
        "成都日报讯 新区管委会近日印发《天府新区知识产权若干政策》，对企业给予补助。"
        "新区公园城市建设局同步编制了《天府新区专利导航项目实施细则》。"
    )
    assert not any(document.endswith("实施细则") and subject.endswith("管理委员会") for subject, document in rows(ex))


def test_a_party_after_a_bracketed_second_plate_signs_too():
    # 商事服务局（知识产权局）与B签署: the bracket closes the first body's plate, and 与 adds B
    # (here only the plate is a found body, as when the NER misses the first plate).
    text = "合作区商事服务局（知识产权局）与澳门特别行政区政府经济及科技发展局签署《琴澳商标合作备忘录》。"
    plate, partner, title = (text.index(w) for w in ("知识产权局", "澳门", "琴澳"))
    actors = [Actor(plate, plate + 5, "a:plate"), Actor(partner, text.index("签署"), "a:macau")]
    docs = [Target(title, text.index("》"), "d:memo", "POLICY")]
    found = find_relations("x", text, split_sentences(text), [(0, len(text))], actors, docs)
    assert {(r.subject, r.object) for r in found} == {("a:plate", "d:memo"), ("a:macau", "d:memo")}


def test_a_clause_opening_with_tongshi_still_names_its_own_unfound_body():
    from kg.link.relations import _names_unfound_body

    # 同时 and 同步 open clauses; only a joining word (并联合, 会同) makes the name a party.
    assert _names_unfound_body("同时常委会办公厅") and _names_unfound_body("常委会办公厅")
    assert not _names_unfound_body("并联合常委会办公厅") and not _names_unfound_body("并同常委会办公厅")


def test_a_zone_after_a_preposition_of_place_is_no_subject_of_its_own():
    # 在高新区发布 says where the carried subject issued it; 高新区将… opens a clause of its own.
    for text in (
        "德阳日报讯 德阳市市场监管局召开知识产权工作推进会。在高新区发布了《高新区专利导航工作指引》。",
        "德阳日报讯 德阳市市场监管局召开知识产权工作推进会，在高新区发布了《高新区专利导航工作指引》。",
    ):
        assert rows(run(text)) == {("德阳市市场监督管理局", "高新区专利导航工作指引")}
