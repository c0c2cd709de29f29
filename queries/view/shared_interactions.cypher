// Every interaction $a and $b both took part in, with all its participants and its initiator,
// by id, as one record of [id, kind, at, participants, initiator] rows.
MATCH (:Person {id: $a})-[:PARTICIPATED_IN]->(i:Interaction)<-[:PARTICIPATED_IN]-(:Person {id: $b})
WITH i.id AS id, i.kind AS kind,
     i.occurred_at.epochSeconds + i.occurred_at.nanosecond / 1000000000.0 AS at,
     [(p:Person)-[:PARTICIPATED_IN]->(i) | p.id] AS participants, i.initiator_id AS initiator
ORDER BY id
RETURN collect([id, kind, at, participants, initiator]) AS rows
