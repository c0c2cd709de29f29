// The employments of the people $ids current at $when ([epoch seconds, nanoseconds]),
// their start as [epoch seconds, nanoseconds].
WITH datetime({epochSeconds: $when[0], nanosecond: $when[1]}) AS when
UNWIND $ids AS id
MATCH (:Person {id: id})-[w:WORKS_AT]->(c:Company)
WHERE (w.started_at IS NULL OR w.started_at <= when) AND (w.ended_at IS NULL OR when < w.ended_at)
RETURN id AS person, c.id AS company, [w.started_at.epochSeconds, w.started_at.nanosecond] AS started_at
