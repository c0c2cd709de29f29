// Every interaction the two people of a pair of $pairs both took part in, once each, by
// id, as one record of [id, kind, at, participants, initiator] rows.
UNWIND $pairs AS pair
MATCH (:Person {id: pair[0]})-[:PARTICIPATED_IN]->(i:Interaction)<-[:PARTICIPATED_IN]-(:Person {id: pair[1]})
WITH DISTINCT i
WITH i.id AS id, i.kind AS kind,
     i.occurred_at.epochSeconds + i.occurred_at.nanosecond / 1000000000.0 AS at,
     [(p:Person)-[:PARTICIPATED_IN]->(i) | p.id] AS participants, i.initiator_id AS initiator
ORDER BY id
RETURN collect([id, kind, at, participants, initiator]) AS rows
