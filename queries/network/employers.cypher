// Every employment of the people $ids (links.py keeps those active at as_of).
UNWIND $ids AS id
MATCH (:Person {id: id})-[w:WORKS_AT]->(c:Company)
RETURN id AS person, c.id AS company, w.started_at AS started_at, w.ended_at AS ended_at
