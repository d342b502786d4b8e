/* migrate.h: the compiled-in schema migrations (generated from sql/ by tools/embed-sql.sh). */
#ifndef KTV_MIGRATE_H
#define KTV_MIGRATE_H

struct migration {
    int version;      /* the file's leading number */
    const char *name; /* file name without .sql */
    const char *sql;  /* the whole file */
};

extern const struct migration migrations[];
extern const int migration_count;

#endif
