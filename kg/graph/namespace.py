"""The kg ontology namespace.  Terms are declared in ``ontology/kg.ttl``.

A misspelt term raises at once (``_fail = True``), and
``tests/graph/test_namespace.py`` checks that this class and the TTL agree
both ways.

>>> KG.issued
rdflib.term.URIRef('https://w3id.org/kg-ip/ontology#issued')
"""

from rdflib import URIRef
from rdflib.namespace import DefinedNamespace, Namespace

ONTOLOGY_IRI = "https://w3id.org/kg-ip/ontology#"


class KG(DefinedNamespace):
    """Classes and properties of the kg ontology."""

    _fail = True
    _NS = Namespace(ONTOLOGY_IRI)

    # Classes
    GovernmentBody: URIRef  # a public body: department, Party committee, court, centre
    Organization: URIRef  # an enterprise, bank, university, association, park or platform
    PolicyDocument: URIRef  # a named plan, opinion, measure, law, agreement ...
    Agreement: URIRef  # a policy document several parties signed
    Campaign: URIRef  # a named enforcement action, programme, publicity day or week
    Place: URIRef  # an administrative division or a foreign place
    Article: URIRef  # a source news article
    Assertion: URIRef  # one extracted fact, reified, with its provenance

    # Object properties
    issued: URIRef  # body → document it issued (one triple per issuer for joint issuance)
    signed: URIRef  # body → agreement it is a party to (sub-property of issued)
    conducted: URIRef  # body → campaign it ran
    jurisdiction: URIRef  # body → place it belongs to
    locale: URIRef  # article → place it speaks from
    mentionedIn: URIRef  # entity → article (inverse of schema:mentions)
    evidence: URIRef  # assertion → oa:SpecificResource (the span it was read from)

    # Datatype properties
    divisionCode: URIRef  # place → GB/T 2260 or ISO code
    divisionLevel: URIRef  # place → country | province | prefecture | county | town
    sha256: URIRef  # article → content hash of the file
    explicit: URIRef  # assertion → whether the text states it (false: inferred)
