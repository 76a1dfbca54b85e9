revision = '2b'
down_revision = '1f2e3d4c5b6a'
depends_on = ['2a']


def upgrade():
    pass


def downgrade():
    pass
