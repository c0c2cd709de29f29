// Interactions later than $at with their participants and initiator.
MATCH (i:Interaction)
WHERE i.occurred_at > $at
MATCH (p:Person)-[r:PARTICIPATED_IN]->(i)
WITH i, collect(p.id) AS participants, collect(CASE WHEN r.initiator THEN p.id END) AS starters
RETURN i.id AS id, i.kind AS kind,
       i.occurred_at.epochSeconds + i.occurred_at.nanosecond / 1000000000.0 AS at,
       participants, starters[0] AS initiator
ORDER BY id
