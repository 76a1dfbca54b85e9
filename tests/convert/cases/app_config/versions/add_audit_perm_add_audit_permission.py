"""Add the audit permission to existing roles

Revision ID: add_audit_perm
Revises: 607182930415
Create Date: 2025-04-02 11:00:00

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.orm import Session

from deskapp.model import Role

revision = 'add_audit_perm'
down_revision = '607182930415'
branch_labels = None
depends_on = None


def upgrade():
    session = Session(bind=op.get_bind())
    admin = session.query(Role).filter_by(name='Administrators').first()
    if admin:
        admin.permissions = (admin.permissions or '') + ',audit'
    session.commit()


def downgrade():
    pass
