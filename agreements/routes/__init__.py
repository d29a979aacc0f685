"""One route module per part of agreements, so parts are built and reviewed independently."""
