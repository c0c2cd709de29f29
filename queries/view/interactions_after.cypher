// Interactions later than $at with their participants and initiator, oldest first, as one
// record of [id, kind, at, participants, initiator] rows (one record decodes faster).
MATCH (i:Interaction)
WHERE i.occurred_at > $at
WITH i.id AS id, i.kind AS kind,
     i.occurred_at.epochSeconds + i.occurred_at.nanosecond / 1000000000.0 AS at,
     [(p:Person)-[:PARTICIPATED_IN]->(i) | p.id] AS participants, i.initiator_id AS initiator
ORDER BY at, id
RETURN collect([id, kind, at, participants, initiator]) AS rows
