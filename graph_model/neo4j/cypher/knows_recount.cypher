// Recount the KNOWS tie of each pair in $pairs from every interaction the two shared
// (see graph_model/scoring.py): weight = sum(base / sqrt(n - 1) * 2^((t - $t0) / $half_life)),
// counting only interactions with a positive base weight and at least two participants;
// a pair left with none loses its tie.
UNWIND $pairs AS pair
MATCH (a:Person {id: pair.a})
MATCH (b:Person {id: pair.b})
CALL (a, b) {
  MATCH (a)-[:PARTICIPATED_IN]->(s:Interaction)<-[:PARTICIPATED_IN]-(b)
  WITH s,
       COUNT { (s)<-[:PARTICIPATED_IN]-(:Person) } AS n,
       coalesce($weights[s.kind], 0.0) AS base,
       s.occurred_at.epochSeconds + s.occurred_at.nanosecond / 1000000000.0 AS at
  WHERE n >= 2 AND base > 0
  RETURN sum(base / sqrt(n - 1) * 2.0 ^ ((at - $t0) / $half_life)) AS weight,
         count(s) AS interactions,
         sum(CASE WHEN s.initiator_id = a.id THEN 1 ELSE 0 END) AS out_a,
         sum(CASE WHEN s.initiator_id = b.id THEN 1 ELSE 0 END) AS out_b,
         sum(CASE WHEN s.initiator_id IN [a.id, b.id] THEN 0 ELSE 1 END) AS mutual,
         min(at) AS first,
         max(at) AS last
}
OPTIONAL MATCH (a)-[old:KNOWS]->(b)
FOREACH (_ IN CASE WHEN interactions = 0 AND old IS NOT NULL THEN [1] ELSE [] END |
  DELETE old
)
FOREACH (_ IN CASE WHEN interactions > 0 THEN [1] ELSE [] END |
  MERGE (a)-[k:KNOWS]->(b)
  SET k.weight = weight, k.interactions = interactions, k.out_a = out_a, k.out_b = out_b,
      k.mutual = mutual, k.first = first, k.last = last
)
