// Baseline: one WORKS_AT per row, its dates read from ISO-8601 text.
UNWIND $rows AS row
MATCH (p:Person {id: row.person})
MATCH (c:Company {id: row.company})
CREATE (p)-[w:WORKS_AT]->(c)
SET w.started_at = datetime(row.started_at), w.ended_at = datetime(row.ended_at)
