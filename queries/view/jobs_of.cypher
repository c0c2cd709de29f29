MATCH (:Person {id: $id})-[w:WORKS_AT]->(c:Company)
RETURN c.id AS other, [w.started_at.epochSeconds, w.started_at.nanosecond] AS started_at,
       [w.ended_at.epochSeconds, w.ended_at.nanosecond] AS ended_at
