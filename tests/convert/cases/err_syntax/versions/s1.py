revision = "s1"
down_revision = None


def upgrade():
    op.create_table("t",
        sa.Column("id", sa.Integer()


def downgrade():
    pass
