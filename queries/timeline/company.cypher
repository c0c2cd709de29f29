// The $limit latest interactions of company $id at or before $until: those naming it as their
// company and those anyone who works or worked there took part in; newest first (then by id,
// descending), as one record of [id, kind, [epoch s, ns], subject, company, initiator,
// participants] rows.
CALL () {
  MATCH (i:Interaction {company_id: $id})
  WHERE i.occurred_at <= $until
  RETURN i
  UNION
  MATCH (:Company {id: $id})<-[:WORKS_AT]-(:Person)-[:PARTICIPATED_IN]->(i:Interaction)
  WHERE i.occurred_at <= $until
  RETURN i
}
WITH i
ORDER BY i.occurred_at DESC, i.id DESC
LIMIT $limit
WITH i, [(p:Person)-[:PARTICIPATED_IN]->(i) | p.id] AS participants
RETURN collect([i.id, i.kind, [i.occurred_at.epochSeconds, i.occurred_at.nanosecond],
                i.subject, i.company_id, i.initiator_id, participants]) AS rows
