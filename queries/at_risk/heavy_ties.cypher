// The ties of each person of $people whose weight (every interaction counted) is at least
// $min_weight and whose first interaction happened at or before $first_by (epoch seconds), as
// one record of [person, other, weight, interactions, out_a, out_b, mutual, first, last] rows.
UNWIND $people AS id
MATCH (:Person {id: id})-[k:KNOWS]-(other:Person)
WHERE k.weight >= $min_weight AND k.first <= $first_by
RETURN collect([id, other.id, k.weight, k.interactions, k.out_a, k.out_b, k.mutual, k.first, k.last]) AS rows
