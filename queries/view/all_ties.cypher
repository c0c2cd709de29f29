// Every tie, as one record per person with the ties it starts (KNOWS points from the
// smaller id to the larger): [other, weight, interactions, out_a, out_b, mutual, first,
// last] each. A hundred thousand records decode much faster than a million.
MATCH (a:Person)
CALL (a) {
  MATCH (a)-[k:KNOWS]->(b:Person)
  RETURN collect([b.id, k.weight, k.interactions, k.out_a, k.out_b, k.mutual, k.first, k.last]) AS ties
}
RETURN a.id AS a, ties
