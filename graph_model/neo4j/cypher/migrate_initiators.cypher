// Data of format version 1 marked the initiator on PARTICIPATED_IN; since version 2 it is
// the interaction's initiator_id (one per interaction: the latest ingest's).
MATCH (p:Person)-[r:PARTICIPATED_IN]->(i:Interaction)
WHERE r.initiator IS NOT NULL
CALL (p, r, i) {
  SET i.initiator_id = CASE WHEN r.initiator THEN p.id ELSE i.initiator_id END
  REMOVE r.initiator
} IN TRANSACTIONS OF 10000 ROWS
