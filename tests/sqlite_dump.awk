# Finishes tests/exec_history.sh's SQLite schema dump. Plain lines pass
# through; lines starting with \001 carry SQL text that SQLite stores as it
# was written (or as ALTER TABLE ... RENAME rewrote it), which is reduced to
# its tokens so that quoting, case and layout do not count:
#   \001norm  TAB PREFIX TAB SQL   PREFIX, then the tokens of SQL
#   \001index TAB PREFIX TAB SQL   the same, from after "ON table" on
#   \001table TAB NAME TAB SQL     one line per CONSTRAINT clause (its name,
#                                  kind and, for CHECK, expression) and per
#                                  unnamed CHECK of a CREATE TABLE
# Names are compared without quotes and in lower case, as SQLite compares
# them; string literals keep their case.

# Splits s into tok[1..ntok]: words and quoted names in lower case, string
# literals verbatim, operators and punctuation one token each; comments go.
function tokenize(s,    n, i, j, c, d, q, t) {
    ntok = 0
    n = length(s)
    i = 1
    while (i <= n) {
        c = substr(s, i, 1)
        if (c == " " || c == "\t" || c == "\r" || c == "\n") {
            i++
        } else if (c == "-" && substr(s, i + 1, 1) == "-") {
            while (i <= n && substr(s, i, 1) != "\n") i++
        } else if (c == "/" && substr(s, i + 1, 1) == "*") {
            j = index(substr(s, i + 2), "*/")
            i = j ? i + j + 3 : n + 1
        } else if (c == "'") {
            for (j = i + 1; j <= n; j++) {
                if (substr(s, j, 1) == "'") {
                    if (substr(s, j + 1, 1) != "'") break
                    j++
                }
            }
            tok[++ntok] = substr(s, i, j - i + 1)
            i = j + 1
        } else if (c == "\"" || c == "`" || c == "[") {
            q = (c == "[") ? "]" : c
            t = ""
            for (j = i + 1; j <= n; j++) {
                d = substr(s, j, 1)
                if (d == q) {
                    if (q == "]" || substr(s, j + 1, 1) != q) break
                    j++
                }
                t = t d
            }
            tok[++ntok] = tolower(t)
            i = j + 1
        } else if (c ~ /[0-9]/) {
            for (j = i; j <= n && substr(s, j, 1) ~ /[0-9.]/; j++) ;
            tok[++ntok] = substr(s, i, j - i)
            i = j
        } else if (c ~ /[A-Za-z_$]/ || c > "~") {
            for (j = i; j <= n; j++) {
                d = substr(s, j, 1)
                if (!(d ~ /[A-Za-z0-9_$]/ || d > "~")) break
            }
            tok[++ntok] = tolower(substr(s, i, j - i))
            i = j
        } else {
            d = substr(s, i, 2)
            if (d == "<=" || d == ">=" || d == "<>" || d == "!=" || d == "==" || d == "||" || d == "<<" || d == ">>") {
                tok[++ntok] = d
                i += 2
            } else {
                tok[++ntok] = c
                i++
            }
        }
    }
}

function joined(from, to,    k, r) {
    r = ""
    for (k = from; k <= to; k++) r = r (k > from ? " " : "") tok[k]
    return r
}

# The index of the ")" closing the "(" at tok[k].
function closing(k,    depth) {
    depth = 0
    for (; k <= ntok; k++) {
        if (tok[k] == "(") depth++
        else if (tok[k] == ")" && --depth == 0) return k
    }
    return ntok
}

function table_constraints(table, sql,    k, name, kind, e) {
    tokenize(sql)
    for (k = 1; k <= ntok; k++) {
        if (tok[k] == "constraint" && k + 2 <= ntok) {
            name = tok[k + 1]
            kind = tok[k + 2]
            if (kind == "primary" || kind == "foreign") kind = kind " key"
            if (tok[k + 2] == "check" && tok[k + 3] == "(") {
                e = closing(k + 3)
                print "constraint " table "." name " check " joined(k + 3, e)
                k = e
            } else {
                print "constraint " table "." name " " kind
                k += 2
            }
        } else if (tok[k] == "check" && tok[k + 1] == "(") {
            e = closing(k + 1)
            print "constraint " table ".(unnamed) check " joined(k + 1, e)
            k = e
        }
    }
}

BEGIN { FS = "\t" }

substr($0, 1, 1) != "\001" { print; next }

{
    what = substr($1, 2)
    sql = $3
    for (f = 4; f <= NF; f++) sql = sql "\t" $f
    if (what == "table") {
        table_constraints($2, sql)
    } else if (what == "index") {
        tokenize(sql)
        for (k = 1; k <= ntok && tok[k] != "on"; k++) ;
        print $2 joined(k + 2, ntok)
    } else {
        tokenize(sql)
        print $2 joined(1, ntok)
    }
}
