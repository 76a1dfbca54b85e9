revision = 'i1'
down_revision = None


def upgrade():
        op.drop_table('a')
    op.drop_table('b')
