MATCH (:Person {id: $a})-[k:KNOWS]->(:Person {id: $b})
RETURN [k.weight, k.interactions, k.out_a, k.out_b, k.mutual, k.first, k.last] AS tie
