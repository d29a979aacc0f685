from .application import Application

__all__ = ["Application"]
