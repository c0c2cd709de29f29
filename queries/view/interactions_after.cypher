// Interactions later than $at with their participants and initiator.
MATCH (i:Interaction)
WHERE i.occurred_at > $at
RETURN i.id AS id, i.kind AS kind,
       i.occurred_at.epochSeconds + i.occurred_at.nanosecond / 1000000000.0 AS at,
       [(p:Person)-[:PARTICIPATED_IN]->(i) | p.id] AS participants, i.initiator_id AS initiator
ORDER BY at, id
