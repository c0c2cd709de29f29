// The people at one of $levels who work or worked at each company of $account_ids, with
// their employment there, and their KNOWS ties to people who work or worked at $home
// with that employment, as one record of [account, [id, name, title, seniority],
// started_at, ended_at, contacts] rows, each contact [other, tie, started_at, ended_at]
// (times as [epoch seconds, nanoseconds]; one record decodes much faster than many).
UNWIND $account_ids AS account_id
MATCH (p:Person)-[w:WORKS_AT]->(:Company {id: account_id})
WHERE p.seniority IN $levels
RETURN collect([
  account_id, [p.id, p.name, p.title, p.seniority],
  [w.started_at.epochSeconds, w.started_at.nanosecond],
  [w.ended_at.epochSeconds, w.ended_at.nanosecond],
  [(p)-[k:KNOWS]-(o:Person)-[h:WORKS_AT]->(:Company {id: $home})
   | [o.id, [k.weight, k.interactions, k.out_a, k.out_b, k.mutual, k.first, k.last],
      [h.started_at.epochSeconds, h.started_at.nanosecond],
      [h.ended_at.epochSeconds, h.ended_at.nanosecond]]]
]) AS rows
