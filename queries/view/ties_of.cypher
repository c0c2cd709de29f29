// The ties of one person; KNOWS points from the smaller id to the larger.
MATCH (:Person {id: $id})-[k:KNOWS]-(other:Person)
RETURN other.id AS other, properties(k) AS tie
