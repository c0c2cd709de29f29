// The pairs of people who took part together in any of the interactions $ids.
UNWIND $ids AS interaction_id
MATCH (a:Person)-[:PARTICIPATED_IN]->(:Interaction {id: interaction_id})<-[:PARTICIPATED_IN]-(b:Person)
WHERE a.id < b.id
RETURN DISTINCT a.id AS a, b.id AS b
