// Create or replace the relationship of one type between each start and end node.
UNWIND $rows AS row
MATCH (a:__START__ {id: row.start})
MATCH (b:__END__ {id: row.end})
OPTIONAL MATCH (a)-[old:__TYPE__]->(b)
WITH row, a, b,
     CASE
       WHEN old IS NULL THEN 'created'
       WHEN properties(old) = row.props THEN 'unchanged'
       ELSE 'updated'
     END AS outcome
CALL (row, a, b, outcome) {
  WITH row, a, b WHERE outcome <> 'unchanged'
  MERGE (a)-[r:__TYPE__]->(b)
  SET r = row.props
}
RETURN row.i AS i, outcome
