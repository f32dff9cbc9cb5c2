"""Seed API package (the devstack-kit seed example)."""
