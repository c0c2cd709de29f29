MATCH (p:Person)-[w:WORKS_AT]->(:Company {id: $id})
RETURN p.id AS other, [w.started_at.epochSeconds, w.started_at.nanosecond] AS started_at,
       [w.ended_at.epochSeconds, w.ended_at.nanosecond] AS ended_at
