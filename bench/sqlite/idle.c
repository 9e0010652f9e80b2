/*
** idle.c: a long-running process built on the SQLite amalgamation, for the
** latency benchmark: it keeps an in-memory database and, for every line
** read from stdin, runs a query and prints the answer.  Between lines it
** waits, and the benchmark patches sqlite3.c under it.
*/
#include <stdio.h>

#include "sqlite3.h"

static int print_row(void *unused, int n, char **values, char **names) {
  (void)unused;
  (void)names;
  for (int i = 0; i < n; i++)
    printf("%s%s", i ? " " : "", values[i] ? values[i] : "NULL");
  printf("\n");
  return 0;
}

int main(void) {
  sqlite3 *db;
  char line[256], *err = NULL;
  if (sqlite3_open(":memory:", &db) != SQLITE_OK)
    return 1;
  if (sqlite3_exec(
          db,
          "CREATE TABLE t(x INTEGER, y TEXT);"
          "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 1000)"
          " INSERT INTO t SELECT i, 'row ' || i FROM c;",
          NULL, NULL, &err) != SQLITE_OK) {
    fprintf(stderr, "idle: %s\n", err);
    return 1;
  }
  printf("ready\n");
  fflush(stdout);
  while (fgets(line, sizeof line, stdin)) {
    if (sqlite3_exec(db, "SELECT count(*), sum(x) FROM t", print_row, NULL,
                     &err) != SQLITE_OK) {
      fprintf(stderr, "idle: %s\n", err);
      return 1;
    }
    fflush(stdout);
  }
  sqlite3_close(db);
  return 0;
}
