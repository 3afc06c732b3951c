"""Placeholder until the cli stage lands."""


def init_app(app):
    pass
