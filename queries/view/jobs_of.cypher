MATCH (:Person {id: $id})-[w:WORKS_AT]->(c:Company)
RETURN c.id AS other, w.started_at AS started_at, w.ended_at AS ended_at
