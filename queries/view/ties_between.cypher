// The ties of each person of $people with one of $others, as one record of
// [person, other, weight, interactions, out_a, out_b, mutual, first, last] rows.
UNWIND $people AS id
MATCH (:Person {id: id})-[k:KNOWS]-(other:Person)
WHERE other.id IN $others
RETURN collect([id, other.id, k.weight, k.interactions, k.out_a, k.out_b, k.mutual, k.first, k.last]) AS rows
