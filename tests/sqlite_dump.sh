# Sourced: sqlite_dump DB prints a sorted-comparable text form of a SQLite
# database's live catalog (tables, columns with types, nullability and
# defaults, constraints, indexes, foreign keys, views, triggers), finished
# by sqlite_dump.awk. Needs $here (the tests directory) and $SQLITE3.

sqlite_dump() {   # sqlite_dump DB
    "$SQLITE3" -bail -batch -noheader -list "$1" <<'SQL' | awk -f "$here/sqlite_dump.awk"
SELECT 'table ' || name FROM sqlite_schema
 WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\';
SELECT char(1) || 'norm' || char(9)
       || 'column ' || m.name || '.' || p.name || ' ' || upper(p.type)
       || CASE WHEN p."notnull" THEN ' not null' ELSE '' END
       || CASE WHEN p.pk > 0 THEN ' primary key #' || p.pk ELSE '' END
       || CASE WHEN p.dflt_value IS NOT NULL THEN ' default ' ELSE '' END
       || char(9) || coalesce(replace(p.dflt_value, char(10), ' '), '')
  FROM sqlite_schema m, pragma_table_info(m.name) p
 WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\_%' ESCAPE '\';
SELECT CASE WHEN il.origin = 'c' THEN char(1) || 'index' || char(9) ELSE '' END
       || 'index ' || m.name || '.'
       || CASE WHEN il.origin = 'c' THEN il.name
               WHEN il.origin = 'pk' THEN '(primary key)' ELSE '(unique constraint)' END
       || CASE WHEN il."unique" THEN ' unique' ELSE '' END
       || ' (' || (SELECT group_concat(k, ', ') FROM (
              SELECT coalesce(x.name, '<expression>')
                     || CASE WHEN x."desc" THEN ' desc' ELSE '' END
                     || CASE WHEN x.coll <> 'BINARY' THEN ' collate ' || x.coll ELSE '' END AS k
                FROM pragma_index_xinfo(il.name) x WHERE x.key ORDER BY x.seqno)) || ')'
       || CASE WHEN il.partial THEN ' partial' ELSE '' END
       || CASE WHEN il.origin = 'c' THEN ': ' || char(9) || replace(
              (SELECT s.sql FROM sqlite_schema s WHERE s.type = 'index' AND s.name = il.name),
              char(10), ' ') ELSE '' END
  FROM sqlite_schema m, pragma_index_list(m.name) il
 WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\_%' ESCAPE '\';
SELECT 'foreign key ' || t || ' (' || group_concat(c_from, ', ') || ') references ' || ref
       || ' (' || group_concat(c_to, ', ') || ') on update ' || lower(upd)
       || ' on delete ' || lower(del) || CASE WHEN mat <> 'NONE' THEN ' match ' || mat ELSE '' END
  FROM (SELECT m.name AS t, f.id AS id, f."from" AS c_from,
               coalesce(f."to", '<primary key>') AS c_to, f."table" AS ref,
               f.on_update AS upd, f.on_delete AS del, f."match" AS mat
          FROM sqlite_schema m, pragma_foreign_key_list(m.name) f
         WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\_%' ESCAPE '\'
         ORDER BY m.name, f.id, f.seq)
 GROUP BY t, id;
SELECT char(1) || 'table' || char(9) || name || char(9) || replace(sql, char(10), ' ')
  FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\';
SELECT char(1) || 'norm' || char(9) || type || ' ' || name
       || CASE WHEN type = 'trigger' THEN ' on ' || tbl_name ELSE '' END || ': '
       || char(9) || replace(sql, char(10), ' ')
  FROM sqlite_schema WHERE type IN ('view', 'trigger');
SELECT 'object ' || type || ' ' || name FROM sqlite_schema
 WHERE type NOT IN ('table', 'index', 'view', 'trigger');
SQL
    local st=("${PIPESTATUS[@]}")
    [ "${st[0]}" -eq 0 ] && [ "${st[1]}" -eq 0 ]
}
