"""The kg ontology (``kg.ttl``) and SHACL shapes (``shapes.ttl``), shipped as package data of ``kg.ontology``."""
