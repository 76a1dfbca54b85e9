# Splits the ```sh blocks of a Markdown file into commands, one file each:
# OUT/NNN.sh holds the command and OUT/NNN.fails, when present, the
# message a preceding `# fails: MESSAGE` line says it must fail with.
# A command is one line, plus the lines that a trailing backslash or a
# here-document (<<'EOF') carries on. Other comments and blank lines are
# skipped. Prints the number of commands.
function flush() {
    if (cmd == "") return
    n++
    file = sprintf("%s/%03d.sh", out, n)
    printf "%s\n", cmd > file
    close(file)
    if (fails != "") {
        file = sprintf("%s/%03d.fails", out, n)
        printf "%s\n", fails > file
        close(file)
    }
    cmd = ""; fails = ""; cont = 0; heredoc = ""
}
BEGIN { n = 0; insh = 0; cmd = ""; fails = ""; cont = 0; heredoc = "" }
/^```sh[ \t]*$/ && !insh { insh = 1; next }
/^```/ && insh {
    if (heredoc != "" || cont) { print "unterminated command in a sh block: " cmd > "/dev/stderr"; exit 1 }
    insh = 0; next
}
!insh { next }
heredoc != "" {
    cmd = cmd "\n" $0
    if ($0 == heredoc) flush()
    next
}
cont { cmd = cmd "\n" $0; cont = ($0 ~ /\\$/); if (!cont) flush(); next }
/^[ \t]*$/ { next }
/^[ \t]*# fails: / { sub(/^[ \t]*# fails: /, ""); fails = $0; next }
/^[ \t]*#/ { next }
{
    cmd = $0
    if (match($0, /<<-?'?[A-Za-z_]+'?/)) {
        heredoc = substr($0, RSTART, RLENGTH)
        sub(/^<<-?'?/, "", heredoc)
        sub(/'$/, "", heredoc)
        next
    }
    if ($0 ~ /\\$/) { cont = 1; next }
    flush()
}
END { if (insh) { print "unterminated sh block" > "/dev/stderr"; exit 1 } print n }
