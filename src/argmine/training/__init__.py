"""Corpus readers and training-data builders that ``import argmine`` never loads."""
