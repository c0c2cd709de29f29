// Add to the KNOWS tie of each pair the aggregates in $ties, folded in Python from the
// interactions this write created (graph_model/ties.py): [a, b, weight, interactions,
// out_a, out_b, mutual, first, last], a < b. Sums add up, first and last widen.
UNWIND $ties AS t
MATCH (a:Person {id: t[0]})
MATCH (b:Person {id: t[1]})
MERGE (a)-[k:KNOWS]->(b)
  ON CREATE SET k.weight = t[2], k.interactions = t[3], k.out_a = t[4], k.out_b = t[5],
                k.mutual = t[6], k.first = t[7], k.last = t[8]
  ON MATCH SET k.weight = k.weight + t[2],
               k.interactions = k.interactions + t[3],
               k.out_a = k.out_a + t[4],
               k.out_b = k.out_b + t[5],
               k.mutual = k.mutual + t[6],
               k.first = CASE WHEN t[7] < k.first THEN t[7] ELSE k.first END,
               k.last = CASE WHEN t[8] > k.last THEN t[8] ELSE k.last END
