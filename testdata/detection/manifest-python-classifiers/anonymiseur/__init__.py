"""Replaces the names in court decisions by initials."""
