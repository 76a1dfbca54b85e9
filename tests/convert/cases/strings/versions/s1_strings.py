# -*- coding: utf-8 -*-
r"""Strings in every quoting form: "héllo" \n stays

Revision ID: s1
Revises:
Create Date: 2024-09-01 00:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = u's1'
down_revision = None


def upgrade():
    op.create_table(
        "quotes",  # a comment after an argument
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column('single', sa.String(20), server_default='it\'s'),
        sa.Column("double", sa.String(20), server_default="say \"hi\""),
        sa.Column("escapes", sa.String(20), server_default='tab\there\x21\u00e9'),
        sa.Column("raw", sa.String(20), server_default=r'C:\path\n'),
        sa.Column("joined", sa.String(40), server_default='one ' "two " '''three'''),
        sa.Column("MixedCase", sa.Integer()),
        sa.Column("select", sa.Integer()),
        sa.Column("with space", sa.Integer()),
    )
    op.execute(
        """INSERT INTO quotes (id, single) VALUES (1, 'a\\b')"""
        ''';'''
    )
    op.execute(b"SELECT 1" if False else "SELECT 2")
    op.execute(F'''SELECT 3''')
    op.execute(
        "SELECT "
        \
        "4"
    )


def downgrade():
    op.drop_table("quotes")
