"""The Neo4j backend: the official driver, managed transactions, Cypher from ``.cypher`` files."""
