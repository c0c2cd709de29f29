// Like rel_upsert, for types with several relationships per pair told apart by `key`.
UNWIND $rows AS row
MATCH (a:__START__ {id: row.start})
MATCH (b:__END__ {id: row.end})
OPTIONAL MATCH (a)-[old:__TYPE__ {key: row.props.key}]->(b)
WITH row, a, b,
     CASE
       WHEN old IS NULL THEN 'created'
       WHEN properties(old) = row.props THEN 'unchanged'
       ELSE 'updated'
     END AS outcome
CALL (row, a, b, outcome) {
  WITH row, a, b WHERE outcome <> 'unchanged'
  MERGE (a)-[r:__TYPE__ {key: row.props.key}]->(b)
  SET r = row.props
}
RETURN row.i AS i, outcome
