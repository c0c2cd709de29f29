// The $limit latest interactions person $id took part in, at or before $until, newest first
// (then by id, descending), as one record of
// [id, kind, [epoch s, ns], subject, company, initiator, participants] rows.
MATCH (:Person {id: $id})-[:PARTICIPATED_IN]->(i:Interaction)
WHERE i.occurred_at <= $until
WITH i
ORDER BY i.occurred_at DESC, i.id DESC
LIMIT $limit
WITH i, [(p:Person)-[:PARTICIPATED_IN]->(i) | p.id] AS participants
RETURN collect([i.id, i.kind, [i.occurred_at.epochSeconds, i.occurred_at.nanosecond],
                i.subject, i.company_id, i.initiator_id, participants]) AS rows
