// The edges a path may take around the nodes $ids: the KNOWS ties of the people among
// them that weigh at least $lightest (no lighter one is visible), and every WORKS_AT
// employment of the people and companies (the search keeps those active at as_of), as one
// record of [id, other, tie, started_at, ended_at] rows (one record decodes faster than many;
// times as [epoch seconds, nanoseconds], see graph_model/neo4j/cypher.py).
UNWIND $ids AS id
CALL (id) {
  MATCH (:Person {id: id})-[k:KNOWS]-(other:Person)
  WHERE k.weight >= $lightest
  RETURN other.id AS other, [k.weight, k.interactions, k.out_a, k.out_b, k.mutual, k.first, k.last] AS tie,
         null AS started_at, null AS ended_at
  UNION ALL
  MATCH (:Person {id: id})-[w:WORKS_AT]->(c:Company)
  RETURN c.id AS other, null AS tie, [w.started_at.epochSeconds, w.started_at.nanosecond] AS started_at, [w.ended_at.epochSeconds, w.ended_at.nanosecond] AS ended_at
  UNION ALL
  MATCH (:Company {id: id})<-[w:WORKS_AT]-(p:Person)
  RETURN p.id AS other, null AS tie, [w.started_at.epochSeconds, w.started_at.nanosecond] AS started_at, [w.ended_at.epochSeconds, w.ended_at.nanosecond] AS ended_at
}
RETURN collect([id, other, tie, started_at, ended_at]) AS rows
