"""Metrics and evaluation protocols that ``import argmine`` never loads."""
