// The ties of one person; KNOWS points from the smaller id to the larger.
MATCH (:Person {id: $id})-[k:KNOWS]-(other:Person)
RETURN other.id AS other, [k.weight, k.interactions, k.out_a, k.out_b, k.mutual, k.first, k.last] AS tie
