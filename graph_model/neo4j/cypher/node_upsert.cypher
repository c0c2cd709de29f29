// Create or replace nodes of one label; each row's outcome comes back with its index.
UNWIND $rows AS row
OPTIONAL MATCH (old:__LABEL__ {id: row.props.id})
WITH row,
     CASE
       WHEN old IS NULL THEN 'created'
       WHEN properties(old) = row.props THEN 'unchanged'
       ELSE 'updated'
     END AS outcome
CALL (row, outcome) {
  WITH row WHERE outcome <> 'unchanged'
  MERGE (n:__LABEL__ {id: row.props.id})
  SET n = row.props
}
RETURN row.i AS i, outcome
