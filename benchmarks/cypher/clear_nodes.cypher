// Empty the benchmark database, step 2: every node, now without relationships, 50,000 a
// transaction; constraints and indexes stay.
MATCH (n)
CALL (n) {
  DELETE n
} IN TRANSACTIONS OF 50000 ROWS
