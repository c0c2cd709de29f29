// Create or replace nodes of one label; each row's outcome comes back with its index, all
// in one record. Datetime properties arrive in row.times as [epoch seconds, nanoseconds]
// (one line below per property, written by cypher.py: the driver is slow to send datetimes)
// and become datetimes here, before the comparison with what is stored.
UNWIND $rows AS row
WITH row, row.props AS given
WITH row, given {
  .*
  , __TIMES__: datetime({epochSeconds: row.times.__TIMES__[0], nanosecond: row.times.__TIMES__[1]})
} AS props
OPTIONAL MATCH (old:__LABEL__ {id: props.id})
WITH row, props,
     CASE
       WHEN old IS NULL THEN 'created'
       WHEN properties(old) = props THEN 'unchanged'
       ELSE 'updated'
     END AS outcome
CALL (props, outcome) {
  WITH props WHERE outcome <> 'unchanged'
  MERGE (n:__LABEL__ {id: props.id})
  SET n = props
}
RETURN collect(row.i) AS rows, collect(outcome) AS outcomes
