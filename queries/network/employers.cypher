// Every employment of the people $ids (links.py keeps those active at as_of), times as
// [epoch seconds, nanoseconds].
UNWIND $ids AS id
MATCH (:Person {id: id})-[w:WORKS_AT]->(c:Company)
RETURN id AS person, c.id AS company, [w.started_at.epochSeconds, w.started_at.nanosecond] AS started_at,
       [w.ended_at.epochSeconds, w.ended_at.nanosecond] AS ended_at
