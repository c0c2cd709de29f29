// Every employment of the people $ids; the caller keeps the current ones.
UNWIND $ids AS id
MATCH (:Person {id: id})-[w:WORKS_AT]->(c:Company)
RETURN id AS person, c.id AS company, w.started_at AS started_at, w.ended_at AS ended_at
