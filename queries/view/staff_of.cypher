MATCH (p:Person)-[w:WORKS_AT]->(:Company {id: $id})
RETURN p.id AS other, w.started_at AS started_at, w.ended_at AS ended_at
