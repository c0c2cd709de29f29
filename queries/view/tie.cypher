MATCH (:Person {id: $a})-[k:KNOWS]->(:Person {id: $b})
RETURN properties(k) AS tie
