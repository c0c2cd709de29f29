// Fold the new interactions $ids into the KNOWS tie of every pair of their participants:
// weight += base / sqrt(n - 1) * 2^((t - $t0) / $half_life), and the counts by initiator
// (graph_model/ties.py folds the same way; knows_recount.cypher counts a pair afresh).
// Interactions with fewer than two participants or a base weight of 0 count nowhere.
UNWIND $ids AS id
MATCH (i:Interaction {id: id})
WITH i, coalesce($weights[i.kind], 0.0) AS base,
     i.occurred_at.epochSeconds + i.occurred_at.nanosecond / 1000000000.0 AS at,
     [(p:Person)-[:PARTICIPATED_IN]->(i) | p] AS people
WITH i, at, people, base, size(people) AS n
WHERE n >= 2 AND base > 0
WITH i, at, people, base / sqrt(n - 1) * 2.0 ^ ((at - $t0) / $half_life) AS w
UNWIND people AS a
UNWIND people AS b
WITH i, at, w, a, b
WHERE a.id < b.id
MERGE (a)-[k:KNOWS]->(b)
  ON CREATE SET k.weight = 0.0, k.interactions = 0, k.out_a = 0, k.out_b = 0, k.mutual = 0,
                k.first = at, k.last = at
SET k.weight = k.weight + w,
    k.interactions = k.interactions + 1,
    k.out_a = k.out_a + CASE WHEN i.initiator_id = a.id THEN 1 ELSE 0 END,
    k.out_b = k.out_b + CASE WHEN i.initiator_id = b.id THEN 1 ELSE 0 END,
    k.mutual = k.mutual + CASE WHEN i.initiator_id IN [a.id, b.id] THEN 0 ELSE 1 END,
    k.first = CASE WHEN at < k.first THEN at ELSE k.first END,
    k.last = CASE WHEN at > k.last THEN at ELSE k.last END
