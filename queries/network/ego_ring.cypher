// The relationships of one ring of an ego network: every KNOWS, WORKS_AT, SUPPLIES and
// MANAGES_ACCOUNT relationship of the people $people and the companies $companies
// (only those whose other end is in $among, unless $among is null): a KNOWS tie as the
// list view/neo4j.py reads, the others with their time bounds (started_at/ended_at of
// WORKS_AT, since/until of SUPPLIES, as [epoch seconds, nanoseconds]; none for
// MANAGES_ACCOUNT). links.py filters by time. One record of [type, start, end, tie, since,
// until] rows: one record decodes much faster than many.
CALL () {
  UNWIND $people AS id
  MATCH (:Person {id: id})-[r:KNOWS|WORKS_AT|MANAGES_ACCOUNT]-(other)
  WHERE $among IS NULL OR other.id IN $among
  RETURN type(r) AS type, startNode(r).id AS start, endNode(r).id AS end,
         CASE type(r)
           WHEN 'KNOWS' THEN [r.weight, r.interactions, r.out_a, r.out_b, r.mutual, r.first, r.last]
         END AS tie,
         [coalesce(r.started_at, r.since).epochSeconds, coalesce(r.started_at, r.since).nanosecond] AS since,
         [coalesce(r.ended_at, r.until).epochSeconds, coalesce(r.ended_at, r.until).nanosecond] AS until
  UNION ALL
  UNWIND $companies AS id
  MATCH (:Company {id: id})-[r:WORKS_AT|SUPPLIES|MANAGES_ACCOUNT]-(other)
  WHERE $among IS NULL OR other.id IN $among
  RETURN type(r) AS type, startNode(r).id AS start, endNode(r).id AS end, null AS tie,
         [coalesce(r.started_at, r.since).epochSeconds, coalesce(r.started_at, r.since).nanosecond] AS since,
         [coalesce(r.ended_at, r.until).epochSeconds, coalesce(r.ended_at, r.until).nanosecond] AS until
}
RETURN collect([type, start, end, tie, since, until]) AS rows
