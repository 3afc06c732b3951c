"""Placeholder until the web stage lands."""


def init_app(app):
    pass
