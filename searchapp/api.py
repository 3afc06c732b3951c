"""Placeholder until the api stage lands."""


def init_app(app):
    pass
