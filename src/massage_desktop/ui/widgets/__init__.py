"""Small widgets and helpers that the views share."""
