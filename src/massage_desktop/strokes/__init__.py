"""Stroke paths: which way and how far the hand travels on the body diagram, in its coordinates."""
