// The names of the people $people, each with every job of theirs as [company, name,
// started_at, ended_at] (times as [epoch seconds, nanoseconds]), and the names of the
// companies $companies, as one record.
CALL () {
  UNWIND $people AS id
  MATCH (p:Person {id: id})
  RETURN collect([p.id, p.name, [(p)-[w:WORKS_AT]->(c:Company) | [
    c.id, c.name,
    [w.started_at.epochSeconds, w.started_at.nanosecond],
    [w.ended_at.epochSeconds, w.ended_at.nanosecond]
  ]]]) AS people
}
CALL () {
  UNWIND $companies AS id
  MATCH (c:Company {id: id})
  RETURN collect([c.id, c.name]) AS companies
}
RETURN people, companies
