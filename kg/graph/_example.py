"""A small hand-made :class:`~kg.model.Extraction` for doctests and tests that must not depend on the NER.

>>> example_extraction().article.id
'demo'
"""

from __future__ import annotations

from kg.link.iri import entity_iri, place_iri
from kg.model import Article, Entity, Evidence, Extraction, Mention, Relation

TEXT = "拉萨市市场监管局印发《拉萨市知识产权保护实施方案》。"


def example_extraction(article_id: str = "demo") -> Extraction:
    """拉萨市市场监督管理局 issued 拉萨市知识产权保护实施方案, with jurisdiction 拉萨市."""
    body = entity_iri("AGENCY", "拉萨市市场监督管理局")
    doc = entity_iri("POLICY", "拉萨市知识产权保护实施方案")
    lhasa = place_iri("540100")
    sentence = Evidence(article_id, 0, len(TEXT), TEXT)
    return Extraction(
        article=Article(article_id, TEXT, path=f"{article_id}.txt", sha256="0" * 64),
        locale="拉萨市",
        entities=(
            Entity(body, "AGENCY", "拉萨市市场监督管理局", (Mention("AGENCY", 0, 8, TEXT[0:8], "拉萨市市场监管局"),)),
            Entity(lhasa, "PLACE", "拉萨市", (Mention("PLACE", 0, 3, "拉萨市", "拉萨市"),), {"code": "540100"}),
            Entity(doc, "POLICY", "拉萨市知识产权保护实施方案", (Mention("POLICY", 11, 24, TEXT[11:24], "拉萨市知识产权保护实施方案"),)),
        ),
        relations=(
            Relation("ISSUED", body, doc, sentence),
            Relation("JURISDICTION", body, lhasa, None, explicit=False),
        ),
        locale_iri=lhasa,
    )
