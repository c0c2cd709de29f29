// Every interaction $a and $b both took part in, with all its participants.
MATCH (:Person {id: $a})-[:PARTICIPATED_IN]->(i:Interaction)<-[:PARTICIPATED_IN]-(:Person {id: $b})
MATCH (p:Person)-[r:PARTICIPATED_IN]->(i)
WITH i, collect(p.id) AS participants, collect(CASE WHEN r.initiator THEN p.id END) AS starters
RETURN i.id AS id, i.kind AS kind,
       i.occurred_at.epochSeconds + i.occurred_at.nanosecond / 1000000000.0 AS at,
       participants, starters[0] AS initiator
ORDER BY id
