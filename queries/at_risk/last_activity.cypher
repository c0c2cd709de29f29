// By account of $account_ids: when the latest interaction naming it as its company happened,
// at or before $at, as one record of [account id, epoch seconds] rows.
MATCH (i:Interaction)
WHERE i.company_id IN $account_ids AND i.occurred_at <= $at
WITH i.company_id AS account, max(i.occurred_at) AS latest
RETURN collect([account, latest.epochSeconds + latest.nanosecond / 1000000000.0]) AS rows
