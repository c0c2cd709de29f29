// Like rel_upsert, for types with several relationships per pair told apart by `key`.
UNWIND $rows AS row
WITH row, row.props AS given
WITH row, given {
  .*
  , __TIMES__: datetime({epochSeconds: row.times.__TIMES__[0], nanosecond: row.times.__TIMES__[1]})
} AS props
MATCH (a:__START__ {id: row.start})
MATCH (b:__END__ {id: row.end})
OPTIONAL MATCH (a)-[old:__TYPE__ {key: props.key}]->(b)
WITH row, props, a, b,
     CASE
       WHEN old IS NULL THEN 'created'
       WHEN properties(old) = props THEN 'unchanged'
       ELSE 'updated'
     END AS outcome
CALL (props, a, b, outcome) {
  WITH props, a, b WHERE outcome <> 'unchanged'
  MERGE (a)-[r:__TYPE__ {key: props.key}]->(b)
  SET r = props
}
RETURN collect(row.i) AS rows, collect(outcome) AS outcomes
