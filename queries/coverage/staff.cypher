// The people at one of $levels who work or worked at each company of $account_ids, with
// their employment there, and their KNOWS ties to people who work or worked at $home
// with that employment (times as [epoch seconds, nanoseconds]).
UNWIND $account_ids AS account_id
MATCH (p:Person)-[w:WORKS_AT]->(:Company {id: account_id})
WHERE p.seniority IN $levels
RETURN account_id, p {.id, .name, .title, .seniority} AS person,
       [w.started_at.epochSeconds, w.started_at.nanosecond] AS started_at,
       [w.ended_at.epochSeconds, w.ended_at.nanosecond] AS ended_at,
       [(p)-[k:KNOWS]-(o:Person)-[h:WORKS_AT]->(:Company {id: $home})
        | {other: o.id, tie: [k.weight, k.interactions, k.out_a, k.out_b, k.mutual, k.first, k.last],
           started_at: [h.started_at.epochSeconds, h.started_at.nanosecond],
           ended_at: [h.ended_at.epochSeconds, h.ended_at.nanosecond]}]
       AS contacts
