"""unterminated

Revision ID: u1
"""
revision = 'u1'
down_revision = None


def upgrade():
    op.execute("""
        UPDATE t SET a = 1
    ")
