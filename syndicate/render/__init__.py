"""Renderers: pure functions from an Issue (and time, passed in) to what a channel publishes."""
