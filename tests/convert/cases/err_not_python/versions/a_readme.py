revision 001
revises base
message 'a .mig file, not Python'

upgrade {
    sql $$ select 1 $$;
}
