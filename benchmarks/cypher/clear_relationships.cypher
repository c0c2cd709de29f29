// Empty the benchmark database, step 1: every relationship, 50,000 a transaction (deleting
// nodes with their relationships would put all of a busy person's in one transaction).
MATCH ()-[r]->()
CALL (r) {
  DELETE r
} IN TRANSACTIONS OF 50000 ROWS
