// Baseline: one PARTICIPATED_IN per row, from a person to an interaction.
UNWIND $rows AS row
MATCH (p:Person {id: row.person})
MATCH (i:Interaction {id: row.interaction})
CREATE (p)-[:PARTICIPATED_IN]->(i)
