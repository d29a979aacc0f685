"""One route module per part of tracking."""
